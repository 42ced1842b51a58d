package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.FieldErrors;
import io.vertx.ext.web.RoutingContext;

/**
 * The agency id an admin request names, checked against the caller's {@link id.go.bkn.epupns.sapk.Scope}:
 * an ADMIN_INSTANSI its own agency only; ADMIN_BKN (national monitoring) any agency, or all of them
 * when it names none.
 */
final class AdminScope {

  private AdminScope() {
  }

  /** The agency a list is about; null means every agency (ADMIN_BKN only). */
  static Integer readableInstansi(RoutingContext ctx, Caller caller, FieldErrors errors) {
    String text = ctx.queryParams().get("instansiId");
    Integer requested = null;
    if (text != null && !text.isBlank()) {
      try {
        requested = Integer.valueOf(text.trim());
      } catch (NumberFormatException e) {
        errors.add("instansiId", "instansiId harus berupa angka.");
      }
    }
    if (requested != null && !caller.scope().coversAgency(requested)) {
      throw ApiError.forbidden("Anda hanya dapat melihat data instansi Anda sendiri.");
    }
    return caller.scope().listedAgency(requested);
  }

  /** May this caller change settings of this agency? (The routes admit admins only.) */
  static boolean mayManage(Caller caller, int instansiId) {
    return caller.scope().coversAgency(instansiId);
  }

  static int pathId(RoutingContext ctx, String name) {
    try {
      return Integer.parseInt(ctx.pathParam(name));
    } catch (NumberFormatException e) {
      throw ApiError.field(name, name + " harus berupa angka.");
    }
  }
}

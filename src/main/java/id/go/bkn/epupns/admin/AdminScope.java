package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.FieldErrors;
import io.vertx.ext.web.RoutingContext;

/**
 * What an admin may see: an ADMIN_INSTANSI its own agency only; ADMIN_BKN (national monitoring)
 * any agency, or all of them when it names none.
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
    if (caller.role() == Role.ADMIN_BKN) {
      return requested;
    }
    if (requested != null && !requested.equals(caller.instansiId())) {
      throw ApiError.forbidden("Anda hanya dapat melihat data instansi Anda sendiri.");
    }
    return caller.instansiId();
  }

  /** May this caller change settings of this agency? */
  static boolean mayManage(Caller caller, int instansiId) {
    return caller.role() == Role.ADMIN_BKN
        || caller.role() == Role.ADMIN_INSTANSI && Integer.valueOf(instansiId).equals(caller.instansiId());
  }

  static int pathId(RoutingContext ctx, String name) {
    try {
      return Integer.parseInt(ctx.pathParam(name));
    } catch (NumberFormatException e) {
      throw ApiError.field(name, name + " harus berupa angka.");
    }
  }
}

package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.core.http.ApiError;
import io.vertx.ext.web.RoutingContext;

/**
 * Small checks of admin requests: may the caller manage an agency (its {@link id.go.bkn.epupns.sapk.Scope}
 * covers it), a numeric path id. An agency named in the query is read by {@link id.go.bkn.epupns.sapk.RequestedAgency}.
 */
final class AdminScope {

  private AdminScope() {
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

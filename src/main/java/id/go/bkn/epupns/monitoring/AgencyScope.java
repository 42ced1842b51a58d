package id.go.bkn.epupns.monitoring;

import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.sapk.RequestedAgency;
import id.go.bkn.epupns.sapk.Scope;
import io.vertx.ext.web.RoutingContext;

/**
 * The agency a monitoring request is about, from the caller's {@link Scope} ({@link RequestedAgency}): an
 * ADMIN_INSTANSI its own (naming another is 403), ADMIN_BKN the one it names or, when it names none, the
 * whole country. The pages pick the agency by name (GET /api/admin/lookup/instansi?q=) and send its id.
 */
final class AgencyScope {

  private AgencyScope() {
  }

  /** The scope of the request: the caller's agency, the named one, or national (ADMIN_BKN naming none). */
  static Scope of(RoutingContext ctx, Caller caller, String parameter) {
    Integer agency = RequestedAgency.listed(ctx, caller.scope(), parameter);
    return agency == null ? Scope.national() : Scope.agency(agency);
  }

  /** As {@link #of}, but a list needs one agency: ADMIN_BKN must name it. */
  static Scope required(RoutingContext ctx, Caller caller, String parameter) {
    return Scope.agency(RequestedAgency.required(ctx, caller.scope(), parameter));
  }

  /** An optional work unit of the agency (the list's filter). */
  static Integer workUnit(RoutingContext ctx, String parameter) {
    String text = ctx.queryParams().get(parameter);
    if (text == null || text.isBlank()) {
      return null;
    }
    if (!text.trim().matches("[0-9]{1,9}")) {
      throw ApiError.field(parameter, "Pilih satuan kerja dari daftar.");
    }
    return Integer.valueOf(text.trim());
  }
}

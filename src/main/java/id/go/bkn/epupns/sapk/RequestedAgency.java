package id.go.bkn.epupns.sapk;

import id.go.bkn.epupns.core.http.ApiError;
import io.vertx.ext.web.RoutingContext;

/**
 * The agency a request names in a query parameter (instansiId, instansi), checked against the caller's
 * {@link Scope}: one rule for every admin route. Not an id (the pages pick agencies by name and send the
 * id): 400 naming the parameter. Another agency than the scope covers: 403 (naming an agency is asking for it;
 * a thing of another agency named by its own id is the routes' 404).
 */
public final class RequestedAgency {

  static final String NOT_AN_ID = "Pilih instansi dari daftar (ketik sebagian namanya).";
  static final String OUTSIDE = "Anda hanya dapat mengelola dan melihat data instansi Anda sendiri.";

  private RequestedAgency() {
  }

  /** The agency id in the parameter, null when there is none; 400 naming the parameter when it is no id. */
  public static Integer parse(RoutingContext ctx, String parameter) {
    String text = ctx.queryParams().get(parameter);
    if (text == null || text.isBlank()) {
      return null;
    }
    if (!text.strip().matches("[1-9][0-9]{0,8}")) {
      throw ApiError.field(parameter, NOT_AN_ID);
    }
    return Integer.valueOf(text.strip());
  }

  /**
   * The agency a list or lookup is about ({@link Scope#listedAgency}): an agency's scope its own, the national
   * scope the one named or null (every agency). 403 when the named agency is outside the scope.
   */
  public static Integer listed(RoutingContext ctx, Scope scope, String parameter) {
    Integer requested = parse(ctx, parameter);
    if (requested != null && !scope.coversAgency(requested)) {
      throw ApiError.forbidden(OUTSIDE);
    }
    return scope.listedAgency(requested);
  }

  /** As {@link #listed}, where one agency is needed: the national scope must name it (else 400 naming the parameter). */
  public static int required(RoutingContext ctx, Scope scope, String parameter) {
    Integer agency = listed(ctx, scope, parameter);
    if (agency == null) {
      throw ApiError.field(parameter, NOT_AN_ID);
    }
    return agency;
  }
}

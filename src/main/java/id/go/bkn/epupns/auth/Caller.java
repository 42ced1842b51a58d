package id.go.bkn.epupns.auth;

import id.go.bkn.epupns.sapk.Scope;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Who is calling, from a verified token: the account, its NIP, role and {@link Scope} (a work unit
 * for VERIFIER_SKPD, an agency for VERIFIER_BKD and ADMIN_INSTANSI, a BKN office for VERIFIER_BKN,
 * the country for ADMIN_BKN, its own record for a PNS).
 */
public record Caller(long accountId, String nip, Role role, Scope scope, int tokenVersion) {

  static final String CONTEXT_KEY = "caller";

  public Caller {
    if (scope.level() != role.scopeLevel()) {
      throw new IllegalArgumentException(role + " works at " + role.scopeLevel() + ", not " + scope.level());
    }
  }

  /** The caller that {@link AuthGuard} put on the request. */
  public static Caller of(RoutingContext ctx) {
    Caller caller = ctx.get(CONTEXT_KEY);
    if (caller == null) {
      throw new IllegalStateException("route is not behind AuthGuard");
    }
    return caller;
  }

  JsonObject claims() {
    JsonObject claims = new JsonObject()
        .put("sub", Long.toString(accountId))
        .put("nip", nip)
        .put("role", role.name())
        .put("ver", tokenVersion);
    if (scope.level() != Scope.Level.NATIONAL) {
      claims.put("scope", scope.id());
    }
    return claims;
  }

  static Caller fromClaims(JsonObject claims) {
    Role role = Role.valueOf(claims.getString("role"));
    Integer id = role.scopeLevel() == Scope.Level.NATIONAL ? Integer.valueOf(0) : claims.getInteger("scope");
    if (id == null) {
      throw new IllegalArgumentException("token without scope");
    }
    return new Caller(Long.parseLong(claims.getString("sub")), claims.getString("nip"), role,
        new Scope(role.scopeLevel(), id), claims.getInteger("ver", 0));
  }
}

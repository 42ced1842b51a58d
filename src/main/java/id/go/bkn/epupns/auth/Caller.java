package id.go.bkn.epupns.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Who is calling, from a verified token: the account, its NIP, role and scope (work unit for
 * VERIFIER_SKPD, agency for VERIFIER_BKD and ADMIN_INSTANSI, BKN office for VERIFIER_BKN).
 */
public record Caller(long accountId, String nip, Role role, Integer satuanKerjaId, Integer instansiId,
                     Integer kanregId, int tokenVersion) {

  static final String CONTEXT_KEY = "caller";

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
    if (satuanKerjaId != null) {
      claims.put("satker", satuanKerjaId);
    }
    if (instansiId != null) {
      claims.put("instansi", instansiId);
    }
    if (kanregId != null) {
      claims.put("kanreg", kanregId);
    }
    return claims;
  }

  static Caller fromClaims(JsonObject claims) {
    return new Caller(Long.parseLong(claims.getString("sub")), claims.getString("nip"),
        Role.valueOf(claims.getString("role")), claims.getInteger("satker"), claims.getInteger("instansi"),
        claims.getInteger("kanreg"), claims.getInteger("ver", 0));
  }
}

package id.go.bkn.epupns.auth;

import id.go.bkn.epupns.core.http.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.EnumSet;
import java.util.Set;

/**
 * Guards a route: a valid access token of one of the given roles, whose account is still usable
 * with the same role, scope and token version, and whose session is still open. Account and session
 * are read (one query) on every request, so a disabled account, a changed role, a reset
 * registration, a logout or a reused refresh token stops its tokens at once.
 */
public final class AuthGuard {

  private final AuthTokens tokens;
  private final AccountStore accounts;

  AuthGuard(AuthTokens tokens, AccountStore accounts) {
    this.tokens = tokens;
    this.accounts = accounts;
  }

  /** The administrators' routes: an agency's admin (answers are scoped to the agency) and BKN's (national). */
  public Handler<RoutingContext> admins() {
    return require(Role.ADMIN_INSTANSI, Role.ADMIN_BKN);
  }

  public Handler<RoutingContext> require(Role first, Role... more) {
    Set<Role> allowed = EnumSet.of(first, more);
    return ctx -> {
      String token = bearer(ctx);
      if (token == null) {
        ctx.fail(ApiError.unauthorized("Silakan masuk (login) terlebih dahulu."));
        return;
      }
      tokens.verify(token, AuthTokens.ACCESS)
          .recover(e -> Future.failedFuture(expired()))
          .compose(this::current)
          .onSuccess(caller -> {
            if (!allowed.contains(caller.role())) {
              ctx.fail(ApiError.forbidden("Peran Anda tidak berhak membuka halaman ini."));
              return;
            }
            ctx.put(Caller.CONTEXT_KEY, caller);
            ctx.next();
          })
          .onFailure(ctx::fail);
    };
  }

  /** The caller as the database has it now, if the token (and its session) still speaks for it. */
  Future<Caller> current(AuthTokens.Claimed token) {
    Caller claimed = token.caller();
    Future<AccountStore.Account> account = claimed.role() == Role.PNS
        ? accounts.pnsById(claimed.accountId(), token.sessionId())
        : accounts.officerById(claimed.accountId(), token.sessionId());
    return account.compose(found -> {
      if (found == null || !found.usable() || !found.sessionLive() || !sameAuthority(claimed, found.caller())) {
        return Future.failedFuture(expired());
      }
      return Future.succeededFuture(found.caller());
    });
  }

  private static boolean sameAuthority(Caller claimed, Caller now) {
    return claimed.role() == now.role()
        && claimed.tokenVersion() == now.tokenVersion()
        && claimed.nip().equals(now.nip())
        && claimed.scope().equals(now.scope());
  }

  private static ApiError expired() {
    return new ApiError(401, "SESSION_EXPIRED", "Sesi Anda sudah berakhir atau tidak berlaku. Silakan masuk kembali.");
  }

  static String bearer(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = header.substring(7).trim();
    return token.isEmpty() ? null : token;
  }
}

package id.go.bkn.epupns.auth;

import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.redis.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Guards a route: a valid access token of one of the given roles, whose account is still usable
 * with the same role, scope and token version, and whose session is still open. Account and session
 * are read (one query) on every request, so a disabled account, a changed role, a reset
 * registration, a logout or a reused refresh token stops its tokens at once.
 *
 * <p>Some routes (the lists) may also be opened by a download link ({@link #downloadLink}): a browser saves a
 * plain link's answer to disk as it streams, but cannot send the Authorization header with it. The link's token
 * (query parameter {@value #LINK_PARAMETER}, last) is an opaque random id: URLs end up in proxies' logs and the
 * browser's history, so the link names nobody. Under that id Redis keeps a JWT signed like the access tokens,
 * naming the officer, the session and the exact path and query; it lives jwt.downloadLinkSeconds and opens one
 * request (taken when used). Redis down: asking for a link is refused on the page; a link handed out just
 * before answers 503 to the browser's download. The account and session are checked as for a Bearer call, so a
 * removed officer's link stops at once.
 */
public final class AuthGuard {

  /** The download link's query parameter: always the last one, so the signed path and query are all before it. */
  public static final String LINK_PARAMETER = "unduh";
  private static final String SESSION_KEY = "session";
  /** A link's signed token, kept under its id while the link lives ("used" once it has opened its request). */
  private static final String LOOKUP = "return redis.call('GET', KEYS[1])";
  /** Takes a link: 1 when this request is the first to use it (its token is still the one kept). */
  private static final String TAKE = """
      if redis.call('GET', KEYS[1]) == ARGV[2] then redis.call('SET', KEYS[1], 'used', 'EX', ARGV[1]) return 1 end
      return 0""";
  private static final String USED = "used";
  private static final Pattern LINK_ID = Pattern.compile("[A-Za-z0-9_-]{22}");

  private final AuthTokens tokens;
  private final AccountStore accounts;
  private final RedisStore redis;

  AuthGuard(AuthTokens tokens, AccountStore accounts, RedisStore redis) {
    this.tokens = tokens;
    this.accounts = accounts;
    this.redis = redis;
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
          .compose(claimed -> current(claimed).onSuccess(caller -> ctx.put(SESSION_KEY, claimed.sessionId())))
          .onSuccess(caller -> {
            if (!allowed.contains(caller.role())) {
              ctx.fail(wrongRole());
              return;
            }
            ctx.put(Caller.CONTEXT_KEY, caller);
            ctx.next();
          })
          .onFailure(ctx::fail);
    };
  }

  /** As {@link #admins}, also opened by a download link. */
  public Handler<RoutingContext> adminsOrLink() {
    return requireOrLink(Role.ADMIN_INSTANSI, Role.ADMIN_BKN);
  }

  /** As {@link #require}; without an Authorization header, a download link for this very request also opens it. */
  public Handler<RoutingContext> requireOrLink(Role first, Role... more) {
    Handler<RoutingContext> bearer = require(first, more);
    Set<Role> allowed = EnumSet.of(first, more);
    return ctx -> {
      String query = ctx.request().query();
      int at = query == null ? -1 : linkStart(query);
      if (bearer(ctx) != null || at < 0) {
        bearer.handle(ctx);
        return;
      }
      String id = query.substring(at + LINK_PARAMETER.length() + 1);
      String rest = at == 0 ? "" : query.substring(0, at - 1);
      String target = ctx.normalizedPath() + (rest.isEmpty() ? "" : "?" + rest);
      if (!LINK_ID.matcher(id).matches()) {
        ctx.fail(linkInvalid());
        return;
      }
      String key = redis.key("download", id);
      redis.eval(LOOKUP, List.of(key), List.of())
          .compose(kept -> {
            if (kept == null) {
              return Future.failedFuture(linkInvalid()); // never made, or long expired
            }
            if (USED.equals(kept.toString())) {
              return Future.failedFuture(linkUsed());
            }
            String token = kept.toString();
            return tokens.verify(token, AuthTokens.DOWNLOAD)
                .recover(e -> Future.failedFuture(linkInvalid()))
                .compose(claimed -> {
                  // Another path or query does not use the link up: it stays for the request it was made for.
                  if (!target.equals(claimed.target()) || !id.equals(claimed.tokenId())) {
                    return Future.failedFuture(linkInvalid());
                  }
                  return current(claimed);
                })
                .compose(caller -> {
                  if (!allowed.contains(caller.role())) {
                    return Future.failedFuture(wrongRole());
                  }
                  return redis.eval(TAKE, List.of(key), List.of(Integer.toString(keptSeconds()), token))
                      .compose(taken -> taken != null && taken.toInteger() == 1 ? Future.succeededFuture(caller)
                          : Future.failedFuture(linkUsed()));
                });
          })
          .onSuccess(caller -> {
            ctx.put(Caller.CONTEXT_KEY, caller);
            ctx.next();
          })
          .onFailure(ctx::fail);
    };
  }

  /** Where the link parameter starts in the query: its last parameter, else -1. */
  private static int linkStart(String query) {
    String name = LINK_PARAMETER + "=";
    if (query.startsWith(name)) {
      return query.indexOf('&') < 0 ? 0 : -1;
    }
    int at = query.lastIndexOf("&" + name);
    return at < 0 || query.indexOf('&', at + 1) >= 0 ? -1 : at + 1;
  }

  /**
   * A download link for the caller of this (Bearer) request: {@code target} (path and query) with the token as
   * its last parameter, valid for one GET within jwt.downloadLinkSeconds, for as long as this session lasts.
   */
  public Future<String> downloadLink(RoutingContext ctx, String target) {
    UUID session = ctx.get(SESSION_KEY);
    if (session == null) {
      throw new IllegalStateException("route is not behind AuthGuard.require");
    }
    String id = tokens.newTokenId();
    return redis.setWithExpiry(redis.key("download", id), tokens.download(Caller.of(ctx), session, id, target), keptSeconds())
        .map(v -> target + (target.indexOf('?') < 0 ? "?" : "&") + LINK_PARAMETER + "=" + id);
  }

  /** A link's id outlives its token (and the verifier's leeway), so that it is never usable twice. */
  private int keptSeconds() {
    return tokens.downloadSeconds() + 60;
  }

  private static ApiError linkUsed() {
    return new ApiError(410, "DOWNLOAD_LINK_USED", "Tautan unduhan ini sudah dipakai. Klik tombol unduh di halaman sekali lagi.");
  }

  private static ApiError wrongRole() {
    return ApiError.forbidden("Peran Anda tidak berhak membuka halaman ini.");
  }

  private static ApiError linkInvalid() {
    return new ApiError(401, "DOWNLOAD_LINK_INVALID",
        "Tautan unduhan tidak berlaku atau sudah kedaluwarsa. Klik tombol unduh di halaman sekali lagi.");
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

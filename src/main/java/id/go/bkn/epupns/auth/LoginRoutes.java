package id.go.bkn.epupns.auth;

import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.ClientIp;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.core.http.FieldErrors;
import id.go.bkn.epupns.core.http.JsonBodies;
import id.go.bkn.epupns.ratelimit.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * POST /api/auth/login (PNS by registration number, officers by NIP), POST /api/auth/refresh,
 * POST /api/auth/logout, GET /api/auth/me. A wrong username and a wrong password get the same answer.
 *
 * <p>Each login opens a session ({@link SessionStore}) that ends at logout, when an old refresh
 * token of it is used again (the whole session ends: someone holds a copy), or at its absolute end
 * (jwt.sessionMaxSeconds), whatever the refreshes. Every refresh answers a new refresh token and
 * retires the one used.
 *
 * <p>Checks, cheapest first, and never a lock-out by strangers: the IP's own limit
 * (rateLimit.login.perIp, every attempt); the (account, IP) pair's delay after its own failures
 * ({@link LoginThrottle}); then, only for a client that has failed on this account itself, the
 * account-wide soft delay and rateLimit.login.perAccount. A clean client's right password is never
 * refused because of other clients' failures. A throttled attempt gets the very same 401 as a
 * wrong password, without its password being checked.
 */
public final class LoginRoutes implements Feature {

  static final int MAX_PASSWORD = 128;
  static final int MAX_USERNAME = 64;

  private final AuthTokens tokens;
  private final AccountStore accounts;
  private final PasswordHasher hasher;
  private final AuthGuard guard;
  private final RateLimiter limiter;
  private final LoginThrottle throttle;
  private final ClientIp clientIp;
  private final SessionStore sessions;
  private final Counter failures;
  private final Counter throttled;
  private final Counter reused;

  LoginRoutes(AuthTokens tokens, AccountStore accounts, PasswordHasher hasher, AuthGuard guard,
              RateLimiter limiter, LoginThrottle throttle, ClientIp clientIp, SessionStore sessions,
              MeterRegistry registry) {
    this.tokens = tokens;
    this.accounts = accounts;
    this.hasher = hasher;
    this.guard = guard;
    this.limiter = limiter;
    this.throttle = throttle;
    this.clientIp = clientIp;
    this.sessions = sessions;
    this.failures = Counter.builder("epupns_login_failures")
        .description("Logins refused for a wrong username or password").register(registry);
    this.throttled = Counter.builder("epupns_login_throttled")
        .description("Logins refused unchecked because the account or IP is waiting after failures")
        .register(registry);
    this.reused = Counter.builder("epupns_refresh_token_reused")
        .description("Sessions ended because an old refresh token was used again").register(registry);
  }

  @Override
  public void mount(Router router) {
    router.post("/api/auth/login").handler(this::login);
    router.post("/api/auth/refresh").handler(this::refresh);
    router.post("/api/auth/logout").handler(this::logout);
    router.get("/api/auth/me").handler(guard.require(Role.PNS, Role.VERIFIER_SKPD, Role.VERIFIER_BKD, Role.VERIFIER_BKN, Role.ADMIN_INSTANSI, Role.ADMIN_BKN)).handler(this::me);
  }

  private void login(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    String username = JsonBodies.text(body, "username");
    String password = JsonBodies.raw(body, "password");
    FieldErrors errors = new FieldErrors();
    if (username == null) {
      errors.add("username", "Isi nomor registrasi (PNS) atau NIP (petugas).");
    } else if (username.length() > MAX_USERNAME) {
      errors.add("username", "Nomor registrasi atau NIP terlalu panjang.");
    }
    if (password == null || password.isEmpty()) {
      errors.add("password", "Kata sandi wajib diisi.");
    } else if (password.length() > MAX_PASSWORD) {
      errors.add("password", "Kata sandi paling banyak 128 karakter.");
    }
    errors.throwIfAny();
    String normalized = username.toUpperCase().replace(" ", "").replace("-", "");
    String registrationNumber = accounts.canonicalNumber(normalized);
    // Throttle and limit on the account as typed (canonical), whether or not it exists, so that
    // the answers tell nothing about which accounts exist.
    String accountKey = registrationNumber != null ? registrationNumber : normalized;
    String ip = clientIp.of(ctx);
    limiter.check("login", RateLimiter.Subject.IP, ip)
        .compose(v -> throttle.state(accountKey, ip))
        .compose(state -> {
          if (state.pairWait() > 0 || state.accountWait() > 0) {
            throttled.increment();
            return Future.failedFuture(wrongCredentials());
          }
          if (state.clean()) {
            return authenticate(normalized, registrationNumber, password);
          }
          return limiter.check("login", RateLimiter.Subject.ACCOUNT, accountKey)
              .compose(v -> authenticate(normalized, registrationNumber, password));
        })
        .compose(found -> {
          if (found == null || (!found.usable() && !found.awaitingApproval())) {
            failures.increment();
            return throttle.failed(accountKey, ip).compose(v -> Future.failedFuture(wrongCredentials()));
          }
          return throttle.succeeded(accountKey, ip).map(v -> found);
        })
        .onSuccess(found -> {
          if (found.awaitingApproval()) {
            ctx.fail(new ApiError(403, "NOT_YET_APPROVED",
                "Pendaftaran Anda belum disetujui. Serahkan tanda bukti registrasi ke bagian kepegawaian "
                    + "instansi Anda, lalu coba lagi setelah disetujui."));
            return;
          }
          Caller caller = found.caller();
          UUID session = UUID.randomUUID();
          String tokenId = tokens.newTokenId();
          sessions.create(session, caller, tokenId)
              .onSuccess(ends -> answer(ctx, caller, session, tokenId, ends))
              .onFailure(ctx::fail);
        })
        .onFailure(ctx::fail);
  }

  /** The account whose password matches, or null; a missing account costs the same hashing time. */
  private Future<AccountStore.Account> authenticate(String normalized, String registrationNumber, String password) {
    Future<AccountStore.Account> account;
    if (normalized.matches("\\d{18}")) {
      account = accounts.officerByNip(normalized);
    } else if (registrationNumber != null) {
      account = accounts.pnsByRegistrationNumber(registrationNumber);
    } else {
      account = Future.succeededFuture(null);
    }
    // An officer who has not set a password yet (appointed, link not used) costs the same time too.
    return account.compose(found -> found == null || found.passwordHash() == null
        ? hasher.verifyDecoy(password).map(x -> (AccountStore.Account) null)
        : hasher.verify(password, found.passwordHash()).map(ok -> ok ? found : null));
  }

  static ApiError wrongCredentials() {
    return new ApiError(401, "WRONG_CREDENTIALS", "Nomor registrasi/NIP atau kata sandi salah. "
        + "Jika Anda yakin sudah benar, tunggu beberapa saat lalu coba lagi.");
  }

  private static ApiError sessionEnded() {
    return new ApiError(401, "SESSION_EXPIRED", "Sesi Anda sudah berakhir. Silakan masuk kembali.");
  }

  /**
   * A new access token and a new refresh token for a current refresh token. The one used is retired:
   * presenting it (or any older one of the session) again ends the whole session.
   */
  private void refresh(RoutingContext ctx) {
    String refreshToken = JsonBodies.text(JsonBodies.object(ctx), "refreshToken");
    if (refreshToken == null) {
      throw ApiError.field("refreshToken", "Isian refreshToken (token sesi) wajib diisi.");
    }
    tokens.verify(refreshToken, AuthTokens.REFRESH)
        .recover(e -> Future.failedFuture(sessionEnded()))
        .compose(claimed -> {
          String next = tokens.newTokenId();
          return sessions.rotate(claimed.sessionId(), claimed.tokenId(), next).compose(rotation -> {
            if (!rotation.rotated()) {
              if (rotation.reused()) {
                reused.increment();
                return Future.failedFuture(new ApiError(401, "SESSION_EXPIRED", "Sesi Anda diakhiri karena token "
                    + "sesinya sudah pernah dipakai (mungkin disalin orang lain). Silakan masuk kembali."));
              }
              return Future.failedFuture(sessionEnded());
            }
            return guard.current(claimed).map(caller -> {
              answer(ctx, caller, claimed.sessionId(), next, rotation.expiresAt());
              return null;
            });
          });
        })
        .onFailure(ctx::fail);
  }

  /**
   * Ends the session of the refresh token in the body and/or of the access token in Authorization
   * (an access token that has expired cannot be checked, so pages send the refresh token too).
   * 204 whether or not the session was still open: the client is signed out either way.
   */
  private void logout(RoutingContext ctx) {
    String refreshToken = ctx.body() == null || ctx.body().length() == 0 ? null
        : JsonBodies.text(JsonBodies.object(ctx), "refreshToken");
    String accessToken = AuthGuard.bearer(ctx);
    if (refreshToken == null && accessToken == null) {
      throw ApiError.field("refreshToken", "Isian refreshToken (token sesi) wajib diisi.");
    }
    Future<UUID> fromRefresh = refreshToken == null ? Future.succeededFuture()
        : tokens.verify(refreshToken, AuthTokens.REFRESH).map(AuthTokens.Claimed::sessionId).otherwiseEmpty();
    Future<UUID> fromAccess = accessToken == null ? Future.succeededFuture()
        : tokens.verify(accessToken, AuthTokens.ACCESS).map(AuthTokens.Claimed::sessionId).otherwiseEmpty();
    Future.all(fromRefresh, fromAccess)
        .compose(both -> {
          Set<UUID> ended = new HashSet<>();
          if (fromRefresh.result() != null) {
            ended.add(fromRefresh.result());
          }
          if (fromAccess.result() != null) {
            ended.add(fromAccess.result());
          }
          return Future.all(ended.stream().map(sessions::end).toList());
        })
        .onSuccess(v -> ctx.response().setStatusCode(204).putHeader("Cache-Control", "no-store").end())
        .onFailure(ctx::fail);
  }

  private void answer(RoutingContext ctx, Caller caller, UUID session, String refreshTokenId, OffsetDateTime ends) {
    ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
        .end(new JsonObject()
            .put("token", tokens.access(caller, session, ends))
            .put("refreshToken", tokens.refresh(caller, session, refreshTokenId, ends))
            .put("role", caller.role().name())
            .put("expiresIn", tokens.accessSeconds(ends))
            .put("sessionExpiresAt", ends.toInstant().toString())
            .encode());
  }

  /**
   * Who is signed in: NIP, role, the scope ids (as the token carries them) and, for the pages,
   * the name and the scope's names ({@code satuanKerja}, {@code instansi}, {@code kanreg}: {id, nama}
   * or null).
   */
  private void me(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    accounts.profile(caller)
        .onSuccess(profile -> {
          ctx.response().putHeader("Cache-Control", "no-store");
          ctx.json(new JsonObject().put("nip", caller.nip()).put("role", caller.role().name())
              .put("satuanKerjaId", caller.scope().satuanKerjaId()).put("instansiId", caller.scope().instansiId())
              .put("kanregId", caller.scope().kanregId())
              .mergeIn(profile));
        })
        .onFailure(ctx::fail);
  }
}

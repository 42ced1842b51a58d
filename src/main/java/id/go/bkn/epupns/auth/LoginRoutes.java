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

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * POST /api/auth/login (PNS by registration number, officers by NIP), POST /api/auth/refresh,
 * GET /api/auth/me. A wrong username and a wrong password get the same answer.
 * Logins are rate limited per IP and per account (rateLimit.login) and failures are throttled with
 * growing delays ({@link LoginThrottle}); a throttled attempt gets the very same 401 as a wrong
 * password, without its password being checked.
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
  private final Counter failures;
  private final Counter throttled;

  LoginRoutes(AuthTokens tokens, AccountStore accounts, PasswordHasher hasher, AuthGuard guard,
              RateLimiter limiter, LoginThrottle throttle, ClientIp clientIp, MeterRegistry registry) {
    this.tokens = tokens;
    this.accounts = accounts;
    this.hasher = hasher;
    this.guard = guard;
    this.limiter = limiter;
    this.throttle = throttle;
    this.clientIp = clientIp;
    this.failures = Counter.builder("epupns_login_failures")
        .description("Logins refused for a wrong username or password").register(registry);
    this.throttled = Counter.builder("epupns_login_throttled")
        .description("Logins refused unchecked because the account or IP is waiting after failures")
        .register(registry);
  }

  @Override
  public void mount(Router router) {
    router.post("/api/auth/login").handler(this::login);
    router.post("/api/auth/refresh").handler(this::refresh);
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
    Map<RateLimiter.Subject, String> subjects = new LinkedHashMap<>();
    subjects.put(RateLimiter.Subject.IP, ip);
    subjects.put(RateLimiter.Subject.ACCOUNT, accountKey);
    limiter.check("login", subjects)
        .compose(v -> throttle.waitSeconds(accountKey, ip))
        .compose(wait -> {
          if (wait > 0) {
            throttled.increment();
            return Future.failedFuture(wrongCredentials());
          }
          return authenticate(normalized, registrationNumber, password);
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
          answer(ctx, found.caller());
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
    return account.compose(found -> found == null
        ? hasher.verifyDecoy(password).map(x -> (AccountStore.Account) null)
        : hasher.verify(password, found.passwordHash()).map(ok -> ok ? found : null));
  }

  static ApiError wrongCredentials() {
    return new ApiError(401, "WRONG_CREDENTIALS", "Nomor registrasi/NIP atau kata sandi salah. "
        + "Jika Anda yakin sudah benar, tunggu beberapa saat lalu coba lagi.");
  }

  private void refresh(RoutingContext ctx) {
    String refreshToken = JsonBodies.text(JsonBodies.object(ctx), "refreshToken");
    if (refreshToken == null) {
      throw ApiError.field("refreshToken", "Isian refreshToken (token sesi) wajib diisi.");
    }
    tokens.verify(refreshToken, AuthTokens.REFRESH)
        .recover(e -> Future.failedFuture(new ApiError(401, "SESSION_EXPIRED",
            "Sesi Anda sudah berakhir. Silakan masuk kembali.")))
        .compose(guard::current)
        .onSuccess(caller -> answer(ctx, caller))
        .onFailure(ctx::fail);
  }

  private void answer(RoutingContext ctx, Caller caller) {
    ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
        .end(new JsonObject()
            .put("token", tokens.access(caller))
            .put("refreshToken", tokens.refresh(caller))
            .put("role", caller.role().name())
            .put("expiresIn", tokens.accessSeconds())
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

package id.go.bkn.epupns.auth;

import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.core.http.FieldErrors;
import id.go.bkn.epupns.core.http.JsonBodies;
import id.go.bkn.epupns.registration.RegistrationNumbers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * POST /api/auth/login (PNS by registration number, officers by NIP), POST /api/auth/refresh,
 * GET /api/auth/me. A wrong username and a wrong password get the same answer.
 */
public final class LoginRoutes implements Feature {

  static final int MAX_PASSWORD = 128;

  private final AuthTokens tokens;
  private final AccountStore accounts;
  private final PasswordHasher hasher;
  private final AuthGuard guard;

  LoginRoutes(AuthTokens tokens, AccountStore accounts, PasswordHasher hasher, AuthGuard guard) {
    this.tokens = tokens;
    this.accounts = accounts;
    this.hasher = hasher;
    this.guard = guard;
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
    String password = body.getValue("password") instanceof String s ? s : null;
    FieldErrors errors = new FieldErrors();
    if (username == null) {
      errors.add("username", "Isi nomor registrasi (PNS) atau NIP (petugas).");
    }
    if (password == null || password.isEmpty()) {
      errors.add("password", "Kata sandi wajib diisi.");
    } else if (password.length() > MAX_PASSWORD) {
      errors.add("password", "Kata sandi paling banyak 128 karakter.");
    }
    errors.throwIfAny();
    String normalized = username.toUpperCase().replace(" ", "").replace("-", "");
    String registrationNumber = RegistrationNumbers.canonical(normalized);
    Future<AccountStore.Account> account;
    if (normalized.matches("\\d{18}")) {
      account = accounts.officerByNip(normalized);
    } else if (registrationNumber != null) {
      account = accounts.pnsByRegistrationNumber(registrationNumber);
    } else {
      account = Future.succeededFuture(null);
    }
    account
        .compose(found -> found == null
            ? hasher.verifyDecoy(password).map(x -> (AccountStore.Account) null)
            : hasher.verify(password, found.passwordHash()).map(ok -> ok ? found : null))
        .onSuccess(found -> {
          if (found == null || (!found.usable() && !found.awaitingApproval())) {
            ctx.fail(wrongCredentials());
            return;
          }
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

  static ApiError wrongCredentials() {
    return new ApiError(401, "WRONG_CREDENTIALS", "Nomor registrasi/NIP atau kata sandi salah.");
  }

  private void refresh(RoutingContext ctx) {
    String refreshToken = JsonBodies.text(JsonBodies.object(ctx), "refreshToken");
    if (refreshToken == null) {
      throw ApiError.field("refreshToken", "refreshToken wajib diisi.");
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

  private void me(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    ctx.json(new JsonObject().put("nip", caller.nip()).put("role", caller.role().name())
        .put("satuanKerjaId", caller.satuanKerjaId()).put("instansiId", caller.instansiId())
        .put("kanregId", caller.kanregId()));
  }
}

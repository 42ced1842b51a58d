package id.go.bkn.epupns.registration;

import id.go.bkn.epupns.auth.PasswordHasher;
import id.go.bkn.epupns.captcha.CaptchaVerifier;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.ClientIp;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.core.http.FieldErrors;
import id.go.bkn.epupns.core.http.JsonBodies;
import id.go.bkn.epupns.mail.LinkTokens;
import id.go.bkn.epupns.mail.MailOutbox;
import id.go.bkn.epupns.mail.MailSecrets;
import id.go.bkn.epupns.ratelimit.FailureBudget;
import id.go.bkn.epupns.ratelimit.RateLimiter;
import id.go.bkn.epupns.ratelimit.RateLimiter.Subject;
import id.go.bkn.epupns.sapk.Nip;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;

import java.util.Map;

/**
 * Recovery (SPEC 4.2). The security question and the mother's maiden name only ever show the
 * registration number or the answer, never reset a password or log anyone in; the password is
 * reset only through a single-use link mailed to the registered address. Every step is behind a
 * captcha, and each flow has its own limits (rateLimit.recoveryNumber, recoveryAnswer,
 * passwordReset): per IP for every request; per NIP only for wrong answers behind a solved captcha,
 * refusing only the clients that gave them ({@link FailureBudget}), so nobody can block a PNS's
 * recovery by trying it for them. Every successful use is mailed to the registered address.
 */
final class RecoveryRoutes implements Feature {

  private static final String RESET_ACCEPTED = "Bila NIP tersebut terdaftar, tautan untuk mengatur ulang kata sandi "
      + "telah dikirim ke alamat email yang didaftarkan. Periksa kotak masuk (dan folder spam) Anda.";
  /** The flows, each with its own limits. */
  static final String NUMBER = "recoveryNumber";
  static final String ANSWER = "recoveryAnswer";
  static final String RESET = "passwordReset";

  private final RegistrationStore store;
  private final PersonalSecrets secrets;
  private final PasswordPolicy passwords;
  private final ProofSigner proofs;
  private final PasswordHasher hasher;
  private final CaptchaVerifier captcha;
  private final RateLimiter limiter;
  private final FailureBudget budget;
  private final MailSecrets mailSecrets;
  private final ClientIp clientIp;
  private final String baseUrl;
  private final int resetMinutes;

  RecoveryRoutes(RegistrationStore store, PersonalSecrets secrets, PasswordPolicy passwords, ProofSigner proofs,
                 PasswordHasher hasher, CaptchaVerifier captcha, RateLimiter limiter, FailureBudget budget,
                 MailSecrets mailSecrets, ClientIp clientIp, String baseUrl, int resetMinutes) {
    this.store = store;
    this.secrets = secrets;
    this.passwords = passwords;
    this.proofs = proofs;
    this.hasher = hasher;
    this.captcha = captcha;
    this.limiter = limiter;
    this.budget = budget;
    this.mailSecrets = mailSecrets;
    this.clientIp = clientIp;
    this.baseUrl = baseUrl;
    this.resetMinutes = resetMinutes;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/recovery/registration-number").handler(this::registrationNumber);
    router.post("/api/recovery/security-answer").handler(this::securityAnswer);
    router.post("/api/recovery/password-reset").handler(this::passwordReset);
    router.post("/api/recovery/password-reset/confirm")
        .handler(new SetPasswordByLink(store.pool(), passwords, hasher, limiter, clientIp).handler(new ResetLinks()));
  }

  /**
   * A NIP, the captcha and the other fields, validated together; then the flow's limit for this IP,
   * the NIP's failure budget (when the step can fail: refuses only a client that failed on it
   * itself), the captcha, and the registration.
   */
  private Future<RegistrationStore.Active> guarded(RoutingContext ctx, JsonObject body, FieldErrors errors,
                                                   String action, boolean canFail) {
    Nip.Result nip = Nip.parse(JsonBodies.text(body, "nip"));
    if (!nip.valid()) {
      errors.add("nip", nip.error());
    }
    String captchaId = JsonBodies.text(body, CaptchaVerifier.ID_FIELD);
    String captchaAnswer = JsonBodies.text(body, CaptchaVerifier.ANSWER_FIELD);
    RegistrationForm.captcha(captchaId, captchaAnswer, errors);
    errors.throwIfAny();
    String value = nip.get().value();
    String ip = clientIp.of(ctx);
    Future<Void> checked = limiter.check(action, Subject.IP, ip);
    if (canFail) {
      checked = checked.compose(v -> budget.admit(action, Subject.NIP, value, ip));
    }
    return checked.compose(v -> captcha.consume(captchaId, captchaAnswer)).compose(v -> store.active(value));
  }

  /** A wrong answer: spends the NIP's failure budget for this client, then the 422. */
  private Future<JsonObject> failedAttempt(RoutingContext ctx, String action, String nip, ApiError error) {
    return budget.failed(action, Subject.NIP, nip, clientIp.of(ctx)).compose(v -> Future.failedFuture(error));
  }

  private static ApiError notRegistered() {
    return new ApiError(404, "NOT_REGISTERED", "NIP ini belum terdaftar (atau pendaftarannya sudah direset/ditolak). "
        + "Silakan mendaftar.").with("registerUrl", "/daftar.html");
  }

  private void registrationNumber(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    // {nip, captcha} asks for the question; {nip, answer, captcha} answers it.
    boolean answering = body.containsKey("answer");
    FieldErrors errors = new FieldErrors();
    String answer = JsonBodies.text(body, "answer");
    if (answering && answer == null) {
      errors.add("answer", "Jawaban pertanyaan keamanan wajib diisi.");
    } else if (answer != null && answer.length() > RegistrationForm.ANSWER_MAX) {
      errors.add("answer", "Jawaban paling banyak " + RegistrationForm.ANSWER_MAX + " karakter.");
    }
    guarded(ctx, body, errors, NUMBER, answering)
        .compose(found -> {
          if (found == null) {
            return Future.failedFuture(notRegistered());
          }
          if (!answering) {
            return Future.succeededFuture(new JsonObject().put("question", found.securityQuestion()));
          }
          String stored = secrets.decryptAnswer(found.securityAnswerEnc(), found.nip());
          if (!PersonalSecrets.sameAnswer(answer, stored)) {
            return failedAttempt(ctx, NUMBER, found.nip(), wrong("ANSWER_WRONG", "answer",
                "Jawaban pertanyaan keamanan salah. Bila lupa, gunakan \"Lupa jawaban\"."));
          }
          Notices.Mail mail = Notices.numberRecovered(found.nama(), found.nip());
          return MailOutbox.enqueue(store.pool(), found.email(), mail.subject(), mail.body())
              .map(v -> new JsonObject()
                  .put("registrationNumber", found.registrationNumber())
                  .put("proofUrl", proofs.freshLink(found.registrationNumber())));
        })
        .onSuccess(json -> answer(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void securityAnswer(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    FieldErrors errors = new FieldErrors();
    String mother = JsonBodies.text(body, "motherName");
    if (mother == null) {
      errors.add("motherName", "Nama gadis ibu kandung wajib diisi.");
    } else if (mother.length() > RegistrationForm.MOTHER_MAX) {
      errors.add("motherName", "Nama gadis ibu kandung paling banyak " + RegistrationForm.MOTHER_MAX + " karakter.");
    }
    guarded(ctx, body, errors, ANSWER, true)
        .compose(found -> {
          if (found == null) {
            return Future.failedFuture(notRegistered());
          }
          if (!secrets.motherNameMatches(mother, found.motherNameHash())) {
            return failedAttempt(ctx, ANSWER, found.nip(), wrong("MOTHER_NAME_WRONG", "motherName",
                "Nama gadis ibu kandung tidak sesuai dengan yang didaftarkan."));
          }
          Notices.Mail mail = Notices.answerRecovered(found.nama(), found.nip());
          return MailOutbox.enqueue(store.pool(), found.email(), mail.subject(), mail.body())
              .map(v -> new JsonObject()
                  .put("question", found.securityQuestion())
                  .put("answer", secrets.decryptAnswer(found.securityAnswerEnc(), found.nip())));
        })
        .onSuccess(json -> answer(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void passwordReset(RoutingContext ctx) {
    guarded(ctx, JsonBodies.object(ctx), new FieldErrors(), RESET, false)
        .compose(found -> {
          if (found == null) {
            // Same answer as for a registered NIP: the reset flow tells nobody who is registered.
            return Future.<Void>succeededFuture();
          }
          // At most rateLimit.passwordReset.perNip links a window per NIP, so nobody floods a PNS's
          // mailbox. Beyond it the same 202 and no new mail: the links already sent still work, so
          // the owner is never locked out by someone asking for them.
          return limiter.check(RESET, Subject.NIP, found.nip())
              .compose(v -> sendResetLink(found), e -> e instanceof ApiError api && api.status() == 429
                  ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(e));
        })
        .onSuccess(v -> answer(ctx, 202, new JsonObject().put("message", RESET_ACCEPTED)))
        .onFailure(ctx::fail);
  }

  /** A new single-use link: only its hash is stored, and the mail keeps the token sealed (MailSecrets). */
  private Future<Void> sendResetLink(RegistrationStore.Active found) {
    String token = LinkTokens.newToken();
    Notices.Mail mail = Notices.resetRequested(found.nip(),
        baseUrl + "/reset-sandi.html?token=" + MailOutbox.SECRET, resetMinutes);
    return store.pool().withTransaction(tx -> RegistrationStore.insertReset(tx, found.id(), LinkTokens.sha256(token), resetMinutes)
        .compose(v -> MailOutbox.enqueueWithSecret(tx, mailSecrets, found.email(), mail.subject(), mail.body(), token)));
  }

  /** The reset link's kind of the one set-password flow ({@link SetPasswordByLink}). */
  private final class ResetLinks implements SetPasswordByLink.Kind<RegistrationStore.ResetToken> {
    @Override
    public Future<RegistrationStore.ResetToken> find(byte[] tokenHash) {
      return store.resetToken(tokenHash);
    }

    @Override
    public Future<Boolean> use(SqlClient tx, RegistrationStore.ResetToken link) {
      return RegistrationStore.useReset(tx, link.id());
    }

    @Override
    public Future<?> setPassword(SqlClient tx, RegistrationStore.ResetToken link, String hash) {
      Notices.Mail mail = Notices.passwordChanged(link.nip());
      return RegistrationStore.setPassword(tx, link.registrationId(), hash)
          .compose(set -> MailOutbox.enqueue(tx, link.email(), mail.subject(), mail.body()))
          .compose(v -> SecurityNotice.enqueue(tx, link.email(), link.sapkEmail(), SecurityNotice.Change.PASSWORD_CHANGED));
    }

    @Override
    public String incompleteToken() {
      return "Tautan atur ulang kata sandi tidak lengkap. Buka lagi tautan dari email Anda.";
    }

    @Override
    public ApiError unknown() {
      return new ApiError(400, "RESET_TOKEN_INVALID", "Tautan atur ulang kata sandi tidak "
          + "dikenal. Minta tautan baru melalui \"Lupa kata sandi\".");
    }

    @Override
    public ApiError spent() {
      return new ApiError(410, "RESET_TOKEN_USED", "Tautan atur ulang kata sandi ini sudah dipakai. Minta tautan baru "
          + "melalui \"Lupa kata sandi\" bila perlu.");
    }

    @Override
    public ApiError expired() {
      return new ApiError(410, "RESET_TOKEN_EXPIRED", "Tautan atur ulang kata sandi sudah "
          + "kedaluwarsa. Minta tautan baru melalui \"Lupa kata sandi\".");
    }

    @Override
    public String done() {
      return "Kata sandi telah diganti. Silakan masuk dengan kata sandi baru.";
    }
  }

  private static ApiError wrong(String code, String field, String message) {
    return new ApiError(422, code, message, Map.of(field, message));
  }


  private static void answer(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Cache-Control", "no-store");
    ctx.json(body);
  }
}

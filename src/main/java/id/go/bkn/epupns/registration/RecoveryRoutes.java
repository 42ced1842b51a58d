package id.go.bkn.epupns.registration;

import id.go.bkn.epupns.auth.PasswordHasher;
import id.go.bkn.epupns.captcha.CaptchaVerifier;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.ClientIp;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.core.http.FieldErrors;
import id.go.bkn.epupns.core.http.JsonBodies;
import id.go.bkn.epupns.mail.MailOutbox;
import id.go.bkn.epupns.ratelimit.RateLimiter;
import id.go.bkn.epupns.sapk.Nip;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Recovery (SPEC 4.2). The security question and the mother's maiden name only ever show the
 * registration number or the answer, never reset a password or log anyone in; the password is
 * reset only through a single-use link mailed to the registered address. Every step is rate
 * limited (action recovery, per IP and NIP) and, except the question step, behind a captcha;
 * every successful use is mailed to the registered address.
 */
final class RecoveryRoutes implements Feature {

  private static final String RESET_ACCEPTED = "Bila NIP tersebut terdaftar, tautan untuk mengatur ulang kata sandi "
      + "telah dikirim ke alamat email yang didaftarkan. Periksa kotak masuk (dan folder spam) Anda.";
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

  private final RegistrationStore store;
  private final PersonalSecrets secrets;
  private final PasswordPolicy passwords;
  private final ProofSigner proofs;
  private final PasswordHasher hasher;
  private final CaptchaVerifier captcha;
  private final RateLimiter limiter;
  private final ClientIp clientIp;
  private final String baseUrl;
  private final int resetMinutes;
  private final SecureRandom random = new SecureRandom();

  RecoveryRoutes(RegistrationStore store, PersonalSecrets secrets, PasswordPolicy passwords, ProofSigner proofs,
                 PasswordHasher hasher, CaptchaVerifier captcha, RateLimiter limiter, ClientIp clientIp,
                 String baseUrl, int resetMinutes) {
    this.store = store;
    this.secrets = secrets;
    this.passwords = passwords;
    this.proofs = proofs;
    this.hasher = hasher;
    this.captcha = captcha;
    this.limiter = limiter;
    this.clientIp = clientIp;
    this.baseUrl = baseUrl;
    this.resetMinutes = resetMinutes;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/recovery/registration-number").handler(this::registrationNumber);
    router.post("/api/recovery/security-answer").handler(this::securityAnswer);
    router.post("/api/recovery/password-reset").handler(this::passwordReset);
    router.post("/api/recovery/password-reset/confirm").handler(this::confirmReset);
  }

  /** A NIP, and the other fields, validated together; then the rate limit and (when asked) the captcha. */
  private Future<RegistrationStore.Active> guarded(RoutingContext ctx, JsonObject body, FieldErrors errors,
                                                   boolean withCaptcha) {
    Nip.Result nip = Nip.parse(JsonBodies.text(body, "nip"));
    if (!nip.valid()) {
      errors.add("nip", nip.error());
    }
    String captchaId = JsonBodies.text(body, CaptchaVerifier.ID_FIELD);
    String captchaAnswer = JsonBodies.text(body, CaptchaVerifier.ANSWER_FIELD);
    if (withCaptcha) {
      RegistrationForm.captcha(captchaId, captchaAnswer, errors);
    }
    errors.throwIfAny();
    String value = nip.get().value();
    Future<Void> checked = limiter.check("recovery", RegistrationRoutes.ipAndNip(clientIp.of(ctx), value));
    if (withCaptcha) {
      checked = checked.compose(v -> captcha.consume(captchaId, captchaAnswer));
    }
    return checked.compose(v -> store.active(value));
  }

  private static ApiError notRegistered() {
    return new ApiError(404, "NOT_REGISTERED", "NIP ini belum terdaftar (atau pendaftarannya sudah direset/ditolak). "
        + "Silakan mendaftar.").with("registerUrl", "/daftar.html");
  }

  private void registrationNumber(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    boolean answering = body.containsKey("answer") || body.containsKey(CaptchaVerifier.ID_FIELD)
        || body.containsKey(CaptchaVerifier.ANSWER_FIELD);
    FieldErrors errors = new FieldErrors();
    String answer = JsonBodies.text(body, "answer");
    if (answering && answer == null) {
      errors.add("answer", "Jawaban pertanyaan keamanan wajib diisi.");
    } else if (answer != null && answer.length() > RegistrationForm.ANSWER_MAX) {
      errors.add("answer", "Jawaban paling banyak " + RegistrationForm.ANSWER_MAX + " karakter.");
    }
    guarded(ctx, body, errors, answering)
        .compose(found -> {
          if (found == null) {
            return Future.failedFuture(notRegistered());
          }
          if (!answering) {
            return Future.succeededFuture(new JsonObject().put("question", found.securityQuestion()));
          }
          String stored = secrets.decryptAnswer(found.securityAnswerEnc(), found.nip());
          if (!PersonalSecrets.sameAnswer(answer, stored)) {
            return Future.failedFuture(wrong("ANSWER_WRONG", "answer",
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
    guarded(ctx, body, errors, true)
        .compose(found -> {
          if (found == null) {
            return Future.failedFuture(notRegistered());
          }
          if (!secrets.motherNameMatches(mother, found.motherNameHash())) {
            return Future.failedFuture(wrong("MOTHER_NAME_WRONG", "motherName",
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
    guarded(ctx, JsonBodies.object(ctx), new FieldErrors(), true)
        .compose(found -> {
          if (found == null) {
            // Same answer as for a registered NIP: the reset flow tells nobody who is registered.
            return Future.<Void>succeededFuture();
          }
          String token = newToken();
          Notices.Mail mail = Notices.resetRequested(found.nip(),
              baseUrl + "/reset-sandi.html?token=" + token, resetMinutes);
          return store.pool().withTransaction(tx -> RegistrationStore.insertReset(tx, found.id(), sha256(token),
                  resetMinutes)
              .compose(v -> MailOutbox.enqueue(tx, found.email(), mail.subject(), mail.body())));
        })
        .onSuccess(v -> answer(ctx, 202, new JsonObject().put("message", RESET_ACCEPTED)))
        .onFailure(ctx::fail);
  }

  private void confirmReset(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    FieldErrors errors = new FieldErrors();
    String token = JsonBodies.text(body, "token");
    if (token == null || !TOKEN.matcher(token).matches()) {
      errors.add("token", "Tautan atur ulang kata sandi tidak lengkap. Buka lagi tautan dari email Anda.");
    }
    String password = RegistrationForm.raw(body, "password");
    passwords.check(password, RegistrationForm.raw(body, "passwordConfirmation"), null, errors, "password",
        "passwordConfirmation");
    errors.throwIfAny();
    limiter.check("recovery", RateLimiter.Subject.IP, clientIp.of(ctx))
        .compose(v -> store.resetToken(sha256(token)))
        .compose(found -> {
          if (found == null) {
            return Future.failedFuture(new ApiError(400, "RESET_TOKEN_INVALID", "Tautan atur ulang kata sandi tidak "
                + "dikenal. Minta tautan baru melalui \"Lupa kata sandi\"."));
          }
          if (found.used() || !found.status().active()) {
            return Future.failedFuture(tokenUsed());
          }
          if (found.expired()) {
            return Future.failedFuture(new ApiError(410, "RESET_TOKEN_EXPIRED", "Tautan atur ulang kata sandi sudah "
                + "kedaluwarsa. Minta tautan baru melalui \"Lupa kata sandi\"."));
          }
          if (password.contains(found.nip())) {
            return Future.failedFuture(ApiError.field("password", "Kata sandi tidak boleh memuat NIP Anda."));
          }
          Notices.Mail mail = Notices.passwordChanged(found.nip());
          return hasher.hash(password).compose(hash -> store.pool().withTransaction(tx ->
              RegistrationStore.useReset(tx, found.id()).compose(used -> used
                  ? RegistrationStore.setPassword(tx, found.registrationId(), hash)
                      .compose(set -> MailOutbox.enqueue(tx, found.email(), mail.subject(), mail.body()))
                  : Future.failedFuture(tokenUsed()))));
        })
        .onSuccess(v -> answer(ctx, 200, new JsonObject().put("message",
            "Kata sandi telah diganti. Silakan masuk dengan kata sandi baru.")))
        .onFailure(ctx::fail);
  }

  private static ApiError tokenUsed() {
    return new ApiError(410, "RESET_TOKEN_USED", "Tautan atur ulang kata sandi ini sudah dipakai. Minta tautan baru "
        + "melalui \"Lupa kata sandi\" bila perlu.");
  }

  private static ApiError wrong(String code, String field, String message) {
    return new ApiError(422, code, message, Map.of(field, message));
  }

  private String newToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void answer(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Cache-Control", "no-store");
    ctx.json(body);
  }
}

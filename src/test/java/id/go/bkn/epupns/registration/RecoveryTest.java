package id.go.bkn.epupns.registration;

import id.go.bkn.epupns.testing.Poll;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.SapkFixture.Person;
import id.go.bkn.epupns.testing.FakeSmtp;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.sqlclient.Row;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recovery (SPEC 4.2): forgotten number, forgotten answer, password reset by mailed link; each use mailed.
 * Mails are delivered to a small SMTP server, the only place a reset link can be read.
 */
class RecoveryTest {

  static RegistrationSteps steps;
  static TestService service;
  static SapkFixture sapk;
  static FakeSmtp smtp;

  @BeforeAll
  static void start() {
    steps = RegistrationSteps.withMail(RecoveryTest.class, Map.of(
        "EPUPNS_RATE_LIMIT_RECOVERY_NUMBER_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_RECOVERY_ANSWER_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_PASSWORD_RESET_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_PROOF_PER_IP", "100000"));
    service = steps.service();
    sapk = steps.sapk();
    smtp = steps.smtp();
  }

  @AfterAll
  static void stop() {
    steps.close();
  }

  /**
   * The reset link as the PNS receives it. The outbox row only ever holds a placeholder where the
   * token goes, and once the mail is sent not even the sealed token.
   */
  private String mailedResetToken(Person person) {
    FakeSmtp.Message mail = smtp.await(m -> m.recipients().contains(RegistrationSteps.email(person))
        && m.text().contains("reset-sandi.html?token="), "with a reset link");
    Matcher link = Pattern.compile("/reset-sandi\\.html\\?token=([A-Za-z0-9_-]{43})").matcher(mail.text());
    assertTrue(link.find(), mail.text());
    String token = link.group(1);
    Row row = sentResetMail(person);
    assertNull(row.getBuffer("secret_enc"), "the sealed token is erased once sent");
    assertFalse(row.getString("body").contains(token), "the token is never in the stored text");
    assertTrue(row.getString("body").contains("reset-sandi.html?token={{rahasia}}"), row.getString("body"));
    assertEquals(0, service.sql("select count(*) as n from mail_outbox where body like $1 or encode(secret_enc, 'escape') like $1",
        "%" + token + "%").iterator().next().getLong("n"));
    return token;
  }

  /** The newest reset mail's row, once the sender has marked it sent (it commits just after SMTP's answer). */
  private Row sentResetMail(Person person) {
    return Poll.until("the reset mail marked sent", Duration.ofSeconds(30),
        () -> service.sql("select body, secret_enc, sent_at from mail_outbox where recipient = $1"
            + " and subject like '%atur ulang%' order by id desc limit 1", RegistrationSteps.email(person)).iterator().next(),
        row -> row.getValue("sent_at") != null);
  }

  private HttpResponse<Buffer> post(String path, JsonObject body) {
    return service.post(path, body);
  }

  @Test
  void forgottenNumberAsksTheQuestionThenShowsTheNumberAndAFreshProofLink() {
    Person person = sapk.pns(SapkFixture.SATKER_BKN, true);
    String number = steps.registered(person).getString("registrationNumber");

    HttpResponse<Buffer> question = post("/api/recovery/registration-number", new JsonObject().put("nip", person.nip())
        .mergeIn(steps.solvedCaptcha()));
    assertEquals(200, question.statusCode(), question.bodyAsString());
    assertEquals(new JsonObject().put("question", RegistrationSteps.QUESTION), question.bodyAsJsonObject());

    HttpResponse<Buffer> wrong = post("/api/recovery/registration-number", new JsonObject().put("nip", person.nip())
        .put("answer", "SD Negeri 4").mergeIn(steps.solvedCaptcha()));
    assertEquals(422, wrong.statusCode());
    assertEquals("ANSWER_WRONG", wrong.bodyAsJsonObject().getString("error"));
    assertEquals(0, steps.mails(RegistrationSteps.email(person), "nomor registrasi Anda ditampilkan"));

    HttpResponse<Buffer> noCaptcha = post("/api/recovery/registration-number", new JsonObject().put("nip", person.nip())
        .put("answer", RegistrationSteps.ANSWER));
    assertEquals(400, noCaptcha.statusCode());
    assertTrue(noCaptcha.bodyAsJsonObject().getJsonObject("fields").containsKey("captchaAnswer"));

    // Compared normalised: case, spaces and accents do not matter.
    HttpResponse<Buffer> right = post("/api/recovery/registration-number", new JsonObject().put("nip", person.nip())
        .put("answer", "  sd negeri 3   CIBEUNYÍNG ").mergeIn(steps.solvedCaptcha()));
    assertEquals(200, right.statusCode(), right.bodyAsString());
    assertEquals(number, right.bodyAsJsonObject().getString("registrationNumber"));
    assertEquals(200, service.get(right.bodyAsJsonObject().getString("proofUrl")).statusCode());
    assertEquals(1, steps.mails(RegistrationSteps.email(person), "nomor registrasi Anda ditampilkan"));
  }

  @Test
  void forgottenAnswerNeedsTheMothersMaidenName() {
    Person person = sapk.pns(SapkFixture.SATKER_BKN, false);
    steps.registered(person);
    HttpResponse<Buffer> wrong = post("/api/recovery/security-answer", new JsonObject().put("nip", person.nip())
        .put("motherName", "Dewi Lestari").mergeIn(steps.solvedCaptcha()));
    assertEquals(422, wrong.statusCode());
    assertEquals("MOTHER_NAME_WRONG", wrong.bodyAsJsonObject().getString("error"));
    HttpResponse<Buffer> right = post("/api/recovery/security-answer", new JsonObject().put("nip", person.nip())
        .put("motherName", "siti  NURHAYATI").mergeIn(steps.solvedCaptcha()));
    assertEquals(200, right.statusCode(), right.bodyAsString());
    assertEquals(RegistrationSteps.ANSWER, right.bodyAsJsonObject().getString("answer"));
    assertEquals(1, steps.mails(RegistrationSteps.email(person), "jawaban pertanyaan keamanan"));
    // The mother's name never logs anyone in nor resets a password: there is no such route.
    assertFalse(right.bodyAsJsonObject().containsKey("token"));
    assertFalse(right.bodyAsJsonObject().containsKey("registrationNumber"));
  }

  @Test
  void recoveryOfAnUnregisteredNipSaysSo() {
    Person person = sapk.pns(SapkFixture.SATKER_BKN, false);
    HttpResponse<Buffer> response = post("/api/recovery/registration-number", new JsonObject().put("nip", person.nip())
        .mergeIn(steps.solvedCaptcha()));
    assertEquals(404, response.statusCode());
    assertEquals("NOT_REGISTERED", response.bodyAsJsonObject().getString("error"));
    assertEquals(400, post("/api/recovery/registration-number", new JsonObject().put("nip", "1")
        .mergeIn(steps.solvedCaptcha())).statusCode());
  }

  @Test
  void passwordResetByMailedSingleUseLinkEndsOldSessions() {
    Person person = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, true);
    String number = steps.registered(person).getString("registrationNumber");
    HttpResponse<Buffer> login = steps.login(number, RegistrationSteps.PASSWORD);
    assertEquals(200, login.statusCode(), login.bodyAsString());
    String oldToken = login.bodyAsJsonObject().getString("token");
    assertEquals(200, service.get("/api/auth/me", oldToken).statusCode());

    // Same answer for a registered and an unregistered NIP: nobody learns who is registered.
    HttpResponse<Buffer> requested = post("/api/recovery/password-reset", new JsonObject().put("nip", person.nip())
        .mergeIn(steps.solvedCaptcha()));
    Person stranger = sapk.pns(SapkFixture.SATKER_BKN, false);
    HttpResponse<Buffer> strangers = post("/api/recovery/password-reset", new JsonObject().put("nip", stranger.nip())
        .mergeIn(steps.solvedCaptcha()));
    assertEquals(202, requested.statusCode(), requested.bodyAsString());
    assertEquals(202, strangers.statusCode());
    assertEquals(requested.bodyAsJsonObject(), strangers.bodyAsJsonObject());

    String token = mailedResetToken(person);
    // One instruction for someone who did not ask: ignore it (nothing changes unless the link is opened).
    String mail = sentResetMail(person).getString("body");
    assertTrue(mail.contains("Bila Anda tidak memintanya, abaikan saja email ini"), mail);
    assertFalse(mail.contains("hubungi"), "no second, contradicting instruction: " + mail);
    // Only the token's hash is stored.
    assertEquals(0, service.sql("select count(*) as n from password_reset where encode(token_hash, 'escape') like $1",
        "%" + token + "%").iterator().next().getLong("n"));

    JsonObject weak = new JsonObject().put("token", token).put("password", "password123")
        .put("passwordConfirmation", "password123");
    assertEquals(400, post("/api/recovery/password-reset/confirm", weak).statusCode());
    JsonObject withNip = new JsonObject().put("token", token).put("password", "baru-" + person.nip())
        .put("passwordConfirmation", "baru-" + person.nip());
    assertTrue(post("/api/recovery/password-reset/confirm", withNip).bodyAsJsonObject().getJsonObject("fields")
        .getString("password").contains("NIP"));

    String newPassword = "nasi goreng kambing pedas";
    JsonObject confirm = new JsonObject().put("token", token).put("password", newPassword)
        .put("passwordConfirmation", newPassword);
    HttpResponse<Buffer> changed = post("/api/recovery/password-reset/confirm", confirm);
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    assertEquals(401, service.get("/api/auth/me", oldToken).statusCode(), "old sessions end");
    assertEquals(401, steps.login(number, RegistrationSteps.PASSWORD).statusCode());
    assertEquals(200, steps.login(number, newPassword).statusCode());
    assertEquals(1, steps.mails(RegistrationSteps.email(person), "kata sandi Anda telah diganti"));

    HttpResponse<Buffer> reused = post("/api/recovery/password-reset/confirm", confirm.copy().put("password", "lagi lagi lagi lagi")
        .put("passwordConfirmation", "lagi lagi lagi lagi"));
    assertEquals(410, reused.statusCode());
    assertEquals("RESET_TOKEN_USED", reused.bodyAsJsonObject().getString("error"));
    assertEquals(200, steps.login(number, newPassword).statusCode());

    HttpResponse<Buffer> unknown = post("/api/recovery/password-reset/confirm", confirm.copy()
        .put("token", "A".repeat(43)));
    assertEquals(400, unknown.statusCode());
    assertEquals("RESET_TOKEN_INVALID", unknown.bodyAsJsonObject().getString("error"));
  }

  @Test
  void anExpiredResetLinkIsRefused() {
    Person person = sapk.pns(SapkFixture.SATKER_BKN, true);
    steps.registered(person);
    assertEquals(202, post("/api/recovery/password-reset", new JsonObject().put("nip", person.nip())
        .mergeIn(steps.solvedCaptcha())).statusCode());
    String token = mailedResetToken(person);
    service.sql("""
        update password_reset set expires_at = now() - interval '1 minute'
         where registration_id = (select id from registration where nip = $1)""", person.nip());
    HttpResponse<Buffer> expired = post("/api/recovery/password-reset/confirm", new JsonObject()
        .put("token", token).put("password", "teh manis hangat sekali").put("passwordConfirmation",
            "teh manis hangat sekali"));
    assertEquals(410, expired.statusCode());
    assertEquals("RESET_TOKEN_EXPIRED", expired.bodyAsJsonObject().getString("error"));
    assertNotNull(expired.bodyAsJsonObject().getString("message"));
  }
}

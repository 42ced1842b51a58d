package id.go.bkn.epupns.ratelimit;

import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.SapkFixture.Person;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static id.go.bkn.epupns.testing.TestService.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lock-outs of issue 8 item 1, replayed with the shipped limits: a stranger's requests for
 * someone else's account or NIP must not lock its owner out. Per-account and per-NIP budgets are
 * spent only by requests that passed the cheap checks (format, the IP's own limit, the captcha), and
 * hold only the clients that failed themselves; the owner, from a clean client, gets in.
 * Each actor has its own client IP (trusted X-Forwarded-For).
 */
class NoLockoutTest {

  static final String PASSWORD = "kopi tubruk di pagi hari";
  static final String QUESTION = "Apa nama sekolah dasar pertama Anda?";
  static final String ANSWER = "SD Negeri 3 Cibeunying";
  static final String ATTACKER = "203.0.113.66";

  static TestService service;
  static SapkFixture sapk;
  static int ips = 1;

  @BeforeAll
  static void start() {
    // Shipped limits, except the captcha images, which this test fetches by the dozen from one address.
    service = TestService.start(NoLockoutTest.class, Map.of(
        "EPUPNS_HTTP_TRUSTED_CLIENT_IP_HEADER", "X-Forwarded-For",
        "EPUPNS_CAPTCHA_EXPOSE_ANSWER", "true",
        "EPUPNS_RATE_LIMIT_CAPTCHA_PER_IP", "100000"), false);
    sapk = new SapkFixture(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static String ownerIp() {
    return "198.51.100." + ips++;
  }

  private static HttpResponse<Buffer> post(String path, JsonObject body, String ip) {
    return await(service.http().post(path).putHeader("X-Forwarded-For", ip).sendJsonObject(body));
  }

  private static JsonObject solvedCaptcha() {
    JsonObject captcha = service.post("/api/captcha", new JsonObject()).bodyAsJsonObject();
    return new JsonObject().put("captchaId", captcha.getString("id")).put("captchaAnswer", captcha.getString("answer"));
  }

  private static JsonObject bogusCaptcha() {
    return new JsonObject().put("captchaId", "x".repeat(22)).put("captchaAnswer", "AAAAA");
  }

  private static JsonObject registration(Person person, String nik) {
    return new JsonObject().put("nip", person.nip()).put("nik", nik)
        .put("email", "pns" + person.nip() + "@example.go.id").put("password", PASSWORD)
        .put("passwordConfirmation", PASSWORD).put("motherName", "Siti Nurhayati")
        .put("securityQuestion", QUESTION).put("securityAnswer", ANSWER);
  }

  /** A NIK that agrees with the NIP (birth date, sex) but is not the one SAPK holds. */
  private static String madeUpNik(Person person) {
    return person.nik().substring(0, 12) + "9876";
  }

  private static String registered(Person person) {
    HttpResponse<Buffer> created = post("/api/registrations",
        registration(person, person.nik()).mergeIn(solvedCaptcha()), ownerIp());
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject().getString("registrationNumber");
  }

  private static HttpResponse<Buffer> login(String username, String password, String ip) {
    return post("/api/auth/login", new JsonObject().put("username", username).put("password", password), ip);
  }

  @Test
  void wrongLoginsFromOneIpDoNotLockFourOfficersOut() {
    List<String> officers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      officers.add(sapk.officer("VERIFIER_SKPD", SapkFixture.SATKER_BKN).nip());
    }
    // 84 wrong logins from one IP, round robin over the four officer NIPs (their login names).
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 84; i++) {
      statuses.add(login(officers.get(i % 4), "tebakan-" + i, ATTACKER).statusCode());
    }
    assertTrue(statuses.stream().allMatch(s -> s == 401 || s == 429), statuses.toString());
    assertEquals(429, statuses.get(83), "the attacker's own IP limit holds it");
    // Each officer, from their own desk, with the right password: in at once.
    for (String nip : officers) {
      HttpResponse<Buffer> in = login(nip, SapkFixture.OFFICER_PASSWORD, ownerIp());
      assertEquals(200, in.statusCode(), in.bodyAsString());
    }
    // The attacker is still held, for every one of those accounts.
    assertEquals(429, login(officers.get(0), SapkFixture.OFFICER_PASSWORD, ATTACKER).statusCode());
  }

  @Test
  void registrationsWithABogusCaptchaForAVictimNipDoNotBlockTheRealPns() {
    Person victim = sapk.pns(SapkFixture.SATKER_BKN, false);
    String attacker = "203.0.113.70";
    for (int i = 0; i < 5; i++) {
      HttpResponse<Buffer> refused = post("/api/registrations",
          registration(victim, madeUpNik(victim)).mergeIn(bogusCaptcha()), attacker);
      assertEquals(422, refused.statusCode(), refused.bodyAsString());
    }
    HttpResponse<Buffer> real = post("/api/registrations",
        registration(victim, victim.nik()).mergeIn(solvedCaptcha()), ownerIp());
    assertEquals(201, real.statusCode(), real.bodyAsString());
  }

  @Test
  void wrongNiksBehindSolvedCaptchasHoldTheGuesserNotTheOwner() {
    Person victim = sapk.pns(SapkFixture.SATKER_BKN, true);
    String attacker = "203.0.113.71";
    for (int i = 0; i < 5; i++) {
      HttpResponse<Buffer> wrong = post("/api/registrations",
          registration(victim, madeUpNik(victim)).mergeIn(solvedCaptcha()), attacker);
      assertEquals(400, wrong.statusCode(), wrong.bodyAsString());
      assertTrue(wrong.bodyAsJsonObject().getJsonObject("fields").containsKey("nik"));
    }
    // The NIP's budget (5 wrong NIKs) is spent: the guesser waits, even with its captcha solved ...
    HttpResponse<Buffer> held = post("/api/registrations",
        registration(victim, madeUpNik(victim)).mergeIn(solvedCaptcha()), attacker);
    assertEquals(429, held.statusCode(), held.bodyAsString());
    assertTrue(held.bodyAsJsonObject().getString("message").contains("sekitar 10 menit"), held.bodyAsString());
    // ... while the PNS, who never gave a wrong NIK, registers.
    HttpResponse<Buffer> real = post("/api/registrations",
        registration(victim, victim.nik()).mergeIn(solvedCaptcha()), ownerIp());
    assertEquals(201, real.statusCode(), real.bodyAsString());
  }

  @Test
  void recoveryQuestionCallsByAStrangerDoNotBlockTheNip() {
    Person victim = sapk.pns(SapkFixture.SATKER_BKN, false);
    String number = registered(victim);
    String attacker = "203.0.113.72";
    // The question step is behind the captcha now: without one, or with a bogus one, nothing is told.
    for (int i = 0; i < 5; i++) {
      HttpResponse<Buffer> bare = post("/api/recovery/registration-number", new JsonObject().put("nip", victim.nip()),
          attacker);
      assertEquals(400, bare.statusCode(), bare.bodyAsString());
      assertTrue(bare.bodyAsJsonObject().getJsonObject("fields").containsKey("captchaAnswer"));
      assertFalse(bare.bodyAsString().contains(QUESTION));
      HttpResponse<Buffer> bogus = post("/api/recovery/registration-number",
          new JsonObject().put("nip", victim.nip()).mergeIn(bogusCaptcha()), attacker);
      assertEquals(422, bogus.statusCode(), bogus.bodyAsString());
      assertFalse(bogus.bodyAsString().contains(QUESTION));
    }
    String owner = ownerIp();
    HttpResponse<Buffer> question = post("/api/recovery/registration-number",
        new JsonObject().put("nip", victim.nip()).mergeIn(solvedCaptcha()), owner);
    assertEquals(200, question.statusCode(), question.bodyAsString());
    assertEquals(QUESTION, question.bodyAsJsonObject().getString("question"));
    HttpResponse<Buffer> answered = post("/api/recovery/registration-number",
        new JsonObject().put("nip", victim.nip()).put("answer", ANSWER).mergeIn(solvedCaptcha()), owner);
    assertEquals(200, answered.statusCode(), answered.bodyAsString());
    assertEquals(number, answered.bodyAsJsonObject().getString("registrationNumber"));
  }

  @Test
  void wrongAnswersHoldTheGuesserNotTheOwner() {
    Person victim = sapk.pns(SapkFixture.SATKER_BKN, true);
    String number = registered(victim);
    String attacker = "203.0.113.73";
    for (int i = 0; i < 5; i++) {
      HttpResponse<Buffer> wrong = post("/api/recovery/registration-number",
          new JsonObject().put("nip", victim.nip()).put("answer", "tebakan " + i).mergeIn(solvedCaptcha()), attacker);
      assertEquals(422, wrong.statusCode(), wrong.bodyAsString());
    }
    HttpResponse<Buffer> held = post("/api/recovery/registration-number",
        new JsonObject().put("nip", victim.nip()).put("answer", ANSWER).mergeIn(solvedCaptcha()), attacker);
    assertEquals(429, held.statusCode(), "the guesser waits even with the right answer: " + held.bodyAsString());
    HttpResponse<Buffer> owner = post("/api/recovery/registration-number",
        new JsonObject().put("nip", victim.nip()).put("answer", ANSWER).mergeIn(solvedCaptcha()), ownerIp());
    assertEquals(200, owner.statusCode(), owner.bodyAsString());
    assertEquals(number, owner.bodyAsJsonObject().getString("registrationNumber"));
  }

  /** Issue 7 item 3: lupa nomor, lupa jawaban and lupa sandi each have their own budget; the wait is said once, in minutes. */
  @Test
  void eachRecoveryFlowHasItsOwnBudgetAndTheWaitIsSaidInMinutes() {
    Person pns = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, false);
    registered(pns);
    String ip = ownerIp();
    // Lupa nomor until its own limit for this IP (10 in 15 minutes) is reached.
    HttpResponse<Buffer> last = null;
    for (int i = 0; i < 11; i++) {
      last = post("/api/recovery/registration-number", new JsonObject().put("nip", pns.nip()).mergeIn(solvedCaptcha()),
          ip);
    }
    assertEquals(429, last.statusCode(), last.bodyAsString());
    String message = last.bodyAsJsonObject().getString("message");
    // The window (15 minutes) and at most a tenth more: the oldest counted sub-window is counted whole
    // (RateLimiter.SLOTS), so the wait said is when the limiter will let the client in again.
    assertTrue(message.contains("sekitar 15 menit") || message.contains("sekitar 16 menit")
        || message.contains("sekitar 17 menit"), message);
    assertFalse(message.contains("detik"), message);
    int retryAfter = Integer.parseInt(last.getHeader("Retry-After"));
    assertTrue(retryAfter > 840 && retryAfter <= 900 + 900 / RateLimiter.SLOTS + 1, "Retry-After " + retryAfter);

    // A typo in lupa jawaban, then the right name: its own budget.
    HttpResponse<Buffer> typo = post("/api/recovery/security-answer", new JsonObject().put("nip", pns.nip())
        .put("motherName", "Siti Nurhayat").mergeIn(solvedCaptcha()), ip);
    assertEquals(422, typo.statusCode(), typo.bodyAsString());
    HttpResponse<Buffer> right = post("/api/recovery/security-answer", new JsonObject().put("nip", pns.nip())
        .put("motherName", "Siti Nurhayati").mergeIn(solvedCaptcha()), ip);
    assertEquals(200, right.statusCode(), right.bodyAsString());
    // And lupa sandi still answers.
    HttpResponse<Buffer> reset = post("/api/recovery/password-reset", new JsonObject().put("nip", pns.nip())
        .mergeIn(solvedCaptcha()), ip);
    assertEquals(202, reset.statusCode(), reset.bodyAsString());
  }

  @Test
  void passwordResetRequestsByAStrangerNeverRefuseTheOwnerAndCapTheMails() {
    Person pns = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, true);
    registered(pns);
    String attacker = "203.0.113.74";
    for (int i = 0; i < 5; i++) {
      assertEquals(202, post("/api/recovery/password-reset", new JsonObject().put("nip", pns.nip())
          .mergeIn(solvedCaptcha()), attacker).statusCode());
    }
    HttpResponse<Buffer> owner = post("/api/recovery/password-reset", new JsonObject().put("nip", pns.nip())
        .mergeIn(solvedCaptcha()), ownerIp());
    assertEquals(202, owner.statusCode(), owner.bodyAsString());
    // At most passwordReset.perNip (3) links a window: the mailbox is not flooded, and the links sent work.
    long mails = service.sql("select count(*) as n from mail_outbox where recipient = $1 and subject like '%atur ulang%'",
        "pns" + pns.nip() + "@example.go.id").iterator().next().getLong("n");
    assertEquals(3, mails);
  }
}

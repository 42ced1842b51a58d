package id.go.bkn.epupns.registration;

import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.SapkFixture.Person;
import id.go.bkn.epupns.testing.Poll;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A service as in production: captcha answers not exposed, small rate limit windows, and the
 * registration window of 2015 (closed today).
 */
class LimitsAndWindowTest {

  static TestService service;
  static SapkFixture sapk;
  static RedisAPI redis;

  @BeforeAll
  static void start() {
    service = TestService.start(LimitsAndWindowTest.class, Map.of(
        "EPUPNS_RATE_LIMIT_LOOKUP_WINDOW_SECONDS", "2",
        "EPUPNS_RATE_LIMIT_LOOKUP_PER_IP", "3",
        "EPUPNS_SCHEDULE_REGISTRATION_END", "2015-11-30"), false);
    sapk = new SapkFixture(service);
    redis = RedisAPI.api(Redis.createClient(service.vertx(), "redis://127.0.0.1:6379/0"));
  }

  @AfterAll
  static void stop() {
    redis.close();
    service.close();
  }

  /** A captcha solved the way only the server can: its answer read from Redis. */
  private JsonObject solvedFromRedis() {
    JsonObject captcha = service.post("/api/captcha", new JsonObject()).bodyAsJsonObject();
    assertFalse(captcha.containsKey("answer"), "answers are not exposed by default");
    String answer = TestService.await(redis.get(service.redisPrefix() + "captcha:{" + captcha.getString("id") + "}")).toString();
    return new JsonObject().put("captchaId", captcha.getString("id")).put("captchaAnswer", answer);
  }

  @Test
  void lookupIsLimitedPerIpUntilTheWindowEnds() throws InterruptedException {
    Person person = sapk.pns(SapkFixture.SATKER_BKN, false);
    for (int i = 0; i < 3; i++) {
      assertEquals(200, service.get("/api/pns/" + person.nip()).statusCode());
    }
    HttpResponse<Buffer> limited = service.get("/api/pns/" + sapk.pns(SapkFixture.SATKER_BKN, true).nip());
    assertEquals(429, limited.statusCode());
    assertEquals("RATE_LIMITED", limited.bodyAsJsonObject().getString("error"));
    int wait = Integer.parseInt(limited.getHeader("Retry-After"));
    // The window (2 s) and at most a tenth more (the oldest counted sub-window whole), rounded up.
    assertTrue(wait >= 1 && wait <= 3, "Retry-After " + wait);
    // After the window the NIP may be looked up again.
    HttpResponse<Buffer> again = Poll.until("the lookup answered again after the window", Duration.ofSeconds(10),
        Duration.ofMillis(250), () -> service.get("/api/pns/" + person.nip()), r -> r.statusCode() != 429);
    assertEquals(200, again.statusCode(), again.bodyAsString());
  }

  @Test
  void statusAndTheRecoveryQuestionAreBehindTheCaptcha() {
    Person person = sapk.pns(SapkFixture.SATKER_BKN, true);
    HttpResponse<Buffer> bare = service.get("/api/registrations/status?nip=" + person.nip());
    assertEquals(400, bare.statusCode());
    assertTrue(bare.bodyAsJsonObject().getJsonObject("fields").containsKey("captchaAnswer"));
    assertFalse(bare.bodyAsString().contains("NOT_REGISTERED"));
    HttpResponse<Buffer> wrong = service.get("/api/registrations/status?nip=" + person.nip()
        + "&captchaId=" + "x".repeat(22) + "&captchaAnswer=AAAAA");
    assertEquals(422, wrong.statusCode());
    assertFalse(wrong.bodyAsString().contains("NOT_REGISTERED"));
    JsonObject solved = solvedFromRedis();
    HttpResponse<Buffer> right = service.get("/api/registrations/status?nip=" + person.nip()
        + "&captchaId=" + solved.getString("captchaId") + "&captchaAnswer=" + solved.getString("captchaAnswer"));
    assertEquals(200, right.statusCode(), right.bodyAsString());
    assertEquals("NOT_REGISTERED", right.bodyAsJsonObject().getString("status"));
    // A captcha works once.
    HttpResponse<Buffer> again = service.get("/api/registrations/status?nip=" + person.nip()
        + "&captchaId=" + solved.getString("captchaId") + "&captchaAnswer=" + solved.getString("captchaAnswer"));
    assertEquals(422, again.statusCode());

    HttpResponse<Buffer> question = service.post("/api/recovery/registration-number",
        new JsonObject().put("nip", person.nip()));
    assertEquals(400, question.statusCode());
    assertTrue(question.bodyAsJsonObject().getJsonObject("fields").containsKey("captchaAnswer"));
    assertEquals(404, service.post("/api/recovery/registration-number",
        new JsonObject().put("nip", person.nip()).mergeIn(solvedFromRedis())).statusCode());
  }

  @Test
  void registrationOutsideTheWindowIsRefusedWithTheDates() {
    Person person = sapk.pns(SapkFixture.SATKER_BKN, false);
    String password = "kopi tubruk di pagi hari";
    JsonObject form = new JsonObject().put("nip", person.nip()).put("nik", person.nik())
        .put("email", "a@example.go.id").put("password", password).put("passwordConfirmation", password)
        .put("motherName", "Siti").put("securityQuestion", "Apa?").put("securityAnswer", "Itu");
    HttpResponse<Buffer> closed = service.post("/api/registrations", form.copy().mergeIn(solvedFromRedis()));
    assertEquals(403, closed.statusCode(), closed.bodyAsString());
    JsonObject body = closed.bodyAsJsonObject();
    assertEquals("WINDOW_CLOSED", body.getString("error"));
    assertTrue(body.getString("message").contains("30 November 2015"), body.getString("message"));
    assertEquals("2015-11-30", body.getString("closes"));
    assertEquals(0, service.sql("select count(*) as n from registration").iterator().next().getLong("n"));
    // Bogus captchas spend nothing of the NIP's: the solved one still reaches the window check.
    for (int i = 0; i < 6; i++) {
      assertEquals(422, service.post("/api/registrations", form.copy().put("captchaId", "x".repeat(22))
          .put("captchaAnswer", "AAAAA")).statusCode());
    }
    assertEquals(403, service.post("/api/registrations", form.copy().mergeIn(solvedFromRedis())).statusCode());
  }
}

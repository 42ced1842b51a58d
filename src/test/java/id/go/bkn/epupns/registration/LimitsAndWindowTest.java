package id.go.bkn.epupns.registration;

import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.SapkFixture.Person;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
        "EPUPNS_RATE_LIMIT_LOOKUP_PER_IP", "1000",
        "EPUPNS_RATE_LIMIT_LOOKUP_PER_NIP", "3",
        "EPUPNS_RATE_LIMIT_STATUS_PER_NIP", "2",
        "EPUPNS_RATE_LIMIT_RECOVERY_PER_NIP", "2",
        "EPUPNS_RATE_LIMIT_REGISTRATION_PER_NIP", "2",
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
  void lookupIsLimitedPerNipUntilTheWindowEnds() throws InterruptedException {
    Person person = sapk.pns(SapkFixture.SATKER_BKN, false);
    for (int i = 0; i < 3; i++) {
      assertEquals(200, service.get("/api/pns/" + person.nip()).statusCode());
    }
    HttpResponse<Buffer> limited = service.get("/api/pns/" + person.nip());
    assertEquals(429, limited.statusCode());
    assertEquals("RATE_LIMITED", limited.bodyAsJsonObject().getString("error"));
    int wait = Integer.parseInt(limited.getHeader("Retry-After"));
    assertTrue(wait >= 1 && wait <= 2, "Retry-After " + wait);
    // Another NIP is not affected by this NIP's limit.
    assertEquals(200, service.get("/api/pns/" + sapk.pns(SapkFixture.SATKER_BKN, true).nip()).statusCode());
    // After the window the NIP may be looked up again.
    HttpResponse<Buffer> again;
    long deadline = System.currentTimeMillis() + 10_000;
    do {
      Thread.sleep(250);
      again = service.get("/api/pns/" + person.nip());
    } while (again.statusCode() == 429 && System.currentTimeMillis() < deadline);
    assertEquals(200, again.statusCode());
  }

  @Test
  void statusAndRecoveryAreLimitedPerNip() {
    Person person = sapk.pns(SapkFixture.SATKER_BKN, true);
    for (int i = 0; i < 2; i++) {
      assertEquals(200, service.get("/api/registrations/status?nip=" + person.nip()).statusCode());
    }
    assertEquals(429, service.get("/api/registrations/status?nip=" + person.nip()).statusCode());
    for (int i = 0; i < 2; i++) {
      assertEquals(404, service.post("/api/recovery/registration-number",
          new JsonObject().put("nip", person.nip())).statusCode());
    }
    HttpResponse<Buffer> limited = service.post("/api/recovery/registration-number", new JsonObject().put("nip", person.nip()));
    assertEquals(429, limited.statusCode());
    assertNotNull(limited.getHeader("Retry-After"));
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
    // The registration limit per NIP comes before the captcha: a third try is 429 whatever the captcha.
    assertEquals(422, service.post("/api/registrations", form.copy().put("captchaId", "x".repeat(22))
        .put("captchaAnswer", "AAAAA")).statusCode());
    assertEquals(429, service.post("/api/registrations", form.copy().mergeIn(solvedFromRedis())).statusCode());
  }
}

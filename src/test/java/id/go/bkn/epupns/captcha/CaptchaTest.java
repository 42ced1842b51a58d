package id.go.bkn.epupns.captcha;

import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Captchas over HTTP against real Redis. Consumption is observed through the password-reset request,
 * which answers 202 whenever the captcha is right (registered NIP or not).
 */
class CaptchaTest {

  static TestService service;
  static RedisAPI redis;
  static final String NIP = "198607122006031002";

  @BeforeAll
  static void start() {
    service = TestService.start(CaptchaTest.class, Map.of(
        "EPUPNS_CAPTCHA_EXPOSE_ANSWER", "true",
        "EPUPNS_RATE_LIMIT_CAPTCHA_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_PASSWORD_RESET_PER_IP", "1000",
        "EPUPNS_RATE_LIMIT_PASSWORD_RESET_PER_NIP", "1000"), false);
    redis = RedisAPI.api(Redis.createClient(service.vertx(), "redis://127.0.0.1:6379/0"));
  }

  @AfterAll
  static void stop() {
    redis.close();
    service.close();
  }

  private JsonObject captcha() {
    HttpResponse<Buffer> response = service.post("/api/captcha", new JsonObject());
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("no-store", response.getHeader("Cache-Control"));
    return response.bodyAsJsonObject();
  }

  private HttpResponse<Buffer> use(String id, String answer) {
    return service.post("/api/recovery/password-reset", new JsonObject().put("nip", NIP)
        .put("captchaId", id).put("captchaAnswer", answer));
  }

  private static void assertRefused(HttpResponse<Buffer> response, String code) {
    assertEquals(422, response.statusCode(), response.bodyAsString());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals(code, body.getString("error"));
    assertTrue(body.getJsonObject("fields").containsKey("captchaAnswer"));
  }

  @Test
  void captchaIsAPngOfUnambiguousSymbols() {
    JsonObject captcha = captcha();
    assertTrue(captcha.getString("id").matches("[A-Za-z0-9_-]{22}"));
    String image = captcha.getString("image");
    assertTrue(image.startsWith("data:image/png;base64,"));
    byte[] png = Base64.getDecoder().decode(image.substring("data:image/png;base64,".length()));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
    String answer = captcha.getString("answer");
    assertEquals(service.running().config().integer("captcha.length"), answer.length());
    for (int i = 0; i < 30; i++) {
      assertTrue(captcha().getString("answer").matches("[^0O1IL]+"), "no 0/O or 1/I/L");
    }
  }

  @Test
  void rightAnswerIgnoresCaseAndWorksOnce() {
    JsonObject captcha = captcha();
    assertEquals(202, use(captcha.getString("id"), " " + captcha.getString("answer").toLowerCase() + " ").statusCode());
    assertRefused(use(captcha.getString("id"), captcha.getString("answer")), "CAPTCHA_USED");
  }

  @Test
  void aWrongAnswerAlsoUsesTheCaptchaUp() {
    double wrong = failures("WRONG");
    double used = failures("USED");
    JsonObject captcha = captcha();
    assertRefused(use(captcha.getString("id"), "AAAAA"), "CAPTCHA_WRONG");
    assertRefused(use(captcha.getString("id"), captcha.getString("answer")), "CAPTCHA_USED");
    // Ops watch captcha failures at the peak.
    assertEquals(wrong + 1, failures("WRONG"));
    assertEquals(used + 1, failures("USED"));
  }

  private static double failures(String reason) {
    String line = "epupns_captcha_failures_total{reason=\"" + reason + "\"} ";
    for (String l : service.metrics().split("\n")) {
      if (l.startsWith(line)) {
        return Double.parseDouble(l.substring(line.length()).trim());
      }
    }
    return 0;
  }

  @Test
  void expiredAndUnknownCaptchasAreRefused() {
    JsonObject captcha = captcha();
    String key = service.redisPrefix() + "captcha:{" + captcha.getString("id") + "}";
    // Let Redis expire the answer now, as the TTL would later.
    assertEquals(1, TestService.await(redis.pexpire(List.of(key, "1"))).toInteger());
    while (TestService.await(redis.exists(List.of(key))).toInteger() == 1) {
      Thread.onSpinWait();
    }
    assertRefused(use(captcha.getString("id"), captcha.getString("answer")), "CAPTCHA_EXPIRED");
    assertRefused(use("AAAAAAAAAAAAAAAAAAAAAA", "ABCDE"), "CAPTCHA_EXPIRED");
    assertRefused(use("not an id", "ABCDE"), "CAPTCHA_EXPIRED");
  }

  @Test
  void theAnswerLivesInRedisWithTheConfiguredTtl() {
    JsonObject captcha = captcha();
    String key = service.redisPrefix() + "captcha:{" + captcha.getString("id") + "}";
    assertEquals(captcha.getString("answer"), TestService.await(redis.get(key)).toString());
    long ttl = TestService.await(redis.ttl(key)).toLong();
    assertTrue(ttl > 0 && ttl <= service.running().config().integer("captcha.ttlSeconds"), "ttl " + ttl);
  }
}

package id.go.bkn.epupns.core;

import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis unreachable (a closed port): start-up still succeeds (Redis holds only short-lived guards and the
 * service recovers when it returns), /health answers 503 (the management port's with the reason), and the requests that need
 * Redis answer 503 with Retry-After in the error model, never 500; what needs only PostgreSQL still works.
 */
class RedisDownTest {

  static TestService service;

  @BeforeAll
  static void start() {
    service = TestService.start(RedisDownTest.class,
        Map.of("EPUPNS_REDIS_URL", "redis://127.0.0.1:" + TestService.freePort() + "/0"), false);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void healthIs503NamingRedis() {
    HttpResponse<Buffer> open = service.get("/health");
    assertEquals(503, open.statusCode());
    assertEquals(java.util.List.of(), SecurityHeadersTest.missingHeaders(open.headers()), "/health 503 headers");
    assertEquals(new JsonObject().put("status", "DOWN"), open.bodyAsJsonObject(), "details only on the management port");
    HttpResponse<Buffer> response = service.management("/health");
    assertEquals(503, response.statusCode());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals("DOWN", body.getString("status"));
    assertEquals("UP", body.getJsonObject("checks").getJsonObject("postgresql").getString("status"));
    JsonObject redis = body.getJsonObject("checks").getJsonObject("redis");
    assertEquals("DOWN", redis.getString("status"));
    assertNotNull(redis.getString("reason"));
  }

  @Test
  void requestsThatNeedRedisAre503WithRetryAfterNot500() {
    for (HttpResponse<Buffer> response : new HttpResponse[] {
        service.post("/api/captcha", new JsonObject()),
        service.get("/api/pns/198005142005031001"),
        service.post("/api/auth/login", new JsonObject().put("username", "198005142005031001").put("password", "x"))}) {
      assertEquals(503, response.statusCode(), response.bodyAsString());
      assertEquals("SERVICE_UNAVAILABLE", response.bodyAsJsonObject().getString("error"));
      assertTrue(response.bodyAsJsonObject().getString("message").startsWith("Layanan sedang terganggu"));
      assertEquals("30", response.getHeader("Retry-After"));
      // The fast lane's lookup (answered before the router) included: security headers on a 503 too.
      assertEquals(java.util.List.of(), SecurityHeadersTest.missingHeaders(response.headers()), response.bodyAsString());
    }
  }

  @Test
  void whatNeedsOnlyPostgresqlStillWorks() {
    assertEquals(200, service.get("/api/schedule").statusCode());
    assertEquals(200, service.get("/").statusCode());
  }
}

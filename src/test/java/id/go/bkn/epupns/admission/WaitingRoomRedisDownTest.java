package id.go.bkn.epupns.admission;

import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Redis unreachable: the waiting room admits nobody (fail closed) and says why, never a 500. */
class WaitingRoomRedisDownTest {

  static TestService service;

  @BeforeAll
  static void start() {
    service = TestService.start(WaitingRoomRedisDownTest.class, Map.of(
        "EPUPNS_REDIS_URL", "redis://127.0.0.1:" + TestService.freePort() + "/0",
        "EPUPNS_ADMISSION_ENABLED", "true"), false);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void enteringIs503WithRetryAfterAndGatedRoutesStayClosed() {
    HttpResponse<Buffer> entry = service.post("/api/admission", new JsonObject().put("flow", "registration"));
    assertEquals(503, entry.statusCode(), entry.bodyAsString());
    assertEquals("SERVICE_UNAVAILABLE", entry.bodyAsJsonObject().getString("error"));
    assertTrue(entry.bodyAsJsonObject().getString("message").startsWith("Ruang tunggu sedang tidak dapat dihubungi"));
    assertEquals("30", entry.getHeader("Retry-After"));
    assertEquals(java.util.List.of(), id.go.bkn.epupns.core.SecurityHeadersTest.missingHeaders(entry.headers()),
        "security headers on the waiting room's 503");
    HttpResponse<Buffer> gated = service.get("/api/pns/198005142005031001");
    assertEquals(403, gated.statusCode(), "no admission, no way in");
  }
}

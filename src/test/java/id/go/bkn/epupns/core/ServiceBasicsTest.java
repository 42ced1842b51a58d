package id.go.bkn.epupns.core;

import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static id.go.bkn.epupns.testing.TestService.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health, metrics, the contract document, the error model and the home page, over HTTP. */
class ServiceBasicsTest {

  static TestService service;

  @BeforeAll
  static void start() {
    service = TestService.start(ServiceBasicsTest.class, Map.of(), false);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void healthReportsPostgresAndRedisUp() {
    HttpResponse<Buffer> response = service.get("/health");
    assertEquals(200, response.statusCode());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals("UP", body.getString("status"));
    assertEquals("UP", body.getJsonObject("checks").getJsonObject("postgresql").getString("status"));
    assertEquals("UP", body.getJsonObject("checks").getJsonObject("redis").getString("status"));
  }

  @Test
  void metricsExposeHttpPoolAndJvmMeters() {
    service.get("/health");
    String text = service.get("/metrics").bodyAsString();
    assertTrue(text.contains("vertx_http_server_requests_total"), "HTTP server metrics");
    assertTrue(text.contains("jvm_memory_used_bytes"), "JVM metrics");
    assertTrue(text.contains("vertx_pool_"), "pool metrics");
  }

  @Test
  void openApiDocumentIsServed() {
    HttpResponse<Buffer> response = service.get("/openapi.yaml");
    assertEquals(200, response.statusCode());
    assertTrue(response.bodyAsString().startsWith("openapi: 3.1.0"));
  }

  @Test
  void unknownApiPathIsJson404WithRequestId() {
    HttpResponse<Buffer> response = service.get("/api/tidak-ada");
    assertEquals(404, response.statusCode());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals("NOT_FOUND", body.getString("error"));
    assertNotNull(body.getString("message"));
    assertEquals(response.getHeader("X-Request-Id"), body.getString("requestId"));
  }

  @Test
  void oversizedJsonBodyIs413AndNeverAStackTrace() {
    String big = "x".repeat(70_000);
    HttpResponse<Buffer> response = await(service.http().post("/api/registrations")
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"a\":\"" + big + "\"}")));
    assertEquals(413, response.statusCode());
    assertEquals("PAYLOAD_TOO_LARGE", response.bodyAsJsonObject().getString("error"));
  }

  @Test
  void homePageIsLightAndInBahasaIndonesia() {
    HttpResponse<Buffer> response = service.get("/");
    assertEquals(200, response.statusCode());
    String html = response.bodyAsString();
    assertTrue(html.contains("lang=\"id\""));
    assertTrue(html.contains("Pendataan Ulang Pegawai Negeri Sipil"));
    assertTrue(response.body().length() < 100_000);
    assertEquals("nosniff", response.getHeader("X-Content-Type-Options"));
  }

  @Test
  void scheduleIsOpenByDefault() {
    JsonObject schedule = service.get("/api/schedule").bodyAsJsonObject();
    assertTrue(schedule.getJsonObject("registration").getBoolean("open"));
    assertFalse(schedule.getJsonObject("registration").getString("start").isEmpty());
  }
}

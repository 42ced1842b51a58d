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
    HttpResponse<Buffer> open = service.get("/health");
    assertEquals(200, open.statusCode());
    assertEquals(new JsonObject().put("status", "UP"), open.bodyAsJsonObject(), "the public answer names nothing else");
    HttpResponse<Buffer> response = service.management("/health");
    assertEquals(200, response.statusCode());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals("UP", body.getString("status"));
    assertEquals("UP", body.getJsonObject("checks").getJsonObject("postgresql").getString("status"));
    assertEquals("UP", body.getJsonObject("checks").getJsonObject("redis").getString("status"));
  }

  @Test
  void metricsExposeHttpWithRoutesPoolJvmAndBlockingWork() {
    service.get("/health");
    service.get("/api/pns/198005142005031001");
    assertEquals(200, service.post("/api/captcha", new JsonObject()).statusCode());
    String text = service.metrics();
    java.util.function.Predicate<String> has = prefix -> text.lines().anyMatch(l -> l.startsWith(prefix));
    // HTTP server requests by route template (not by raw path: NIPs must not become labels).
    assertTrue(text.lines().anyMatch(l -> l.startsWith("vertx_http_server_requests_total")
        && l.contains("route=\"/api/pns/:nip\"")), "HTTP server metrics with route labels: " + text.lines()
        .filter(l -> l.startsWith("vertx_http_server_requests_total")).toList());
    assertTrue(text.lines().noneMatch(l -> l.contains("198005142005031001")), "no NIP in any label");
    // The PostgreSQL pool (sql pool named epupns-pg) and the worker pools.
    assertTrue(text.lines().anyMatch(l -> l.startsWith("vertx_pool_") && l.contains("pool_name=\"epupns-pg\"")),
        "PostgreSQL pool metrics");
    assertTrue(text.lines().anyMatch(l -> l.startsWith("vertx_pool_") && l.contains("pool_name=\"epupns-captcha-image\"")),
        "worker pool metrics");
    // JVM and the blocking-work timers (the captcha image was drawn on its worker pool).
    assertTrue(has.test("jvm_memory_used_bytes"), "JVM metrics");
    assertTrue(has.test("jvm_gc_") || has.test("jvm_threads_"), "JVM metrics");
    assertTrue(text.lines().anyMatch(l -> l.startsWith("epupns_blocking_work_seconds_count{job=\"captcha-image\"")
        && !l.endsWith(" 0.0")), "blocking work timer moved");
  }

  @Test
  void metricsAreNotOnThePublicPortWithoutAManagementToken() {
    HttpResponse<Buffer> response = service.get("/metrics");
    assertEquals(404, response.statusCode());
    assertEquals("NOT_FOUND", response.bodyAsJsonObject().getString("error"));
    assertFalse(response.bodyAsString().contains("jvm_"));
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
    // Pages show every time in the campaign's zone, with its label.
    assertEquals("Asia/Jakarta", schedule.getJsonObject("timeZone").getString("id"));
    assertEquals("WIB", schedule.getJsonObject("timeZone").getString("label"));
  }
}

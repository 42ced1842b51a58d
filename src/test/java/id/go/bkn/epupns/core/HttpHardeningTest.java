package id.go.bkn.epupns.core;

import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static id.go.bkn.epupns.testing.TestService.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTP hardening, over HTTP and raw sockets: HSTS on every answer; /metrics and the detailed /health only on the
 * management port or with the management token, the public /health says UP or DOWN only; a request with both
 * Content-Length and Transfer-Encoding is refused and its connection closed; a client sending its headers slowly
 * is cut after http.headerReadTimeoutSeconds; a page fetched with an unread body does not hold the connection;
 * HEAD and OPTIONS on API routes answer like GET (without body) and 204 with Allow.
 */
class HttpHardeningTest {

  static final String TOKEN = "kunci-manajemen-uji-0123456789";
  static TestService service;

  @BeforeAll
  static void start() {
    service = TestService.start(HttpHardeningTest.class, Map.of(
        "EPUPNS_MANAGEMENT_TOKEN", TOKEN,
        "EPUPNS_HTTP_HEADER_READ_TIMEOUT_SECONDS", "1"), false);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void everyAnswerCarriesHstsOfAtLeastAYearWithSubdomains() {
    for (HttpResponse<Buffer> response : List.of(service.get("/"), service.get("/api/schedule"),
        service.get("/api/tidak-ada"), service.get("/tidak-ada.html"), service.get("/health"),
        service.get("/api/auth/me"), service.management("/metrics"))) {
      String hsts = response.getHeader("Strict-Transport-Security");
      assertTrue(hsts != null && hsts.contains("includeSubDomains"), response.statusCode() + " " + hsts);
      long maxAge = Long.parseLong(hsts.replaceAll(".*max-age=(\\d+).*", "$1"));
      assertTrue(maxAge >= 365L * 24 * 3600, hsts);
    }
  }

  @Test
  void publicHealthSaysOnlyUpOrDownAndTheManagementPortHasTheDetails() {
    HttpResponse<Buffer> open = service.get("/health");
    assertEquals(200, open.statusCode());
    assertEquals(new JsonObject().put("status", "UP"), open.bodyAsJsonObject());
    assertFalse(open.bodyAsString().contains("127.0.0.1"));

    JsonObject details = service.management("/health").bodyAsJsonObject();
    assertEquals("UP", details.getJsonObject("checks").getJsonObject("postgresql").getString("status"));
    assertEquals("UP", details.getJsonObject("checks").getJsonObject("redis").getString("status"));
  }

  @Test
  void metricsNeedTheManagementToken() {
    HttpResponse<Buffer> anonymous = service.get("/metrics");
    assertEquals(401, anonymous.statusCode());
    assertEquals("UNAUTHORIZED", anonymous.bodyAsJsonObject().getString("error"));
    assertEquals(401, service.get("/metrics", "salah").statusCode());
    HttpResponse<Buffer> withToken = service.get("/metrics", TOKEN);
    assertEquals(200, withToken.statusCode());
    assertTrue(withToken.bodyAsString().contains("jvm_memory_used_bytes"));
    assertTrue(service.metrics().contains("jvm_memory_used_bytes"), "the management port serves them too");
    // A token is set, so the management port asks for it as well.
    HttpResponse<Buffer> managementWithout = await(service.http()
        .get(service.running().config().integer("management.port"), "127.0.0.1", "/metrics").send());
    assertEquals(401, managementWithout.statusCode());
  }

  @Test
  void contentLengthWithTransferEncodingIsRefusedAndTheConnectionClosed() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", service.port())) {
      socket.setSoTimeout(10_000);
      write(socket, "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "0\r\n\r\nGET /api/schedule HTTP/1.1\r\nHost: x\r\n\r\n");
      String answer = readUntilClosed(socket);
      assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
      assertTrue(answer.contains("\"error\":\"BAD_REQUEST\""), answer);
      assertTrue(answer.contains("Strict-Transport-Security"), answer);
      assertEquals(1, answer.split("HTTP/1.1 ", -1).length - 1, "nothing else was answered: " + answer);
    }
  }

  @Test
  void aClientSendingItsHeadersSlowlyIsCutAfterTheHeaderTimeout() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", service.port())) {
      socket.setSoTimeout(250);
      write(socket, "GET /api/schedule HTTP/1.1\r\nHost: x\r\n");
      long start = System.nanoTime();
      boolean closed = false;
      // One header line every 250 ms keeps the connection busy, so the idle timeout (60 s) never fires.
      for (int i = 0; i < 60 && !closed; i++) {
        try {
          write(socket, "X-Langkah-" + i + ": pelan\r\n");
          closed = socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException stillOpen) {
          // nothing to read yet
        } catch (IOException reset) {
          closed = true;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      assertTrue(closed, "the slow client still holds its connection after " + seconds + " s");
      assertTrue(seconds < 5, "cut after " + seconds + " s, configured 1 s");
    }
  }

  @Test
  void aPageFetchedWithAnUnreadBodyIsAnsweredAndTheConnectionClosed() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", service.port())) {
      socket.setSoTimeout(10_000);
      write(socket, "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 10485760\r\n\r\n" + "x".repeat(65536));
      String answer = readUntilClosed(socket);
      assertTrue(answer.startsWith("HTTP/1.1 200"), answer.lines().findFirst().orElse(""));
      assertTrue(answer.toLowerCase().contains("connection: close"), answer.substring(0, Math.min(600, answer.length())));
    }
  }

  @Test
  void headOnAnApiRouteIsGetWithoutTheBody() {
    HttpResponse<Buffer> head = await(service.http().request(HttpMethod.HEAD, "/api/schedule").send());
    assertEquals(200, head.statusCode());
    assertTrue(head.getHeader("Content-Type").startsWith("application/json"), head.headers().toString());
    assertNull(head.body());
    assertEquals(1, head.headers().getAll("X-Request-Id").size(), "the chain ran once");
    assertEquals(404, await(service.http().request(HttpMethod.HEAD, "/api/tidak-ada").send()).statusCode());
    assertEquals(401, await(service.http().request(HttpMethod.HEAD, "/api/auth/me").send()).statusCode());
  }

  @Test
  void optionsOnAnApiRouteIs204WithAllow() {
    HttpResponse<Buffer> documents = await(service.http().request(HttpMethod.OPTIONS, "/api/me/documents").send());
    assertEquals(204, documents.statusCode());
    List<String> allow = List.of(documents.getHeader("Allow").split(",\\s*"));
    assertTrue(allow.containsAll(List.of("GET", "HEAD", "POST", "OPTIONS")), allow.toString());
    assertFalse(allow.contains("PUT"), allow.toString());
    HttpResponse<Buffer> one = await(service.http().request(HttpMethod.OPTIONS, "/api/me/documents/12").send());
    assertEquals(List.of("DELETE", "OPTIONS"), List.of(one.getHeader("Allow").split(",\\s*")));
    HttpResponse<Buffer> unknown = await(service.http().request(HttpMethod.OPTIONS, "/api/tidak-ada").send());
    assertEquals(404, unknown.statusCode());
    assertEquals("NOT_FOUND", unknown.bodyAsJsonObject().getString("error"));
  }

  private static void write(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Everything until the server closes the connection (a read timeout fails the test: it did not close). */
  private static String readUntilClosed(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the connection was kept open; read so far: " + out.toString(StandardCharsets.ISO_8859_1), e);
    } catch (IOException reset) {
      // closed with unread data: a reset after the answer
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }
}

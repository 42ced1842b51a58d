package id.go.bkn.epupns.core;

import id.go.bkn.epupns.testing.OpenApiOperations;
import id.go.bkn.epupns.testing.OpenApiOperations.Operation;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hardening of every answer: each operation of openapi.yaml (called without a token, with placeholder parameters,
 * so every kind of answer: 2xx, 4xx, 404) and each file of the webroot carries nosniff, a CSP without inline
 * script that forbids framing, HSTS of at least a year with subdomains; no page holds an inline script or event
 * handler (the CSP would block it); CORS is closed (no Access-Control-Allow-* for any origin, preflight or not);
 * every operation taking a JSON body refuses one over http.bodyLimitBytes with 413 before reading it all.
 */
class SecurityHeadersTest {

  static final Path WEBROOT = Path.of("src/main/resources/webroot");
  static final long YEAR = 365L * 24 * 3600;
  static TestService service;

  @BeforeAll
  static void start() {
    // The reference import reads up to its own limit (5 MB by default); smaller here, so one body is over both.
    service = TestService.start(SecurityHeadersTest.class, Map.of("EPUPNS_REFERENCE_IMPORT_MAX_BYTES", "131072"), false);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static String uri(Operation op) {
    String uri = op.path().replaceAll("\\{[^}]+}", "1");
    return op.requiredQuery().isEmpty() ? uri
        : uri + "?" + String.join("&", op.requiredQuery().stream().map(q -> q + "=1").toList());
  }

  private static HttpResponse<Buffer> call(HttpMethod method, String uri, Buffer body, String origin) {
    HttpRequest<Buffer> request = service.http().request(method, uri);
    if (origin != null) {
      request.putHeader("Origin", origin);
    }
    return TestService.await(body == null ? request.send()
        : request.putHeader("Content-Type", "application/json").sendBuffer(body));
  }

  static List<String> missingHeaders(MultiMap headers) {
    List<String> missing = new ArrayList<>();
    if (!"nosniff".equals(headers.get("X-Content-Type-Options"))) {
      missing.add("X-Content-Type-Options: nosniff");
    }
    String csp = headers.get("Content-Security-Policy");
    if (csp == null || !csp.contains("frame-ancestors 'none'") || !Pattern.compile("script-src 'self'(;|$)").matcher(csp).find()
        || csp.contains("unsafe-inline") || csp.contains("unsafe-eval") || !csp.contains("default-src 'self'")) {
      missing.add("Content-Security-Policy without inline script, frame-ancestors 'none': " + csp);
    }
    String hsts = headers.get("Strict-Transport-Security");
    Matcher age = Pattern.compile("max-age=(\\d+)").matcher(hsts == null ? "" : hsts);
    if (!age.find() || Long.parseLong(age.group(1)) < YEAR || !hsts.contains("includeSubDomains")) {
      missing.add("Strict-Transport-Security >= 1 year; includeSubDomains: " + hsts);
    }
    for (String name : headers.names()) {
      if (name.toLowerCase().startsWith("access-control-")) {
        missing.add("no CORS header: " + name + ": " + headers.get(name));
      }
    }
    return missing;
  }

  static List<Path> webrootFiles() throws IOException {
    try (Stream<Path> files = Files.walk(WEBROOT)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void everyOperationAndEveryWebrootFileCarriesTheSecurityHeaders() throws IOException {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Operation op : OpenApiOperations.all()) {
      HttpResponse<Buffer> response = call(op.method(), uri(op), op.body() ? Buffer.buffer("{}") : null,
          "https://penyerang.example");
      checked++;
      missingHeaders(response.headers()).forEach(m -> failures.add(op.method() + " " + uri(op) + " "
          + response.statusCode() + ": " + m));
    }
    for (Path file : webrootFiles()) {
      String uri = "/" + WEBROOT.relativize(file).toString().replace('\\', '/');
      HttpResponse<Buffer> response = call(HttpMethod.GET, uri, null, null);
      checked++;
      if (response.statusCode() != 200) {
        failures.add(uri + " answered " + response.statusCode());
      }
      missingHeaders(response.headers()).forEach(m -> failures.add(uri + ": " + m));
    }
    for (String uri : List.of("/", "/admin/", "/tidak-ada.html", "/api/tidak-ada", "/verifikasi/")) {
      HttpResponse<Buffer> response = call(HttpMethod.GET, uri, null, null);
      checked++;
      missingHeaders(response.headers()).forEach(m -> failures.add(uri + " " + response.statusCode() + ": " + m));
    }
    assertTrue(checked > 80, "checked " + checked);
    assertEquals(List.of(), failures);
  }

  @Test
  void noPageHoldsAnInlineScriptOrEventHandler() throws IOException {
    Pattern inlineScript = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    Pattern handler = Pattern.compile("<[^>]+\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    Pattern javascriptUrl = Pattern.compile("(href|src|action)\\s*=\\s*[\"']?\\s*javascript:", Pattern.CASE_INSENSITIVE);
    List<String> failures = new ArrayList<>();
    int pages = 0;
    for (Path file : webrootFiles()) {
      if (!file.toString().endsWith(".html")) {
        continue;
      }
      pages++;
      String html = Files.readString(file);
      for (Pattern p : List.of(inlineScript, handler, javascriptUrl)) {
        Matcher m = p.matcher(html);
        if (m.find()) {
          failures.add(file + ": " + m.group());
        }
      }
    }
    assertTrue(pages >= 15, "pages " + pages);
    assertEquals(List.of(), failures);
  }

  @Test
  void corsIsClosedForEveryOriginAndPreflight() {
    for (String path : List.of("/api/auth/login", "/api/me/form", "/api/submissions/1/decisions", "/api/registrations")) {
      HttpResponse<Buffer> preflight = TestService.await(service.http().request(HttpMethod.OPTIONS, path)
          .putHeader("Origin", "https://penyerang.example")
          .putHeader("Access-Control-Request-Method", "POST")
          .putHeader("Access-Control-Request-Headers", "authorization, content-type").send());
      assertNull(preflight.getHeader("Access-Control-Allow-Origin"), path);
      assertNull(preflight.getHeader("Access-Control-Allow-Credentials"), path);
      assertNull(preflight.getHeader("Access-Control-Allow-Headers"), path);
      assertEquals(List.of(), missingHeaders(preflight.headers()), path);
    }
    HttpResponse<Buffer> simple = call(HttpMethod.POST, "/api/auth/login",
        Buffer.buffer(new JsonObject().put("username", "x").put("password", "y").encode()), "null");
    assertNull(simple.getHeader("Access-Control-Allow-Origin"));
  }

  @Test
  void everyJsonOperationRefusesABodyOverTheLimitWith413() {
    // Over every route's limit: the JSON bodies' and the largest a route declares for itself.
    int limit = Math.max(service.running().config().integer("http.bodyLimitBytes"),
        service.running().config().integer("reference.importMaxBytes"));
    String padding = "a".repeat(limit + 1024);
    Buffer tooLarge = Buffer.buffer(new JsonObject().put("x", padding).encode());
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Operation op : OpenApiOperations.all()) {
      if (!op.body() || op.multipart()) {
        continue;
      }
      checked++;
      HttpResponse<Buffer> response = call(op.method(), uri(op), tooLarge, null);
      if (response.statusCode() != 413 || !"PAYLOAD_TOO_LARGE".equals(response.bodyAsJsonObject().getString("error"))) {
        failures.add(op.id() + ": " + response.statusCode() + " " + response.bodyAsString());
      }
    }
    assertTrue(checked >= 15, "checked " + checked);
    assertEquals(List.of(), failures);
  }
}

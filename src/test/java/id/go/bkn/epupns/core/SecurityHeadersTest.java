package id.go.bkn.epupns.core;

import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.testing.OpenApiOperations;
import id.go.bkn.epupns.testing.OpenApiOperations.Operation;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import id.go.bkn.epupns.verification.VerificationTesting;
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
import java.util.EnumMap;
import java.util.LinkedHashMap;
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
 * every operation taking a JSON body refuses one of http.bodyLimitBytes + 1 bytes with 413 before reading it all, and
 * the reference import (its own, larger limit) one of reference.importMaxBytes + 1 but not one of
 * http.bodyLimitBytes + 1. The headers are checked on signed-in answers too: every operation called with a PNS's,
 * a verifier's and ADMIN_BKN's token, and specifically a 2xx JSON answer, a document download, a CSV and a PDF
 * stream, and a 429.
 */
public class SecurityHeadersTest {

  static final Path WEBROOT = Path.of("src/main/resources/webroot");
  static final long YEAR = 365L * 24 * 3600;
  static TestService service;
  static VerificationTesting t;
  /** Signed-in callers: a PNS with a document, a verifier and a national admin over the PNS. */
  static final Map<Role, String> tokens = new EnumMap<>(Role.class);
  static long document;

  @BeforeAll
  static void start() {
    // The reference import reads up to its own limit (5 MB by default); smaller here, but still above the JSON one.
    service = TestService.start(SecurityHeadersTest.class, Map.of("EPUPNS_REFERENCE_IMPORT_MAX_BYTES", "131072"), false);
    t = new VerificationTesting(service);
    SapkFixture.Person pns = t.sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, false);
    tokens.put(Role.PNS, t.pnsToken(pns.nip()));
    document = t.uploadPdf(tokens.get(Role.PNS), "SK_CPNS");
    for (Role role : List.of(Role.VERIFIER_SKPD, Role.ADMIN_BKN)) {
      tokens.put(role, t.officerToken(t.sapk.officer(role, SapkFixture.SATKER_DISDIK_BANDUNG)));
    }
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
    return call(method, uri, body, origin, null);
  }

  private static HttpResponse<Buffer> call(HttpMethod method, String uri, Buffer body, String origin, String token) {
    HttpRequest<Buffer> request = service.withToken(service.http().request(method, uri), token);
    if (origin != null) {
      request.putHeader("Origin", origin);
    }
    return TestService.await(body == null ? request.send()
        : request.putHeader("Content-Type", "application/json").sendBuffer(body));
  }

  public static List<String> missingHeaders(MultiMap headers) {
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

  /** A JSON object of exactly {@code bytes} bytes. */
  static Buffer jsonOf(int bytes) {
    String empty = new JsonObject().put("x", "").encode();
    Buffer body = Buffer.buffer(new JsonObject().put("x", "a".repeat(bytes - empty.length())).encode());
    assertEquals(bytes, body.length());
    return body;
  }

  static boolean tooLarge(HttpResponse<Buffer> response) {
    return response.statusCode() == 413 && "PAYLOAD_TOO_LARGE".equals(response.bodyAsJsonObject().getString("error"));
  }

  /**
   * One byte over the JSON limit is 413 on every JSON route but the reference import, whose own limit is larger:
   * there one byte over the JSON limit passes the size check (and is refused for the missing token), one byte over
   * its own limit is 413. A route given the import's limit by mistake fails here.
   */
  @Test
  void everyJsonOperationRefusesABodyOverItsOwnLimitWith413() {
    int jsonLimit = service.running().config().integer("http.bodyLimitBytes");
    int importLimit = service.running().config().integer("reference.importMaxBytes");
    assertTrue(importLimit > jsonLimit + 1, "the import's limit is the larger one here");
    Buffer overJson = jsonOf(jsonLimit + 1);
    Buffer overImport = jsonOf(importLimit + 1);
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Operation op : OpenApiOperations.all()) {
      if (!op.body() || op.multipart()) {
        continue;
      }
      checked++;
      if (op.id().equals("importReferenceEntries")) {
        HttpResponse<Buffer> within = call(op.method(), uri(op), overJson, null);
        if (within.statusCode() != 401) {
          failures.add(op.id() + " with " + (jsonLimit + 1) + " bytes (within its limit): " + within.statusCode());
        }
        HttpResponse<Buffer> over = call(op.method(), uri(op), overImport, null);
        if (!tooLarge(over)) {
          failures.add(op.id() + " with " + (importLimit + 1) + " bytes: " + over.statusCode() + " " + over.bodyAsString());
        }
        continue;
      }
      HttpResponse<Buffer> response = call(op.method(), uri(op), overJson, null);
      if (!tooLarge(response)) {
        failures.add(op.id() + ": " + response.statusCode() + " " + response.bodyAsString());
      }
      HttpResponse<Buffer> signedIn = call(op.method(), uri(op), overJson, null, tokens.get(Role.ADMIN_BKN));
      if (!tooLarge(signedIn)) {
        failures.add(op.id() + " signed in: " + signedIn.statusCode() + " " + signedIn.bodyAsString());
      }
    }
    assertTrue(checked >= 15, "checked " + checked);
    assertEquals(List.of(), failures);
    // And the limit is the limit: a body of exactly bodyLimitBytes is read (and refused for its content, not size).
    HttpResponse<Buffer> atLimit = call(HttpMethod.POST, "/api/auth/login", jsonOf(jsonLimit), null);
    assertTrue(atLimit.statusCode() != 413, atLimit.statusCode() + " " + atLimit.bodyAsString());
  }

  /**
   * Signed-in answers: those that only signed-in callers get (2xx JSON, a document's bytes, the nominative list as
   * CSV and PDF streams) and a 429; then every operation called with a PNS's, a verifier's and ADMIN_BKN's token
   * (except logout, which would end the session).
   */
  @Test
  void signedInAnswersCarryTheSecurityHeadersToo() {
    List<String> failures = new ArrayList<>();
    Map<String, HttpResponse<Buffer>> answers = new LinkedHashMap<>();
    answers.put("form (JSON)", call(HttpMethod.GET, "/api/me/form", null, null, tokens.get(Role.PNS)));
    answers.put("document download", call(HttpMethod.GET, "/api/documents/" + document, null, null, tokens.get(Role.PNS)));
    answers.put("nominatif CSV", call(HttpMethod.GET, "/api/admin/nominatif?instansi=" + SapkFixture.INSTANSI_BANDUNG
        + "&format=csv", null, null, tokens.get(Role.ADMIN_BKN)));
    answers.put("nominatif PDF", call(HttpMethod.GET, "/api/admin/nominatif?instansi=" + SapkFixture.INSTANSI_BANDUNG
        + "&format=pdf", null, null, tokens.get(Role.ADMIN_BKN)));
    answers.put("inbox (JSON)", call(HttpMethod.GET, "/api/inbox", null, null, tokens.get(Role.VERIFIER_SKPD)));
    HttpResponse<Buffer> limited = null;
    int limit = service.running().config().integer("rateLimit.captcha.perIp");
    for (int i = 0; i <= limit && (limited == null || limited.statusCode() != 429); i++) {
      limited = call(HttpMethod.POST, "/api/captcha", null, null, tokens.get(Role.PNS));
    }
    answers.put("429", limited);
    Map<String, String> types = Map.of("form (JSON)", "application/json", "document download", "application/pdf",
        "nominatif CSV", "text/csv", "nominatif PDF", "application/pdf", "inbox (JSON)", "application/json",
        "429", "application/json");
    for (Map.Entry<String, HttpResponse<Buffer>> answer : answers.entrySet()) {
      HttpResponse<Buffer> response = answer.getValue();
      int expected = answer.getKey().equals("429") ? 429 : 200;
      if (response.statusCode() != expected) {
        failures.add(answer.getKey() + ": " + response.statusCode() + " " + response.bodyAsString());
      }
      String type = response.getHeader("Content-Type");
      if (type == null || !type.startsWith(types.get(answer.getKey()))) {
        failures.add(answer.getKey() + ": Content-Type " + type);
      }
      missingHeaders(response.headers()).forEach(m -> failures.add(answer.getKey() + ": " + m));
    }
    // Then every operation (after the above: a placeholder id may delete the document).
    int ok = 0;
    int checked = 0;
    for (Map.Entry<Role, String> token : tokens.entrySet()) {
      for (Operation op : OpenApiOperations.all()) {
        if (op.id().equals("logout")) {
          continue;
        }
        HttpResponse<Buffer> response = call(op.method(), uri(op), op.body() ? Buffer.buffer("{}") : null,
            "https://penyerang.example", token.getValue());
        checked++;
        ok += response.statusCode() / 100 == 2 ? 1 : 0;
        missingHeaders(response.headers()).forEach(m -> failures.add(token.getKey() + " " + op.method() + " " + uri(op)
            + " " + response.statusCode() + ": " + m));
      }
    }
    assertTrue(checked > 200 && ok >= 30, "checked " + checked + ", 2xx " + ok);
    assertEquals(List.of(), failures);
  }
}

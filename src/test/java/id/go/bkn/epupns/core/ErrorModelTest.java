package id.go.bkn.epupns.core;

import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static id.go.bkn.epupns.testing.TestService.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every /api route with malformed input (not JSON, a JSON array, wrong types, missing fields, overlong
 * strings, bad path and query parameters) answers a 4xx in the one JSON error model, naming the field
 * where there is one, and never a 500 or a stack trace. Bodies over the limit are 413.
 */
class ErrorModelTest {

  static TestService service;
  static String agencyAdmin;
  static String nationalAdmin;
  static String officerNip;

  @BeforeAll
  static void start() {
    service = TestService.start(ErrorModelTest.class, Map.of(
        "EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_RECOVERY_NUMBER_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_RECOVERY_ANSWER_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_PASSWORD_RESET_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_REGISTRATION_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_COMPLAINT_PER_IP", "100000"), false);
    SapkFixture sapk = new SapkFixture(service);
    agencyAdmin = token(sapk.officer("ADMIN_INSTANSI", SapkFixture.SATKER_BKN).nip());
    nationalAdmin = token(sapk.officer("ADMIN_BKN", SapkFixture.SATKER_BKN).nip());
    officerNip = sapk.officer("VERIFIER_SKPD", SapkFixture.SATKER_BKN).nip();
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static String token(String nip) {
    return service.post("/api/auth/login", new JsonObject().put("username", nip)
        .put("password", SapkFixture.OFFICER_PASSWORD)).bodyAsJsonObject().getString("token");
  }

  /** One probe: what is sent, and what must come back (status; the field named, or null). */
  record Probe(HttpMethod method, String path, String body, String token, int status, String field) {
    @Override
    public String toString() {
      return method + " " + path + " " + (body == null ? "" : body.length() > 80 ? body.substring(0, 80) + "…" : body);
    }
  }

  private static final String LONG = "x".repeat(3000);
  private static final String NIP = "198005142005031001";

  private static List<Probe> probes() {
    List<Probe> p = new ArrayList<>();
    // Every JSON route: not JSON, an array, a bare string, null, and an empty object.
    String[][] jsonRoutes = {
        {"POST", "/api/registrations", null, "nip"},
        {"POST", "/api/recovery/registration-number", null, "nip"},
        {"POST", "/api/recovery/security-answer", null, "nip"},
        {"POST", "/api/recovery/password-reset", null, "nip"},
        {"POST", "/api/recovery/password-reset/confirm", null, "token"},
        {"POST", "/api/auth/login", null, "username"},
        {"POST", "/api/auth/refresh", null, "refreshToken"},
        {"POST", "/api/complaints", null, "nip"},
        {"POST", "/api/admin/officers", "agency", "nip"},
        {"PUT", "/api/admin/officers/" + "OFFICER", "agency", "role"},
        {"PUT", "/api/admin/instansi/1/approval", "agency", "required"},
        {"POST", "/api/admin/registrations/" + NIP + "/reject", "agency", "reason"},
    };
    for (String[] r : jsonRoutes) {
      HttpMethod method = HttpMethod.valueOf(r[0]);
      String path = r[1];
      String token = r[2] == null ? null : "agency";
      p.add(new Probe(method, path, "dies ist kein JSON", token, 400, null));
      p.add(new Probe(method, path, "[1, 2]", token, 400, null));
      p.add(new Probe(method, path, "\"teks\"", token, 400, null));
      p.add(new Probe(method, path, "null", token, 400, null));
      p.add(new Probe(method, path, "{}", token, 400, r[3]));
    }
    // Wrong types: numbers, lists, objects and booleans where strings belong.
    p.add(new Probe(HttpMethod.POST, "/api/registrations", "{\"nip\": 198005142005031001}", null, 400, "nip"));
    p.add(new Probe(HttpMethod.POST, "/api/registrations", "{\"nip\": \"" + NIP + "\", \"password\": 12345678}", null, 400, "password"));
    p.add(new Probe(HttpMethod.POST, "/api/registrations", "{\"email\": [\"a@b.id\"]}", null, 400, "email"));
    p.add(new Probe(HttpMethod.POST, "/api/recovery/registration-number", "{\"nip\": {\"a\": 1}}", null, 400, "nip"));
    p.add(new Probe(HttpMethod.POST, "/api/recovery/registration-number", "{\"nip\": \"" + NIP + "\", \"answer\": 5}", null, 400, "answer"));
    p.add(new Probe(HttpMethod.POST, "/api/recovery/security-answer", "{\"nip\": \"" + NIP + "\", \"motherName\": true}", null, 400, "motherName"));
    p.add(new Probe(HttpMethod.POST, "/api/recovery/password-reset", "{\"nip\": \"" + NIP + "\", \"captchaId\": 1, \"captchaAnswer\": 2}", null, 400, "captchaId"));
    p.add(new Probe(HttpMethod.POST, "/api/recovery/password-reset/confirm", "{\"token\": 7, \"password\": \"x\"}", null, 400, "token"));
    p.add(new Probe(HttpMethod.POST, "/api/auth/login", "{\"username\": 198005142005031001, \"password\": \"x\"}", null, 400, "username"));
    p.add(new Probe(HttpMethod.POST, "/api/auth/login", "{\"username\": \"" + NIP + "\", \"password\": [\"x\"]}", null, 400, "password"));
    p.add(new Probe(HttpMethod.POST, "/api/auth/refresh", "{\"refreshToken\": 42}", null, 400, "refreshToken"));
    p.add(new Probe(HttpMethod.POST, "/api/complaints", "{\"nama\": 42}", null, 400, "nama"));
    p.add(new Probe(HttpMethod.POST, "/api/complaints", "{\"instansiId\": \"bukan angka\", \"nip\": \"" + NIP + "\"}", null, 400, "instansiId"));
    p.add(new Probe(HttpMethod.POST, "/api/admin/officers", "{\"nip\": 1, \"nama\": \"A\", \"role\": \"VERIFIER_SKPD\"}", "agency", 400, "nip"));
    p.add(new Probe(HttpMethod.POST, "/api/admin/officers", "{\"nip\": \"" + NIP + "\", \"nama\": \"A\", \"role\": \"VERIFIER_SKPD\", \"satuanKerjaId\": 1.5}", "agency", 400, "satuanKerjaId"));
    p.add(new Probe(HttpMethod.POST, "/api/admin/officers", "{\"nip\": \"" + NIP + "\", \"nama\": \"A\", \"role\": \"RAJA\"}", "agency", 400, "role"));
    p.add(new Probe(HttpMethod.PUT, "/api/admin/officers/OFFICER", "{\"role\": 5}", "agency", 400, "role"));
    p.add(new Probe(HttpMethod.PUT, "/api/admin/instansi/1/approval", "{\"required\": \"ya\"}", "agency", 400, "required"));
    p.add(new Probe(HttpMethod.POST, "/api/admin/registrations/" + NIP + "/reject", "{\"reason\": 5}", "agency", 400, "reason"));
    // Overlong strings.
    p.add(new Probe(HttpMethod.POST, "/api/auth/login", "{\"username\": \"" + LONG + "\", \"password\": \"x\"}", null, 400, "username"));
    p.add(new Probe(HttpMethod.POST, "/api/auth/login", "{\"username\": \"" + NIP + "\", \"password\": \"" + LONG + "\"}", null, 400, "password"));
    p.add(new Probe(HttpMethod.POST, "/api/registrations", "{\"email\": \"" + LONG + "@contoh.go.id\"}", null, 400, "email"));
    p.add(new Probe(HttpMethod.POST, "/api/registrations", "{\"motherName\": \"" + LONG + "\"}", null, 400, "motherName"));
    p.add(new Probe(HttpMethod.POST, "/api/registrations", "{\"securityAnswer\": \"" + LONG + "\"}", null, 400, "securityAnswer"));
    p.add(new Probe(HttpMethod.POST, "/api/registrations", "{\"password\": \"" + LONG + "\"}", null, 400, "password"));
    p.add(new Probe(HttpMethod.POST, "/api/recovery/security-answer", "{\"nip\": \"" + NIP + "\", \"motherName\": \"" + LONG + "\"}", null, 400, "motherName"));
    p.add(new Probe(HttpMethod.POST, "/api/complaints", "{\"description\": \"" + LONG + "\"}", null, 400, "description"));
    p.add(new Probe(HttpMethod.POST, "/api/complaints", "{\"nama\": \"" + LONG + "\"}", null, 400, "nama"));
    p.add(new Probe(HttpMethod.POST, "/api/admin/registrations/" + NIP + "/reject", "{\"reason\": \"" + LONG + "\"}", "agency", 400, "reason"));
    p.add(new Probe(HttpMethod.POST, "/api/admin/officers", "{\"nip\": \"" + NIP + "\", \"nama\": \"" + LONG + "\", \"role\": \"VERIFIER_SKPD\"}", "agency", 400, "nama"));
    // Bad path parameters.
    p.add(new Probe(HttpMethod.GET, "/api/pns/abc", null, null, 400, "nip"));
    p.add(new Probe(HttpMethod.GET, "/api/pns/1980051420050310019999", null, null, 400, "nip"));
    p.add(new Probe(HttpMethod.GET, "/api/pns/19800514200503100%25", null, null, 400, "nip"));
    p.add(new Probe(HttpMethod.GET, "/api/pns/198013142005031001", null, null, 400, "nip"));
    p.add(new Probe(HttpMethod.GET, "/api/proofs/..%2F..%2Fetc%2Fpasswd", null, null, 403, null));
    p.add(new Probe(HttpMethod.GET, "/api/admin/instansi/abc", null, "agency", 400, "id"));
    p.add(new Probe(HttpMethod.GET, "/api/admin/instansi/99999999999", null, "national", 400, "id"));
    p.add(new Probe(HttpMethod.PUT, "/api/admin/instansi/abc/approval", "{\"required\": true}", "national", 400, "id"));
    p.add(new Probe(HttpMethod.POST, "/api/admin/registrations/abc/approve", "{}", "agency", 400, "nip"));
    p.add(new Probe(HttpMethod.POST, "/api/admin/registrations/" + NIP + "/explode", "{}", "agency", 404, null));
    p.add(new Probe(HttpMethod.PUT, "/api/admin/officers/123", "{\"role\": \"VERIFIER_SKPD\"}", "agency", 400, "nip"));
    p.add(new Probe(HttpMethod.POST, "/api/admin/officers/abc/disable", "{}", "agency", 400, "nip"));
    // Bad query parameters.
    p.add(new Probe(HttpMethod.GET, "/api/registrations/status", null, null, 400, "nip"));
    p.add(new Probe(HttpMethod.GET, "/api/registrations/status?nip=12ab", null, null, 400, "nip"));
    p.add(new Probe(HttpMethod.GET, "/api/proofs/verify", null, null, 400, "code"));
    p.add(new Probe(HttpMethod.GET, "/api/proofs/verify?code=" + LONG, null, null, 400, "code"));
    p.add(new Probe(HttpMethod.GET, "/api/instansi?q=a", null, null, 400, "q"));
    p.add(new Probe(HttpMethod.GET, "/api/instansi?q=" + LONG, null, null, 400, "q"));
    for (String list : new String[] {"/api/admin/registrations", "/api/admin/officers", "/api/admin/complaints"}) {
      for (String token : new String[] {"agency", "national"}) {
        p.add(new Probe(HttpMethod.GET, list + "?page=-1", null, token, 400, "page"));
        p.add(new Probe(HttpMethod.GET, list + "?page=abc", null, token, 400, "page"));
        p.add(new Probe(HttpMethod.GET, list + "?page=99999999999999", null, token, 400, "page"));
        p.add(new Probe(HttpMethod.GET, list + "?size=100000", null, token, 400, "size"));
        p.add(new Probe(HttpMethod.GET, list + "?size=0", null, token, 400, "size"));
        p.add(new Probe(HttpMethod.GET, list + "?instansiId=abc", null, token, 400, "instansiId"));
      }
    }
    p.add(new Probe(HttpMethod.GET, "/api/admin/registrations?status=HILANG", null, "agency", 400, "status"));
    p.add(new Probe(HttpMethod.GET, "/api/admin/registrations?q=" + LONG, null, "agency", 400, "q"));
    p.add(new Probe(HttpMethod.GET, "/api/admin/officers?role=RAJA", null, "agency", 400, "role"));
    // No or a bad token; unknown paths and methods.
    p.add(new Probe(HttpMethod.GET, "/api/admin/registrations", null, null, 401, null));
    p.add(new Probe(HttpMethod.GET, "/api/auth/me", null, "garbage", 401, null));
    p.add(new Probe(HttpMethod.GET, "/api/tidak-ada", null, null, 404, null));
    p.add(new Probe(HttpMethod.DELETE, "/api/registrations", null, null, 404, null));
    return p;
  }

  private static HttpResponse<Buffer> send(Probe probe) {
    String path = probe.path().replace("OFFICER", officerNip);
    HttpRequest<Buffer> request = service.http().request(probe.method(), path);
    String token = probe.token() == null ? null
        : switch (probe.token()) {
          case "agency" -> agencyAdmin;
          case "national" -> nationalAdmin;
          default -> probe.token();
        };
    service.withToken(request, token);
    if (probe.body() == null) {
      return await(request.send());
    }
    request.putHeader("Content-Type", "application/json");
    return await(request.sendBuffer(Buffer.buffer(probe.body())));
  }

  @Test
  void malformedInputToEveryRouteIsA4xxJsonErrorNamingTheField() {
    List<String> wrong = new ArrayList<>();
    for (Probe probe : probes()) {
      HttpResponse<Buffer> response = send(probe);
      String problem = check(probe, response);
      if (problem != null) {
        wrong.add(probe + " -> " + response.statusCode() + " " + response.bodyAsString() + ": " + problem);
      }
    }
    assertEquals(List.of(), wrong, String.join("\n", wrong));
  }

  private static String check(Probe probe, HttpResponse<Buffer> response) {
    if (response.statusCode() != probe.status()) {
      return "expected HTTP " + probe.status();
    }
    String type = response.getHeader("Content-Type");
    if (type == null || !type.startsWith("application/json")) {
      return "not JSON: " + type;
    }
    JsonObject body = response.bodyAsJsonObject();
    if (body.getString("error") == null || body.getString("message") == null || body.getString("requestId") == null) {
      return "not the error model";
    }
    if (response.bodyAsString().contains("Exception") || response.bodyAsString().contains("\tat ")) {
      return "leaks a stack trace";
    }
    if (probe.field() != null) {
      JsonObject fields = body.getJsonObject("fields");
      if (fields == null || fields.getString(probe.field()) == null) {
        return "does not name the field " + probe.field();
      }
    }
    return null;
  }

  @Test
  void bodiesOverTheLimitAre413OnEveryJsonRoute() {
    String big = "{\"a\":\"" + "x".repeat(70_000) + "\"}";
    for (String path : new String[] {"/api/auth/login", "/api/complaints", "/api/recovery/security-answer",
        "/api/admin/officers"}) {
      HttpResponse<Buffer> response = send(new Probe(HttpMethod.POST, path, big, "agency", 413, null));
      assertEquals(413, response.statusCode(), path);
      assertEquals("PAYLOAD_TOO_LARGE", response.bodyAsJsonObject().getString("error"), path);
    }
  }

  @Test
  void aWrongTypeIsCalledAWrongTypeNotAMissingValue() {
    String[][] cases = {
        {"/api/registrations", "{\"nip\": 198005142005031001}", "nip"},
        {"/api/auth/login", "{\"username\": \"" + NIP + "\", \"password\": 12345678}", "password"},
        {"/api/recovery/security-answer", "{\"nip\": \"" + NIP + "\", \"motherName\": [\"Siti\"]}", "motherName"},
        {"/api/complaints", "{\"description\": {\"teks\": \"x\"}}", "description"},
    };
    for (String[] c : cases) {
      HttpResponse<Buffer> response = send(new Probe(HttpMethod.POST, c[0], c[1], null, 400, c[2]));
      assertEquals(400, response.statusCode(), c[0]);
      assertEquals("Isian " + c[2] + " harus berupa teks.",
          response.bodyAsJsonObject().getJsonObject("fields").getString(c[2]), c[0]);
    }
  }
}

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NUL, U+FFFF and other non-characters, lone surrogates and control characters in any text a client sends are
 * refused at the edge with a 400 naming the field (a 500 from PostgreSQL 22021 before, some after the captcha
 * was spent and Argon2 computed), on every endpoint the probe found; tab, CR and LF stay allowed in JSON text.
 */
class TextInputTest {

  static final String NIP = "198005142005031001";
  static TestService service;
  static SapkFixture sapk;
  static String agency;

  @BeforeAll
  static void start() {
    service = TestService.start(TextInputTest.class, Map.of(
        "EPUPNS_CAPTCHA_EXPOSE_ANSWER", "true",
        "EPUPNS_RATE_LIMIT_CAPTCHA_PER_IP", "1000",
        "EPUPNS_RATE_LIMIT_COMPLAINT_PER_IP", "1000",
        "EPUPNS_RATE_LIMIT_REGISTRATION_PER_IP", "1000"), false);
    sapk = new SapkFixture(service);
    String officer = sapk.officer("ADMIN_INSTANSI", SapkFixture.SATKER_BKN).nip();
    agency = service.post("/api/auth/login", new JsonObject().put("username", officer)
        .put("password", SapkFixture.OFFICER_PASSWORD)).bodyAsJsonObject().getString("token");
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  record Probe(HttpMethod method, String uri, String json, boolean token, String field) {
  }

  private static HttpResponse<Buffer> send(HttpMethod method, String uri, String json, boolean token) {
    HttpRequest<Buffer> request = service.http().request(method, uri);
    if (token) {
      request.bearerTokenAuthentication(agency);
    }
    if (json == null) {
      return await(request.send());
    }
    return await(request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(json)));
  }

  private static JsonObject captcha() {
    JsonObject captcha = service.post("/api/captcha", new JsonObject()).bodyAsJsonObject();
    return new JsonObject().put("captchaId", captcha.getString("id")).put("captchaAnswer", captcha.getString("answer"));
  }

  private static String complaint(String nama, String description) {
    return new JsonObject().put("nip", NIP).put("nik", "3273051405800001").put("instansiId", SapkFixture.INSTANSI_BKN)
        .put("contact", "budi@example.go.id").mergeIn(captcha()).encode()
        .replace("}", ",\"nama\":\"" + nama + "\",\"description\":\"" + description + "\"}");
  }

  @Test
  void refusedCharactersAre400NamingTheFieldOnEveryEndpoint() {
    String reject = "/api/admin/registrations/" + NIP + "/reject";
    List<Probe> probes = List.of(
        new Probe(HttpMethod.GET, "/api/instansi?q=b%00a", null, false, "q"),
        new Probe(HttpMethod.GET, "/api/instansi?q=Band%EF%BF%BF", null, false, "q"),
        new Probe(HttpMethod.GET, "/api/ref/sekolah?q=%00", null, true, "q"),
        new Probe(HttpMethod.GET, "/api/ref/instansi?q=%EF%BF%BF", null, true, "q"),
        new Probe(HttpMethod.GET, "/api/ref/instansi?q=a%EF%B7%90", null, true, "q"),
        new Probe(HttpMethod.GET, "/api/ref/spesialis?q=a%09b", null, true, "q"),
        new Probe(HttpMethod.GET, "/api/admin/registrations?q=a%00b", null, true, "q"),
        new Probe(HttpMethod.GET, "/api/admin/officers?q=a%00b", null, true, "q"),
        new Probe(HttpMethod.GET, "/api/admin/complaints?page=1%00", null, true, "page"),
        new Probe(HttpMethod.GET, "/api/registrations/status?nip=%00", null, false, "nip"),
        new Probe(HttpMethod.GET, "/api/schedule?x%00y=1", null, false, "query"),
        new Probe(HttpMethod.GET, "/api/pns/1980%00", null, false, "path"),
        new Probe(HttpMethod.GET, "/api/pns/%C2%85", null, false, "path"),
        new Probe(HttpMethod.POST, reject, "{\"reason\":\"Data a\\u0000b\"}", true, "reason"),
        new Probe(HttpMethod.POST, reject, "{\"reason\":\"Data \\ud800 tidak sah\"}", true, "reason"),
        new Probe(HttpMethod.POST, "/api/complaints", complaint("Budi\\u0000", "Data saya salah di SAPK sejak 2014."), false, "nama"),
        new Probe(HttpMethod.POST, "/api/complaints", complaint("Budi", "Data saya salah\\uffff di SAPK."), false, "description"),
        new Probe(HttpMethod.POST, "/api/complaints", complaint("Budi", "Data saya salah \\udc00 di SAPK."), false, "description"),
        new Probe(HttpMethod.POST, "/api/auth/login", "{\"username\":\"1980\\u0000\",\"password\":\"x\"}", false, "username"),
        new Probe(HttpMethod.POST, "/api/auth/login", "{\"username\":\"" + NIP + "\",\"password\":\"a\\ud800\"}", false, "password"),
        new Probe(HttpMethod.POST, "/api/recovery/registration-number", "{\"nip\":\"" + NIP + "\\u0007\"}", false, "nip"),
        new Probe(HttpMethod.POST, "/api/admin/officers", "{\"nip\":\"" + NIP + "\",\"nama\":\"A\\u0085B\",\"role\":\"VERIFIER_SKPD\"}", true, "nama"),
        new Probe(HttpMethod.POST, "/api/admin/officers", "{\"nip\":\"" + NIP + "\",\"x\":{\"y\":[\"ok\",\"\\u0000\"]}}", true, "x.y[1]"),
        new Probe(HttpMethod.POST, "/api/admin/officers", "{\"a\\u0000\":1}", true, "body"));
    List<String> wrong = new ArrayList<>();
    for (Probe probe : probes) {
      HttpResponse<Buffer> response = send(probe.method(), probe.uri(), probe.json(), probe.token());
      JsonObject body;
      try {
        body = response.bodyAsJsonObject();
      } catch (RuntimeException e) {
        body = new JsonObject();
      }
      JsonObject fields = body.getJsonObject("fields", new JsonObject());
      if (response.statusCode() != 400 || !fields.containsKey(probe.field())) {
        wrong.add(probe.method() + " " + probe.uri() + " " + probe.json() + " -> " + response.statusCode() + " "
            + response.bodyAsString());
      }
    }
    assertEquals(List.of(), wrong, String.join("\n", wrong));
    assertEquals(0L, service.sql("select count(*) from complaint where description like 'Data saya%'").iterator().next().getLong(0));
  }

  @Test
  void registrationRefusesBeforeSpendingTheCaptchaOrHashing() {
    SapkFixture.Person person = sapk.pns(SapkFixture.SATKER_BKN, true);
    JsonObject captcha = captcha();
    JsonObject form = new JsonObject().put("nip", person.nip()).put("nik", person.nik())
        .put("email", "pns" + person.nip() + "@example.go.id").put("password", "kopi tubruk di pagi hari")
        .put("passwordConfirmation", "kopi tubruk di pagi hari").put("motherName", "Siti Nurhayati")
        .put("securityAnswer", "SD Negeri 3 Cibeunying").mergeIn(captcha);
    double hashes = hashes();
    HttpResponse<Buffer> refused = send(HttpMethod.POST, "/api/registrations",
        form.copy().put("securityQuestion", "Apa nama SD Anda?").encode().replace("SD Anda?", "SD\\u0000 Anda?"), false);
    assertEquals(400, refused.statusCode(), refused.bodyAsString());
    assertTrue(refused.bodyAsJsonObject().getJsonObject("fields").containsKey("securityQuestion"));
    assertEquals(hashes, hashes(), "no Argon2 hash computed for a refused request");
    // The captcha was not spent: the corrected request goes through with it.
    HttpResponse<Buffer> accepted = service.post("/api/registrations", form.copy().put("securityQuestion", "Apa nama SD Anda?"));
    assertEquals(201, accepted.statusCode(), accepted.bodyAsString());
  }

  @Test
  void tabsLineBreaksAndEmojiStayAllowedInJsonText() {
    HttpResponse<Buffer> response = send(HttpMethod.POST, "/api/complaints",
        complaint("Budi Santoso", "Baris satu\\nbaris dua\\r\\n\\tmenjorok, dan \\ud83d\\ude00 di SAPK."), false);
    assertEquals(201, response.statusCode(), response.bodyAsString());
    assertEquals("Baris satu\nbaris dua\r\n\tmenjorok, dan \uD83D\uDE00 di SAPK.",
        service.sql("select description from complaint").iterator().next().getString(0));
  }

  private static double hashes() {
    return service.metrics().lines().filter(l -> l.startsWith("epupns_blocking_work_seconds_count{job=\"password-hash\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }
}

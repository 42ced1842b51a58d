package id.go.bkn.epupns.complaint;

import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pengaduan: filed publicly behind a captcha, listed only to the agency's admin (and BKN's). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComplaintTest {

  static TestService service;
  static SapkFixture sapk;
  static String adminBkn;
  static String adminBandung;
  static String adminBknPusat;

  @BeforeAll
  static void start() {
    service = TestService.start(ComplaintTest.class, Map.of(
        "EPUPNS_CAPTCHA_EXPOSE_ANSWER", "true",
        "EPUPNS_RATE_LIMIT_COMPLAINT_PER_IP", "1000",
        "EPUPNS_RATE_LIMIT_COMPLAINT_PER_NIP", "1000"), false);
    sapk = new SapkFixture(service);
    adminBandung = token(sapk.officer("ADMIN_INSTANSI", SapkFixture.SATKER_DISDIK_BANDUNG).nip());
    adminBknPusat = token(sapk.officer("ADMIN_INSTANSI", SapkFixture.SATKER_BKN).nip());
    adminBkn = token(sapk.officer("ADMIN_BKN", SapkFixture.SATKER_BKN).nip());
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static String token(String nip) {
    HttpResponse<Buffer> login = service.post("/api/auth/login", new JsonObject().put("username", nip)
        .put("password", SapkFixture.OFFICER_PASSWORD));
    assertEquals(200, login.statusCode(), login.bodyAsString());
    return login.bodyAsJsonObject().getString("token");
  }

  private JsonObject complaint(String nip, Object instansi) {
    JsonObject captcha = service.post("/api/captcha", new JsonObject()).bodyAsJsonObject();
    JsonObject body = new JsonObject().put("nip", nip).put("nama", "Asep Sunandar").put("nik", "3273050101700001")
        .put("description", "NIP saya tidak ditemukan padahal saya PNS aktif sejak 1995.")
        .put("contact", "0812-3456-7890")
        .put("captchaId", captcha.getString("id")).put("captchaAnswer", captcha.getString("answer"));
    if (instansi instanceof Integer id) {
      body.put("instansiId", id);
    } else {
      body.put("instansi", instansi);
    }
    return body;
  }

  @Test
  void complaintIsFiledAndSeenOnlyByItsAgencyAndBkn() {
    HttpResponse<Buffer> filed = service.post("/api/complaints", complaint("197001011995031009", SapkFixture.INSTANSI_BANDUNG));
    assertEquals(201, filed.statusCode(), filed.bodyAsString());
    long id = filed.bodyAsJsonObject().getLong("id");
    HttpResponse<Buffer> byCode = service.post("/api/complaints", complaint("197001011995031017", "4011"));
    assertEquals(201, byCode.statusCode(), byCode.bodyAsString());

    JsonObject bandung = service.get("/api/admin/complaints", adminBandung).bodyAsJsonObject();
    JsonArray items = bandung.getJsonArray("items");
    assertEquals(1, items.size(), bandung.encode());
    assertEquals(id, items.getJsonObject(0).getLong("id"));
    assertEquals("197001011995031009", items.getJsonObject(0).getString("nip"));
    assertEquals("081234567890", items.getJsonObject(0).getString("contact"));
    assertEquals(1, bandung.getLong("total"));

    JsonObject bkn = service.get("/api/admin/complaints", adminBknPusat).bodyAsJsonObject();
    assertEquals(1, bkn.getJsonArray("items").size());
    assertEquals("197001011995031017", bkn.getJsonArray("items").getJsonObject(0).getString("nip"));

    JsonObject all = service.get("/api/admin/complaints?page=1&size=1", adminBkn).bodyAsJsonObject();
    assertEquals(1, all.getJsonArray("items").size());
    assertTrue(all.getLong("total") >= 2);
    assertEquals(400, service.get("/api/admin/complaints?size=1000", adminBkn).statusCode());
    assertEquals(401, service.get("/api/admin/complaints").statusCode());
  }

  @Test
  void complaintFieldsAreValidatedAllAtOnce() {
    JsonObject body = new JsonObject().put("nip", "123").put("nik", "12").put("nama", "")
        .put("description", "pendek").put("contact", "bukan kontak");
    HttpResponse<Buffer> response = service.post("/api/complaints", body);
    assertEquals(400, response.statusCode());
    JsonObject fields = response.bodyAsJsonObject().getJsonObject("fields");
    for (String field : new String[] {"nip", "nik", "nama", "instansiId", "description", "contact", "captchaId",
        "captchaAnswer"}) {
      assertNotNull(fields.getString(field), field + " in " + fields);
    }
    HttpResponse<Buffer> unknownAgency = service.post("/api/complaints", complaint("197001011995031009", 999));
    assertEquals(400, unknownAgency.statusCode());
    assertNotNull(unknownAgency.bodyAsJsonObject().getJsonObject("fields").getString("instansiId"));
  }

  @Test
  void aNipKnownToSapkIsNotFiledButSentToRegistration() {
    SapkFixture.Person pns = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, false);
    for (String nip : new String[] {pns.nip(), sapk.officer("VERIFIER_SKPD", SapkFixture.SATKER_DISDIK_BANDUNG).nip()}) {
      HttpResponse<Buffer> refused = service.post("/api/complaints", complaint(nip, SapkFixture.INSTANSI_BANDUNG));
      assertEquals(409, refused.statusCode(), refused.bodyAsString());
      JsonObject body = refused.bodyAsJsonObject();
      assertEquals("NIP_IN_SAPK", body.getString("error"));
      assertTrue(body.getJsonObject("fields").getString("nip").contains("Lupa nomor registrasi"), body.encode());
      assertEquals(0L, service.sql("select count(*) from complaint where nip = $1", nip).iterator().next().getLong(0));
    }
  }

  @Test
  void agencyAutocompleteFindsBySubstringOrCode() {
    JsonArray items = service.get("/api/instansi?q=bandung").bodyAsJsonObject().getJsonArray("items");
    assertEquals(1, items.size());
    assertEquals("Pemerintah Kota Bandung", items.getJsonObject(0).getString("nama"));
    assertEquals(SapkFixture.INSTANSI_BANDUNG, items.getJsonObject(0).getInteger("id"));
    assertEquals("Badan Kepegawaian Negara", service.get("/api/instansi?q=4011").bodyAsJsonObject()
        .getJsonArray("items").getJsonObject(0).getString("nama"));
    assertEquals(0, service.get("/api/instansi?q=%25%25").bodyAsJsonObject().getJsonArray("items").size());
    assertEquals(400, service.get("/api/instansi?q=a").statusCode());
  }

  private long file(String nip, int instansi, String contact) {
    JsonObject body = complaint(nip, instansi).put("contact", contact);
    HttpResponse<Buffer> filed = service.post("/api/complaints", body);
    assertEquals(201, filed.statusCode(), filed.bodyAsString());
    return filed.bodyAsJsonObject().getLong("id");
  }

  private static JsonObject listed(String query, String token) {
    HttpResponse<Buffer> response = service.get("/api/admin/complaints?" + query, token);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  @Test
  @Order(Integer.MAX_VALUE) // after the tests that count the agencies' complaints
  void complaintsAreAssignedFilteredAndHandledAndTheComplainantIsMailed() {
    long byMail = file("197001011995031025", SapkFixture.INSTANSI_BANDUNG, "pengadu.satu@example.org");
    long byPhone = file("197001011995031033", SapkFixture.INSTANSI_BANDUNG, "0812 1111 2222");
    long other = file("197001011995031041", SapkFixture.INSTANSI_BKN, "pengadu.tiga@example.org");
    SapkFixture.Person verifier = sapk.officer("VERIFIER_SKPD", SapkFixture.SATKER_DISDIK_BANDUNG);
    SapkFixture.Person outsider = sapk.officer("VERIFIER_BKD", SapkFixture.SATKER_BKN);

    assertTrue(listed("status=OPEN&q=197001011995031025", adminBandung).getJsonArray("items").stream()
        .anyMatch(c -> ((JsonObject) c).getLong("id") == byMail));
    assertEquals(400, service.get("/api/admin/complaints?status=DONE", adminBandung).statusCode());
    // What is typed is searched as typed: LIKE's wildcards match themselves (were stripped: "%" listed everything).
    assertTrue(listed("q=Asep%20Sunandar", adminBandung).getLong("total") >= 2);
    assertEquals(0L, listed("q=%25", adminBandung).getLong("total"));
    assertEquals(0L, listed("q=Asep_Sunandar", adminBandung).getLong("total"));

    String assignee = "/api/admin/complaints/" + byMail + "/assignee";
    HttpResponse<Buffer> assigned = service.put(assignee, new JsonObject().put("nip", verifier.nip()), adminBandung);
    assertEquals(200, assigned.statusCode(), assigned.bodyAsString());
    assertEquals("ASSIGNED", assigned.bodyAsJsonObject().getString("status"));
    assertEquals(verifier.nama(), assigned.bodyAsJsonObject().getJsonObject("assignee").getString("nama"));
    HttpResponse<Buffer> foreign = service.put(assignee, new JsonObject().put("nip", outsider.nip()), adminBandung);
    assertEquals(400, foreign.statusCode(), "an officer of another agency");
    assertTrue(foreign.bodyAsJsonObject().getJsonObject("fields").containsKey("nip"));
    assertEquals(404, service.put("/api/admin/complaints/" + other + "/assignee", new JsonObject().put("nip", verifier.nip()),
        adminBandung).statusCode(), "another agency's complaint");
    JsonObject row = listed("status=ASSIGNED", adminBandung).getJsonArray("items").getJsonObject(0);
    assertEquals(verifier.nip(), row.getJsonObject("assignee").getString("nip"));

    assertEquals(404, service.post("/api/admin/complaints/" + other + "/handle", new JsonObject().put("note", "Bukan urusan kami."),
        adminBandung).statusCode(), "another agency's complaint");
    String handle = "/api/admin/complaints/" + byMail + "/handle";
    assertEquals(400, service.post(handle, new JsonObject().put("note", ""), adminBandung).statusCode());
    HttpResponse<Buffer> handled = service.post(handle, new JsonObject()
        .put("note", "NIP Anda tercatat di instansi lain; data sudah dipindahkan."), adminBandung);
    assertEquals(200, handled.statusCode(), handled.bodyAsString());
    assertTrue(handled.bodyAsJsonObject().getBoolean("mailed"));
    assertEquals(1L, service.sql("select count(*) from mail_outbox where recipient = $1 and body like $2",
        "pengadu.satu@example.org", "%data sudah dipindahkan%").iterator().next().getLong(0));
    assertEquals(409, service.post(handle, new JsonObject().put("note", "lagi lagi lagi"), adminBandung).statusCode());
    assertEquals(1L, service.sql("select count(*) from admin_audit where action = 'COMPLAINT_HANDLE' and target = $1 and instansi_id = 2",
        "pengaduan/" + byMail).iterator().next().getLong(0), "in the one audit log");
    assertEquals(1L, service.sql("select count(*) from admin_audit where action = 'COMPLAINT_ASSIGN' and target = $1",
        "pengaduan/" + byMail).iterator().next().getLong(0));
    HttpResponse<Buffer> byPhoneHandled = service.post("/api/admin/complaints/" + byPhone + "/handle",
        new JsonObject().put("note", "Sudah kami telepon."), adminBandung);
    assertEquals(200, byPhoneHandled.statusCode());
    assertEquals(false, byPhoneHandled.bodyAsJsonObject().getBoolean("mailed"), "a phone contact is called, not mailed");
    JsonObject done = listed("status=HANDLED&instansiId=" + SapkFixture.INSTANSI_BANDUNG, adminBkn);
    assertEquals(2, done.getLong("total"));
    assertTrue(done.getJsonArray("items").stream().map(JsonObject.class::cast)
        .anyMatch(c -> "Sudah kami telepon.".equals(c.getString("handledNote")) && c.getString("handledAt") != null));
    // Times in the campaign zone, seconds always written (RFC 3339), as everywhere in the API.
    for (Object o : done.getJsonArray("items")) {
      JsonObject c = (JsonObject) o;
      for (String at : new String[] {c.getString("createdAt"), c.getString("handledAt")}) {
        assertTrue(at.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?\\+07:00"), at);
      }
    }
    assertEquals(200, service.post("/api/admin/complaints/" + other + "/handle", new JsonObject().put("note", "Ditangani BKN."),
        adminBkn).statusCode(), "the national admin handles any agency's");
  }
}

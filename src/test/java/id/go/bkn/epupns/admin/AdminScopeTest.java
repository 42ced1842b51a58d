package id.go.bkn.epupns.admin;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every administration action, tried by one agency's admin on another agency (table-driven): refused
 * as the house convention says (403 when the request names the other agency or asks for a national
 * power, 404 when it names a thing of the other agency, so nothing about it is learnt), nothing
 * changed and nothing audited; the same row by the national admin is allowed where it should be.
 */
class AdminScopeTest {

  static TestService service;
  static SapkFixture sapk;
  static Accounts accounts;
  static String intruder;
  static String national;
  static SapkFixture.Person bandungVerifier;
  static SapkFixture.Person bandungPns;
  static SapkFixture.Person bandungApproved;
  static long bandungSchool;
  static long bandungComplaint;

  @BeforeAll
  static void start() {
    service = TestService.start(AdminScopeTest.class, Map.of("EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "100000"), false);
    sapk = new SapkFixture(service);
    accounts = new Accounts(service);
    intruder = accounts.officerToken(sapk.officer("ADMIN_INSTANSI", SapkFixture.SATKER_BKN));
    national = accounts.officerToken(sapk.officer("ADMIN_BKN", SapkFixture.SATKER_BKN));
    String bandungAdmin = accounts.officerToken(sapk.officer("ADMIN_INSTANSI", SapkFixture.SATKER_DINKES_BANDUNG));
    bandungVerifier = sapk.officer("VERIFIER_SKPD", SapkFixture.SATKER_DINKES_BANDUNG);
    bandungPns = sapk.pns(SapkFixture.SATKER_DINKES_BANDUNG, true);
    accounts.registration(bandungPns, "PENDING_APPROVAL");
    bandungApproved = sapk.pns(SapkFixture.SATKER_DINKES_BANDUNG, false);
    accounts.registration(bandungApproved, "APPROVED");
    bandungComplaint = service.sql("""
        insert into complaint (nip, nama, nik, instansi_id, description, contact)
        values ('199001012015031001', 'Dewi Lestari', '3273014101900001', $1, 'NIP saya tidak ditemukan di SAPK.',
                'dewi@example.org') returning id""", SapkFixture.INSTANSI_BANDUNG).iterator().next().getLong(0);
    bandungSchool = service.post("/api/admin/referensi/sekolah", new JsonObject().put("nama", "SD Negeri Bandung 9")
        .put("jenjang", "SD"), bandungAdmin).bodyAsJsonObject().getLong("id");
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  /** One action: what it is, the request, what the other agency's admin gets, and what the national admin gets (0: not tried). */
  record Row(String action, HttpMethod method, String path, JsonObject body, int intruderGets, int nationalGets) {
  }

  static List<Row> rows() {
    int bandung = SapkFixture.INSTANSI_BANDUNG;
    String verifier = "/api/admin/officers/" + bandungVerifier.nip();
    String school = "/api/admin/referensi/sekolah/" + bandungSchool;
    JsonObject open = new JsonObject().put("start", "2015-09-01").put("end", "2099-12-31");
    JsonObject appointBkd = new JsonObject().put("nip", bandungPns.nip()).put("nama", bandungPns.nama())
        .put("role", "VERIFIER_BKD").put("instansiId", bandung).put("email", "bkd@example.org");
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("appoint a BKD verifier of the other agency", HttpMethod.POST, "/api/admin/officers", appointBkd, 403, 0));
    rows.add(new Row("appoint an SKPD verifier in its work unit", HttpMethod.POST, "/api/admin/officers", appointBkd.copy()
        .put("role", "VERIFIER_SKPD").put("satuanKerjaId", SapkFixture.SATKER_DINKES_BANDUNG).putNull("instansiId"), 403, 0));
    rows.add(new Row("appoint a BKN verifier", HttpMethod.POST, "/api/admin/officers", appointBkd.copy()
        .put("role", "VERIFIER_BKN").put("kanregId", 3).putNull("instansiId"), 403, 0));
    rows.add(new Row("list its officers", HttpMethod.GET, "/api/admin/officers?instansiId=" + bandung, null, 403, 200));
    rows.add(new Row("change its verifier's role", HttpMethod.PUT, verifier, new JsonObject().put("role", "VERIFIER_BKD"), 404, 0));
    rows.add(new Row("disable its verifier", HttpMethod.POST, verifier + "/disable", null, 404, 0));
    rows.add(new Row("enable its verifier", HttpMethod.POST, verifier + "/enable", null, 404, 0));
    rows.add(new Row("mail its verifier a password link", HttpMethod.POST, verifier + "/password-link", null, 404, 0));
    rows.add(new Row("remove its verifier", HttpMethod.DELETE, verifier, null, 404, 0));
    rows.add(new Row("read its audit log", HttpMethod.GET, "/api/admin/audit?instansiId=" + bandung, null, 403, 200));
    rows.add(new Row("look up its work units", HttpMethod.GET, "/api/admin/lookup/satuan-kerja?instansiId=" + bandung, null, 403, 200));
    rows.add(new Row("list its schools", HttpMethod.GET, "/api/admin/referensi/sekolah?instansiId=" + bandung, null, 403, 200));
    rows.add(new Row("add a school to it", HttpMethod.POST, "/api/admin/referensi/sekolah?instansiId=" + bandung,
        new JsonObject().put("nama", "SD Titipan").put("jenjang", "SD"), 403, 0));
    rows.add(new Row("edit its school", HttpMethod.PUT, school, new JsonObject().put("nama", "SD Diganti").put("jenjang", "SD"), 404, 0));
    rows.add(new Row("retire its school", HttpMethod.POST, school + "/retire", null, 404, 0));
    rows.add(new Row("restore its school", HttpMethod.POST, school + "/restore", null, 404, 0));
    rows.add(new Row("import into its schools", HttpMethod.POST, "/api/admin/referensi/sekolah/import?instansiId=" + bandung,
        new JsonObject().put("csv", "nama,jenjang\nSD Impor,SD\n"), 403, 0));
    rows.add(new Row("add a national specialty", HttpMethod.POST, "/api/admin/referensi/spesialis",
        new JsonObject().put("nama", "Spesialis Titipan"), 403, 0));
    rows.add(new Row("change the national schedule", HttpMethod.PUT, "/api/admin/schedule/form", open, 403, 200));
    rows.add(new Row("give it a staggered window", HttpMethod.PUT, "/api/admin/schedule/form/instansi/" + bandung, open, 403, 0));
    rows.add(new Row("remove its staggered window", HttpMethod.DELETE, "/api/admin/schedule/form/instansi/" + bandung, null, 403, 0));
    rows.add(new Row("change the routing table", HttpMethod.PUT, "/api/admin/routing/utama/alamat",
        new JsonObject().put("finalAuthority", "BKD"), 403, 0));
    rows.add(new Row("switch its registration approval", HttpMethod.PUT, "/api/admin/instansi/" + bandung + "/approval",
        new JsonObject().put("required", false), 403, 0));
    rows.add(new Row("approve its PNS's registration", HttpMethod.POST, "/api/admin/registrations/" + bandungPns.nip() + "/approve",
        null, 404, 0));
    rows.add(new Row("reject its PNS's registration", HttpMethod.POST, "/api/admin/registrations/" + bandungPns.nip() + "/reject",
        new JsonObject().put("reason", "Bukan PNS instansi ini."), 404, 0));
    rows.add(new Row("reset its PNS's registration", HttpMethod.POST, "/api/admin/registrations/" + bandungPns.nip() + "/reset",
        new JsonObject().put("reason", "Didaftarkan orang lain."), 404, 0));
    rows.add(new Row("undo its approval", HttpMethod.POST, "/api/admin/registrations/" + bandungApproved.nip() + "/undo-approve",
        null, 404, 0));
    rows.add(new Row("list its registrations", HttpMethod.GET, "/api/admin/registrations?instansiId=" + bandung, null, 403, 200));
    rows.add(new Row("read its settings", HttpMethod.GET, "/api/admin/instansi/" + bandung, null, 403, 200));
    rows.add(new Row("list its complaints", HttpMethod.GET, "/api/admin/complaints?instansiId=" + bandung, null, 403, 200));
    rows.add(new Row("assign its complaint", HttpMethod.PUT, "/api/admin/complaints/" + bandungComplaint + "/assignee",
        new JsonObject().put("nip", bandungVerifier.nip()), 404, 0));
    rows.add(new Row("handle its complaint", HttpMethod.POST, "/api/admin/complaints/" + bandungComplaint + "/handle",
        new JsonObject().put("note", "Sudah kami telusuri."), 404, 0));
    rows.add(new Row("give its province a staggered window", HttpMethod.PUT, "/api/admin/schedule/form/provinsi/32", open, 403, 0));
    rows.add(new Row("remove its province's staggered window", HttpMethod.DELETE, "/api/admin/schedule/form/provinsi/32",
        null, 403, 0));
    return rows;
  }

  static HttpResponse<Buffer> send(Row row, String token) {
    HttpRequest<Buffer> request = service.withToken(service.http().request(row.method(), row.path()), token);
    return TestService.await(row.body() == null ? request.send() : request.sendJsonObject(row.body()));
  }

  /** Every audit entry, whatever its agency (an intruder's entry might carry its own, or none). */
  static long audited() {
    return service.sql("select count(*) from admin_audit").iterator().next().getLong(0);
  }

  @Test
  void anAgencysAdminCannotTouchAnotherAgency() {
    long audited = audited();
    long mails = service.sql("select count(*) from mail_outbox").iterator().next().getLong(0);
    List<String> wrong = new ArrayList<>();
    for (Row row : rows()) {
      HttpResponse<Buffer> answer = send(row, intruder);
      if (answer.statusCode() != row.intruderGets()) {
        wrong.add(row.action() + ": " + answer.statusCode() + " " + answer.bodyAsString());
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    assertEquals(audited, audited(), "nothing audited: nothing was done");
    assertEquals(1L, service.sql("select count(*) from officer where nip = $1 and not disabled and removed_at is null"
        + " and role = 'VERIFIER_SKPD'", bandungVerifier.nip()).iterator().next().getLong(0));
    assertEquals("SD Negeri Bandung 9", service.sql("select nama from ref_sekolah where id = $1", bandungSchool)
        .iterator().next().getString(0));
    assertEquals(0L, service.sql("select count(*) from ref_sekolah where nama in ('SD Titipan', 'SD Impor')")
        .iterator().next().getLong(0));
    assertEquals("PENDING_APPROVAL", service.sql("select status from registration where nip = $1", bandungPns.nip())
        .iterator().next().getString(0));
    assertEquals("APPROVED", service.sql("select status from registration where nip = $1", bandungApproved.nip())
        .iterator().next().getString(0));
    assertEquals(0L, service.sql("select count(*) from registration_decision").iterator().next().getLong(0));
    assertEquals("OPEN/null/null", service.sql("select status || '/' || coalesce(assigned_to, 'null') || '/'"
        + " || coalesce(handled_note, 'null') from complaint where id = $1", bandungComplaint).iterator().next().getString(0));
    assertEquals(mails, service.sql("select count(*) from mail_outbox").iterator().next().getLong(0), "nobody mailed");
    assertEquals(0L, service.sql("select count(*) from campaign_window_override").iterator().next().getLong(0));
  }

  @Test
  void theNationalAdminMayDoWhatTheAgencysAdminMayNot() {
    for (Row row : rows()) {
      if (row.nationalGets() != 0) {
        HttpResponse<Buffer> answer = send(row, national);
        assertEquals(row.nationalGets(), answer.statusCode(), row.action() + ": " + answer.bodyAsString());
      }
    }
  }
}

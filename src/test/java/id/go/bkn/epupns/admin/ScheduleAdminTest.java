package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.testing.Poll;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schedule in the database: ADMIN_BKN changes it, the PNS are refused outside it at once, staggered windows per agency and province. */
class ScheduleAdminTest {

  static TestService service;
  static SapkFixture sapk;
  static Accounts accounts;
  static SapkFixture.Person nationalAdmin;
  static String national;
  static String agencyAdmin;

  @BeforeAll
  static void start() {
    service = TestService.start(ScheduleAdminTest.class, Map.of("EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "100000"), false);
    sapk = new SapkFixture(service);
    accounts = new Accounts(service);
    nationalAdmin = sapk.officer("ADMIN_BKN", SapkFixture.SATKER_BKN);
    national = accounts.officerToken(nationalAdmin);
    agencyAdmin = accounts.officerToken(sapk.officer("ADMIN_INSTANSI", SapkFixture.SATKER_BKN));
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static String pns(int satker) {
    return accounts.token(accounts.registration(sapk.pns(satker, false), "APPROVED"), Accounts.PNS_PASSWORD);
  }

  private static HttpResponse<Buffer> submit(String token) {
    return service.post("/api/me/form/submit", new JsonObject(), token);
  }

  private static JsonObject range(String start, String end) {
    return new JsonObject().put("start", start).put("end", end);
  }

  @Test
  void aChangedWindowRefusesThePnsAtOnceAndAStaggeredOneLetsItsAgencyIn() {
    String bkn = pns(SapkFixture.SATKER_BKN);
    String bandung = pns(SapkFixture.SATKER_DISDIK_BANDUNG);
    assertEquals(422, submit(bkn).statusCode(), "open: the form is only incomplete");
    assertEquals("2015-09-01", service.sql("select starts_on::text from campaign_window where window_key = 'FORM'")
        .iterator().next().getString(0), "seeded from the settings");

    HttpResponse<Buffer> closed = service.put("/api/admin/schedule/form", range("2015-09-01", "2015-11-30"), national);
    assertEquals(200, closed.statusCode(), closed.bodyAsString());
    assertFalse(closed.bodyAsJsonObject().getJsonObject("windows").getJsonObject("form").getBoolean("open"));
    for (int i = 0; i < 4; i++) { // whichever HTTP verticle answers
      HttpResponse<Buffer> refused = submit(bkn);
      assertEquals(403, refused.statusCode());
      assertEquals("WINDOW_CLOSED", refused.bodyAsJsonObject().getString("error"));
      assertTrue(refused.bodyAsJsonObject().getString("message").contains("30 November 2015"));
    }
    assertFalse(service.get("/api/schedule").bodyAsJsonObject().getJsonObject("form").getBoolean("open"));

    // Who changed the national window and when: on the admin page (name, NIP; the campaign zone), not publicly.
    java.time.OffsetDateTime beforeChange = java.time.OffsetDateTime.now().minusMinutes(1);
    JsonObject windows = service.get("/api/admin/schedule", national).bodyAsJsonObject().getJsonObject("windows");
    JsonObject form = windows.getJsonObject("form");
    assertEquals(nationalAdmin.nip(), form.getJsonObject("changedBy").getString("nip"), form.encode());
    assertEquals(nationalAdmin.nama(), form.getJsonObject("changedBy").getString("nama"));
    String at = form.getString("changedAt");
    assertTrue(at.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?\\+07:00"), at);
    assertTrue(java.time.OffsetDateTime.parse(at).isAfter(beforeChange), at);
    assertTrue(windows.getJsonObject("registration").containsKey("changedBy"));
    assertEquals(null, windows.getJsonObject("registration").getValue("changedBy"), "never changed: seeded from config");
    assertFalse(service.get("/api/schedule").bodyAsJsonObject().getJsonObject("form").containsKey("changedBy"),
        "the public schedule names no officer");

    // A staggered window for Kota Bandung's PNS (by agency), open today; BKN's PNS stay outside.
    String today = LocalDate.now().toString();
    String later = LocalDate.now().plusDays(7).toString();
    HttpResponse<Buffer> agency = service.put("/api/admin/schedule/form/instansi/" + SapkFixture.INSTANSI_BANDUNG,
        range(today, later), national);
    assertEquals(200, agency.statusCode(), agency.bodyAsString());
    assertEquals(422, submit(bandung).statusCode());
    assertEquals(403, submit(bkn).statusCode());
    JsonObject theirs = service.get("/api/schedule?instansiId=" + SapkFixture.INSTANSI_BANDUNG).bodyAsJsonObject()
        .getJsonObject("form");
    assertTrue(theirs.getBoolean("open") && theirs.getBoolean("staggered"));
    assertEquals(later, theirs.getString("end"));

    // By province (Kota Bandung is in 32): the agency's own window wins; removed, the province's applies.
    HttpResponse<Buffer> byProvince = service.put("/api/admin/schedule/form/provinsi/32", range("2015-01-01", "2015-01-31"),
        national);
    assertEquals(200, byProvince.statusCode());
    JsonObject listed = byProvince.bodyAsJsonObject().getJsonArray("overrides").stream().map(JsonObject.class::cast)
        .filter(o -> o.getValue("provinsiKode") != null).findFirst().orElseThrow();
    assertEquals("Jawa Barat", listed.getString("provinsiNama"), "shown by name on the page");
    assertEquals(nationalAdmin.nip(), listed.getString("changedBy"), "who set it");
    assertEquals(nationalAdmin.nama(), listed.getString("changedByNama"), "by name, for the page");
    assertEquals(422, submit(bandung).statusCode(), "its own window wins over its province's");
    assertEquals(200, service.delete("/api/admin/schedule/form/instansi/" + SapkFixture.INSTANSI_BANDUNG, national)
        .statusCode());
    HttpResponse<Buffer> province = submit(bandung);
    assertEquals(403, province.statusCode());
    assertTrue(province.bodyAsJsonObject().getString("message").contains("31 Januari 2015"), province.bodyAsString());
    assertEquals(200, service.delete("/api/admin/schedule/form/provinsi/32", national).statusCode());

    // Who and when, in the audit log; the version moved with every change.
    assertEquals(5L, service.sql("select count(*) from admin_audit where action in ('SCHEDULE_CHANGE', 'AGENCY_WINDOW_SET',"
        + " 'AGENCY_WINDOW_CLEAR')").iterator().next().getLong(0));
    assertEquals(5L, service.sql("select version from campaign_schedule_version").iterator().next().getLong(0));

    // Another instance (a process that did not make the change) picks it up by the version check.
    service.sql("update campaign_window set ends_on = '2099-12-31' where window_key = 'FORM'");
    service.sql("update campaign_schedule_version set version = version + 1");
    Poll.until("the form window reloaded after the version moved (422, not 403)", Duration.ofSeconds(10),
        () -> submit(bkn).statusCode(), status -> status == 422);
  }

  @Test
  void onlyTheNationalAdminChangesTheScheduleAndBadInputNamesTheField() {
    assertEquals(403, service.put("/api/admin/schedule/form", range("2015-09-01", "2015-11-30"), agencyAdmin).statusCode());
    assertEquals(403, service.put("/api/admin/schedule/form/instansi/" + SapkFixture.INSTANSI_BANDUNG,
        range("2015-09-01", "2015-11-30"), agencyAdmin).statusCode());
    HttpResponse<Buffer> own = service.get("/api/admin/schedule", agencyAdmin);
    assertEquals(200, own.statusCode());
    assertTrue(own.bodyAsJsonObject().getJsonArray("overrides").isEmpty());
    HttpResponse<Buffer> backwards = service.put("/api/admin/schedule/registration", range("2015-11-30", "2015-09-01"), national);
    assertEquals(400, backwards.statusCode());
    assertTrue(backwards.bodyAsJsonObject().getJsonObject("fields").containsKey("end"));
    HttpResponse<Buffer> notADate = service.put("/api/admin/schedule/registration", range("besok", null), national);
    assertTrue(notADate.bodyAsJsonObject().getJsonObject("fields").containsKey("start"));
    assertTrue(notADate.bodyAsJsonObject().getJsonObject("fields").containsKey("end"));
    assertEquals(404, service.put("/api/admin/schedule/libur", range("2015-09-01", "2015-11-30"), national).statusCode());
    assertEquals(404, service.put("/api/admin/schedule/form/instansi/99999", range("2015-09-01", "2015-11-30"), national)
        .statusCode());
    assertEquals(400, service.put("/api/admin/schedule/form/provinsi/7", range("2015-09-01", "2015-11-30"), national)
        .statusCode());
    // A code in the old range that is no province (there is no 20) is refused too, naming the field.
    HttpResponse<Buffer> noProvince = service.put("/api/admin/schedule/form/provinsi/20", range("2015-09-01", "2015-11-30"), national);
    assertEquals(400, noProvince.statusCode());
    assertTrue(noProvince.bodyAsJsonObject().getJsonObject("fields").containsKey("id"), noProvince.bodyAsString());
  }

  @Test
  void provincesArePickedByName() {
    JsonObject found = service.get("/api/admin/lookup/provinsi?q=jawa", national).bodyAsJsonObject();
    assertEquals(java.util.List.of("Jawa Barat", "Jawa Tengah", "Jawa Timur"), found.getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getString("nama")).toList());
    assertEquals(32, found.getJsonArray("items").getJsonObject(0).getInteger("id"));
    assertEquals(1, service.get("/api/admin/lookup/provinsi?q=nusa%20barat", national).bodyAsJsonObject()
        .getJsonArray("items").size(), "every word matches: Nusa Tenggara Barat");
    assertEquals(20, service.get("/api/admin/lookup/provinsi", national).bodyAsJsonObject().getJsonArray("items").size(),
        "at most 20, as every lookup");
  }
}

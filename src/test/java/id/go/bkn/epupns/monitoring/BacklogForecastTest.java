package id.go.bkn.epupns.monitoring;

import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import id.go.bkn.epupns.verification.VerificationTesting;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static id.go.bkn.epupns.testing.SapkFixture.INSTANSI_BANDUNG;
import static id.go.bkn.epupns.testing.SapkFixture.INSTANSI_BKN;
import static id.go.bkn.epupns.testing.SapkFixture.SATKER_BKN;
import static id.go.bkn.epupns.testing.SapkFixture.SATKER_DISDIK_BANDUNG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The burn-down forecast of GET /api/admin/backlog, value by value, on a known flow: real submissions waiting
 * at SKPD (10 in the BKN agency, 3 in Kota Bandung, counted by the triggers), and a daily flow written over the
 * one the submits made, so that its rates are known:
 * <ul>
 *   <li>BKN agency: 24 entered ten days ago, then 1 entered and 3 cleared on each of the last 7 days: net 2 a
 *       day over monitoring.forecastDays (7), so 10 waiting clear in 5 days;</li>
 *   <li>Kota Bandung: its flow began 2 days ago, 1 entered a day and nothing cleared: the rate is over the 3 days
 *       it has, and a net of -1 a day never clears;</li>
 *   <li>nationally: 13 waiting at a net of 11 / 7 a day: 9 days (the ceiling of 8.27).</li>
 * </ul>
 * And "on time" against the verification window's end: the national one, or an agency's staggered one instead.
 */
class BacklogForecastTest {

  static TestService service;
  static VerificationTesting t;
  static String national;
  static String bknAgencyAdmin;
  static LocalDate today;

  @BeforeAll
  static void start() {
    service = TestService.start(BacklogForecastTest.class, Map.of(), false);
    t = new VerificationTesting(service);
    national = t.officerToken(t.sapk.officer(Role.ADMIN_BKN, SATKER_BKN));
    bknAgencyAdmin = t.officerToken(t.sapk.officer(Role.ADMIN_INSTANSI, SATKER_BKN));
    for (int i = 0; i < 13; i++) {
      SapkFixture.Person pns = t.sapk.pns(i < 10 ? SATKER_BKN : SATKER_DISDIK_BANDUNG, i % 2 == 0);
      t.submit(t.pnsToken(pns.nip()), new JsonObject().put("utama", new JsonObject()
          .put("alamat", VerificationTesting.wrong("Jl. Merdeka No. " + i))));
    }
    today = LocalDate.parse(backlog("", national).getString("today"));
    assertEquals(today, service.sql("select monitoring_today()").iterator().next().getLocalDate(0),
        "the service and the database agree on the campaign day");
    // The known flow, in place of today's (every day open: the view reads these work unit rows).
    service.sql("delete from monitoring_unit_flow");
    service.sql("delete from monitoring_agency_flow");
    service.sql("update monitoring_flow_closed set through = '-infinity'");
    flow(SATKER_BKN, INSTANSI_BKN, today.minusDays(10), 24, 0);
    for (int d = 6; d >= 0; d--) {
      flow(SATKER_BKN, INSTANSI_BKN, today.minusDays(d), 1, 3);
    }
    for (int d = 2; d >= 0; d--) {
      flow(SATKER_DISDIK_BANDUNG, INSTANSI_BANDUNG, today.minusDays(d), 1, 0);
    }
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static void flow(int unit, int agency, LocalDate day, int entered, int cleared) {
    service.sql("insert into monitoring_unit_flow (satuan_kerja_id, tier, day, instansi_id, entered, cleared)"
        + " values ($1, 'SKPD', $2, $3, $4, $5)", unit, day, agency, entered, cleared);
  }

  private static JsonObject backlog(String query, String token) {
    var response = service.get("/api/admin/backlog" + query, token);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static JsonObject tier(JsonObject backlog, String tier) {
    return backlog.getJsonArray("tiers").stream().map(JsonObject.class::cast)
        .filter(x -> x.getString("tier").equals(tier)).findFirst().orElseThrow();
  }

  private static void verificationEnds(String path, LocalDate end) {
    var response = service.put("/api/admin/schedule/verification" + path, new JsonObject()
        .put("start", "2015-09-01").put("end", end.toString()), national);
    assertEquals(200, response.statusCode(), response.bodyAsString());
  }

  @Test
  void forecastFromTheNetRateAgainstTheVerificationDeadline() {
    // National window far away, no staggered one.
    JsonObject bkn = backlog("?instansiId=" + INSTANSI_BKN, national);
    JsonObject skpd = tier(bkn, "SKPD");
    assertEquals(10, skpd.getLong("waiting"));
    assertEquals(1.0, skpd.getDouble("enteredPerDay"));
    assertEquals(3.0, skpd.getDouble("clearedPerDay"));
    assertEquals(2.0, skpd.getDouble("netPerDay"));
    assertEquals(today.plusDays(5).toString(), skpd.getString("clearsOn"));
    assertEquals(Boolean.TRUE, skpd.getBoolean("onTime"));
    assertEquals("2099-12-31", bkn.getString("deadline"));
    // The trend: from the first day of the flow to today, ending at the queue.
    JsonArray trend = skpd.getJsonArray("trend");
    assertEquals(11, trend.size());
    assertEquals(new JsonObject().put("day", today.minusDays(10).toString()).put("backlog", 24L).put("entered", 24L)
        .put("cleared", 0L).put("decided", 0L), trend.getJsonObject(0));
    assertEquals(10L, trend.getJsonObject(10).getLong("backlog"));
    // Nothing waits at BKD: clear today.
    JsonObject bkd = tier(bkn, "BKD");
    assertEquals(0, bkd.getLong("waiting"));
    assertEquals(today.toString(), bkd.getString("clearsOn"));
    assertEquals(Boolean.TRUE, bkd.getBoolean("onTime"));

    // Kota Bandung: a rate over the 3 days its flow has, growing: never clears at this rate.
    JsonObject bandung = tier(backlog("?instansiId=" + INSTANSI_BANDUNG, national), "SKPD");
    assertEquals(3, bandung.getLong("waiting"));
    assertEquals(1.0, bandung.getDouble("enteredPerDay"));
    assertEquals(0.0, bandung.getDouble("clearedPerDay"));
    assertEquals(-1.0, bandung.getDouble("netPerDay"));
    assertNull(bandung.getString("clearsOn"));
    assertEquals(Boolean.FALSE, bandung.getBoolean("onTime"));

    // Nationally: 13 waiting, (21 - 10) / 7 a day.
    JsonObject all = tier(backlog("", national), "SKPD");
    assertEquals(13, all.getLong("waiting"));
    assertEquals(1.6, all.getDouble("netPerDay"));
    assertEquals(today.plusDays(9).toString(), all.getString("clearsOn"));
    assertEquals(Boolean.TRUE, all.getBoolean("onTime"));

    try {
      // The national verification window ends in 8 days: the national queue is late.
      verificationEnds("", today.plusDays(8));
      JsonObject late = backlog("", national);
      assertEquals(today.plusDays(8).toString(), late.getString("deadline"));
      assertEquals(Boolean.FALSE, tier(late, "SKPD").getBoolean("onTime"));
      assertEquals(Boolean.TRUE, tier(backlog("?instansiId=" + INSTANSI_BKN, national), "SKPD").getBoolean("onTime"));

      // The BKN agency's own window ends a day before its queue clears: late, whatever the national one says...
      verificationEnds("/instansi/" + INSTANSI_BKN, today.plusDays(4));
      for (String token : new String[] {national, bknAgencyAdmin}) {
        JsonObject own = backlog(token.equals(national) ? "?instansiId=" + INSTANSI_BKN : "", token);
        assertEquals(today.plusDays(4).toString(), own.getString("deadline"));
        assertEquals(Boolean.FALSE, tier(own, "SKPD").getBoolean("onTime"), own.encode());
      }
      // ... and on the very day it clears: on time (the last day counts).
      verificationEnds("/instansi/" + INSTANSI_BKN, today.plusDays(5));
      assertEquals(Boolean.TRUE, tier(backlog("", bknAgencyAdmin), "SKPD").getBoolean("onTime"));
      // Kota Bandung has no window of its own: the national one.
      assertEquals(today.plusDays(8).toString(), backlog("?instansiId=" + INSTANSI_BANDUNG, national).getString("deadline"));

      // After the window has ended, a tier with nothing waiting is still on time; one with a queue is not.
      verificationEnds("/instansi/" + INSTANSI_BKN, today.minusDays(1));
      JsonObject ended = backlog("", bknAgencyAdmin);
      assertEquals(Boolean.TRUE, tier(ended, "BKD").getBoolean("onTime"), ended.encode());
      assertEquals(Boolean.FALSE, tier(ended, "SKPD").getBoolean("onTime"));
    } finally {
      var cleared = service.delete("/api/admin/schedule/verification/instansi/" + INSTANSI_BKN, national);
      assertEquals(200, cleared.statusCode(), cleared.bodyAsString());
      verificationEnds("", LocalDate.parse("2099-12-31"));
    }
  }
}

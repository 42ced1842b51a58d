package id.go.bkn.epupns.monitoring;

import id.go.bkn.epupns.testing.Recounts;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monitoring counters stay exact: after a scripted campaign through the HTTP API (registrations,
 * approvals and their undo, rejections, resets, submits, MS / TMS / RETURN at each tier, resubmits)
 * monitoring_unit equals a full recount of the counted tables, the daily flow of every work unit adds up
 * to its queues and decisions, the waiting days equal a recount of the queue (also after a change of the
 * campaign time zone), GET /api/admin/backlog answers what a full recount of the queue answers, and GET
 * /api/admin/stats the numbers the script made.
 */
class MonitoringCountsTest {

  static TestService service;
  static Campaign campaign;

  @BeforeAll
  static void start() {
    service = TestService.start(MonitoringCountsTest.class, Campaign.SETTINGS, false);
    campaign = new Campaign(service);
    campaign.run();
    // The script submits everything today; moved back 0 to 3 days (as if submitted earlier), the waiting entries
    // spread over several submission days. An update of the queue's submission time, which the triggers count too.
    service.sql("update submission set submitted_at = submitted_at - (id % 4) * interval '1 day'");
    service.sql("update submission_tier t set submitted_at = s.submitted_at from submission s where s.id = t.submission_id");
    // And one work unit's flow three days back, as if done then: a day that can be closed (summed per agency).
    // (The start-up close already closed that day, with nothing in it: as if it had not run since.)
    service.sql("update monitoring_unit_flow set day = day - 3 where satuan_kerja_id = (select max(satuan_kerja_id)"
        + " from monitoring_unit_flow where instansi_id = $1)", SapkFixture.INSTANSI_BANDUNG);
    service.sql("update monitoring_flow_closed set through = '-infinity'");
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  /** Every monitoring counter against its recount ({@link Recounts#monitoring}). */
  static List<String> differences(TestService service) {
    return Recounts.monitoring(service);
  }

  @Test
  void countersEqualAFullRecount() {
    assertEquals(List.of(), Recounts.monitoringUnits(service), "counters that differ from the recount");
    // Not trivially equal: the script made work in every column.
    Row sums = service.sql("""
        select sum(registered) r, sum(approved) a, sum(submitted) s, sum(completed) c, sum(waiting_skpd) ws,
               sum(waiting_bkd) wd, sum(waiting_bkn) wn, sum(items_ms) ms, sum(items_tms) tms, sum(items_returned) ret
          from monitoring_unit""").iterator().next();
    for (int i = 0; i < sums.size(); i++) {
      assertTrue(sums.getLong(i) > 0, sums.getColumnName(i) + " is counted: " + sums.toJson());
    }
  }

  @Test
  void dailyFlowOfEveryWorkUnitAddsUpToItsQueuesAndDecisions() {
    assertEquals(List.of(), Recounts.flow(service));
    // Work in more than one work unit, of more than one agency.
    assertTrue(service.sql("select count(distinct satuan_kerja_id) from monitoring_unit_flow where ms > 0").iterator().next()
        .getLong(0) >= 2);
  }

  @Test
  void waitingDaysEqualAFullRecountAlsoAfterTheTimeZoneChanges() {
    assertEquals(List.of(), Recounts.waitingDays(service));
    assertTrue(service.sql("select count(distinct day) from monitoring_unit_wait").iterator().next().getLong(0) >= 2,
        "the waiting entries are spread over several submission days");
    assertEquals(0L, service.sql("select count(*) from monitoring_unit_wait where waiting = 0").iterator().next().getLong(0),
        "days without a waiting entry are gone");
    String zone = service.sql("select time_zone from monitoring_setting").iterator().next().getString(0);
    try {
      assertTrue(service.sql("select monitoring_set_time_zone('Pacific/Kiritimati')").iterator().next().getBoolean(0));
      assertEquals(List.of(), Recounts.waitingDays(service), "rebuilt in the new zone");
    } finally {
      service.sql("select monitoring_set_time_zone($1)", zone);
    }
    assertEquals(List.of(), Recounts.waitingDays(service));
  }

  /** What the flow answers: the backlog's trend and rates nationally and per agency, the stats' decisions. */
  private static List<String> flowAnswers() {
    List<String> out = new ArrayList<>();
    for (String path : List.of("/api/admin/backlog", "/api/admin/backlog?instansiId=" + SapkFixture.INSTANSI_BANDUNG,
        "/api/admin/stats", "/api/admin/stats?instansiId=" + SapkFixture.INSTANSI_BANDUNG)) {
      out.add(Campaign.ok(service.get(path, campaign.adminNational)).encode());
    }
    return out;
  }

  @Test
  void closedDaysSummedPerAgencyAnswerWhatTheirWorkUnitsAnswer() {
    List<String> open = flowAnswers();
    assertTrue(open.get(1).contains(java.time.LocalDate.parse(Campaign.ok(service.get("/api/admin/backlog",
        campaign.adminNational)).getString("today")).minusDays(3).toString()), "the trend shows the earlier day: " + open.get(1));
    assertTrue(service.sql("select monitoring_close_days()").iterator().next().getInteger(0) > 0, "a day was closed");
    assertTrue(service.sql("select count(*) from monitoring_agency_flow").iterator().next().getLong(0) > 0);
    assertEquals(open, flowAnswers(), "the same answers from the closed days");
    assertEquals(0, service.sql("select monitoring_close_days()").iterator().next().getInteger(0), "nothing left to close");
  }

  /** The backlog's counts, oldest and median waits, per tier and per group, against percentiles over the queue itself. */
  @Test
  void backlogAnswersWhatAFullRecountOfTheQueueAnswers() {
    String day = "(submitted_at at time zone (select time_zone from monitoring_setting))::date";
    String today = "(now() at time zone (select time_zone from monitoring_setting))::date";
    String recount = "select %s tier, count(*) as waiting, " + today + " - min(" + day + ") as oldest, " + today
        + " - percentile_disc(0.5) within group (order by " + day + ") as median from submission_tier where pending > 0 %s"
        + " group by %s tier";
    record Ask(String token, String query, String groups, String groupColumn, String filter) {
    }
    List<Ask> asks = List.of(
        new Ask(campaign.adminNational, "", "instansi", "instansi_id", ""),
        new Ask(campaign.adminNational, "?instansiId=" + SapkFixture.INSTANSI_BANDUNG, "satuanKerja", "satuan_kerja_id",
            "and instansi_id = " + SapkFixture.INSTANSI_BANDUNG),
        new Ask(campaign.adminBknAgency, "", "satuanKerja", "satuan_kerja_id", "and instansi_id = " + SapkFixture.INSTANSI_BKN));
    List<String> wrong = new ArrayList<>();
    int medians = 0;
    for (Ask ask : asks) {
      JsonObject backlog = Campaign.ok(service.get("/api/admin/backlog" + ask.query(), ask.token()));
      java.util.Map<String, String> expected = new java.util.TreeMap<>();
      java.util.Map<String, String> answered = new java.util.TreeMap<>();
      for (Row row : service.sql(recount.formatted("", ask.filter(), ""))) {
        expected.put("total " + row.getString("tier"), row.getLong("waiting") + "/" + row.getInteger("oldest") + "/"
            + row.getInteger("median"));
      }
      for (Row row : service.sql(recount.formatted(ask.groupColumn() + " as id,", ask.filter(), ask.groupColumn() + ","))) {
        expected.put(row.getInteger("id") + " " + row.getString("tier"), row.getLong("waiting") + "/"
            + row.getInteger("oldest") + "/" + row.getInteger("median"));
      }
      for (Object o : backlog.getJsonArray("tiers")) {
        JsonObject t = (JsonObject) o;
        if (t.getLong("waiting") > 0) {
          answered.put("total " + t.getString("tier"), t.getLong("waiting") + "/" + t.getLong("oldestWaitDays") + "/"
              + t.getLong("medianWaitDays"));
        }
      }
      for (Object o : backlog.getJsonArray(ask.groups())) {
        JsonObject g = (JsonObject) o;
        for (String tier : g.getJsonObject("tiers").fieldNames()) {
          JsonObject t = g.getJsonObject("tiers").getJsonObject(tier);
          answered.put(g.getInteger("id") + " " + tier, t.getLong("waiting") + "/" + t.getLong("oldestWaitDays") + "/"
              + t.getLong("medianWaitDays"));
          medians += t.getLong("oldestWaitDays") > 0 ? 1 : 0;
        }
      }
      if (!expected.equals(answered)) {
        wrong.add(ask.query() + ": expected " + expected + ", answered " + answered);
      }
    }
    assertEquals(List.of(), wrong);
    assertTrue(medians > 0, "some entries wait since an earlier day");
  }

  /** ?top=N: the first N groups of the whole list, with the same numbers, and how many there are in all. */
  @Test
  void backlogCutToTheFirstGroupsAnswersTheirNumbersAsTheWholeListDoes() {
    for (String[] ask : new String[][] {{"", "instansi"}, {"instansiId=" + SapkFixture.INSTANSI_BANDUNG + "&", "satuanKerja"}}) {
      JsonObject whole = Campaign.ok(service.get("/api/admin/backlog?" + ask[0], campaign.adminNational));
      JsonArray all = whole.getJsonArray(ask[1]);
      assertTrue(all.size() >= 2, "at least two groups wait: " + all);
      assertEquals(all.size(), whole.getLong(ask[1] + "Count"));
      for (int top : new int[] {1, all.size(), 1000}) {
        JsonObject cut = Campaign.ok(service.get("/api/admin/backlog?" + ask[0] + "top=" + top, campaign.adminNational));
        assertEquals(new JsonArray(all.getList().subList(0, Math.min(top, all.size()))), cut.getJsonArray(ask[1]), "top=" + top);
        assertEquals(all.size(), cut.getLong(ask[1] + "Count"), "top=" + top);
        assertEquals(whole.getJsonArray("tiers"), cut.getJsonArray("tiers"), "the totals do not depend on top");
      }
    }
    for (String bad : List.of("0", "1001", "abc", "-1", "1.5")) {
      HttpResponse<Buffer> refused = service.get("/api/admin/backlog?top=" + bad, campaign.adminNational);
      assertEquals(400, refused.statusCode(), bad);
      assertTrue(refused.bodyAsString().contains("\"top\""), refused.bodyAsString());
    }
  }

  @Test
  void statsAnswerWhatTheScriptDid() {
    JsonObject bkn = Campaign.ok(service.get("/api/admin/stats", campaign.adminBknAgency));
    assertEquals("AGENCY", bkn.getJsonObject("scope").getString("level"));
    assertEquals(SapkFixture.INSTANSI_BKN, bkn.getJsonObject("scope").getInteger("id"));
    JsonObject total = bkn.getJsonObject("total");
    long pns = service.sql("select count(*) from pns where instansi_kerja_id = 1").iterator().next().getLong(0);
    assertEquals(pns, total.getLong("pns"));
    assertEquals(9, total.getLong("registered"), total.encode());  // 6 approved, p7 undone, p9 again, p10 waiting
    assertEquals(6, total.getLong("approved"));
    assertEquals(pns - 9, total.getLong("notParticipating"));
    assertEquals(6, total.getLong("submitted"));
    assertEquals(2, total.getLong("completed"));                   // s1 (all applied), s3 (refused)
    assertEquals(new JsonObject().put("SKPD", 1).put("BKD", 1).put("BKN", 1), total.getJsonObject("pending"));
    assertEquals(new JsonObject().put("SKPD", 1).put("BKD", 2).put("BKN", 1), total.getJsonObject("pendingItems"));
    assertEquals(new JsonObject().put("ms", 5).put("tms", 2).put("returned", 1), total.getJsonObject("items"));
    JsonObject decisions = total.getJsonObject("decisions");
    assertEquals(new JsonObject().put("ms", 8).put("tms", 2).put("returned", 2), decisions.getJsonObject("SKPD"));
    assertEquals(new JsonObject().put("ms", 4).put("tms", 0).put("returned", 0), decisions.getJsonObject("BKD"));
    assertEquals(new JsonObject().put("ms", 1).put("tms", 0).put("returned", 0), decisions.getJsonObject("BKN"));
    assertEquals(1, bkn.getJsonArray("satuanKerja").size());

    JsonObject national = Campaign.ok(service.get("/api/admin/stats", campaign.adminNational));
    assertEquals("NATIONAL", national.getJsonObject("scope").getString("level"));
    JsonObject all = national.getJsonObject("total");
    assertEquals(9 + 9, all.getLong("registered"), all.encode());    // Kota Bandung: 9 registered, approved at once
    assertEquals(6 + 9, all.getLong("approved"));
    assertEquals(6 + 8, all.getLong("submitted"));
    assertEquals(2 + 6, all.getLong("completed"));                   // 5 MS + 1 TMS in Kota Bandung
    assertEquals(2, national.getJsonArray("instansi").size());
    assertEquals(2, national.getJsonArray("kanreg").size());
    JsonObject bandung = Campaign.ok(service.get("/api/admin/stats?instansiId=" + SapkFixture.INSTANSI_BANDUNG,
        campaign.adminNational));
    assertEquals(2, bandung.getJsonArray("satuanKerja").size());
    assertEquals(new JsonObject().put("SKPD", 2).put("BKD", 0).put("BKN", 0), bandung.getJsonObject("total").getJsonObject("pending"));
  }

  @Test
  void backlogPerTierWithTrendAndForecast() {
    JsonObject backlog = Campaign.ok(service.get("/api/admin/backlog", campaign.adminBknAgency));
    assertEquals("Badan Kepegawaian Negara", backlog.getJsonObject("scope").getString("nama"));
    for (Object o : backlog.getJsonArray("tiers")) {
      JsonObject tier = (JsonObject) o;
      assertEquals(1, tier.getLong("waiting"), tier.encode());
      JsonObject lastDay = tier.getJsonArray("trend").getJsonObject(tier.getJsonArray("trend").size() - 1);
      assertEquals(backlog.getString("today"), lastDay.getString("day"));
      assertEquals(1, lastDay.getLong("backlog"), "the trend ends at today's queue");
      assertTrue(tier.getDouble("medianWaitDays") >= 0);
      assertTrue(tier.containsKey("clearsOn") && tier.containsKey("onTime"));
    }
    JsonObject skpd = backlog.getJsonArray("tiers").getJsonObject(0);
    // SKPD today: 6 + 1 (resubmit) entered, 5 + 1 cleared (s1, s2 twice, s3, s5, s6): net 0 → no clearing at this rate
    assertEquals("SKPD", skpd.getString("tier"));
    assertEquals(1, backlog.getJsonArray("satuanKerja").size());
    JsonObject national = Campaign.ok(service.get("/api/admin/backlog", campaign.adminNational));
    assertEquals(2, national.getJsonArray("instansi").size());
    JsonObject nationalSkpd = national.getJsonArray("tiers").getJsonObject(0);
    assertEquals(3, nationalSkpd.getLong("waiting"));
  }

  /** One row of the scope table: who asks what, the status, and for a 200 the scope answered (level and agency). */
  private record Case(String who, String token, String path, int status, String level, Integer agency) {
  }

  @Test
  void everyMonitoringAnswerStaysInTheCallersScope() {
    String pns = campaign.login(campaign.bandungNumbers.get(0));
    List<Case> cases = List.of(
        new Case("agency admin, own", campaign.adminBknAgency, "/api/admin/stats", 200, "AGENCY", SapkFixture.INSTANSI_BKN),
        new Case("agency admin, own named", campaign.adminBknAgency, "/api/admin/stats?instansiId=1", 200, "AGENCY", 1),
        new Case("agency admin, other agency", campaign.adminBknAgency, "/api/admin/stats?instansiId=2", 403, null, null),
        new Case("other agency admin, own", campaign.adminBandung, "/api/admin/stats", 200, "AGENCY", 2),
        new Case("other agency admin, first agency", campaign.adminBandung, "/api/admin/stats?instansiId=1", 403, null, null),
        new Case("agency admin, backlog of other", campaign.adminBknAgency, "/api/admin/backlog?instansiId=2", 403, null, null),
        new Case("agency admin, own backlog", campaign.adminBknAgency, "/api/admin/backlog", 200, "AGENCY", 1),
        new Case("agency admin, id by name", campaign.adminBknAgency, "/api/admin/stats?instansiId=Kota%20Bandung", 400, null, null),
        new Case("national admin", campaign.adminNational, "/api/admin/stats", 200, "NATIONAL", null),
        new Case("national admin, one agency", campaign.adminNational, "/api/admin/stats?instansiId=2", 200, "AGENCY", 2),
        new Case("national admin, no such agency", campaign.adminNational, "/api/admin/stats?instansiId=999999", 404, null, null),
        new Case("national admin, backlog of one", campaign.adminNational, "/api/admin/backlog?instansiId=1", 200, "AGENCY", 1),
        new Case("SKPD verifier", campaign.skpdBkn, "/api/admin/stats", 403, null, null),
        new Case("BKD verifier", campaign.bkdBkn, "/api/admin/backlog", 403, null, null),
        new Case("BKN verifier", campaign.bknPusat, "/api/admin/stats", 403, null, null),
        new Case("PNS", pns, "/api/admin/stats", 403, null, null),
        new Case("nobody", null, "/api/admin/stats", 401, null, null));
    List<String> wrong = new ArrayList<>();
    for (Case c : cases) {
      var response = service.get(c.path(), c.token());
      if (response.statusCode() != c.status()) {
        wrong.add(c.who() + " " + c.path() + ": " + response.statusCode() + " " + response.bodyAsString());
        continue;
      }
      if (c.status() == 200) {
        JsonObject body = response.bodyAsJsonObject();
        JsonObject scope = body.getJsonObject("scope");
        if (!c.level().equals(scope.getString("level")) || !java.util.Objects.equals(c.agency(), scope.getInteger("id"))) {
          wrong.add(c.who() + " " + c.path() + ": answered for " + scope.encode());
        }
        // An agency's answer names only its own work units; the national one every agency.
        if ("AGENCY".equals(c.level()) && body.containsKey("satuanKerja")) {
          long foreign = service.sql("select count(*) from satuan_kerja where instansi_id <> $1 and id = any($2::int[])",
              c.agency(), body.getJsonArray("satuanKerja").stream().map(u -> ((JsonObject) u).getInteger("id"))
                  .toArray(Integer[]::new)).iterator().next().getLong(0);
          if (foreign > 0 || body.containsKey("instansi")) {
            wrong.add(c.who() + " " + c.path() + ": shows another agency's work units or agencies");
          }
        }
      }
    }
    assertEquals(List.of(), wrong);
  }
}

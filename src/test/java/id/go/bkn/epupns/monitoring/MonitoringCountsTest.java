package id.go.bkn.epupns.monitoring;

import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.json.JsonObject;
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
 * monitoring_unit equals a full recount of the counted tables, the daily flow adds up to today's
 * queues and decisions, and GET /api/admin/stats answers the numbers the script made.
 */
class MonitoringCountsTest {

  static TestService service;
  static Campaign campaign;

  @BeforeAll
  static void start() {
    service = TestService.start(MonitoringCountsTest.class, Campaign.SETTINGS, false);
    campaign = new Campaign(service);
    campaign.run();
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void countersEqualAFullRecount() {
    List<String> differences = new ArrayList<>();
    String[] directions = {
        "select 'counter' as side, * from monitoring_unit where (pns, registered, approved, submitted, completed, waiting_skpd,"
            + " waiting_bkd, waiting_bkn, items_skpd, items_bkd, items_bkn, items_ms, items_tms, items_returned)"
            + " <> (0,0,0,0,0,0,0,0,0,0,0,0,0,0) except select 'counter', * from monitoring_unit_recount",
        "select 'recount' as side, * from monitoring_unit_recount except select 'recount', * from monitoring_unit"};
    for (String sql : directions) {
      for (Row row : service.sql(sql)) {
        differences.add(row.toJson().encode());
      }
    }
    assertEquals(List.of(), differences, "counters that differ from the recount");
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
  void dailyFlowAddsUpToTheQueuesAndTheDecisions() {
    List<String> differences = new ArrayList<>();
    for (Row row : service.sql("""
        with flow as (select instansi_id, tier, sum(entered - cleared) as waiting, sum(ms) ms, sum(tms) tms, sum(returned) ret
                        from monitoring_flow group by instansi_id, tier),
             queues as (select instansi_id, tier, count(*) filter (where pending > 0) as waiting
                          from submission_tier group by instansi_id, tier),
             decided as (select s.instansi_id, d.tier, count(*) filter (where verdict = 'MS') ms,
                                count(*) filter (where verdict = 'TMS') tms, count(*) filter (where verdict = 'RETURN') ret
                           from submission_decision d join submission_field f on f.id = d.submission_field_id
                           join submission s on s.id = f.submission_id group by s.instansi_id, d.tier)
        select f.*, q.waiting as queued, d.ms as dms, d.tms as dtms, d.ret as dret
          from flow f full join queues q using (instansi_id, tier) full join decided d using (instansi_id, tier)
         where coalesce(f.waiting, 0) <> coalesce(q.waiting, 0) or coalesce(f.ms, 0) <> coalesce(d.ms, 0)
            or coalesce(f.tms, 0) <> coalesce(d.tms, 0) or coalesce(f.ret, 0) <> coalesce(d.ret, 0)""")) {
      differences.add(row.toJson().encode());
    }
    assertEquals(List.of(), differences);
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
}

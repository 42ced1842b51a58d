package id.go.bkn.epupns.testing;

import io.vertx.sqlclient.Row;

import java.util.ArrayList;
import java.util.List;

/**
 * The counters that triggers keep in the same transaction as the changes they count (monitoring, the inbox),
 * against a full recount of the counted tables, both directions: each method returns the rows that differ (one
 * JSON text each), empty when the counters are exact. Shared by the counting tests ({@code MonitoringCountsTest},
 * {@code VerificationApiTest}) and the fault and concurrency tests, which check that nothing was counted half.
 */
public final class Recounts {

  private Recounts() {
  }

  private static List<String> rows(TestService service, String... queries) {
    List<String> differences = new ArrayList<>();
    for (String sql : queries) {
      for (Row row : service.sql(sql)) {
        differences.add(row.toJson().encode());
      }
    }
    return differences;
  }

  /** monitoring_unit against its full recount, both directions. */
  public static List<String> monitoringUnits(TestService service) {
    return rows(service,
        "select 'counter' as side, * from monitoring_unit where (pns, registered, approved, submitted, completed, waiting_skpd,"
            + " waiting_bkd, waiting_bkn, items_skpd, items_bkd, items_bkn, items_ms, items_tms, items_returned)"
            + " <> (0,0,0,0,0,0,0,0,0,0,0,0,0,0) except select 'counter', * from monitoring_unit_recount",
        "select 'recount' as side, * from monitoring_unit_recount except select 'recount', * from monitoring_unit");
  }

  /** The waiting days against their recount from the queue, both directions. */
  public static List<String> waitingDays(TestService service) {
    return rows(service,
        "select 'counter' as side, * from monitoring_unit_wait except select 'counter', * from monitoring_unit_wait_recount",
        "select 'recount' as side, * from monitoring_unit_wait_recount except select 'recount', * from monitoring_unit_wait");
  }

  /** Every work unit's daily flow against its queues (running sum) and its decisions; one agency per work unit. */
  public static List<String> flow(TestService service) {
    return rows(service, """
        with flow as (select satuan_kerja_id, tier, sum(entered - cleared) as waiting, sum(ms) ms, sum(tms) tms,
                             sum(returned) ret, count(distinct instansi_id) agencies
                        from monitoring_unit_flow group by satuan_kerja_id, tier),
             queues as (select satuan_kerja_id, tier, count(*) filter (where pending > 0) as waiting
                          from submission_tier group by satuan_kerja_id, tier),
             decided as (select s.satuan_kerja_id, d.tier, count(*) filter (where verdict = 'MS') ms,
                                count(*) filter (where verdict = 'TMS') tms, count(*) filter (where verdict = 'RETURN') ret
                           from submission_decision d join submission_field f on f.id = d.submission_field_id
                           join submission s on s.id = f.submission_id group by s.satuan_kerja_id, d.tier)
        select f.*, q.waiting as queued, d.ms as dms, d.tms as dtms, d.ret as dret
          from flow f full join queues q using (satuan_kerja_id, tier) full join decided d using (satuan_kerja_id, tier)
         where coalesce(f.waiting, 0) <> coalesce(q.waiting, 0) or coalesce(f.ms, 0) <> coalesce(d.ms, 0)
            or coalesce(f.tms, 0) <> coalesce(d.tms, 0) or coalesce(f.ret, 0) <> coalesce(d.ret, 0)
            or f.agencies > 1""");
  }

  /** Every monitoring counter: {@link #monitoringUnits}, {@link #waitingDays} and {@link #flow}. */
  public static List<String> monitoring(TestService service) {
    List<String> all = new ArrayList<>(monitoringUnits(service));
    all.addAll(waitingDays(service));
    all.addAll(flow(service));
    return all;
  }

  private static final String INBOX_RECOUNT = """
      select t.tier, t.satuan_kerja_id, s as section, count(*) as submissions
        from submission_tier t cross join lateral unnest(array[''] || t.sections) as s
       where t.pending > 0 group by 1, 2, 3""";
  private static final String INBOX_KEPT =
      "select tier, satuan_kerja_id, section, submissions from inbox_count where submissions > 0";

  /** The inbox counters (inbox_count, kept by the queue's trigger) against a full recount of the queue. */
  public static List<String> inbox(TestService service) {
    return rows(service,
        "select 'missed by the counters' as side, * from ((" + INBOX_RECOUNT + ") except (" + INBOX_KEPT + ")) a",
        "select 'counted, nobody waits' as side, * from ((" + INBOX_KEPT + ") except (" + INBOX_RECOUNT + ")) b");
  }

  /** Queue entries with work, what {@link #inbox} compares (a comparison of nothing proves nothing). */
  public static long inboxEntries(TestService service) {
    return service.sql("select count(*) from (" + INBOX_RECOUNT + ") c").iterator().next().getLong(0);
  }

  /** {@link #monitoring} and {@link #inbox} together. */
  public static List<String> all(TestService service) {
    List<String> all = new ArrayList<>(monitoring(service));
    all.addAll(inbox(service));
    return all;
  }
}

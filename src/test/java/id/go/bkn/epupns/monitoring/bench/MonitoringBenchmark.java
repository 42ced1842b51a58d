package id.go.bkn.epupns.monitoring.bench;

import id.go.bkn.epupns.testing.Bench;
import io.vertx.sqlclient.Row;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;

/**
 * The monitoring benchmark (not a test; README "Monitoring: measured"). On a national-size database (the whole
 * organisation tree and PNS from {@code sapk-generate-import}; submissions added with
 * src/test/resources/verification/bench-data.sql if fewer than asked) it starts the service in this JVM and
 * measures, each against GET /api/auth/me (the cheapest signed-in call) in the same run, p50/p99 over
 * sequential requests: GET /api/admin/stats national and for the biggest agency, GET /api/admin/backlog the
 * same; the full recount the counters replace; and the biggest agency's nominative CSV (first byte, rows/s).
 * It also checks the counters against the recount at that size. The set-up and the timing loop are the
 * benchmarks' shared {@link Bench}. Usage:
 * {@code MonitoringBenchmark postgresql://postgres@127.0.0.1:5432/epupns_mon_bench 300000 200}
 */
public final class MonitoringBenchmark {

  private static final String PASSWORD = "bench-admin-2015";

  private MonitoringBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    String db = args[0];
    int submissions = Integer.parseInt(args[1]);
    int requests = Integer.parseInt(args[2]);
    try (Bench bench = Bench.start(db, 18094, "bench-mon:", Map.of("EPUPNS_MANAGEMENT_PORT", "18095"), 4)) {
      bench.submissions(submissions); // the counters are kept by the triggers meanwhile
      Row sizes = bench.one("""
          select (select count(*) from pns) pns, (select count(*) from instansi) agencies,
                 (select count(*) from satuan_kerja) units, (select count(*) from submission) submissions,
                 (select count(*) from submission_tier where pending > 0) queued, (select count(*) from monitoring_unit) counters""");
      System.out.printf(Locale.ROOT, "data: %,d PNS, %,d agencies, %,d work units, %,d submissions, %,d waiting queue entries, %,d counter rows%n",
          sizes.getLong(0), sizes.getLong(1), sizes.getLong(2), sizes.getLong(3), sizes.getLong(4), sizes.getLong(5));
      Row biggest = bench.one("select instansi_kerja_id, count(*) from pns group by 1 order by 2 desc limit 1");
      int agency = biggest.getInteger(0);

      long t0 = System.nanoTime();
      long differences = bench.one("""
          select count(*) from (
            (select * from monitoring_unit where (pns, registered, submitted, waiting_skpd, waiting_bkd, waiting_bkn, items_skpd,
               items_bkd, items_bkn) <> (0,0,0,0,0,0,0,0,0) except select * from monitoring_unit_recount)
            union all (select * from monitoring_unit_recount except select * from monitoring_unit)) d""").getLong(0);
      double recountMs = (System.nanoTime() - t0) / 1e6;
      System.out.printf(Locale.ROOT, "counters vs full recount: %d differing work units; the recount took %.0f ms%n",
          differences, recountMs);

      t0 = System.nanoTime();
      long waitDifferences = bench.one("""
          select count(*) from ((select * from monitoring_unit_wait except select * from monitoring_unit_wait_recount)
            union all (select * from monitoring_unit_wait_recount except select * from monitoring_unit_wait)) d""").getLong(0);
      long flowDifferences = bench.one("""
          select count(*) from (select satuan_kerja_id, tier, sum(entered - cleared) as waiting from monitoring_unit_flow group by 1, 2) f
            full join (select satuan_kerja_id, tier, count(*) as waiting from submission_tier where pending > 0 group by 1, 2) q
            using (satuan_kerja_id, tier) where coalesce(f.waiting, 0) <> coalesce(q.waiting, 0)""").getLong(0);
      Row waitRows = bench.one("select (select count(*) from monitoring_unit_wait), (select count(*) from monitoring_unit_flow)");
      System.out.printf(Locale.ROOT, "waiting days vs recount: %d differing rows; flow vs queues: %d differing work units and tiers"
          + " (%.0f ms); %,d waiting-day rows, %,d flow rows%n", waitDifferences, flowDifferences, (System.nanoTime() - t0) / 1e6,
          waitRows.getLong(0), waitRows.getLong(1));
      // What the national backlog read before V150: the percentiles over every waiting queue entry (SQL only, once).
      t0 = System.nanoTime();
      Bench.await(bench.pool().query("""
          select instansi_id, tier, count(*), min(submitted_at), percentile_disc(0.5) within group (order by submitted_at)
            from submission_tier where pending > 0 group by 1, 2""").execute());
      Bench.await(bench.pool().query("""
          select tier, count(*), min(submitted_at), percentile_disc(0.5) within group (order by submitted_at)
            from submission_tier where pending > 0 group by 1""").execute());
      double queueScanMs = (System.nanoTime() - t0) / 1e6;

      String hash = bench.hash(PASSWORD);
      String national = bench.officers("ADMIN_BKN", null, null, 1, hash).get(0);
      String admin = bench.officers("ADMIN_INSTANSI", agency, null, 1, hash).get(0);
      String nationalToken = bench.login(national, PASSWORD);
      String adminToken = bench.login(admin, PASSWORD);
      System.out.printf(Locale.ROOT, "%n%d sequential requests each; biggest agency %d (%,d PNS)%n", requests, agency,
          biggest.getLong(1));
      System.out.println("\n| request | p50 ms | p99 ms | p50 / baseline |\n|---|---:|---:|---:|");
      long[] baseline = latency(requests, () -> bench.get("/api/auth/me", nationalToken));
      report("GET /api/auth/me (baseline)", baseline, baseline);
      report("GET /api/admin/stats (national: country, 15 offices, every agency)",
          latency(requests, () -> bench.get("/api/admin/stats", nationalToken)), baseline);
      report("GET /api/admin/stats?instansiId= (biggest agency, its work units)",
          latency(requests, () -> bench.get("/api/admin/stats?instansiId=" + agency, nationalToken)), baseline);
      report("GET /api/admin/stats (ADMIN_INSTANSI of the biggest agency)",
          latency(requests, () -> bench.get("/api/admin/stats", adminToken)), baseline);
      report("GET /api/admin/backlog (biggest agency)",
          latency(Math.max(10, requests / 4), () -> bench.get("/api/admin/backlog", adminToken)), baseline);
      report("GET /api/admin/backlog (national)",
          latency(Math.max(10, requests / 10), () -> bench.get("/api/admin/backlog", nationalToken)), baseline);
      report("GET /api/admin/backlog?top=50 (national, as the page asks: medians of the 50 longest waiting)",
          latency(Math.max(10, requests / 4), () -> bench.get("/api/admin/backlog?top=50", nationalToken)), baseline);
      System.out.printf(Locale.ROOT, "| the same numbers by a full recount (SQL, no HTTP, once) | %.0f | | %.0f× |%n", recountMs,
          recountMs / Bench.p50(baseline));
      System.out.printf(Locale.ROOT, "| the national backlog's counts by scanning the queue (before V150; SQL, no HTTP, once) | %.0f | | %.0f× |%n",
          queueScanMs, queueScanMs / Bench.p50(baseline));

      long started = System.nanoTime();
      HttpResponse<InputStream> csv = bench.http().send(HttpRequest.newBuilder(
              URI.create(bench.base() + "/api/admin/nominatif?instansi=" + agency))
          .header("Authorization", "Bearer " + adminToken).build(), HttpResponse.BodyHandlers.ofInputStream());
      long first = 0;
      long bytes = 0;
      long lines = 0;
      byte[] buffer = new byte[65536];
      try (InputStream in = csv.body()) {
        int n;
        while ((n = in.read(buffer)) > 0) {
          if (first == 0) {
            first = System.nanoTime() - started;
          }
          bytes += n;
          for (int i = 0; i < n; i++) {
            lines += buffer[i] == '\n' ? 1 : 0;
          }
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(Locale.ROOT, "%nnominatif CSV of agency %d: %,d rows, %,d bytes, first byte %.0f ms, total %.1f s, %,.0f rows/s%n",
          agency, lines - 1, bytes, first / 1e6, seconds, (lines - 1) / seconds);
    }
  }

  private static long[] latency(int n, Runnable call) {
    return Bench.latency(n, 10, call);
  }

  private static void report(String what, long[] sorted, long[] baseline) {
    System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.1f× |%n", what, Bench.p50(sorted), Bench.p99(sorted),
        Bench.p50(sorted) / Bench.p50(baseline));
  }
}

package id.go.bkn.epupns.monitoring.bench;

import id.go.bkn.epupns.Application;
import id.go.bkn.epupns.auth.PasswordHasher;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The monitoring benchmark (not a test; README "Monitoring: measured"). On a national-size database (the whole
 * organisation tree and PNS from {@code sapk-generate-import}; submissions added with
 * src/test/resources/verification/bench-data.sql if fewer than asked) it starts the service in this JVM and
 * measures, each against GET /api/auth/me (the cheapest signed-in call) in the same run, p50/p99 over
 * sequential requests: GET /api/admin/stats national and for the biggest agency, GET /api/admin/backlog the
 * same; the full recount the counters replace; and the biggest agency's nominative CSV (first byte, rows/s).
 * It also checks the counters against the recount at that size. Usage:
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
    int port = 18094;
    Map<String, String> env = new HashMap<>();
    env.put("EPUPNS_DB_URL", db);
    env.put("EPUPNS_HTTP_PORT", Integer.toString(port));
    env.put("EPUPNS_MANAGEMENT_PORT", "18095");
    env.put("EPUPNS_HTTP_INSTANCES", "2");
    env.put("EPUPNS_LOG_ACCESS_LOG", "false");
    env.put("EPUPNS_REDIS_KEY_PREFIX", "bench-mon:");
    env.put("EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "100000");
    Application.Running running = Application.start(env, false).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.MINUTES);
    Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(db)).using(running.vertx()).build();
    try {
      await(pool.query(Files.readString(Path.of("src/test/resources/verification/bench-data.sql"))).execute());
      long have = one(pool, "select count(*) from submission").getLong(0);
      if (have < submissions) {
        long t0 = System.nanoTime();
        await(pool.query("select verification_bench_submissions(" + (submissions - have) + ")").execute());
        System.out.printf(Locale.ROOT, "added %,d submissions in %.0f s (counters kept by the triggers)%n",
            submissions - have, (System.nanoTime() - t0) / 1e9);
      }
      Row sizes = one(pool, """
          select (select count(*) from pns) pns, (select count(*) from instansi) agencies,
                 (select count(*) from satuan_kerja) units, (select count(*) from submission) submissions,
                 (select count(*) from submission_tier where pending > 0) queued, (select count(*) from monitoring_unit) counters""");
      System.out.printf(Locale.ROOT, "data: %,d PNS, %,d agencies, %,d work units, %,d submissions, %,d waiting queue entries, %,d counter rows%n",
          sizes.getLong(0), sizes.getLong(1), sizes.getLong(2), sizes.getLong(3), sizes.getLong(4), sizes.getLong(5));
      Row biggest = one(pool, "select instansi_kerja_id, count(*) from pns group by 1 order by 2 desc limit 1");
      int agency = biggest.getInteger(0);

      long t0 = System.nanoTime();
      long differences = one(pool, """
          select count(*) from (
            (select * from monitoring_unit where (pns, registered, submitted, waiting_skpd, waiting_bkd, waiting_bkn, items_skpd,
               items_bkd, items_bkn) <> (0,0,0,0,0,0,0,0,0) except select * from monitoring_unit_recount)
            union all (select * from monitoring_unit_recount except select * from monitoring_unit)) d""").getLong(0);
      double recountMs = (System.nanoTime() - t0) / 1e6;
      System.out.printf(Locale.ROOT, "counters vs full recount: %d differing work units; the recount took %.0f ms%n",
          differences, recountMs);

      t0 = System.nanoTime();
      long waitDifferences = one(pool, """
          select count(*) from ((select * from monitoring_unit_wait except select * from monitoring_unit_wait_recount)
            union all (select * from monitoring_unit_wait_recount except select * from monitoring_unit_wait)) d""").getLong(0);
      long flowDifferences = one(pool, """
          select count(*) from (select satuan_kerja_id, tier, sum(entered - cleared) as waiting from monitoring_unit_flow group by 1, 2) f
            full join (select satuan_kerja_id, tier, count(*) as waiting from submission_tier where pending > 0 group by 1, 2) q
            using (satuan_kerja_id, tier) where coalesce(f.waiting, 0) <> coalesce(q.waiting, 0)""").getLong(0);
      Row waitRows = one(pool, "select (select count(*) from monitoring_unit_wait), (select count(*) from monitoring_unit_flow)");
      System.out.printf(Locale.ROOT, "waiting days vs recount: %d differing rows; flow vs queues: %d differing work units and tiers"
          + " (%.0f ms); %,d waiting-day rows, %,d flow rows%n", waitDifferences, flowDifferences, (System.nanoTime() - t0) / 1e6,
          waitRows.getLong(0), waitRows.getLong(1));
      // What the national backlog read before V150: the percentiles over every waiting queue entry (SQL only, once).
      t0 = System.nanoTime();
      await(pool.query("""
          select instansi_id, tier, count(*), min(submitted_at), percentile_disc(0.5) within group (order by submitted_at)
            from submission_tier where pending > 0 group by 1, 2""").execute());
      await(pool.query("""
          select tier, count(*), min(submitted_at), percentile_disc(0.5) within group (order by submitted_at)
            from submission_tier where pending > 0 group by 1""").execute());
      double queueScanMs = (System.nanoTime() - t0) / 1e6;

      String hash = new PasswordHasher(running.config(), null).hashNow(PASSWORD);
      String national = officer(pool, "ADMIN_BKN", null, hash);
      String admin = officer(pool, "ADMIN_INSTANSI", agency, hash);
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + port;
      String nationalToken = login(http, base, national);
      String adminToken = login(http, base, admin);
      System.out.printf(Locale.ROOT, "%n%d sequential requests each; biggest agency %d (%,d PNS)%n", requests, agency,
          biggest.getLong(1));
      System.out.println("\n| request | p50 ms | p99 ms | p50 / baseline |\n|---|---:|---:|---:|");
      long[] baseline = latency(requests, () -> get(http, base + "/api/auth/me", nationalToken));
      report("GET /api/auth/me (baseline)", baseline, baseline);
      report("GET /api/admin/stats (national: country, 15 offices, every agency)",
          latency(requests, () -> get(http, base + "/api/admin/stats", nationalToken)), baseline);
      report("GET /api/admin/stats?instansiId= (biggest agency, its work units)",
          latency(requests, () -> get(http, base + "/api/admin/stats?instansiId=" + agency, nationalToken)), baseline);
      report("GET /api/admin/stats (ADMIN_INSTANSI of the biggest agency)",
          latency(requests, () -> get(http, base + "/api/admin/stats", adminToken)), baseline);
      report("GET /api/admin/backlog (biggest agency)",
          latency(Math.max(10, requests / 4), () -> get(http, base + "/api/admin/backlog", adminToken)), baseline);
      report("GET /api/admin/backlog (national)",
          latency(Math.max(10, requests / 10), () -> get(http, base + "/api/admin/backlog", nationalToken)), baseline);
      System.out.printf(Locale.ROOT, "| the same numbers by a full recount (SQL, no HTTP, once) | %.0f | | %.0f× |%n", recountMs,
          recountMs / (baseline[baseline.length / 2] / 1e6));
      System.out.printf(Locale.ROOT, "| the national backlog's counts by scanning the queue (before V150; SQL, no HTTP, once) | %.0f | | %.0f× |%n",
          queueScanMs, queueScanMs / (baseline[baseline.length / 2] / 1e6));

      long started = System.nanoTime();
      HttpResponse<InputStream> csv = http.send(HttpRequest.newBuilder(URI.create(base + "/api/admin/nominatif?instansi=" + agency))
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
    } finally {
      await(pool.close());
      await(running.stop());
    }
  }

  private static String officer(Pool pool, String role, Integer agency, String hash) {
    Row r = one(pool, "select nip, nama from pns where ($1::int is null or instansi_kerja_id = $1) "
        + "and nip not in (select nip from officer) order by nip limit 1", Tuple.of(agency));
    await(pool.preparedQuery("insert into officer (nip, nama, role, instansi_id, password_hash) values ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(r.getString(0), r.getString(1), role, agency, hash)));
    return r.getString(0);
  }

  private static String login(HttpClient http, String base, String nip) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", nip).put("password", PASSWORD).encode()))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("login " + nip + ": " + r.statusCode() + " " + r.body());
    }
    return new JsonObject(r.body()).getString("token");
  }

  private static void get(HttpClient http, String url, String token) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(url + ": " + r.statusCode() + " " + r.body());
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long[] latency(int n, Runnable call) {
    for (int i = 0; i < Math.min(10, n); i++) {
      call.run();
    }
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      call.run();
      times[i] = System.nanoTime() - t0;
    }
    Arrays.sort(times);
    return times;
  }

  private static void report(String what, long[] sorted, long[] baseline) {
    double p50 = sorted[sorted.length / 2] / 1e6;
    System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.1f× |%n", what, p50,
        sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6, p50 / (baseline[baseline.length / 2] / 1e6));
  }

  private static Row one(Pool pool, String sql) {
    return await(pool.query(sql).execute()).iterator().next();
  }

  private static Row one(Pool pool, String sql, Tuple args) {
    return await(pool.preparedQuery(sql).execute(args)).iterator().next();
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}

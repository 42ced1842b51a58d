package id.go.bkn.epupns.verification.bench;

import id.go.bkn.epupns.testing.Bench;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static id.go.bkn.epupns.testing.Bench.await;

/**
 * The verification benchmark (not a test; README "Verification: measured"). On a national-size database
 * (4.5 M PNS from {@code sapk-generate-import}; the submissions are added here with
 * src/test/resources/verification/bench-data.sql if fewer than asked), it starts the service in this JVM
 * and measures, each beside a plain indexed query on the same database in the same run:
 * <ul>
 *   <li>GET /api/inbox first page (with counts, and without) of the busiest BKD and of the busiest SKPD,
 *       p50/p99 over sequential requests; the same inbox SQL run straight on PostgreSQL; a plain
 *       index range read of the same queue rows;</li>
 *   <li>decisions per second: several BKD verifiers of the busiest agency working its inbox at once
 *       (POST /api/inbox/next, the submission, accept all), against plain one-row transactions at the same
 *       concurrency.</li>
 * </ul>
 * The set-up and the timing loop are the benchmarks' shared {@link Bench}.
 * Usage: {@code VerificationBenchmark postgresql://postgres@127.0.0.1:5432/epupns_verif_bench 500000 8 30}
 * (database, submissions, verifiers, seconds of the decision run).
 */
public final class VerificationBenchmark {

  private static final String PASSWORD = "bench-verifikator-2015";

  private VerificationBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    String db = args[0];
    int submissions = Integer.parseInt(args[1]);
    int verifiers = Integer.parseInt(args[2]);
    int seconds = Integer.parseInt(args[3]);
    try (Bench bench = Bench.start(db, 18093, "bench-verif:", Map.of("EPUPNS_RATE_LIMIT_LOGIN_PER_ACCOUNT", "100000",
        "EPUPNS_DB_POOL_SIZE", "16"), verifiers + 2)) {
      Pool pool = bench.pool();
      prepare(bench, submissions);
      await(pool.query("update submission_tier set claimed_by = null, claim_expires_at = null where claimed_by is not null")
          .execute());
      Row sizes = bench.one("""
          select (select count(*) from pns) pns, (select count(*) from submission) submissions,
                 (select count(*) from submission_field) items,
                 (select count(*) from submission_tier where pending > 0) queued""");
      System.out.printf(Locale.ROOT, "data: %,d PNS, %,d submissions, %,d items, %,d queue entries%n",
          sizes.getLong(0), sizes.getLong(1), sizes.getLong(2), sizes.getLong(3));
      Row bkd = bench.one("""
          select instansi_id, count(*) n from submission_tier where tier = 'BKD' and pending > 0
           group by 1 order by 2 desc limit 1""");
      Row skpd = bench.one("""
          select satuan_kerja_id, instansi_id, count(*) n from submission_tier where tier = 'SKPD' and pending > 0
           group by 1, 2 order by 3 desc limit 1""");
      int agency = bkd.getInteger(0);
      System.out.printf(Locale.ROOT, "busiest BKD inbox: agency %d, %,d submissions; busiest SKPD inbox: work unit %d, %,d%n",
          agency, bkd.getLong(1), skpd.getInteger(0), skpd.getLong(2));
      String hash = bench.hash(PASSWORD);
      List<String> bkdNips = bench.officers("VERIFIER_BKD", agency, null, verifiers, hash);
      String skpdNip = bench.officers("VERIFIER_SKPD", skpd.getInteger(1), skpd.getInteger(0), 1, hash).get(0);
      String bkdToken = bench.login(bkdNips.get(0), PASSWORD);
      String skpdToken = bench.login(skpdNip, PASSWORD);

      int n = 300;
      System.out.println("\n| measure | p50 ms | p99 ms |\n|---|---:|---:|");
      report("GET /api/inbox busiest BKD, first page with counts", latency(n, () -> bench.get("/api/inbox?size=50", bkdToken)));
      report("GET /api/inbox busiest BKD, first page, counts=false", latency(n, () -> bench.get("/api/inbox?size=50&counts=false", bkdToken)));
      String middle = cursor(bench, "BKD", "instansi_id", agency);
      report("GET /api/inbox busiest BKD, a page in the middle", latency(n, () -> bench.get("/api/inbox?size=50&after=" + middle, bkdToken)));
      report("GET /api/inbox busiest BKD, name filter 'siti'", latency(n, () -> bench.get("/api/inbox?size=50&nama=siti&counts=false", bkdToken)));
      report("GET /api/inbox busiest SKPD, first page with counts", latency(n, () -> bench.get("/api/inbox?size=50", skpdToken)));
      report("baseline: GET /api/auth/me (guard + one indexed read, same HTTP stack)", latency(n, () -> bench.get("/api/auth/me", bkdToken)));
      String inboxSql = """
          select t.submission_id, s.nip, t.nama, t.satuan_kerja_id, sk.nama as satker_nama, t.submitted_at, t.pending,
                 t.sections, t.claimed_by, t.claim_expires_at, o.nama as holder
            from submission_tier t join submission s on s.id = t.submission_id
            join satuan_kerja sk on sk.id = t.satuan_kerja_id
            left join officer o on o.nip = t.claimed_by and t.claim_expires_at > now()
           where t.tier = 'BKD' and t.pending > 0 and t.instansi_id = $1
           order by t.submitted_at, t.submission_id limit 51""";
      report("inbox page SQL straight on PostgreSQL (busiest BKD)", latency(n, () -> sql(pool, inboxSql, Tuple.of(agency))));
      report("inbox counts SQL straight on PostgreSQL (busiest BKD)", latency(n, () -> sql(pool, """
          select count(*), count(*) filter (where claimed_by is null or claim_expires_at <= now())
            from submission_tier t where t.tier = 'BKD' and t.pending > 0 and t.instansi_id = $1""", Tuple.of(agency))));
      report("baseline: plain index range of 51 queue rows (PostgreSQL)", latency(n, () -> sql(pool, """
          select submission_id from submission_tier where tier = 'BKD' and pending > 0 and instansi_id = $1
           order by submitted_at, submission_id limit 51""", Tuple.of(agency))));

      explain(pool, inboxSql, agency);

      // Decisions: several BKD verifiers on the busiest agency's inbox at once.
      List<String> tokens = new ArrayList<>();
      for (String nip : bkdNips) {
        tokens.add(bench.login(nip, PASSWORD));
      }
      decisions(bench, tokens, seconds);
      baselineTransactions(pool, agency, verifiers, seconds);
    }
  }

  private static void prepare(Bench bench, int submissions) {
    bench.submissions(submissions);
    // Near the deadline in the biggest agency: its BKD inbox passes 100,000 (bench-data.sql).
    Row busiest = bench.one("select instansi_kerja_id from pns group by 1 order by count(*) desc limit 1");
    long atBkd = bench.one("select count(*) from submission_tier where tier = 'BKD' and pending > 0"
        + " and instansi_id = $1", Tuple.of(busiest.getInteger(0))).getLong(0);
    if (atBkd < 100_000) {
      long started = System.nanoTime();
      int added = bench.one("select verification_bench_submissions(300000, $1, 10, 75)",
          Tuple.of(busiest.getInteger(0))).getInteger(0);
      bench.analyze();
      System.out.printf(Locale.ROOT, "deadline in agency %d: added %,d submissions in %.0f s%n", busiest.getInteger(0), added,
          (System.nanoTime() - started) / 1e9);
    }
  }

  private static Object sql(Pool pool, String sql, Tuple args) {
    return await(pool.preparedQuery(sql).execute(args));
  }

  private static String cursor(Bench bench, String tier, String column, int id) {
    Row r = bench.one("""
        select submitted_at, submission_id from submission_tier where tier = '%s' and pending > 0 and %s = %d
         order by submitted_at, submission_id offset (select count(*) / 2 from submission_tier
           where tier = '%s' and pending > 0 and %s = %d) limit 1""".formatted(tier, column, id, tier, column, id));
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        (r.getOffsetDateTime(0) + "|" + r.getLong(1)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static long[] latency(int n, Runnable call) {
    return Bench.latency(n, 30, call);
  }

  private static void report(String what, long[] sorted) {
    System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f |%n", what, Bench.p50(sorted), Bench.p99(sorted));
  }

  private static void explain(Pool pool, String sql, int agency) {
    System.out.println("\nexplain (analyze, buffers) of the busiest BKD's first page:");
    for (Row r : await(pool.preparedQuery("explain (analyze, buffers, costs off) " + sql).execute(Tuple.of(agency)))) {
      System.out.println("    " + r.getString(0));
    }
  }

  /** Each verifier: next unclaimed submission, claim, accept all; until the time is up. */
  private static void decisions(Bench bench, List<String> tokens, int seconds) throws Exception {
    AtomicLong decided = new AtomicLong();
    AtomicLong items = new AtomicLong();
    AtomicLong conflicts = new AtomicLong();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Thread> threads = new ArrayList<>();
    for (String token : tokens) {
      Thread thread = new Thread(() -> {
        while (System.nanoTime() < end) {
          try {
            JsonObject next = new JsonObject(bench.post("/api/inbox/next", token, "{}").body());
            boolean done = next.getValue("submissionId") == null;
            if (!done) {
              long id = next.getLong("submissionId");
              bench.get("/api/submissions/" + id, token);
              long t0 = System.nanoTime();
              HttpResponse<String> r = bench.post("/api/submissions/" + id + "/accept-all", token, "{}");
              latencies.add(System.nanoTime() - t0);
              if (r.statusCode() == 200) {
                decided.incrementAndGet();
                items.addAndGet(new JsonObject(r.body()).getJsonArray("decided").size());
              } else {
                conflicts.incrementAndGet();
              }
            }
          } catch (Exception e) {
            conflicts.incrementAndGet();
          }
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf(Locale.ROOT, "%n%d BKD verifiers, %d s: %,d accept-all calls (%,d items) = %.1f decision calls/s,"
            + " %.1f items/s; accept-all p50 %.1f ms, p99 %.1f ms; %,d refused claims/conflicts%n", tokens.size(), seconds,
        decided.get(), items.get(), decided.get() / (double) seconds, items.get() / (double) seconds,
        Bench.p50(sorted), Bench.p99(sorted), conflicts.get());
  }

  /** Plain transactions at the same concurrency: lock one submission row, update one item, commit. */
  private static void baselineTransactions(Pool pool, int agency, int workers, int seconds) throws Exception {
    List<Long> ids = new ArrayList<>();
    for (Row r : await(pool.preparedQuery("""
        select f.id from submission_field f join submission s on s.id = f.submission_id
         where s.instansi_id = $1 and f.status = 'PENDING' limit 20000""").execute(Tuple.of(agency)))) {
      ids.add(r.getLong(0));
    }
    AtomicLong done = new AtomicLong();
    AtomicLong at = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      Thread thread = new Thread(() -> {
        while (System.nanoTime() < end) {
          long item = ids.get((int) (at.getAndIncrement() % ids.size()));
          await(pool.withTransaction(tx -> tx.preparedQuery("""
                  select s.id from submission s join submission_field f on f.submission_id = s.id where f.id = $1
                   for update of s""").execute(Tuple.of(item))
              .compose(v -> tx.preparedQuery("update submission_field set resolved_at = resolved_at where id = $1")
                  .execute(Tuple.of(item)))));
          done.incrementAndGet();
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    System.out.printf(Locale.ROOT, "baseline: %d workers, plain lock-and-update transactions: %.1f/s%n", workers,
        done.get() / (double) seconds);
  }
}

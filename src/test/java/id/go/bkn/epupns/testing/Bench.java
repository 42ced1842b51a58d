package id.go.bkn.epupns.testing;

import id.go.bkn.epupns.Application;
import id.go.bkn.epupns.auth.PasswordHasher;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The set-up that the national-size benchmarks share (not a test; MonitoringBenchmark, VerificationBenchmark):
 * the service started in this JVM on the given database (created and migrated by the start when it is new;
 * the SAPK rows come from {@code sapk-generate-import}), a pool on the same database, submissions added with
 * src/test/resources/verification/bench-data.sql up to the size asked, officer accounts with one password,
 * logins and GETs over plain HTTP, and the timing loop with its p50/p99.
 */
public final class Bench implements AutoCloseable {

  private final Application.Running running;
  private final Pool pool;
  private final String base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Bench(Application.Running running, Pool pool, String base) {
    this.running = running;
    this.pool = pool;
    this.base = base;
  }

  /**
   * Starts the service on {@code db} at {@code port} (2 HTTP instances, no access log, login limits per IP
   * raised, its own Redis key prefix), with the extra settings (EPUPNS_...), and a pool of {@code poolSize}
   * connections (prepared statements cached) for the benchmark's own SQL.
   */
  public static Bench start(String db, int port, String redisPrefix, Map<String, String> settings, int poolSize)
      throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("EPUPNS_DB_URL", db);
    env.put("EPUPNS_HTTP_PORT", Integer.toString(port));
    env.put("EPUPNS_HTTP_INSTANCES", "2");
    env.put("EPUPNS_LOG_ACCESS_LOG", "false");
    env.put("EPUPNS_REDIS_KEY_PREFIX", redisPrefix);
    env.put("EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "100000");
    env.putAll(settings);
    Application.Running running = Application.start(env, false).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.MINUTES);
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(poolSize))
        .connectingTo(PgConnectOptions.fromUri(db).setCachePreparedStatements(true)).using(running.vertx()).build();
    return new Bench(running, pool, "http://127.0.0.1:" + port);
  }

  public Application.Running running() {
    return running;
  }

  public Pool pool() {
    return pool;
  }

  /** The service's base URL. */
  public String base() {
    return base;
  }

  public HttpClient http() {
    return http;
  }

  /**
   * Loads bench-data.sql and adds generated submissions until there are {@code submissions}; analyses the
   * tables it filled. Answers how many it added.
   */
  public long submissions(int submissions) {
    await(pool.query(readBenchData()).execute());
    long have = one("select count(*) from submission").getLong(0);
    if (have >= submissions) {
      return 0;
    }
    long started = System.nanoTime();
    await(pool.preparedQuery("select verification_bench_submissions($1)").execute(Tuple.of((int) (submissions - have))));
    analyze();
    System.out.printf(Locale.ROOT, "added %,d submissions in %.0f s%n", submissions - have, (System.nanoTime() - started) / 1e9);
    return submissions - have;
  }

  /** Fresh planner statistics for the tables the generated submissions fill. */
  public void analyze() {
    await(pool.query("analyze submission, submission_field, submission_tier").execute());
  }

  private static String readBenchData() {
    try {
      return Files.readString(Path.of("src/test/resources/verification/bench-data.sql"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The password hash of the service's own parameters (computed once, shared by the benchmark's officers). */
  public String hash(String password) {
    return new PasswordHasher(running.config(), null).hashNow(password);
  }

  /**
   * Officer accounts for {@code count} PNS of the agency (any PNS when {@code agency} is null) who are not
   * officers yet, all with the one password hash: a work unit's role when {@code unit} is set, else the
   * agency's (or the nation's, without an agency). Answers their NIPs.
   */
  public List<String> officers(String role, Integer agency, Integer unit, int count, String hash) {
    List<String> nips = new ArrayList<>();
    for (Row r : await(pool.preparedQuery("""
        select nip, nama from pns where ($1::int is null or instansi_kerja_id = $1) and nip not in (select nip from officer)
         order by nip limit $2""").execute(Tuple.of(agency, count)))) {
      await(pool.preparedQuery("""
          insert into officer (nip, nama, role, satuan_kerja_id, instansi_id, password_hash) values ($1, $2, $3, $4, $5, $6)
          on conflict (nip) do nothing""").execute(Tuple.of(r.getString(0), r.getString(1), role, unit,
          unit == null ? agency : null, hash)));
      nips.add(r.getString(0));
    }
    return nips;
  }

  /** POST /api/auth/login: the access token. */
  public String login(String nip, String password) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", nip).put("password", password).encode()))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("login " + nip + ": " + r.statusCode() + " " + r.body());
    }
    return new JsonObject(r.body()).getString("token");
  }

  /** A signed-in GET of a path (or URL) that must answer 200: its body. */
  public String get(String path, String token) {
    try {
      String url = path.startsWith("http") ? path : base + path;
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(url + ": " + r.statusCode() + " " + r.body());
      }
      return r.body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A signed-in POST of a JSON body to a path, whatever it answers. */
  public HttpResponse<String> post(String path, String token, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The first row of a query. */
  public Row one(String sql) {
    return await(pool.query(sql).execute()).iterator().next();
  }

  /** The first row of a prepared query. */
  public Row one(String sql, Tuple args) {
    return await(pool.preparedQuery(sql).execute(args)).iterator().next();
  }

  /**
   * The timing loop: {@code warmup} calls (at most n) not counted, then n sequential calls, each timed;
   * answers the times in nanoseconds, sorted.
   */
  public static long[] latency(int n, int warmup, Runnable call) {
    for (int i = 0; i < Math.min(warmup, n); i++) {
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

  /** The median of sorted times, in milliseconds. */
  public static double p50(long[] sorted) {
    return sorted.length == 0 ? 0 : sorted[sorted.length / 2] / 1e6;
  }

  /** The 99th percentile (nearest rank) of sorted times, in milliseconds. */
  public static double p99(long[] sorted) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6;
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      await(pool.close());
    } finally {
      running.stop().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    }
  }
}

package id.go.bkn.epupns.form.bench;

import id.go.bkn.epupns.auth.PasswordHasher;
import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.registration.RegistrationNumbers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Benchmark (not a test): requests per second of GET /api/me/form, a Data Utama save and the school
 * autocomplete against a running service on national-size data (src/test/resources/form/bench-data.sql),
 * with GET /health of the same run as the baseline. Each virtual user is its own PNS.
 *
 *   java -cp target/test-classes:target/classes:$(cat cp.txt) id.go.bkn.epupns.form.bench.FormBenchmark \
 *     http://127.0.0.1:18090 jdbc:postgresql://127.0.0.1:5432/epupns_bench 64 20
 */
public final class FormBenchmark {

  private record Result(String name, long requests, long errors, double seconds, long[] latenciesMicros) {
    double perSecond() {
      return requests / seconds;
    }

    long percentile(double p) {
      if (latenciesMicros.length == 0) {
        return 0;
      }
      return latenciesMicros[Math.min(latenciesMicros.length - 1, (int) (latenciesMicros.length * p))];
    }
  }

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String jdbc = args[1];
    int clients = Integer.parseInt(args[2]);
    int seconds = Integer.parseInt(args[3]);
    Vertx vertx = Vertx.vertx();
    java.net.URI uri = java.net.URI.create(base);
    WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost(uri.getHost())
        .setDefaultPort(uri.getPort()).setKeepAlive(true), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(clients));
    List<String> tokens = users(vertx, http, jdbc, clients);
    Map<Integer, Integer> versions = new ConcurrentHashMap<>();
    AtomicInteger flip = new AtomicInteger();

    List<Result> results = new ArrayList<>();
    run(vertx, "warm-up", clients, 5, u -> http.get("/api/me/form").bearerTokenAuthentication(tokens.get(u)));
    results.add(run(vertx, "GET /health (baseline)", clients, seconds, u -> http.get("/health")));
    results.add(run(vertx, "GET /api/me/form", clients, seconds, u -> http.get("/api/me/form").bearerTokenAuthentication(tokens.get(u))));
    results.add(runSave(vertx, http, tokens, versions, flip, clients, seconds));
    results.add(run(vertx, "GET /api/ref/sekolah?q=negeri 1", clients, seconds,
        u -> http.get("/api/ref/sekolah?q=negeri%201").bearerTokenAuthentication(tokens.get(u))));
    results.add(run(vertx, "GET /api/ref/sekolah?q=sd (prefix)", clients, seconds,
        u -> http.get("/api/ref/sekolah?q=sd").bearerTokenAuthentication(tokens.get(u))));

    double baseline = results.get(0).perSecond();
    System.out.printf("%n%d concurrent clients, %d s per scenario%n", clients, seconds);
    System.out.println("| scenario | req/s | ratio to /health | p50 ms | p99 ms | errors |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    for (Result r : results) {
      System.out.printf("| %s | %.0f | %.2f | %.1f | %.1f | %d |%n", r.name(), r.perSecond(), r.perSecond() / baseline,
          r.percentile(0.50) / 1000.0, r.percentile(0.99) / 1000.0, r.errors());
    }
    vertx.close();
  }

  /** One approved registration per virtual user (spread over the agencies), logged in. */
  private static List<String> users(Vertx vertx, WebClient http, String jdbc, int count) throws Exception {
    JsonObject settings = new JsonObject().put("passwordHash", new JsonObject().put("memoryKib", 1024).put("iterations", 1)
        .put("parallelism", 1));
    String hash = new PasswordHasher(new AppConfig(settings), null).hashNow("bench-password");
    List<String> numbers = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbc, "postgres", null);
         PreparedStatement insert = c.prepareStatement("""
             insert into registration (nip, registration_number, nik, email, password_hash, mother_name_hash,
               security_question, security_answer_enc, status)
             select nip, ?, '3273051207860017', 'bench@example.org', ?, 'x', 'q', '\\x00'::bytea, 'APPROVED'
               from pns where nip = ? on conflict do nothing""")) {
      c.createStatement().execute("delete from registration where email = 'bench@example.org'");
      for (int u = 0; u < count; u++) {
        String number = RegistrationNumbers.generate();
        insert.setString(1, number);
        insert.setString(2, hash);
        insert.setString(3, "19" + String.format("%016d", 1 + u * 4999L));
        insert.executeUpdate();
        numbers.add(number);
      }
    }
    List<String> tokens = new ArrayList<>();
    for (String number : numbers) {
      HttpResponse<Buffer> login = http.post("/api/auth/login")
          .sendJsonObject(new JsonObject().put("username", number).put("password", "bench-password"))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      if (login.statusCode() != 200) {
        throw new IllegalStateException("login failed: " + login.bodyAsString());
      }
      tokens.add(login.bodyAsJsonObject().getString("token"));
    }
    return tokens;
  }

  private static Result runSave(Vertx vertx, WebClient http, List<String> tokens, Map<Integer, Integer> versions,
                                AtomicInteger flip, int clients, int seconds) throws Exception {
    String[] fields = {"nip", "nama", "nama_dukcapil", "gelar_depan", "gelar_belakang", "tempat_lahir", "tanggal_lahir",
        "agama", "jenis_kelamin", "tmt_cpns", "tmt_pns", "golongan", "tmt_golongan", "pendidikan_tingkat", "pendidikan_nama",
        "tahun_lulus", "kedudukan", "jenis_pegawai", "status_pegawai", "masa_kerja_tahun", "masa_kerja_bulan", "nomor_hp", "email"};
    return loop(vertx, "PUT /api/me/form/utama (save)", clients, seconds, u -> {
      JsonObject items = new JsonObject();
      Arrays.stream(fields).forEach(f -> items.put(f, new JsonObject().put("mark", "CORRECT")));
      items.put("alamat", new JsonObject().put("mark", "WRONG").put("correction", "Jl. Baru No. " + flip.incrementAndGet() + ", Bandung"));
      JsonObject body = new JsonObject().put("version", versions.getOrDefault(u, -1)).put("fields", items);
      Future<HttpResponse<Buffer>> first = versions.containsKey(u) ? Future.succeededFuture(null)
          : http.get("/api/me/form").bearerTokenAuthentication(tokens.get(u)).send().map(r -> {
            r.bodyAsJsonObject().getJsonArray("sections").stream().map(JsonObject.class::cast)
                .filter(s -> s.getString("id").equals("utama")).findFirst()
                .ifPresent(s -> versions.put(u, s.getInteger("version")));
            return null;
          });
      return first.compose(x -> http.put("/api/me/form/utama").bearerTokenAuthentication(tokens.get(u))
          .sendJsonObject(body.put("version", versions.get(u))))
          .map(r -> {
            if (r.statusCode() == 200) {
              versions.put(u, r.bodyAsJsonObject().getInteger("version"));
            }
            return r;
          });
    });
  }

  private static Result run(Vertx vertx, String name, int clients, int seconds, Function<Integer, HttpRequest<Buffer>> request)
      throws Exception {
    return loop(vertx, name, clients, seconds, u -> request.apply(u).send());
  }

  /** Each client sends its next request when the previous one is answered, for the given time. */
  private static Result loop(Vertx vertx, String name, int clients, int seconds,
                             Function<Integer, Future<HttpResponse<Buffer>>> call) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger errors = new AtomicInteger();
    List<Future<Void>> done = new ArrayList<>();
    long start = System.nanoTime();
    for (int u = 0; u < clients; u++) {
      Promise<Void> finished = Promise.promise();
      int user = u;
      vertx.runOnContext(v -> next(call, user, end, latencies, errors, finished));
      done.add(finished.future());
    }
    Future.all(done).toCompletionStage().toCompletableFuture().get(seconds + 60L, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - start) / 1e9;
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Result(name, sorted.length, errors.get(), elapsed, sorted);
  }

  private static void next(Function<Integer, Future<HttpResponse<Buffer>>> call, int user, long end, List<Long> latencies,
                           AtomicInteger errors, Promise<Void> finished) {
    if (System.nanoTime() > end) {
      finished.complete();
      return;
    }
    long t0 = System.nanoTime();
    call.apply(user).onComplete(r -> {
      if (r.failed() || r.result().statusCode() >= 400) {
        errors.incrementAndGet();
      }
      latencies.add((System.nanoTime() - t0) / 1000);
      next(call, user, end, latencies, errors, finished);
    });
  }
}

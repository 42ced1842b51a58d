package id.go.bkn.epupns.registration;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import id.go.bkn.epupns.sapk.Nik;
import id.go.bkn.epupns.sapk.Nip;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: measures (a) Argon2id at the shipped production parameters and (b) registrations per
 * second through the real HTTP API (a fresh service with those parameters, captcha answers exposed,
 * distinct NIPs inserted beforehand, ~32 requests in flight), and their ratio. See the README for how
 * to run it. Arguments: [registrations] [concurrency].
 */
public final class RegistrationBenchmark {

  // The production parameters of config/application.yaml (passwordHash.*).
  static final int MEMORY_KIB = 19456;
  static final int ITERATIONS = 2;
  static final int PARALLELISM = 1;

  public static void main(String[] args) throws Exception {
    int registrations = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf("machine: %d cores, %s, Java %s%n", cores, System.getProperty("os.arch"),
        System.getProperty("java.version"));

    // (a) Argon2id
    Argon2Function argon2 = Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, 32, Argon2.ID);
    for (int i = 0; i < 10; i++) {
      Password.hash("warm up " + i).addRandomSalt(16).with(argon2);
    }
    int single = 40;
    long t0 = System.nanoTime();
    for (int i = 0; i < single; i++) {
      Password.hash("kata sandi " + i).addRandomSalt(16).with(argon2);
    }
    double msPerHash = (System.nanoTime() - t0) / 1e6 / single;
    int parallel = 40 * cores;
    ExecutorService pool = Executors.newFixedThreadPool(cores);
    List<java.util.concurrent.Future<?>> jobs = new ArrayList<>();
    long t1 = System.nanoTime();
    for (int i = 0; i < parallel; i++) {
      int n = i;
      jobs.add(pool.submit(() -> Password.hash("kata sandi " + n).addRandomSalt(16).with(argon2)));
    }
    for (var job : jobs) {
      job.get();
    }
    double hashesPerSecond = parallel / ((System.nanoTime() - t1) / 1e9);
    pool.shutdown();
    System.out.printf("Argon2id m=%d KiB t=%d p=%d: %.1f ms per hash (one thread), %.1f hashes/s on %d threads%n",
        MEMORY_KIB, ITERATIONS, PARALLELISM, msPerHash, hashesPerSecond, cores);

    // (b) registrations through HTTP
    TestService service = TestService.start(RegistrationBenchmark.class, Map.of(
        "EPUPNS_PASSWORD_HASH_MEMORY_KIB", Integer.toString(MEMORY_KIB),
        "EPUPNS_PASSWORD_HASH_ITERATIONS", Integer.toString(ITERATIONS),
        "EPUPNS_PASSWORD_HASH_PARALLELISM", Integer.toString(PARALLELISM),
        "EPUPNS_CAPTCHA_EXPOSE_ANSWER", "true",
        "EPUPNS_CAPTCHA_TTL_SECONDS", "3600",
        "EPUPNS_DB_POOL_SIZE", "16",
        "EPUPNS_RATE_LIMIT_CAPTCHA_PER_IP", "10000000",
        "EPUPNS_RATE_LIMIT_REGISTRATION_PER_IP", "10000000"), false);
    try {
      new SapkFixture(service);
      List<String[]> people = insertPeople(service, registrations);
      WebClient client = WebClient.create(service.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(service.port()), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(concurrency));

      // Captchas are fetched beforehand: the timed part is the registration request itself.
      long c0 = System.nanoTime();
      List<JsonObject> captchas = TestService.await(run(registrations, concurrency, i ->
          client.post("/api/captcha").send().map(r -> r.bodyAsJsonObject())));
      double captchasPerSecond = registrations / ((System.nanoTime() - c0) / 1e9);

      AtomicInteger created = new AtomicInteger();
      AtomicLong other = new AtomicLong();
      long r0 = System.nanoTime();
      TestService.await(run(registrations, concurrency, i -> {
        String[] person = people.get(i);
        JsonObject captcha = captchas.get(i);
        String password = "sandi benchmark nomor " + i;
        JsonObject form = new JsonObject().put("nip", person[0]).put("nik", person[1])
            .put("email", "bench" + i + "@example.go.id").put("password", password)
            .put("passwordConfirmation", password).put("motherName", "Ibu Benchmark")
            .put("securityQuestion", "Apa nama sekolah dasar pertama Anda?").put("securityAnswer", "SD " + i)
            .put("captchaId", captcha.getString("id")).put("captchaAnswer", captcha.getString("answer"));
        return client.post("/api/registrations").sendJsonObject(form).map(response -> {
          if (response.statusCode() == 201) {
            created.incrementAndGet();
          } else if (other.incrementAndGet() < 5) {
            System.out.println("unexpected " + response.statusCode() + " " + response.bodyAsString());
          }
          return response.statusCode();
        });
      }));
      double seconds = (System.nanoTime() - r0) / 1e9;
      double registrationsPerSecond = created.get() / seconds;
      System.out.printf("captchas: %.1f/s (image drawing, %d in flight)%n", captchasPerSecond, concurrency);
      System.out.printf("registrations: %d created, %d other, in %.1f s: %.1f registrations/s (%d in flight)%n",
          created.get(), other.get(), seconds, registrationsPerSecond, concurrency);
      System.out.printf("ratio registrations/s : hashes/s = %.2f%n", registrationsPerSecond / hashesPerSecond);
      // The server's own hashing during the run: mean time per hash on its worker pool.
      String metrics = service.metrics();
      double sum = 0;
      double count = 0;
      for (String line : metrics.split("\n")) {
        if (line.startsWith("epupns_blocking_work_seconds_sum{job=\"password-hash\"")) {
          sum = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        } else if (line.startsWith("epupns_blocking_work_seconds_count{job=\"password-hash\"")) {
          count = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      int threads = service.running().config().integer("passwordHash.workerPoolSize");
      double capacity = threads / (sum / count);
      System.out.printf("server: %.0f hashes, %.1f ms mean per hash on %d hashing threads = capacity %.1f hashes/s;"
          + " registrations/s : that capacity = %.2f%n", count, 1000 * sum / count, threads, capacity,
          registrationsPerSecond / capacity);
      client.close();
    } finally {
      service.close();
    }
    System.exit(0);
  }

  /** Distinct PNS with valid NIP/NIK pairs, inserted in one statement per batch. */
  private static List<String[]> insertPeople(TestService service, int count) {
    List<String[]> people = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(i % 9000);
      int sequence = 1 + i / 9000;
      boolean female = i % 2 == 1;
      String nip = Nip.format(birth, YearMonth.of(2005, 3), female, sequence);
      String nik = Nik.format(32, 73, 5, birth, female, 1 + i % 9999);
      people.add(new String[] {nip, nik});
      service.sql("""
          insert into pns (nip, nik, nama, tempat_lahir, tanggal_lahir, agama, jenis_kelamin, tmt_cpns, golongan,
            tmt_golongan, pendidikan_tingkat, jenis_pegawai, status_pegawai, instansi_induk_id, instansi_kerja_id,
            satuan_kerja_id, lokasi_kerja, jenis_jabatan)
          values ($1, $2, 'PNS Benchmark', 'Bandung', $3, 'Islam', $4, date '2005-03-01', 'III/a', date '2005-03-01',
            'S1', 'PNS Daerah', 'PNS', $5, $5, $6, 'Bandung', 'FUNGSIONAL_UMUM')""",
          nip, nik, birth, female ? "P" : "L", SapkFixture.INSTANSI_BANDUNG, SapkFixture.SATKER_DISDIK_BANDUNG);
    }
    return people;
  }

  /** Runs count jobs with at most concurrency in flight; the results in job order. */
  private static <T> Future<List<T>> run(int count, int concurrency, java.util.function.IntFunction<Future<T>> job) {
    List<T> results = new ArrayList<>(java.util.Collections.nCopies(count, null));
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int lane = 0; lane < concurrency; lane++) {
      Promise<Void> done = Promise.promise();
      lanes.add(done.future());
      step(next, count, job, results, done);
    }
    return Future.all(lanes).map(v -> results);
  }

  private static <T> void step(AtomicInteger next, int count, java.util.function.IntFunction<Future<T>> job,
                               List<T> results, Promise<Void> done) {
    int i = next.getAndIncrement();
    if (i >= count) {
      done.tryComplete();
      return;
    }
    job.apply(i).onComplete(result -> {
      if (result.failed()) {
        done.tryFail(result.cause());
        return;
      }
      synchronized (results) {
        results.set(i, result.result());
      }
      step(next, count, job, results, done);
    });
  }

}

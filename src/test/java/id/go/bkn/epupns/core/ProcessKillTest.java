package id.go.bkn.epupns.core;

import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.testing.Poll;
import id.go.bkn.epupns.testing.Recounts;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import id.go.bkn.epupns.verification.VerificationTesting;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static id.go.bkn.epupns.verification.VerificationTesting.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILL of the service in the middle of work: a child process the test owns (the service's main class on the
 * test class path, on this test's database, beside an in-process service used only to arrange and inspect) is
 * killed while an upload is half sent, eight submits and eight "Terima semua" decisions are in flight (killed as
 * soon as one of its PostgreSQL sessions is seen inside a transaction that has written; not all of them answered). Afterwards no
 * state is half-written: every submitted form has its whole submission (all items, every tier queue), every
 * decided item has exactly its decision and the move or SAPK change that goes with it, every queue count matches
 * its items, every document row has its stored bytes; the restarted process removes what the killed one left in
 * uploads/tmp and serves the interrupted requests again, submits and decisions at once (submit answers 200 or 409
 * already submitted, decisions 200 or 409 not pending); the monitoring and inbox counters equal their recount after
 * the kill and after the restart's work.
 */
class ProcessKillTest {

  static final int PARALLEL = 8;
  static TestService service;
  static VerificationTesting t;
  static Path uploads;
  static int port;
  static Process child;
  /** Every child process started, so that none outlives the test whatever fails. */
  static final List<Process> children = new java.util.concurrent.CopyOnWriteArrayList<>();
  static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws IOException {
    service = TestService.start(ProcessKillTest.class, Map.of("EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_DOCUMENTS_PER_IP", "100000"), false);
    t = new VerificationTesting(service);
    uploads = Files.createDirectories(Path.of("target/test-uploads/kill-" + System.nanoTime())).toAbsolutePath();
    port = TestService.freePort();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    for (Process process : children) {
      process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
    service.close();
  }

  /** The service as its own process on the same database and Redis prefix, uploads in its own directory. */
  static Process startChild() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // C1 only and the serial collector: it lives for seconds, so a quick start matters more than peak speed.
        "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), "id.go.bkn.epupns.Application")
        .redirectErrorStream(true);
    builder.environment().putAll(Map.of(
        "EPUPNS_HTTP_PORT", Integer.toString(port),
        "EPUPNS_MANAGEMENT_PORT", "0",
        "EPUPNS_HTTP_INSTANCES", "1",
        "EPUPNS_DB_URL", service.running().config().string("db.url"),
        "EPUPNS_REDIS_KEY_PREFIX", service.redisPrefix(),
        "EPUPNS_UPLOADS_DIRECTORY", uploads.toString(),
        "EPUPNS_UPLOADS_ORPHAN_MIN_AGE_SECONDS", "1",
        "EPUPNS_RATE_LIMIT_DOCUMENTS_PER_IP", "100000",
        "EPUPNS_PASSWORD_HASH_MEMORY_KIB", "1024",
        "EPUPNS_PASSWORD_HASH_ITERATIONS", "1"));
    Process process = builder.start();
    children.add(process);
    CountDownLatch listening = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.contains("listening on port")) {
            listening.countDown();
          }
        }
      } catch (IOException ended) {
        // the process was killed
      }
    });
    reader.setDaemon(true);
    reader.start();
    assertTrue(listening.await(120, TimeUnit.SECONDS), "the child service started");
    return process;
  }

  private static CompletableFuture<HttpResponse<String>> post(String path, String token) {
    return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Starts a 1.5 MB upload and sends only its first half: the process dies while it reads it. */
  private static Socket halfAnUpload(String token) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    int size = 1_500_000;
    String boundary = "----grenzeKill";
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nSK_CPNS\r\n--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"besar.pdf\"\r\nContent-Type: application/pdf\r\n\r\n";
    String tail = "\r\n--" + boundary + "--\r\n";
    OutputStream out = socket.getOutputStream();
    out.write(("POST /api/me/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
        + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: "
        + (head.length() + size + tail.length()) + "\r\n\r\n" + head).getBytes(StandardCharsets.ISO_8859_1));
    byte[] chunk = new byte[50_000];
    java.util.Arrays.fill(chunk, (byte) ' ');
    byte[] pdf = "%PDF-1.4\n%kill\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(pdf, 0, chunk, 0, pdf.length);
    for (int sent = 0; sent < size / 2; sent += chunk.length) {
      out.write(chunk);
      java.util.Arrays.fill(chunk, 0, pdf.length, (byte) ' ');
    }
    out.flush();
    return socket;
  }

  private static List<String> tmpFiles() throws IOException {
    Path tmp = uploads.resolve("tmp");
    if (!Files.isDirectory(tmp)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(tmp)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * A PostgreSQL session of the process inside a transaction that has written (it has a transaction id; active, or
   * idle in transaction), described, else null. Its sessions are found by their client ports: the local ports of the process's sockets (Linux: the
   * socket inodes among its file descriptors, looked up in /proc/net/tcp and tcp6).
   */
  private static String busySession(Process process) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
      for (Path fd : fds) {
        try {
          String link = Files.readSymbolicLink(fd).toString();
          if (link.startsWith("socket:[")) {
            inodes.add(link.substring(8, link.length() - 1));
          }
        } catch (IOException closed) {
          // closed meanwhile
        }
      }
    }
    List<Integer> ports = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line : Files.readAllLines(Path.of(table))) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 9 && inodes.contains(f[9])) {
          ports.add(Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16));
        }
      }
    }
    for (Row row : service.sql("""
        select state, left(query, 60) as query from pg_stat_activity
         where datname = current_database() and client_port = any($1) and backend_xid is not null
           and state in ('active', 'idle in transaction')""", (Object) ports.toArray(new Integer[0]))) {
      return row.getString("state") + ": " + row.getString("query");
    }
    return null;
  }

  private static long count(String sql, Object... args) {
    return service.sql(sql, args).iterator().next().getLong(0);
  }

  @Test
  void aKilledProcessLeavesNothingHalfDoneAndItsSuccessorCleansUp() throws Exception {
    // The first child boots while the forms are prepared; it is sent nothing before they are.
    CompletableFuture<Process> booting = CompletableFuture.supplyAsync(() -> {
      try {
        return startChild();
      } catch (Exception e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    });
    String verifier = t.officerToken(t.sapk.officer(Role.VERIFIER_SKPD, SapkFixture.SATKER_DISDIK_BANDUNG));
    // Forms filled (to submit during the kill) and forms submitted (to decide during the kill); the PNS are made
    // one after the other (the fixture counts), their logins, uploads and saves four at a time.
    List<SapkFixture.Person[]> people = new ArrayList<>();
    for (int i = 0; i < PARALLEL; i++) {
      people.add(new SapkFixture.Person[] {t.sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, i % 2 == 0),
          t.sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, i % 2 == 1)});
    }
    ExecutorService preparing = Executors.newFixedThreadPool(4);
    List<Future<String>> filled = new ArrayList<>();
    List<Future<Long>> toDecide = new ArrayList<>();
    for (int i = 0; i < PARALLEL; i++) {
      int n = i;
      filled.add(preparing.submit(() -> {
        String token = t.pnsToken(people.get(n)[0].nip());
        long document = t.uploadPdf(token, "SK_CPNS");
        t.fill(token, new JsonObject().put("utama", new JsonObject().put("alamat", wrong("Jl. Henti No. " + n))
            .put("tmt_cpns", wrong("2005-04-01", document))));
        return token;
      }));
      toDecide.add(preparing.submit(() -> {
        String token = t.pnsToken(people.get(n)[1].nip());
        long document = t.uploadPdf(token, "SK_CPNS");
        return t.submit(token, new JsonObject().put("utama", new JsonObject()
            .put("alamat", wrong("Jl. Putus No. " + n)).put("tmt_cpns", wrong("2005-04-01", document))));
      }));
    }
    List<String> submitting = new ArrayList<>();
    List<Long> deciding = new ArrayList<>();
    try {
      for (int i = 0; i < PARALLEL; i++) {
        submitting.add(filled.get(i).get(120, TimeUnit.SECONDS));
        deciding.add(toDecide.get(i).get(120, TimeUnit.SECONDS));
      }
    } finally {
      preparing.shutdownNow();
    }
    String uploader = submitting.get(0);

    child = booting.get(180, TimeUnit.SECONDS);
    Socket upload = halfAnUpload(uploader);
    Poll.until("the half upload is being written to tmp", Duration.ofSeconds(10), () -> !tmpFiles().isEmpty());
    assertEquals(1, tmpFiles().size(), "the half upload is being written to tmp");
    List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
    for (int i = 0; i < PARALLEL; i++) {
      inFlight.add(post("/api/me/form/submit", submitting.get(i)));
      inFlight.add(post("/api/submissions/" + deciding.get(i) + "/accept-all", verifier));
    }
    // Killed as soon as one of the child's PostgreSQL sessions is seen inside a transaction that has written (it
    // has a transaction id; a statement running, or idle between two): that transaction, and whatever is queued
    // behind it, dies with the process.
    // Asked without a pause between probes: such a transaction lasts milliseconds.
    String caught = null;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (caught == null && System.nanoTime() < end
        && !inFlight.stream().allMatch(CompletableFuture::isDone)) {
      caught = busySession(child);
    }
    assertTrue(caught != null, "a transaction of the child that has written was seen in flight");
    child.destroyForcibly(); // SIGKILL
    assertTrue(child.waitFor(20, TimeUnit.SECONDS));
    upload.close();
    int answered = 0;
    for (CompletableFuture<HttpResponse<String>> call : inFlight) {
      try {
        answered += call.get(30, TimeUnit.SECONDS).statusCode() == 200 ? 1 : 0;
      } catch (Exception cut) {
        // the connection died with the process
      }
    }
    assertTrue(answered < inFlight.size(), "the kill interrupted work: " + answered + " of " + inFlight.size()
        + " answered 200");
    List<String> leftovers = tmpFiles();
    assertEquals(1, leftovers.size(), "the half upload is left in tmp by the kill: " + leftovers);

    // Nothing half-written, whatever the kill interrupted.
    List<String> broken = new ArrayList<>();
    for (Row row : service.sql("""
        select f.nip, f.state, s.id as submission,
               (select count(*) from submission_field x where x.submission_id = s.id) as items,
               (select count(*) from submission_tier q where q.submission_id = s.id) as queues
          from form f left join submission s on s.nip = f.nip""")) {
      boolean submitted = "SUBMITTED".equals(row.getString("state"));
      if (submitted != (row.getValue("submission") != null)
          || submitted && (row.getLong("items") != 2 || row.getLong("queues") < 1)) {
        broken.add("form " + row.toJson());
      }
    }
    for (Row row : service.sql("""
        select f.id, f.status, f.current_tier, f.final_authority,
               (select count(*) from submission_decision d where d.submission_field_id = f.id) as decisions,
               (select count(*) from sapk_change c where c.item_id = f.id) as changes
          from submission_field f""")) {
      long decisions = row.getLong("decisions");
      String status = row.getString("status");
      boolean consistent = switch (status) {
        case "PENDING" -> decisions == 0 && "SKPD".equals(row.getString("current_tier"))
            || decisions == 1 && !"SKPD".equals(row.getString("current_tier"));
        case "APPLIED" -> decisions >= 1 && row.getLong("changes") == 1;
        default -> decisions >= 1;
      };
      if (!consistent || !"APPLIED".equals(status) && row.getLong("changes") != 0) {
        broken.add("item " + row.toJson());
      }
    }
    for (Row row : service.sql("""
        select q.submission_id, q.tier, q.pending,
               (select count(*) from submission_field f where f.submission_id = q.submission_id
                  and f.status = 'PENDING' and f.current_tier = q.tier) as items
          from submission_tier q""")) {
      if (row.getInteger("pending").longValue() != row.getLong("items")) {
        broken.add("queue " + row.toJson());
      }
    }
    for (Row row : service.sql("select id, sha256, size_bytes from document")) {
      String sha = row.getString("sha256");
      Path object = uploads.resolve("objects").resolve(sha.substring(0, 2)).resolve(sha);
      Path inProcess = Path.of(service.running().config().string("uploads.directory")).resolve("objects")
          .resolve(sha.substring(0, 2)).resolve(sha);
      Path stored = Files.exists(object) ? object : inProcess;
      if (!Files.exists(stored) || Files.size(stored) != row.getInteger("size_bytes")) {
        broken.add("document " + row.toJson());
      }
    }
    assertEquals(List.of(), broken);
    assertEquals(List.of(), Recounts.all(service), "the counters equal their recount after the kill");

    // The successor removes what the killed process left and serves the same requests again.
    for (String name : leftovers) {
      Files.setLastModifiedTime(uploads.resolve("tmp").resolve(name), FileTime.from(Instant.now().minusSeconds(60)));
    }
    child = startChild();
    assertEquals(List.of(), tmpFiles(), "the half upload " + leftovers + " is removed at start-up");
    int again = 0;
    // The submits and the decisions at once (one work unit: they queue on its lock, see Queues.lockWorkUnit).
    List<CompletableFuture<HttpResponse<String>>> submits = new ArrayList<>();
    List<CompletableFuture<HttpResponse<String>>> decides = new ArrayList<>();
    for (int i = 0; i < PARALLEL; i++) {
      submits.add(post("/api/me/form/submit", submitting.get(i)));
      decides.add(post("/api/submissions/" + deciding.get(i) + "/accept-all", verifier));
    }
    for (int i = 0; i < PARALLEL; i++) {
      int submit = submits.get(i).get(60, TimeUnit.SECONDS).statusCode();
      int decide = decides.get(i).get(60, TimeUnit.SECONDS).statusCode();
      assertTrue(submit == 200 || submit == 409, "submit " + submit);
      assertTrue(decide == 200 || decide == 409, "decide " + decide);
      again += (submit == 200 ? 1 : 0) + (decide == 200 ? 1 : 0);
    }
    assertEquals(PARALLEL, count("select count(*) from form where state = 'SUBMITTED' and nip in "
        + "(select nip from registration) and nip not in (select nip from submission where id = any($1))",
        (Object) deciding.toArray(new Long[0])), "every form submitted once in the end");
    assertEquals(0, count("select count(*) from submission_field f join submission s on s.id = f.submission_id "
        + "where s.id = any($1) and f.status = 'PENDING' and f.current_tier = 'SKPD'", (Object) deciding.toArray(new Long[0])),
        "every decision made in the end");
    assertEquals(List.of(), Recounts.all(service), "the counters equal their recount after the restart's work");
    System.out.println("ProcessKillTest: killed with " + caught + "; " + answered + " of " + inFlight.size()
        + " requests answered 200 before the kill, " + again + " done after the restart; left in tmp by the kill: "
        + leftovers);
  }
}

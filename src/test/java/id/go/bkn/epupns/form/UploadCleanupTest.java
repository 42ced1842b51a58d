package id.go.bkn.epupns.form;

import id.go.bkn.epupns.core.redis.RedisStore;
import id.go.bkn.epupns.form.documents.UploadQuota;
import id.go.bkn.epupns.testing.Poll;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static id.go.bkn.epupns.testing.TestService.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Uploads leave nothing behind: the body of an unauthenticated upload is never read (no temporary file), and what
 * an interrupted upload leaves (temporary files, objects no document names, a quota reservation never committed)
 * is removed at start-up and by the periodic sweep, so it neither fills the disk nor counts against the day.
 */
class UploadCleanupTest {

  static final String NO_ROW = "ab" + "0".repeat(62);
  static final int DAILY = 10_000;

  static Path uploads;
  static TestService service;
  static SapkFixture sapk;
  static FormTesting form;

  @BeforeAll
  static void start() throws IOException {
    // What a process killed mid-upload leaves, before the service starts on the directory.
    uploads = Path.of("target/test-uploads/cleanup-" + System.nanoTime());
    Files.createDirectories(uploads.resolve("tmp"));
    old(Files.writeString(uploads.resolve("tmp/1b7e6c1a-upload"), "half an upload"));
    old(Files.writeString(uploads.resolve("tmp/5d1c.part"), "half a copy"));
    Files.writeString(uploads.resolve("tmp/in-progress"), "an upload of another instance, now");
    Path object = uploads.resolve("objects/ab/" + NO_ROW);
    Files.createDirectories(object.getParent());
    old(Files.writeString(object, "%PDF-1.4 stored, row never written"));
    service = TestService.start(UploadCleanupTest.class, Map.of(
        "EPUPNS_UPLOADS_DIRECTORY", uploads.toString(),
        "EPUPNS_UPLOADS_ORPHAN_MIN_AGE_SECONDS", "60",
        "EPUPNS_UPLOADS_SWEEP_INTERVAL_SECONDS", "1",
        "EPUPNS_UPLOADS_RESERVATION_SECONDS", "60",
        "EPUPNS_UPLOADS_DAILY_BYTES_PER_ACCOUNT", Integer.toString(DAILY),
        "EPUPNS_RATE_LIMIT_DOCUMENTS_PER_IP", "1000"), false);
    sapk = new SapkFixture(service);
    form = new FormTesting(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static Path old(Path file) throws IOException {
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    return file;
  }

  private static List<String> tmpFiles() {
    try (Stream<Path> files = Files.list(uploads.resolve("tmp"))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  @Test
  void whatAnInterruptedUploadLeftIsRemovedAtStartUpButNotWhatIsInProgress() {
    assertEquals(List.of("in-progress"), tmpFiles());
    assertFalse(Files.exists(uploads.resolve("objects/ab/" + NO_ROW)));
  }

  @Test
  void unauthenticatedUploadsAreRefusedBeforeTheirBodyIsRead() throws Exception {
    WebClient client = WebClient.create(service.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(service.port()), new PoolOptions().setHttp1MaxSize(40));
    Buffer scan = Buffer.buffer(FormTesting.pdf(2 * 1024 * 1024 - 100));
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger mostTmpFiles = new AtomicInteger();
    Thread watcher = new Thread(() -> {
      while (running.get()) {
        mostTmpFiles.accumulateAndGet((int) tmpFiles().stream().filter(n -> !n.equals("in-progress")).count(), Math::max);
      }
    });
    watcher.start();
    List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      var request = client.post("/api/me/documents");
      if (i % 2 == 0) {
        request.bearerTokenAuthentication("bukan-token"); // a forged token; the others send none
      }
      answers.add(request.sendMultipartForm(MultipartForm.create().binaryFileUpload("file", "scan.pdf", scan, "application/pdf")));
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<HttpResponse<Buffer>> answer : answers) {
      statuses.add(await(answer).statusCode());
    }
    running.set(false);
    watcher.join();
    client.close();
    assertTrue(statuses.stream().allMatch(s -> s == 401), statuses.toString());
    assertEquals(0, mostTmpFiles.get(), "temporary files written for unauthenticated uploads");
  }

  @Test
  void thePeriodicSweepRemovesObjectsNoDocumentNamesAndKeepsTheOthers() throws Exception {
    String token = form.login(sapk.pns(SapkFixture.SATKER_BKN, true).nip());
    HttpResponse<Buffer> kept = form.upload(token, "sk.pdf", FormTesting.pdf(3000), "application/pdf", "SK_PNS");
    assertEquals(201, kept.statusCode(), kept.bodyAsString());
    String sha = kept.bodyAsJsonObject().getString("sha256");
    Path named = old(uploads.resolve("objects/" + sha.substring(0, 2) + "/" + sha));
    String orphanSha = "cd" + "1".repeat(62);
    Path orphan = uploads.resolve("objects/cd/" + orphanSha);
    Files.createDirectories(orphan.getParent());
    old(Files.writeString(orphan, "%PDF-1.4 orphan"));
    Path young = uploads.resolve("objects/cd/" + "cd" + "2".repeat(62));
    Files.writeString(young, "%PDF-1.4 stored a moment ago, its row about to be written");
    Poll.until("the sweep removes the object no row names", Duration.ofSeconds(20),
        () -> !Files.exists(orphan));
    assertTrue(Files.exists(named), "an object a document names stays");
    assertTrue(Files.exists(young), "a young object stays");
    assertEquals(200, service.get("/api/documents/" + kept.bodyAsJsonObject().getLong("id"), token).statusCode());
    assertTrue(service.metrics().lines().anyMatch(l -> l.startsWith("epupns_upload_orphans_removed_total{kind=\"object\"")
        && !l.endsWith(" 0.0")));
  }

  @Test
  void aReservationACrashedProcessNeverCommittedDoesNotCountAgainstTheDay() {
    SapkFixture.Person person = sapk.pns(SapkFixture.SATKER_BKN, false);
    String token = form.login(person.nip());
    // A process reserved 9000 bytes two minutes ago and died before the row (reservations last 60 s here).
    RedisStore redis = RedisStore.create(service.vertx(), service.running().config());
    Clock twoMinutesAgo = Clock.offset(Clock.system(ZoneId.of("Asia/Jakarta")), Duration.ofMinutes(-2));
    await(new UploadQuota(redis, DAILY, 60, twoMinutesAgo).reserve(person.nip(), 9000));
    redis.close();
    HttpResponse<Buffer> first = form.upload(token, "a.pdf", FormTesting.pdf(6000), "application/pdf", null);
    assertEquals(201, first.statusCode(), first.bodyAsString());
    // Committed uploads count: 6000 + 6001 is over the day's 10000.
    HttpResponse<Buffer> second = form.upload(token, "b.pdf", FormTesting.pdf(6001), "application/pdf", null);
    assertEquals(429, second.statusCode(), second.bodyAsString());
    assertEquals(6000, second.bodyAsJsonObject().getLong("usedBytes"));
    // A refused file (not PDF/JPEG/PNG) reserves nothing; 4000 more still fit.
    assertEquals(415, form.upload(token, "c.exe", new byte[3000], "application/pdf", null).statusCode());
    assertEquals(201, form.upload(token, "d.pdf", FormTesting.pdf(4000), "application/pdf", null).statusCode());
  }
}

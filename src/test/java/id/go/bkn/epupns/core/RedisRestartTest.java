package id.go.bkn.epupns.core;

import id.go.bkn.epupns.auth.PasswordHasher;
import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.registration.RegistrationNumbers;
import id.go.bkn.epupns.testing.Poll;
import id.go.bkn.epupns.testing.Recounts;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import id.go.bkn.epupns.verification.VerificationTesting;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static id.go.bkn.epupns.testing.TestService.await;
import static id.go.bkn.epupns.verification.VerificationTesting.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis going away and coming back: a redis-server this test starts on a free port, kills (SIGKILL) and starts
 * again, the waiting room on. While it is away, captcha, login (rate-limited) and the waiting room answer 503 with
 * Retry-After (fail closed, never a 500, never let through); a PNS already admitted and signed in keeps reading and
 * saving the form, and a verifier keeps deciding, and what they were told is stored (one whole submission, its item
 * decided once, the counters equal their recount). When it is back every one of them works again without a restart.
 */
class RedisRestartTest {

  static int redisPort;
  static Process redis;
  static TestService service;
  static VerificationTesting t;

  static Process startRedis() throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "redis-" + redisPort));
    Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--dir", dir.toAbsolutePath().toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
    Poll.until("redis-server accepts connections on " + redisPort, Duration.ofSeconds(10), () -> {
      try (Socket probe = new Socket("127.0.0.1", redisPort)) {
        return true;
      }
    });
    return process;
  }

  @BeforeAll
  static void start() throws Exception {
    redisPort = TestService.freePort();
    redis = startRedis();
    service = TestService.start(RedisRestartTest.class, Map.of(
        "EPUPNS_REDIS_URL", "redis://127.0.0.1:" + redisPort + "/0",
        "EPUPNS_ADMISSION_ENABLED", "true",
        "EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "100000"), false);
    t = new VerificationTesting(service);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    service.close();
    redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  private static void assertFailsClosed(HttpResponse<Buffer> response, String what) {
    assertEquals(503, response.statusCode(), what + ": " + response.bodyAsString());
    assertEquals("SERVICE_UNAVAILABLE", response.bodyAsJsonObject().getString("error"), what);
    assertTrue(response.getHeader("Retry-After") != null, what);
  }

  private static HttpResponse<Buffer> enter(WebClientSession browser, String flow) {
    return await(browser.post("/api/admission").sendJsonObject(new JsonObject().put("flow", flow)));
  }

  @Test
  void guardsFailClosedSignedInPeopleKeepWorkingAndRecoveryIsAutomatic() throws Exception {
    var pns = t.sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, false);
    String verifier = t.officerToken(t.sapk.officer(Role.VERIFIER_SKPD,
        SapkFixture.SATKER_DISDIK_BANDUNG));
    // The PNS enters the form flow's waiting room (admitted at once), logs in and submits one correction.
    WebClientSession browser = WebClientSession.create(service.http());
    assertEquals(200, enter(browser, "form").statusCode());
    // Someone else is admitted to the registration flow (captcha, cari, registration).
    WebClientSession registering = WebClientSession.create(service.http());
    assertEquals(200, enter(registering, "registration").statusCode());
    assertEquals(200, await(registering.get("/api/pns/" + pns.nip()).send()).statusCode());
    String number = RegistrationNumbers.generate();
    service.sql("""
        insert into registration (nip, registration_number, nik, email, password_hash, mother_name_hash,
          security_question, security_answer_enc, status)
        values ($1, $3, '3273051207860017', 'pns@example.org', $2, 'x', 'q', '\\x00'::bytea, 'APPROVED')""",
        pns.nip(), new PasswordHasher(service.running().config(), null).hashNow(SapkFixture.OFFICER_PASSWORD), number);
    HttpResponse<Buffer> login = await(browser.post("/api/auth/login").sendJsonObject(new JsonObject()
        .put("username", number).put("password", SapkFixture.OFFICER_PASSWORD)));
    assertEquals(200, login.statusCode(), login.bodyAsString());
    String token = login.bodyAsJsonObject().getString("token");
    HttpResponse<Buffer> form = await(browser.get("/api/me/form").bearerTokenAuthentication(token).send());
    assertEquals(200, form.statusCode(), form.bodyAsString());

    // Redis is killed.
    redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    assertFailsClosed(await(registering.post("/api/captcha").sendJsonObject(new JsonObject())), "captcha");
    assertFailsClosed(await(registering.get("/api/pns/" + pns.nip()).send()), "cari (rate-limited)");
    assertFailsClosed(await(browser.post("/api/auth/login").sendJsonObject(new JsonObject().put("username", number)
        .put("password", "salah"))), "login (rate-limited)");
    assertFailsClosed(service.post("/api/recovery/password-reset", new JsonObject().put("nip", pns.nip())
        .put("email", "pns@example.org").put("captchaId", "x").put("captchaAnswer", "y")), "password reset");
    assertFailsClosed(enter(WebClientSession.create(service.http()), "registration"), "waiting room");
    assertEquals(403, service.get("/api/pns/" + pns.nip()).statusCode(), "the gated lookup stays closed");

    // Whoever is signed in goes on: the PNS saves and submits, the verifier decides.
    List<String> failures = new ArrayList<>();
    HttpResponse<Buffer> read = await(browser.get("/api/me/form").bearerTokenAuthentication(token).send());
    if (read.statusCode() != 200) {
      failures.add("PNS reads the form: " + read.statusCode() + " " + read.bodyAsString());
    }
    t.fill(browser, token, new JsonObject().put("utama", new JsonObject().put("alamat", wrong("Jl. Tanpa Redis No. 1"))));
    HttpResponse<Buffer> submitted = await(browser.post("/api/me/form/submit").bearerTokenAuthentication(token)
        .sendJsonObject(new JsonObject()));
    if (submitted.statusCode() != 200) {
      failures.add("PNS submits: " + submitted.statusCode() + " " + submitted.bodyAsString());
    }
    HttpResponse<Buffer> inbox = service.get("/api/inbox", verifier);
    if (inbox.statusCode() != 200) {
      failures.add("verifier inbox: " + inbox.statusCode() + " " + inbox.bodyAsString());
    }
    if (submitted.statusCode() == 200) {
      long id = submitted.bodyAsJsonObject().getLong("submissionId");
      HttpResponse<Buffer> decided = service.post("/api/submissions/" + id + "/accept-all", new JsonObject(), verifier);
      if (decided.statusCode() != 200) {
        failures.add("verifier decides: " + decided.statusCode() + " " + decided.bodyAsString());
      }
    }
    assertEquals(List.of(), failures);
    // What they were told is what is stored: one whole submission (its one item, its queue, the form SUBMITTED),
    // its item decided once at SKPD (MS, the final authority: applied, one SAPK change), the counters exact.
    var stored = service.sql("""
        select f.state, (select count(*) from submission s where s.nip = f.nip) as submissions,
               (select count(*) from submission_field x join submission s on s.id = x.submission_id
                 where s.nip = f.nip) as items,
               (select string_agg(x.status, ',') from submission_field x join submission s on s.id = x.submission_id
                 where s.nip = f.nip) as statuses,
               (select count(*) from submission_decision d join submission_field x on x.id = d.submission_field_id
                  join submission s on s.id = x.submission_id where s.nip = f.nip) as decisions,
               (select count(*) from sapk_change c join submission_field x on x.id = c.item_id
                  join submission s on s.id = x.submission_id where s.nip = f.nip) as changes,
               (select count(*) from submission_tier q join submission s on s.id = q.submission_id
                 where s.nip = f.nip) as queues
          from form f where f.nip = $1""", pns.nip()).iterator().next().toJson();
    assertEquals(new JsonObject().put("state", "SUBMITTED").put("submissions", 1).put("items", 1)
        .put("statuses", "APPLIED").put("decisions", 1).put("changes", 1).put("queues", 1), stored);
    assertEquals(List.of(), Recounts.all(service), "counters equal their recount");

    // Redis is back on the same port: everything recovers by itself.
    redis = startRedis();
    WebClientSession next = WebClientSession.create(service.http());
    Poll.until("the waiting room again without a restart", Duration.ofSeconds(30),
        () -> enter(next, "registration").statusCode() == 200);
    assertEquals(200, await(next.post("/api/captcha").sendJsonObject(new JsonObject())).statusCode(), "captcha again");
    assertEquals(200, await(next.get("/api/pns/" + pns.nip()).send()).statusCode(), "cari again");
    HttpResponse<Buffer> again = await(browser.post("/api/auth/login").sendJsonObject(new JsonObject()
        .put("username", number).put("password", SapkFixture.OFFICER_PASSWORD)));
    assertEquals(200, again.statusCode(), "login again: " + again.bodyAsString());
  }
}

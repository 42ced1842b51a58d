package id.go.bkn.epupns.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import id.go.bkn.epupns.core.database.DatabaseOutage;
import id.go.bkn.epupns.core.http.ErrorHandler;
import id.go.bkn.epupns.testing.Poll;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TcpProxy;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static id.go.bkn.epupns.testing.TestService.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL behind a TCP proxy the test cuts and freezes. Cut: saves, GET /api/auth/me, logins and registrations
 * (none of them stored; the same registration goes through once afterwards) answer
 * 503 SERVICE_UNAVAILABLE with Retry-After (never 500), one warning is logged for the outage (no stack trace per
 * request), and the service recovers by itself when the proxy is back. Frozen: 20 parallel requests are all
 * answered 503 within the configured bounds (read timeout, pool wait), not held until the network returns.
 */
class DatabaseOutageTest {

  static final int READ_TIMEOUT_MS = 2000;
  static final int POOL_WAIT_MS = 1000;

  static TcpProxy proxy;
  static TestService service;
  static ListAppender<ILoggingEvent> logs;
  static String officer;
  static String token;
  static SapkFixture.Person registering;

  @BeforeAll
  static void start() {
    proxy = new TcpProxy("127.0.0.1", 5432);
    service = TestService.start(DatabaseOutageTest.class, Map.of(
        "EPUPNS_DB_CONNECT_TIMEOUT_MS", "1000",
        "EPUPNS_DB_POOL_WAIT_TIMEOUT_MS", Integer.toString(POOL_WAIT_MS),
        "EPUPNS_DB_READ_TIMEOUT_MS", Integer.toString(READ_TIMEOUT_MS),
        "EPUPNS_DB_STATEMENT_TIMEOUT_MS", "1500",
        "EPUPNS_DB_RETRY_AFTER_SECONDS", "2",
        // A registration while cut: its captcha (Redis) is solved, the write refused.
        "EPUPNS_CAPTCHA_EXPOSE_ANSWER", "true"), false, proxy.port());
    SapkFixture sapk = new SapkFixture(service);
    officer = sapk.officer("ADMIN_INSTANSI", SapkFixture.SATKER_BKN).nip();
    registering = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, false);
    token = login().bodyAsJsonObject().getString("token");
    logs = new ListAppender<>();
    logs.start();
    for (Class<?> source : List.of(DatabaseOutage.class, ErrorHandler.class)) {
      ((Logger) LoggerFactory.getLogger(source)).addAppender(logs);
    }
  }

  @AfterAll
  static void stop() {
    for (Class<?> source : List.of(DatabaseOutage.class, ErrorHandler.class)) {
      ((Logger) LoggerFactory.getLogger(source)).detachAppender(logs);
    }
    proxy.open();
    service.close();
    proxy.close();
  }

  private static HttpResponse<Buffer> login() {
    return service.post("/api/auth/login", new JsonObject().put("username", officer)
        .put("password", SapkFixture.OFFICER_PASSWORD));
  }

  /** A solved captcha (Redis only), then POST /api/registrations for {@link #registering}. */
  private static HttpResponse<Buffer> register() {
    JsonObject captcha = service.post("/api/captcha", new JsonObject()).bodyAsJsonObject();
    return service.post("/api/registrations", new JsonObject().put("nip", registering.nip())
        .put("nik", registering.nik()).put("email", "putus@example.go.id").put("password", "kopi tubruk di pagi hari")
        .put("passwordConfirmation", "kopi tubruk di pagi hari").put("motherName", "Siti Nurhayati")
        .put("securityQuestion", "Apa nama sekolah dasar pertama Anda?").put("securityAnswer", "SD Negeri 3")
        .put("captchaId", captcha.getString("id")).put("captchaAnswer", captcha.getString("answer")));
  }

  private static long registrations() {
    return service.sql("select count(*) from registration where nip = $1", registering.nip()).iterator().next()
        .getLong(0);
  }

  private static List<String> lines(Level level) {
    synchronized (logs.list) {
      return logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(level)).map(ILoggingEvent::getFormattedMessage)
          .toList();
    }
  }

  private static void assertUnavailable(HttpResponse<Buffer> response) {
    assertEquals(503, response.statusCode(), response.bodyAsString());
    assertEquals("SERVICE_UNAVAILABLE", response.bodyAsJsonObject().getString("error"));
    assertEquals("2", response.getHeader("Retry-After"));
    // A refusal is an answer like any other: the security headers too (CSP, HSTS, nosniff, frame-ancestors, no CORS).
    assertEquals(List.of(), SecurityHeadersTest.missingHeaders(response.headers()), "503 headers");
  }

  private static void awaitRecovery() {
    Poll.until("recovered without a restart", Duration.ofSeconds(30),
        () -> service.get("/api/auth/me", token).statusCode() == 200);
    Poll.until("the end of the outage is logged", Duration.ofSeconds(30),
        () -> lines(Level.INFO).stream().anyMatch(l -> l.startsWith("PostgreSQL available again")));
  }

  @Test
  void anOutageIs503WithOneLogLineAndRecoversAndAFrozenDatabaseDoesNotHoldRequests() throws Exception {
    assertEquals(200, service.get("/api/auth/me", token).statusCode());

    proxy.cut();
    for (int i = 0; i < 5; i++) {
      assertUnavailable(service.get("/api/auth/me", token));
      assertUnavailable(login());
      assertUnavailable(service.get("/api/admin/registrations", token));
      assertUnavailable(service.put("/api/admin/instansi/1/approval", new JsonObject().put("required", false), token));
      assertUnavailable(register());
    }
    HttpResponse<Buffer> health = service.get("/health");
    assertEquals(503, health.statusCode());
    assertEquals(List.of(), SecurityHeadersTest.missingHeaders(health.headers()), "/health 503 headers");
    assertEquals(List.of(), lines(Level.ERROR), "no 500, no stack trace");
    List<String> warnings = lines(Level.WARN);
    assertEquals(1, warnings.size(), "one line for the outage, not one per request: " + warnings);
    assertTrue(warnings.get(0).startsWith("PostgreSQL unavailable"), warnings.get(0));
    assertTrue(service.metrics().lines().anyMatch(l -> l.startsWith("epupns_database_unavailable_total")
        && Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) >= 20));

    proxy.open();
    awaitRecovery();
    assertEquals(200, login().statusCode());
    // The refused registrations left nothing; the same one goes through now, once.
    assertEquals(0, registrations(), "a registration answered 503 is not stored");
    HttpResponse<Buffer> registered = register();
    assertEquals(201, registered.statusCode(), registered.bodyAsString());
    assertEquals(1, registrations());

    proxy.freeze();
    WebClient parallel = WebClient.create(service.vertx(), new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(service.port()), new PoolOptions().setHttp1MaxSize(20));
    List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
    List<Long> started = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      started.add(System.nanoTime());
      answers.add(parallel.get("/api/auth/me").bearerTokenAuthentication(token).send());
    }
    // Bounded by the read timeout and the pool wait; before, these waited for the network to come back.
    long bound = 4L * (READ_TIMEOUT_MS + POOL_WAIT_MS);
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      HttpResponse<Buffer> response = answers.get(i).toCompletionStage().toCompletableFuture()
          .get(bound + 2000, TimeUnit.MILLISECONDS);
      millis.add((System.nanoTime() - started.get(i)) / 1_000_000);
      assertUnavailable(response);
    }
    assertTrue(millis.stream().allMatch(ms -> ms < bound), "answered within " + bound + " ms: " + millis);
    assertEquals(List.of(), lines(Level.ERROR), "no 500, no stack trace");
    assertEquals(2, lines(Level.WARN).size(), "one more line for the second outage: " + lines(Level.WARN));

    proxy.open();
    awaitRecovery();
    parallel.close();
  }
}

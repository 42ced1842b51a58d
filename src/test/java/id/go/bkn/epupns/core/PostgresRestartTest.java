package id.go.bkn.epupns.core;

import id.go.bkn.epupns.testing.FormSaveLoad;
import id.go.bkn.epupns.testing.PostgresServer;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PostgreSQL server itself goes away under load and comes back: a server of this test's own
 * ({@link PostgresServer}: initdb in a temporary directory, a free port, pg_ctl) is stopped with
 * {@code pg_ctl stop -m immediate} (every backend gone at once, crash recovery at the next start) and then with
 * {@code -m fast} (sessions ended, open transactions rolled back) while eight PNS save their form without pause
 * ({@link FormSaveLoad}). While it is away every answer is a 503 SERVICE_UNAVAILABLE with Retry-After within the
 * bound (read timeout + pool wait, twice, + slack), never a 500 or a hang; once it is started again the same pool
 * serves without a restart of the service; and every save answered 200 is in the database afterwards (a
 * section's version counts its stored saves: at least those answered 200), as is every registration answered 201
 * (registering clients run throughout) and every submit answered 200 (four released just before each stop), once
 * and whole, the counters equal to their recount. Unlike {@link DatabaseUnderLoadTest}'s
 * proxy, the connections here are ended by PostgreSQL itself (FATAL 57P01 and friends, "the database system is
 * starting up / in recovery" while it comes back).
 */
class PostgresRestartTest {

  static final int CLIENTS = 8;
  static final Duration PHASE = Duration.ofSeconds(60);

  static PostgresServer postgres;
  static TestService service;
  static FormSaveLoad load;

  @BeforeAll
  static void start() {
    postgres = PostgresServer.start();
    service = TestService.start(PostgresRestartTest.class, FormSaveLoad.SETTINGS, false, postgres);
    load = new FormSaveLoad(service, CLIENTS, 2);
  }

  /** Runs after a failed start too: whatever was started is stopped, the server's directory removed. */
  @AfterAll
  static void stop() {
    try {
      if (load != null) {
        load.close();
      }
      if (service != null) {
        service.close();
      }
    } finally {
      if (postgres != null) {
        postgres.close();
      }
    }
  }

  /** A request of its own while the server is away: 503 with Retry-After, within the bound. */
  private static String awayAnswer(String token) {
    long started = System.nanoTime();
    HttpResponse<Buffer> me = service.get("/api/auth/me", token);
    long ms = (System.nanoTime() - started) / 1_000_000;
    if (me.statusCode() != 503 || !"SERVICE_UNAVAILABLE".equals(me.bodyAsJsonObject().getString("error"))
        || !"2".equals(me.getHeader("Retry-After")) || ms > FormSaveLoad.BOUND_MS) {
      return me.statusCode() + " after " + ms + " ms: " + me.bodyAsString();
    }
    return null;
  }

  @Test
  void everySaveAnswered200IsStoredWhenTheServerIsStoppedAndStartedAgain() throws Exception {
    List<String> problems = new ArrayList<>();
    load.start();
    load.awaitMore("saves flow before the stop", 200, CLIENTS, PHASE);
    load.awaitRegistered("registrations flow before the stop", 2, PHASE);
    for (String mode : List.of("immediate", "fast")) {
      load.releaseSubmits();
      postgres.stop(mode);
      load.awaitMore("refused while stopped (" + mode + ")", 503, 2 * CLIENTS, PHASE);
      String away = awayAnswer(load.token(0));
      if (away != null) {
        problems.add("GET /api/auth/me after pg_ctl stop -m " + mode + ": " + away);
      }
      int health = service.get("/health").statusCode();
      if (health != 503) {
        problems.add("GET /health after pg_ctl stop -m " + mode + ": " + health);
      }
      postgres.startAgain();
      load.awaitServing(PHASE);
      load.awaitMore("saves flow again after the stop (" + mode + ")", 200, 2 * CLIENTS, PHASE);
      load.awaitRegistered("registrations flow again after the stop (" + mode + ")", 2, PHASE);
    }
    FormSaveLoad.Summary summary = load.finish();
    System.out.println("PostgresRestartTest: " + summary + " (bound " + FormSaveLoad.BOUND_MS + " ms)");
    assertEquals(List.of(), problems);
    assertTrue(summary.count(503) >= 4 * CLIENTS, "both stops were seen: " + summary);
    assertTrue(summary.acknowledged() >= 5 * CLIENTS, "saves went through before and after each stop: " + summary);
    assertTrue(load.registrationAnswers(503) > 0, "registrations met the stops: " + summary);
    assertTrue(load.submitAnswers(200) > 0 && load.submitAnswers(503) > 0, "submits met the stops: " + summary);
    assertEquals(200, service.get("/health").statusCode(), "healthy again without a restart");
  }
}

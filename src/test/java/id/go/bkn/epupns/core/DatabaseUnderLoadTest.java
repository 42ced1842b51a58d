package id.go.bkn.epupns.core;

import id.go.bkn.epupns.testing.FormSaveLoad;
import id.go.bkn.epupns.testing.TcpProxy;
import id.go.bkn.epupns.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL going away under load, through the {@link TcpProxy}: eight PNS save their form without pause
 * ({@link FormSaveLoad}) while the proxy is cut, frozen and slowed in turn. Every answer is 200, 503
 * SERVICE_UNAVAILABLE (or 409 when an earlier save's outcome was unknown to its client), each within the bound of
 * read timeout + pool wait; every save answered 200 is in the database afterwards (the section's version counts the
 * stored saves; the last acknowledged text); and the same pool serves again after each phase, without a restart.
 * Each phase lasts until the clients have seen it (so many answers of its kind), not a fixed time. The counts are
 * printed for the README. Beside the saves, registrations run without pause and four submits are released just
 * before each fault; every one answered 201/200 is stored once, whole, none half-written, and the counters equal
 * their recount ({@link FormSaveLoad#finish}). A PostgreSQL server that is itself stopped and started: {@link PostgresRestartTest}.
 */
class DatabaseUnderLoadTest {

  static final int CLIENTS = 8;
  static final Duration PHASE = Duration.ofSeconds(60);

  static TcpProxy proxy;
  static TestService service;
  static FormSaveLoad load;

  @BeforeAll
  static void start() {
    proxy = new TcpProxy("127.0.0.1", 5432);
    service = TestService.start(DatabaseUnderLoadTest.class, FormSaveLoad.SETTINGS, false, proxy.port());
    load = new FormSaveLoad(service, CLIENTS, 3);
  }

  @AfterAll
  static void stop() {
    proxy.open();
    load.close();
    service.close();
    proxy.close();
  }

  @Test
  void everySaveAnswered200IsStoredThroughCutFreezeAndSlowness() throws Exception {
    FormSaveLoad.Summary summary;
    try {
      load.start();
      load.awaitMore("saves flow before the faults", 200, CLIENTS, PHASE);
      load.awaitRegistered("registrations flow before the faults", 2, PHASE);
      load.releaseSubmits();
      proxy.cut();
      load.awaitMore("refused while cut", 503, 2 * CLIENTS, PHASE);
      proxy.open();
      load.awaitServing(PHASE);
      load.awaitMore("saves flow again after the cut", 200, CLIENTS, PHASE);
      load.releaseSubmits();
      proxy.freeze();
      load.awaitMore("refused while frozen", 503, 2 * CLIENTS, PHASE);
      proxy.open();
      load.awaitServing(PHASE);
      load.awaitMore("saves flow again after the freeze", 200, CLIENTS, PHASE);
      load.releaseSubmits();
      proxy.slow(150);
      // Slow is not away: the phase lasts until as many answers as there are clients, twice, whatever they are.
      load.awaitAnswers("slow answers", 2 * CLIENTS, PHASE);
      proxy.open();
      load.awaitServing(PHASE);
      load.awaitMore("saves flow after the slowness", 200, CLIENTS, PHASE);
      load.awaitRegistered("registrations flow after the faults", 2, PHASE);
      summary = load.finish();
    } finally {
      proxy.open();
    }
    System.out.println("DatabaseUnderLoadTest: " + summary + " (bound " + FormSaveLoad.BOUND_MS + " ms)");
    assertTrue(summary.count(503) > 0, "the outages were seen: " + summary);
    assertTrue(summary.acknowledged() > 3 * CLIENTS, "saves went through before, between and after: " + summary);
    assertTrue(load.registrationAnswers(503) > 0, "registrations met the outages: " + summary);
    assertTrue(load.submitAnswers(200) > 0 && load.submitAnswers(503) > 0, "submits met the outages: " + summary);
  }
}

package id.go.bkn.epupns.core;

import id.go.bkn.epupns.Application;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start-up fails with one clear line for each misconfiguration, and creates a missing database. */
class StartupTest {

  private static String failure(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    env.put("EPUPNS_HTTP_PORT", Integer.toString(TestService.freePort()));
    env.put("EPUPNS_MANAGEMENT_PORT", Integer.toString(TestService.freePort()));
    env.put("EPUPNS_LOG_ACCESS_LOG", "false");
    env.putAll(overrides);
    Future<Application.Running> started = Application.start(env, false);
    try {
      Application.Running running = started.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
      TestService.await(running.stop());
      return null;
    } catch (Exception e) {
      return Application.rootMessage(e.getCause() != null ? e.getCause() : e);
    }
  }

  @Test
  void unreachableDatabaseFailsWithOneClearLine() {
    String message = failure(Map.of("EPUPNS_DB_URL", "postgresql://postgres@127.0.0.1:1/epupns"));
    assertTrue(message.startsWith("PostgreSQL at postgres@127.0.0.1:1/epupns is not usable"), message);
    assertTrue(!message.contains("\n"), "one line: " + message);
  }

  @Test
  void portInUseFailsClearly() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      String db = "t_startup_port";
      String message = failure(Map.of("EPUPNS_HTTP_PORT", Integer.toString(taken.getLocalPort()),
          "EPUPNS_DB_URL", TestService.PG + db));
      assertTrue(message.contains("cannot listen on port " + taken.getLocalPort()), message);
      dropDatabase(db);
    }
  }

  @Test
  void missingJwtKeyIsFatal() {
    String message = failure(Map.of("EPUPNS_JWT_PRIVATE_KEY_FILE", "/nonexistent/key.pem"));
    assertTrue(message.contains("jwt.privateKeyFile (EPUPNS_JWT_PRIVATE_KEY_FILE)"), message);
  }

  @Test
  void exposedCaptchaAnswersAndDevKeysAreRefusedInProduction() {
    String message = failure(Map.of("EPUPNS_PROFILE", "production", "EPUPNS_CAPTCHA_EXPOSE_ANSWER", "true",
        "EPUPNS_JWT_PRIVATE_KEY_FILE", "config/dev-keys/jwt-private.pem"));
    assertTrue(message.contains("refused in the production profile"), message);
  }

  @Test
  void badEnvironmentValueNamesTheVariable() {
    String message = failure(Map.of("EPUPNS_HTTP_INSTANCES", "dua"));
    assertTrue(message.contains("EPUPNS_HTTP_INSTANCES must be a"), message);
  }

  @Test
  void missingDatabaseIsCreatedAndMigrated() {
    String db = "t_startup_create";
    dropDatabase(db);
    assertEquals(null, failure(Map.of("EPUPNS_DB_URL", TestService.PG + db)));
    dropDatabase(db);
  }

  /**
   * What the console says: on a first start with --demo, the schema migrated, what demo data was
   * loaded and the URL to open; on a restart "schema up to date at version N" (never "version null");
   * and no "Gauge already registered" from Micrometer however many connections the pools open.
   */
  @Test
  void theConsoleSaysWhatWasLoadedWhereToGoAndThatTheSchemaIsUpToDate() throws Exception {
    String db = "t_startup_logs";
    dropDatabase(db);
    ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
        org.slf4j.Logger.ROOT_LOGGER_NAME);
    // Micrometer warns once per JVM, then logs the same at debug level: listen at debug level.
    ch.qos.logback.classic.Logger micrometer = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
        "io.micrometer.core.instrument.MeterRegistry");
    ch.qos.logback.classic.Level micrometerLevel = micrometer.getLevel();
    micrometer.setLevel(ch.qos.logback.classic.Level.DEBUG);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
        new ch.qos.logback.core.read.ListAppender<>();
    logs.start();
    root.addAppender(logs);
    try {
      Map<String, String> env = new HashMap<>();
      int port = TestService.freePort();
      env.put("EPUPNS_HTTP_PORT", Integer.toString(port));
      env.put("EPUPNS_MANAGEMENT_PORT", Integer.toString(TestService.freePort()));
      env.put("EPUPNS_DB_URL", TestService.PG + db);
      env.put("EPUPNS_REDIS_KEY_PREFIX", db + ":");
      env.put("EPUPNS_LOG_ACCESS_LOG", "false");
      env.put("EPUPNS_PASSWORD_HASH_MEMORY_KIB", "1024");
      env.put("EPUPNS_PASSWORD_HASH_ITERATIONS", "1");
      Application.Running first = Application.start(env, true).toCompletionStage().toCompletableFuture()
          .get(180, TimeUnit.SECONDS);
      // Open several PostgreSQL and Redis connections at once, as a busy service does.
      java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
      List<java.util.concurrent.CompletableFuture<?>> calls = new java.util.ArrayList<>();
      for (int i = 0; i < 24; i++) {
        calls.add(client.sendAsync(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + port + (i % 2 == 0 ? "/health" : "/api/pns/198005142005031001")))
            .build(), java.net.http.HttpResponse.BodyHandlers.discarding()));
      }
      java.util.concurrent.CompletableFuture.allOf(calls.toArray(new java.util.concurrent.CompletableFuture[0]))
          .get(60, TimeUnit.SECONDS);
      TestService.await(first.stop());
      List<String> firstStart = messages(logs);
      synchronized (logs) {
        logs.list.clear();
      }

      Application.Running second = Application.start(env, false).toCompletionStage().toCompletableFuture()
          .get(120, TimeUnit.SECONDS);
      TestService.await(second.stop());
      List<String> restart = messages(logs);

      String migrated = firstStart.stream().filter(m -> m.startsWith("schema migrated from an empty database to version "))
          .findFirst().orElseThrow(() -> new AssertionError("no migration line: " + firstStart));
      String version = migrated.replaceAll("^.*to version (\\d+) .*$", "$1");
      assertTrue(firstStart.stream().anyMatch(m -> m.startsWith("demo data loaded: 3021 PNS in 5 agencies")
          && m.contains("16 officer accounts") && m.matches(".* \\d+ schools and \\d+ health units.*")), firstStart.toString());
      String url = "http://localhost:" + port;
      assertTrue(firstStart.stream().anyMatch(m -> m.endsWith("open " + url + "/")), firstStart.toString());
      assertTrue(firstStart.stream().anyMatch(m -> m.startsWith("demo: register at " + url + "/daftar.html as Asep Sunarya")),
          firstStart.toString());
      assertTrue(restart.contains("schema up to date at version " + version), restart.toString());
      for (String m : concat(firstStart, restart)) {
        assertFalse(m.contains("version null"), m);
        assertFalse(m.contains("already registered"), m);
      }
    } finally {
      root.detachAppender(logs);
      micrometer.setLevel(micrometerLevel);
      dropDatabase(db);
    }
  }

  private static List<String> messages(ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs) {
    synchronized (logs) { // AppenderBase.doAppend holds the appender's lock
      return logs.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static void dropDatabase(String name) {
    try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", null)) {
      c.createStatement().execute("drop database if exists " + name + " with (force)");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

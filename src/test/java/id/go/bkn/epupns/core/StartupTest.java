package id.go.bkn.epupns.core;

import id.go.bkn.epupns.Application;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

  private static void dropDatabase(String name) {
    try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", null)) {
      c.createStatement().execute("drop database if exists " + name + " with (force)");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

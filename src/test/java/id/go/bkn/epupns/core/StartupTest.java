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

  /**
   * The production profile with every secret its own (a fresh JWT key pair, random data and proof keys, captcha
   * answers hidden), the database unreachable so that a start that passes the checks stops right after them.
   */
  private static Map<String, String> productionWithOwnSecrets() throws Exception {
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
    generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    java.security.KeyPair pair = generator.generateKeyPair();
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("epupns-startup-keys");
    java.nio.file.Path privateKey = dir.resolve("jwt-private.pem");
    java.nio.file.Path publicKey = dir.resolve("jwt-public.pem");
    java.nio.file.Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    java.nio.file.Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    privateKey.toFile().deleteOnExit();
    publicKey.toFile().deleteOnExit();
    dir.toFile().deleteOnExit();
    Map<String, String> env = new HashMap<>();
    env.put("EPUPNS_PROFILE", "production");
    env.put("EPUPNS_JWT_PRIVATE_KEY_FILE", privateKey.toString());
    env.put("EPUPNS_JWT_PUBLIC_KEY_FILE", publicKey.toString());
    env.put("EPUPNS_SECRETS_DATA_KEY", randomKey());
    env.put("EPUPNS_SECRETS_PROOF_SIGNING_KEY", randomKey());
    env.put("EPUPNS_CAPTCHA_EXPOSE_ANSWER", "false");
    env.put("EPUPNS_DB_URL", "postgresql://postgres@127.0.0.1:1/epupns");
    return env;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return java.util.Base64.getEncoder().encodeToString(key);
  }

  /** The production profile's refusal of one unsafe setting, the others safe. */
  private static String refusal(String variable, String value) throws Exception {
    Map<String, String> env = productionWithOwnSecrets();
    env.put(variable, value);
    return failure(env);
  }

  @Test
  void productionWithItsOwnSecretsPassesTheChecks() throws Exception {
    String message = failure(productionWithOwnSecrets());
    assertTrue(message != null && message.startsWith("PostgreSQL at postgres@127.0.0.1:1/epupns is not usable"),
        "past the checks, stopped at the database: " + message);
  }

  @Test
  void theDevelopmentJwtKeyIsRefusedInProduction() throws Exception {
    assertEquals("the JWT signing key is the development key shipped in config/dev-keys: refused in the production profile",
        refusal("EPUPNS_JWT_PRIVATE_KEY_FILE", "config/dev-keys/jwt-private.pem"));
  }

  @Test
  void aCopyOfTheDevelopmentJwtKeyIsRefusedInProduction() throws Exception {
    java.nio.file.Path copy = java.nio.file.Files.createTempFile("signing-key", ".pem");
    try {
      java.nio.file.Files.copy(java.nio.file.Path.of("config/dev-keys/jwt-private.pem"), copy,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      assertEquals("the JWT signing key is the development key shipped in config/dev-keys: refused in the production profile",
          refusal("EPUPNS_JWT_PRIVATE_KEY_FILE", copy.toString()));
    } finally {
      java.nio.file.Files.deleteIfExists(copy);
    }
  }

  @Test
  void theDevelopmentDataKeyIsRefusedInProduction() throws Exception {
    assertEquals("secrets.dataKey is the development key: refused in the production profile",
        refusal("EPUPNS_SECRETS_DATA_KEY", "ZGV2LW9ubHktZGF0YS1rZXktMzItYnl0ZXMtbG9uZyE="));
  }

  @Test
  void theDevelopmentProofSigningKeyIsRefusedInProduction() throws Exception {
    assertEquals("secrets.proofSigningKey is the development key: refused in the production profile",
        refusal("EPUPNS_SECRETS_PROOF_SIGNING_KEY", "ZGV2LW9ubHktcHJvb2Ytc2lnbmluZy1rZXktMzJieXQ="));
  }

  @Test
  void exposedCaptchaAnswersAreRefusedInProduction() throws Exception {
    assertEquals("captcha.exposeAnswer (EPUPNS_CAPTCHA_EXPOSE_ANSWER) is refused in the production profile",
        refusal("EPUPNS_CAPTCHA_EXPOSE_ANSWER", "true"));
  }

  @Test
  void theDevelopmentDefaultsAreAllowedOutsideProduction() throws Exception {
    // The same settings without the production profile: warned about, not refused (the start stops at the database).
    Map<String, String> env = new HashMap<>();
    env.put("EPUPNS_CAPTCHA_EXPOSE_ANSWER", "true");
    env.put("EPUPNS_DB_URL", "postgresql://postgres@127.0.0.1:1/epupns");
    String message = failure(env);
    assertTrue(message != null && message.startsWith("PostgreSQL at postgres@127.0.0.1:1/epupns is not usable"), message);
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

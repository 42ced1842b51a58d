package id.go.bkn.epupns.core;

import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EPUPNS_LOG_FORMAT=json: the service, started as its own process the way operations start it, writes
 * one JSON object per line, and the access line of a request carries its request id.
 */
class JsonLogTest {

  @Test
  void jsonLogsAreOneObjectPerLineWithTheRequestId() throws Exception {
    String database = "t_jsonlogtest_" + Long.toHexString(System.nanoTime());
    int port = TestService.freePort();
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "id.go.bkn.epupns.Application")
        .redirectErrorStream(true);
    builder.environment().putAll(java.util.Map.of(
        "EPUPNS_LOG_FORMAT", "json",
        "EPUPNS_HTTP_PORT", Integer.toString(port),
        "EPUPNS_MANAGEMENT_PORT", "0",
        "EPUPNS_HTTP_INSTANCES", "1",
        "EPUPNS_DB_URL", TestService.PG + database,
        "EPUPNS_REDIS_KEY_PREFIX", database + ":",
        "EPUPNS_LOG_ACCESS_LOG", "true"));
    Process process = builder.start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          lines.add(line);
        }
      } catch (Exception e) {
        // the process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    List<String> seen = new ArrayList<>();
    try {
      assertNotNull(next(lines, seen, l -> l.contains("listening on port")), "started: " + seen);
      String requestId = "uji-json-log-" + port;
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/api/schedule")).header("X-Request-Id", requestId).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
      String access = next(lines, seen, l -> l.contains(requestId));
      assertNotNull(access, "an access line with the request id: " + seen);

      for (String line : seen) {
        assertTrue(line.startsWith("{") && line.endsWith("}"), "one JSON object per line: " + line);
        new JsonObject(line); // parses
      }
      JsonObject entry = new JsonObject(access);
      assertEquals("access", entry.getString("loggerName"));
      JsonArray kvp = entry.getJsonArray("kvpList");
      assertTrue(kvp.stream().anyMatch(kv -> kv instanceof JsonObject o && requestId.equals(o.getString("requestId"))),
          access);
    } finally {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", null)) {
        c.createStatement().execute("drop database if exists " + database + " with (force)");
      }
    }
  }

  /** The next line that matches, within a generous deadline; every line read is kept in seen. */
  private static String next(BlockingQueue<String> lines, List<String> seen, Predicate<String> wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line != null) {
        seen.add(line);
        if (wanted.test(line)) {
          return line;
        }
      }
    }
    return null;
  }
}

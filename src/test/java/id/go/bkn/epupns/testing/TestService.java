package id.go.bkn.epupns.testing;

import id.go.bkn.epupns.Application;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A whole e-PUPNS service for one test class, on the machine's real PostgreSQL and Redis:
 * its own database (created, migrated, dropped afterwards), its own Redis key prefix, its own port.
 * Tests talk to it over HTTP like any client.
 */
public final class TestService implements AutoCloseable {

  public static final String PG = "postgresql://postgres@127.0.0.1:5432/";

  private final Application.Running running;
  private final TestDatabase database;
  private final String redisPrefix;
  private final int port;
  private final int managementPort;
  private final WebClient http;
  private final Pool sql;

  private TestService(Application.Running running, TestDatabase database, String redisPrefix, int port, int managementPort) {
    this.running = running;
    this.database = database;
    this.redisPrefix = redisPrefix;
    this.port = port;
    this.managementPort = managementPort;
    this.http = WebClient.create(running.vertx(), new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(port).setFollowRedirects(false)
        // Shorter than the service's http.keepAliveTimeoutSeconds: the client, not the server, ends idle connections.
        .setKeepAliveTimeout(20));
    this.sql = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(database.url())).using(running.vertx()).build();
  }

  /** Starts a service with demo data; extra settings as environment variables (EPUPNS_...). */
  public static TestService start(Class<?> testClass, Map<String, String> settings) {
    return start(testClass, settings, true);
  }

  public static TestService start(Class<?> testClass, Map<String, String> settings, boolean demo) {
    return start(testClass, settings, demo, 5432);
  }

  /**
   * As above, the service reaching PostgreSQL through another port (a {@link TcpProxy} to 127.0.0.1:5432); the
   * test's own SQL ({@link #sql}) goes to 5432 directly, past the proxy.
   */
  public static TestService start(Class<?> testClass, Map<String, String> settings, boolean demo, int databasePort) {
    return start(testClass, settings, demo, databasePort, 5432);
  }

  /**
   * As above, on another PostgreSQL server altogether (a {@link PostgresServer} of the test's own): the service, the
   * test's own SQL and the database's drop all use its port.
   */
  public static TestService start(Class<?> testClass, Map<String, String> settings, boolean demo,
      PostgresServer server) {
    return start(testClass, settings, demo, server.port(), server.port());
  }

  private static TestService start(Class<?> testClass, Map<String, String> settings, boolean demo, int databasePort,
      int serverPort) {
    TestDatabase database = TestDatabase.forClass(testClass, serverPort);
    String name = database.name();
    int port = freePort();
    Map<String, String> env = new HashMap<>();
    env.put("EPUPNS_HTTP_PORT", Integer.toString(port));
    env.put("EPUPNS_MANAGEMENT_PORT", Integer.toString(freePort()));
    env.put("EPUPNS_HTTP_INSTANCES", "2");
    env.put("EPUPNS_DB_URL", "postgresql://postgres@127.0.0.1:" + databasePort + "/" + name);
    env.put("EPUPNS_DB_POOL_SIZE", "8");
    env.put("EPUPNS_REDIS_KEY_PREFIX", name + ":");
    env.put("EPUPNS_UPLOADS_DIRECTORY", "target/test-uploads/" + name);
    env.put("EPUPNS_LOG_ACCESS_LOG", "false");
    // Cheap hashing keeps tests quick; the benchmark measures the production parameters.
    env.put("EPUPNS_PASSWORD_HASH_MEMORY_KIB", "1024");
    env.put("EPUPNS_PASSWORD_HASH_ITERATIONS", "1");
    env.putAll(settings);
    try {
      Application.Running running = Application.start(env, demo).toCompletionStage().toCompletableFuture()
          .get(180, TimeUnit.SECONDS);
      return new TestService(running, database, name + ":", port, running.config().integer("management.port"));
    } catch (Exception e) {
      database.close();
      throw new IllegalStateException("test service did not start: " + e.getMessage(), e);
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Vertx vertx() {
    return running.vertx();
  }

  public Application.Running running() {
    return running;
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The URL of this service's own database (another service may be started on it). */
  public String databaseUrl() {
    return database.url();
  }

  public String redisPrefix() {
    return redisPrefix;
  }

  public WebClient http() {
    return http;
  }

  /** GET on the management port (GET /metrics, the detailed GET /health), with the management token if set. */
  public HttpResponse<Buffer> management(String path) {
    HttpRequest<Buffer> request = http.get(managementPort, "127.0.0.1", path);
    String token = running.config().string("management.token");
    if (token != null && !token.isBlank()) {
      request.bearerTokenAuthentication(token);
    }
    return await(request.send());
  }

  /** The Prometheus scrape (management port). */
  public String metrics() {
    HttpResponse<Buffer> response = management("/metrics");
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET /metrics answered " + response.statusCode());
    }
    return response.bodyAsString();
  }

  /** Direct SQL, for arranging state the API cannot create and checking what was stored. */
  public RowSet<Row> sql(String query, Object... params) {
    return await(sql.preparedQuery(query).execute(Tuple.from(params)));
  }

  public HttpResponse<Buffer> get(String path) {
    return await(http.get(path).send());
  }

  public HttpResponse<Buffer> get(String path, String token) {
    return await(withToken(http.get(path), token).send());
  }

  public HttpResponse<Buffer> post(String path, JsonObject body) {
    return await(http.post(path).sendJsonObject(body));
  }

  public HttpResponse<Buffer> post(String path, JsonObject body, String token) {
    return await(withToken(http.post(path), token).sendJsonObject(body));
  }

  public HttpResponse<Buffer> put(String path, JsonObject body, String token) {
    return await(withToken(http.put(path), token).sendJsonObject(body));
  }

  public HttpResponse<Buffer> delete(String path, String token) {
    return await(withToken(http.delete(path), token).send());
  }

  public HttpRequest<Buffer> withToken(HttpRequest<Buffer> request, String token) {
    return token == null ? request : request.bearerTokenAuthentication(token);
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException(cause.getMessage(), cause);
    }
  }

  @Override
  public void close() {
    try {
      await(sql.close());
      await(running.stop());
    } finally {
      database.close();
      RedisKeys.deleteWithPrefix(redisPrefix);
    }
  }
}

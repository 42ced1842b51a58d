package id.go.bkn.epupns.core.redis;

import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.http.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisReplicas;
import io.vertx.redis.client.RedisRole;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Redis access with the configured key prefix, so that instances of different deployments
 * (and test classes) can share one server without seeing each other's keys.
 *
 * <p>One connection per store (a store per HTTP verticle, so per event loop), pipelined: every
 * command is written at once and the replies come back in order, so a request never waits for a
 * pooled connection to come free. The connection is opened on first use and again after it
 * breaks. Scripts go as EVALSHA (the script's SHA-1, not its text), falling back to EVAL once
 * when Redis does not know it yet.
 *
 * <p>{@code redis.mode}: STANDALONE ({@code redis.url}), SENTINEL ({@code redis.endpoints} are the
 * sentinels, {@code redis.masterName} the monitored master) or CLUSTER ({@code redis.endpoints}
 * are seed nodes). In a cluster every script's keys must share one hash slot: callers put a hash
 * tag in their keys ({@link #key} keeps braces as they are).
 */
public final class RedisStore {

  private static final Logger LOG = LoggerFactory.getLogger(RedisStore.class);
  /** How long a client is asked to wait when Redis cannot be reached. */
  private static final String RETRY_AFTER_SECONDS = "30";
  private static final Map<String, String> SHA1 = new ConcurrentHashMap<>();

  private final Redis client;
  private final String prefix;
  private volatile Future<RedisConnection> connection;

  private RedisStore(Redis client, String prefix) {
    this.client = client;
    this.prefix = prefix;
  }

  public static RedisStore create(Vertx vertx, AppConfig config) {
    return new RedisStore(Redis.createClient(vertx, options(config)), config.string("redis.keyPrefix"));
  }

  static RedisOptions options(AppConfig config) {
    RedisOptions options = new RedisOptions()
        .setMaxPoolSize(config.integer("redis.poolSize"))
        .setMaxPoolWaiting(4096)
        .setMaxWaitingHandlers(16384);
    // STANDALONE when absent (configurations assembled in code, e.g. by tools and tests).
    String mode = config.section("redis").getString("mode", "STANDALONE").toUpperCase(Locale.ROOT);
    switch (mode) {
      case "STANDALONE" -> options.setType(RedisClientType.STANDALONE).setConnectionString(config.string("redis.url"));
      case "SENTINEL", "CLUSTER" -> {
        List<String> endpoints = List.of(config.string("redis.endpoints").split("\\s*,\\s*"));
        if (endpoints.isEmpty() || endpoints.get(0).isBlank()) {
          throw new IllegalStateException("redis.endpoints (EPUPNS_REDIS_ENDPOINTS) must list the "
              + ("SENTINEL".equals(mode) ? "sentinels" : "cluster seed nodes") + " for redis.mode " + mode);
        }
        endpoints.forEach(options::addConnectionString);
        if ("SENTINEL".equals(mode)) {
          options.setType(RedisClientType.SENTINEL).setRole(RedisRole.MASTER)
              .setMasterName(config.string("redis.masterName"));
        } else {
          options.setType(RedisClientType.CLUSTER).setUseReplicas(RedisReplicas.NEVER);
        }
      }
      default -> throw new IllegalStateException(
          "redis.mode (EPUPNS_REDIS_MODE) must be STANDALONE, SENTINEL or CLUSTER, got " + mode);
    }
    return options;
  }

  /** The full key for a feature's key, e.g. key("captcha", id) -> "epupns:captcha:id". */
  public String key(String... parts) {
    return prefix + String.join(":", parts);
  }

  /**
   * Runs a Lua script in one round trip; keys are prefixed by the caller through {@link #key}.
   * When Redis cannot be reached the future fails with a 503 for the client (see {@link #unavailable}).
   */
  public Future<Response> eval(String script, List<String> keys, List<String> args) {
    String sha = SHA1.computeIfAbsent(script, RedisStore::sha1);
    return send(scriptCall(Command.EVALSHA, sha, keys, args))
        .recover(failure -> failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT")
            ? send(scriptCall(Command.EVAL, script, keys, args))
            : Future.failedFuture(failure))
        .recover(RedisStore::unavailable);
  }

  private static Request scriptCall(Command command, String script, List<String> keys, List<String> args) {
    Request request = Request.cmd(command).arg(script).arg(keys.size());
    keys.forEach(request::arg);
    args.forEach(request::arg);
    return request;
  }

  /** SET key value EX seconds; a 503 for the client when Redis cannot be reached. */
  public Future<Response> setWithExpiry(String key, String value, int seconds) {
    return send(Request.cmd(Command.SET).arg(key).arg(value).arg("EX").arg(seconds)).recover(RedisStore::unavailable);
  }

  public Future<Boolean> ping() {
    return send(Request.cmd(Command.PING)).map(r -> r != null && "PONG".equalsIgnoreCase(r.toString()));
  }

  private Future<Response> send(Request request) {
    return connection().compose(c -> c.send(request));
  }

  private Future<RedisConnection> connection() {
    Future<RedisConnection> current = connection;
    if (current != null && !current.failed()) {
      return current;
    }
    Future<RedisConnection> opening = client.connect();
    connection = opening;
    opening.onComplete(result -> {
      if (result.failed()) {
        forget(opening);
        return;
      }
      RedisConnection c = result.result();
      c.exceptionHandler(e -> forget(opening));
      c.endHandler(v -> forget(opening));
    });
    return opening;
  }

  /** The next command opens a new connection (only if nobody replaced this one already). */
  private void forget(Future<RedisConnection> broken) {
    if (connection == broken) {
      connection = null;
    }
  }

  /**
   * Redis holds the peak guards (captchas, rate limits, login throttling): without it those requests
   * cannot be answered safely, so they get 503 with Retry-After instead of a 500, and /health says DOWN.
   */
  static <T> Future<T> unavailable(Throwable failure) {
    if (failure instanceof ApiError) {
      return Future.failedFuture(failure);
    }
    LOG.atWarn().addKeyValue("reason", String.valueOf(failure.getMessage())).log("Redis unavailable");
    return Future.failedFuture(new ApiError(503, "SERVICE_UNAVAILABLE",
        "Layanan sedang terganggu. Silakan coba lagi beberapa saat lagi.")
        .withHeader("Retry-After", RETRY_AFTER_SECONDS));
  }

  private static String sha1(String script) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public void close() {
    Future<RedisConnection> current = connection;
    if (current != null && current.succeeded()) {
      current.result().close();
    }
    client.close();
  }
}

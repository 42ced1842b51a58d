package id.go.bkn.epupns.core.redis;

import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.http.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Redis access with the configured key prefix, so that instances of different deployments
 * (and test classes) can share one server without seeing each other's keys.
 */
public final class RedisStore {

  private static final Logger LOG = LoggerFactory.getLogger(RedisStore.class);
  /** How long a client is asked to wait when Redis cannot be reached. */
  private static final String RETRY_AFTER_SECONDS = "30";

  private final Redis client;
  private final RedisAPI api;
  private final String prefix;

  private RedisStore(Redis client, String prefix) {
    this.client = client;
    this.api = RedisAPI.api(client);
    this.prefix = prefix;
  }

  public static RedisStore create(Vertx vertx, AppConfig config) {
    RedisOptions options = new RedisOptions()
        .setConnectionString(config.string("redis.url"))
        .setMaxPoolSize(config.integer("redis.poolSize"))
        .setMaxPoolWaiting(4096)
        .setMaxWaitingHandlers(8192);
    return new RedisStore(Redis.createClient(vertx, options), config.string("redis.keyPrefix"));
  }

  /** The full key for a feature's key, e.g. key("captcha", id) -> "epupns:captcha:id". */
  public String key(String... parts) {
    return prefix + String.join(":", parts);
  }

  public RedisAPI api() {
    return api;
  }

  /**
   * Runs a Lua script in one round trip; keys are prefixed by the caller through {@link #key}.
   * When Redis cannot be reached the future fails with a 503 for the client (see {@link #unavailable}).
   */
  public Future<Response> eval(String script, List<String> keys, List<String> args) {
    List<String> call = new ArrayList<>(2 + keys.size() + args.size());
    call.add(script);
    call.add(Integer.toString(keys.size()));
    call.addAll(keys);
    call.addAll(args);
    return api.eval(call).recover(RedisStore::unavailable);
  }

  /** SET key value EX seconds; a 503 for the client when Redis cannot be reached. */
  public Future<Response> setWithExpiry(String key, String value, int seconds) {
    return api.set(List.of(key, value, "EX", Integer.toString(seconds))).recover(RedisStore::unavailable);
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

  public Future<Boolean> ping() {
    return api.ping(List.of()).map(r -> r != null && "PONG".equalsIgnoreCase(r.toString()));
  }

  public void close() {
    client.close();
  }
}

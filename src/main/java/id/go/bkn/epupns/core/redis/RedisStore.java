package id.go.bkn.epupns.core.redis;

import id.go.bkn.epupns.core.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.List;

/**
 * Redis access with the configured key prefix, so that instances of different deployments
 * (and test classes) can share one server without seeing each other's keys.
 */
public final class RedisStore {

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

  /** Runs a Lua script in one round trip; keys are prefixed by the caller through {@link #key}. */
  public Future<Response> eval(String script, List<String> keys, List<String> args) {
    List<String> call = new ArrayList<>(2 + keys.size() + args.size());
    call.add(script);
    call.add(Integer.toString(keys.size()));
    call.addAll(keys);
    call.addAll(args);
    return api.eval(call);
  }

  public Future<Boolean> ping() {
    return api.ping(List.of()).map(r -> r != null && "PONG".equalsIgnoreCase(r.toString()));
  }

  public void close() {
    client.close();
  }
}

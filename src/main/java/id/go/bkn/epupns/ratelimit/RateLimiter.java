package id.go.bkn.epupns.ratelimit;

import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.redis.RedisStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixed-window request limits per action and per subject (client IP, NIP, account), counted in
 * Redis. Each subject of a request is counted and checked by one Lua call on its own key (atomic
 * across every instance, cluster-safe); the calls of one request share one round trip. Limits come from rateLimit.&lt;action&gt;.
 */
public final class RateLimiter {

  /** The subjects a limit can be keyed on; the config key is "per" + the name, e.g. perIp. */
  public enum Subject { IP, NIP, ACCOUNT;

    String configKey() {
      return "per" + name().charAt(0) + name().substring(1).toLowerCase();
    }
  }

  // KEYS[1]: one subject's counter. ARGV[1]: window seconds, ARGV[2]: its limit.
  // Returns {over, seconds until the counter's window ends}. One key per call, so every call is
  // cluster-safe (one hash slot); the calls of one request are pipelined on one connection, so
  // they cost one round trip together, and each counts like the former all-keys script did.
  private static final String SCRIPT = """
      local count = redis.call('INCR', KEYS[1])
      if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
      if count > tonumber(ARGV[2]) then
        return {1, redis.call('TTL', KEYS[1])}
      end
      return {0, 0}
      """;

  private final RedisStore redis;
  private final JsonObject limits;
  private final Counter refused;

  public RateLimiter(AppConfig config, RedisStore redis, MeterRegistry registry) {
    this.redis = redis;
    this.limits = config.section("rateLimit");
    this.refused = Counter.builder("epupns_rate_limited").description("Requests refused by a rate limit")
        .register(registry);
  }

  /**
   * Counts this request against each given subject's limit for the action; fails with 429 and
   * Retry-After when any is exceeded. Subjects without a configured limit are not counted.
   */
  public Future<Void> check(String action, Map<Subject, String> subjects) {
    JsonObject limit = limits.getJsonObject(action);
    if (limit == null) {
      return Future.failedFuture(new IllegalStateException("no rateLimit." + action + " configured"));
    }
    String window = Integer.toString(limit.getInteger("windowSeconds"));
    List<Future<Response>> counts = new ArrayList<>(subjects.size());
    for (Map.Entry<Subject, String> subject : subjects.entrySet()) {
      Integer max = limit.getInteger(subject.getKey().configKey());
      if (max == null || subject.getValue() == null) {
        continue;
      }
      String key = redis.key("rl", action, subject.getKey().name().toLowerCase(), subject.getValue());
      counts.add(redis.eval(SCRIPT, List.of(key), List.of(window, Integer.toString(max))));
    }
    if (counts.isEmpty()) {
      return Future.succeededFuture();
    }
    return Future.all(counts).compose(all -> verdict(counts));
  }

  public Future<Void> check(String action, Subject subject, String value) {
    Map<Subject, String> subjects = new LinkedHashMap<>();
    subjects.put(subject, value);
    return check(action, subjects);
  }

  private Future<Void> verdict(List<Future<Response>> counts) {
    long wait = 0;
    boolean over = false;
    for (Future<Response> count : counts) {
      Response response = count.result();
      if (response.get(0).toInteger() == 1) {
        over = true;
        wait = Math.max(wait, response.get(1).toLong());
      }
    }
    if (!over) {
      return Future.succeededFuture();
    }
    refused.increment();
    wait = Math.max(1, wait);
    return Future.failedFuture(new ApiError(429, "RATE_LIMITED",
        "Terlalu banyak permintaan. Silakan tunggu " + wait + " detik lalu coba lagi.")
        .withHeader("Retry-After", Long.toString(wait))
        .with("retryAfter", wait));
  }
}

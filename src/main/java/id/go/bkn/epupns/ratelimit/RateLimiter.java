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
 * Redis. All subjects of one request are counted and checked by one Lua script: one round trip,
 * atomic across every instance of the service. Limits come from rateLimit.&lt;action&gt;.
 */
public final class RateLimiter {

  /** The subjects a limit can be keyed on; the config key is "per" + the name, e.g. perIp. */
  public enum Subject { IP, NIP, ACCOUNT;

    String configKey() {
      return "per" + name().charAt(0) + name().substring(1).toLowerCase();
    }
  }

  // KEYS: one counter per subject. ARGV[1]: window seconds, ARGV[2..]: limit per key.
  // Returns {over, seconds until the fullest counter's window ends}.
  private static final String SCRIPT = """
      local over = 0
      local wait = 0
      for i, key in ipairs(KEYS) do
        local count = redis.call('INCR', key)
        if count == 1 then redis.call('EXPIRE', key, ARGV[1]) end
        if count > tonumber(ARGV[i + 1]) then
          over = 1
          local ttl = redis.call('TTL', key)
          if ttl > wait then wait = ttl end
        end
      end
      return {over, wait}
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
    List<String> keys = new ArrayList<>();
    List<String> args = new ArrayList<>();
    args.add(Integer.toString(limit.getInteger("windowSeconds")));
    for (Map.Entry<Subject, String> subject : subjects.entrySet()) {
      Integer max = limit.getInteger(subject.getKey().configKey());
      if (max == null || subject.getValue() == null) {
        continue;
      }
      keys.add(redis.key("rl", action, subject.getKey().name().toLowerCase(), subject.getValue()));
      args.add(Integer.toString(max));
    }
    if (keys.isEmpty()) {
      return Future.succeededFuture();
    }
    return redis.eval(SCRIPT, keys, args).compose(this::verdict);
  }

  public Future<Void> check(String action, Subject subject, String value) {
    Map<Subject, String> subjects = new LinkedHashMap<>();
    subjects.put(subject, value);
    return check(action, subjects);
  }

  private Future<Void> verdict(Response response) {
    if (response.get(0).toInteger() == 0) {
      return Future.succeededFuture();
    }
    refused.increment();
    long wait = Math.max(1, response.get(1).toLong());
    return Future.failedFuture(new ApiError(429, "RATE_LIMITED",
        "Terlalu banyak permintaan. Silakan tunggu " + wait + " detik lalu coba lagi.")
        .withHeader("Retry-After", Long.toString(wait))
        .with("retryAfter", wait));
  }
}

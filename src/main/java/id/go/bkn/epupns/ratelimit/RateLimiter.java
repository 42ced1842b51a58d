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
 * Request limits per action and per subject (client IP, NIP, account), kept in Redis so every
 * instance shares them. Limits come from rateLimit.&lt;action&gt; (windowSeconds, perIp, perNip,
 * perAccount).
 *
 * <p>A sliding window: at most the limit is accepted in <em>any</em> windowSeconds, not per fixed
 * clock window (which lets twice the limit through around a window's edge). Each subject is a
 * sorted set of the times of its accepted requests. All subjects of one call are checked and
 * recorded by one Lua script, one round trip, atomic across instances; a request refused by any
 * subject is recorded in none, so a refused request spends nobody's budget and hammering does not
 * lengthen the wait. Times come from the Redis clock.
 */
public final class RateLimiter {

  /** The subjects a limit can be keyed on; the config key is "per" + the name, e.g. perIp. */
  public enum Subject { IP, NIP, ACCOUNT;

    String configKey() {
      return "per" + name().charAt(0) + name().substring(1).toLowerCase();
    }
  }

  // KEYS: one sorted set per subject. ARGV[1]: window seconds, ARGV[2..]: limit per key.
  // Returns {over, seconds until enough accepted requests have left the window}.
  private static final String SCRIPT = """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
      local window = tonumber(ARGV[1]) * 1000000
      local wait = 0
      for i, key in ipairs(KEYS) do
        redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
        local count = redis.call('ZCARD', key)
        local limit = tonumber(ARGV[i + 1])
        if limit <= 0 then
          wait = window
        elseif count >= limit then
          local oldest = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
          local w = tonumber(oldest[2]) + window - now
          if w > wait then wait = w end
        end
      end
      if wait > 0 then return {1, math.ceil(wait / 1000000)} end
      for i, key in ipairs(KEYS) do
        redis.call('ZADD', key, now, t[1] .. '.' .. t[2] .. '.' .. redis.call('ZCARD', key))
        redis.call('EXPIRE', key, ARGV[1])
      end
      return {0, 0}
      """;

  private final RedisStore redis;
  private final JsonObject limits;
  private final Counter refused;

  public RateLimiter(AppConfig config, RedisStore redis, MeterRegistry registry) {
    this.redis = redis;
    this.limits = config.section("rateLimit");
    this.refused = refusedCounter(registry);
  }

  static Counter refusedCounter(MeterRegistry registry) {
    return Counter.builder("epupns_rate_limited").description("Requests refused by a rate limit")
        .register(registry);
  }

  /**
   * Counts this request against each given subject's limit for the action; fails with 429 and
   * Retry-After when any is exceeded (and then counts it nowhere). Subjects without a configured
   * limit are not counted.
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
      keys.add(redis.key("sw", action, subject.getKey().name().toLowerCase(), subject.getValue()));
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
    return Future.failedFuture(tooMany(response.get(1).toLong()));
  }

  /** The 429 of every limit: Retry-After in seconds for clients, the wait said once in words for people. */
  public static ApiError tooMany(long seconds) {
    long wait = Math.max(1, seconds);
    return new ApiError(429, "RATE_LIMITED",
        "Terlalu banyak permintaan. Silakan tunggu " + inWords(wait) + " lalu coba lagi.")
        .withHeader("Retry-After", Long.toString(wait))
        .with("retryAfter", wait);
  }

  /** A wait as people say it: "kurang dari 1 menit", "sekitar 15 menit", "sekitar 2 jam". */
  static String inWords(long seconds) {
    if (seconds < 60) {
      return "kurang dari 1 menit";
    }
    long minutes = (seconds + 59) / 60;
    if (minutes <= 90) {
      return "sekitar " + minutes + " menit";
    }
    return "sekitar " + Math.round(minutes / 60.0) + " jam";
  }
}

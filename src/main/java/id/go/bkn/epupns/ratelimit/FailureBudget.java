package id.go.bkn.epupns.ratelimit;

import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.redis.RedisStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * How many failures (a wrong NIK, a wrong security answer, a wrong mother's name) one NIP may
 * take per window, without letting a stranger lock its owner out.
 *
 * <p>Only requests that passed the cheap checks (format, the IP's own limit, the captcha) and then
 * failed spend the budget ({@link #failed}). When a NIP's budget is spent, {@link #admit} refuses
 * only clients that have themselves failed on that NIP within the window: a client that has not
 * (the real PNS, typing the right answer from their own phone) is never refused because of
 * someone else's failures. An attacker thus needs a fresh IP and a solved captcha for every guess
 * beyond the budget. Limits: rateLimit.&lt;action&gt;.failuresPer&lt;Subject&gt; (e.g. failuresPerNip)
 * within windowSeconds, as a sliding window.
 */
public final class FailureBudget {

  // KEYS: the subject's failures (sorted set of times), this client's marker on the subject.
  // ARGV: window seconds, limit. Returns 0 (may try) or the seconds to wait.
  private static final String ADMIT = """
      if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
      local window = tonumber(ARGV[1]) * 1000000
      local limit = tonumber(ARGV[2])
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
      local count = redis.call('ZCARD', KEYS[1])
      if count < limit then return 0 end
      if limit <= 0 then return tonumber(ARGV[1]) end
      local oldest = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
      return math.max(1, math.ceil((tonumber(oldest[2]) + window - now) / 1000000))
      """;

  // KEYS: as above. ARGV: window seconds.
  private static final String FAILED = """
      local t = redis.call('TIME')
      redis.call('ZADD', KEYS[1], tonumber(t[1]) * 1000000 + tonumber(t[2]),
        t[1] .. '.' .. t[2] .. '.' .. redis.call('ZCARD', KEYS[1]))
      redis.call('EXPIRE', KEYS[1], ARGV[1])
      redis.call('SET', KEYS[2], '1', 'EX', ARGV[1])
      return 1
      """;

  private final RedisStore redis;
  private final JsonObject limits;
  private final Counter refused;

  public FailureBudget(AppConfig config, RedisStore redis, MeterRegistry registry) {
    this.redis = redis;
    this.limits = config.section("rateLimit");
    this.refused = RateLimiter.refusedCounter(registry);
  }

  /** Fails with 429 when the subject's budget is spent and this client has failed on it itself. */
  public Future<Void> admit(String action, RateLimiter.Subject subject, String value, String ip) {
    Limit limit = limit(action, subject);
    if (limit == null) {
      return Future.succeededFuture();
    }
    return redis.eval(ADMIT, keys(action, subject, value, ip), List.of(limit.window(), limit.max()))
        .compose(wait -> {
          if (wait.toLong() <= 0) {
            return Future.succeededFuture();
          }
          refused.increment();
          return Future.failedFuture(RateLimiter.tooMany(wait.toLong()));
        });
  }

  /** Spends one failure of the subject's budget and marks this client as one that failed on it. */
  public Future<Void> failed(String action, RateLimiter.Subject subject, String value, String ip) {
    Limit limit = limit(action, subject);
    if (limit == null) {
      return Future.succeededFuture();
    }
    return redis.eval(FAILED, keys(action, subject, value, ip), List.of(limit.window())).mapEmpty();
  }

  private record Limit(String window, String max) {
  }

  private Limit limit(String action, RateLimiter.Subject subject) {
    JsonObject limit = limits.getJsonObject(action);
    if (limit == null) {
      throw new IllegalStateException("no rateLimit." + action + " configured");
    }
    Integer max = limit.getInteger("failures" + subject.configKey().substring(0, 1).toUpperCase()
        + subject.configKey().substring(1));
    return max == null ? null : new Limit(Integer.toString(limit.getInteger("windowSeconds")), Integer.toString(max));
  }

  private List<String> keys(String action, RateLimiter.Subject subject, String value, String ip) {
    String kind = subject.name().toLowerCase();
    return List.of(redis.key("fb", action, kind, value), redis.key("fbc", action, kind, value, ip));
  }
}

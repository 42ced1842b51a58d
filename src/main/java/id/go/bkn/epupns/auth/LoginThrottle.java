package id.go.bkn.epupns.auth;

import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.redis.RedisStore;
import io.vertx.core.Future;

import java.util.List;

/**
 * Growing delays after failed logins (like Keycloak's brute-force detection), kept in Redis so that
 * every instance sees the same state, and never a permanent lock.
 *
 * <p>Two counters per failed attempt:
 * <ul>
 *   <li>the (account, IP) pair: hard. After loginThrottle.freeFailures failures the pair waits
 *       baseDelaySeconds, doubling with each further failure up to maxDelaySeconds. A successful
 *       login from that IP deletes the pair.</li>
 *   <li>the account alone: soft, so that an attacker cannot lock a real PNS out. It only counts
 *       after accountFreeFailures (many more) failures from any IP, and its delay is capped at
 *       accountMaxDelaySeconds. An IP that logged in to the account successfully before (within
 *       resetAfterSeconds) ignores the account delay altogether.</li>
 * </ul>
 * Counters forget after resetAfterSeconds without a failure. An attempt made while throttled is
 * refused without checking the password and is not counted, so waiting is the only way forward and
 * hammering does not lengthen the lock. Times come from the Redis server clock (TIME), so the
 * instances' clocks do not matter.
 */
final class LoginThrottle {

  // KEYS: pair, account, known-ip marker. Returns seconds to wait (0 = may try).
  private static final String CHECK = """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local untilMs = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
      if redis.call('EXISTS', KEYS[3]) == 0 then
        local accountUntil = tonumber(redis.call('HGET', KEYS[2], 'until') or '0')
        if accountUntil > untilMs then untilMs = accountUntil end
      end
      if untilMs <= now then return 0 end
      return math.ceil((untilMs - now) / 1000)
      """;

  // KEYS: pair, account. ARGV: freeFailures, baseDelay, maxDelay, accountFreeFailures,
  // accountMaxDelay, resetAfter (seconds). Returns the pair's new delay in seconds.
  private static final String FAILED = """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local function count(key, free, cap)
        local n = redis.call('HINCRBY', key, 'failures', 1)
        local delay = 0
        if n > free then
          delay = math.min(tonumber(ARGV[2]) * 2 ^ math.min(n - free - 1, 30), cap)
          redis.call('HSET', key, 'until', math.floor(now + delay * 1000))
        end
        redis.call('EXPIRE', key, ARGV[6])
        return delay
      end
      local delay = count(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[3]))
      count(KEYS[2], tonumber(ARGV[4]), tonumber(ARGV[5]))
      return delay
      """;

  // KEYS: pair, known-ip marker. ARGV: resetAfter (seconds).
  private static final String SUCCEEDED = """
      redis.call('DEL', KEYS[1])
      redis.call('SET', KEYS[2], '1', 'EX', ARGV[1])
      return 1
      """;

  private final RedisStore redis;
  private final List<String> failedArgs;
  private final String resetAfter;

  LoginThrottle(AppConfig config, RedisStore redis) {
    this.redis = redis;
    this.resetAfter = Integer.toString(config.integer("loginThrottle.resetAfterSeconds"));
    this.failedArgs = List.of(
        Integer.toString(config.integer("loginThrottle.freeFailures")),
        Integer.toString(config.integer("loginThrottle.baseDelaySeconds")),
        Integer.toString(config.integer("loginThrottle.maxDelaySeconds")),
        Integer.toString(config.integer("loginThrottle.accountFreeFailures")),
        Integer.toString(Math.min(config.integer("loginThrottle.accountMaxDelaySeconds"),
            config.integer("loginThrottle.maxDelaySeconds"))),
        resetAfter);
  }

  /** Seconds this account must still wait from this IP; 0 when it may try now. */
  Future<Long> waitSeconds(String account, String ip) {
    return redis.eval(CHECK, List.of(pair(account, ip), account(account), known(account, ip)), List.of())
        .map(r -> r.toLong());
  }

  Future<Void> failed(String account, String ip) {
    return redis.eval(FAILED, List.of(pair(account, ip), account(account)), failedArgs).mapEmpty();
  }

  Future<Void> succeeded(String account, String ip) {
    return redis.eval(SUCCEEDED, List.of(pair(account, ip), known(account, ip)), List.of(resetAfter)).mapEmpty();
  }

  private String pair(String account, String ip) {
    return redis.key("lt", "pair", tag(account), ip);
  }

  private String account(String account) {
    return redis.key("lt", "acct", tag(account));
  }

  private String known(String account, String ip) {
    return redis.key("lt", "known", tag(account), ip);
  }

  /** The account as a hash tag: one script's keys then share a Redis Cluster slot. */
  private static String tag(String account) {
    return "{" + account + "}";
  }
}

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
 *   <li>the account alone: soft, so that an attacker cannot lock a real PNS out. It counts
 *       failures from every IP but only starts after accountFreeFailures (many more) of them, its
 *       delay is capped at accountMaxDelaySeconds, and it applies <em>only to clients that have
 *       failed on the account themselves</em>: a clean client (no failure of its own on this
 *       account, or an IP that logged in to it successfully within resetAfterSeconds) is never
 *       refused because of strangers' failures (ASVS 6.3.1: no lock-out by others).</li>
 * </ul>
 * Counters forget after resetAfterSeconds without a failure. An attempt made while throttled is
 * refused without checking the password and is not counted, so waiting is the only way forward and
 * hammering does not lengthen the lock. Times come from the Redis server clock (TIME), so the
 * instances' clocks do not matter.
 */
final class LoginThrottle {

  // KEYS: pair, account, known-ip marker.
  // Returns {seconds the pair waits, seconds the account waits for this client, clean 1/0}.
  private static final String CHECK = """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local function wait(key)
        local untilMs = tonumber(redis.call('HGET', key, 'until') or '0')
        if untilMs <= now then return 0 end
        return math.ceil((untilMs - now) / 1000)
      end
      local failures = tonumber(redis.call('HGET', KEYS[1], 'failures') or '0')
      local clean = failures == 0 or redis.call('EXISTS', KEYS[3]) == 1
      if clean then return {wait(KEYS[1]), 0, 1} end
      return {wait(KEYS[1]), wait(KEYS[2]), 0}
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

  /**
   * Where this client stands with the account: how long the (account, IP) pair must still wait,
   * how long the account's soft delay holds this client (always 0 for a clean client), and whether
   * it is clean (has not failed on the account itself, or logged in to it from this IP before).
   */
  record State(long pairWait, long accountWait, boolean clean) {
  }

  Future<State> state(String account, String ip) {
    return redis.eval(CHECK, List.of(pair(account, ip), account(account), known(account, ip)), List.of())
        .map(r -> new State(r.get(0).toLong(), r.get(1).toLong(), r.get(2).toInteger() == 1));
  }

  Future<Void> failed(String account, String ip) {
    return redis.eval(FAILED, List.of(pair(account, ip), account(account)), failedArgs).mapEmpty();
  }

  Future<Void> succeeded(String account, String ip) {
    return redis.eval(SUCCEEDED, List.of(pair(account, ip), known(account, ip)), List.of(resetAfter)).mapEmpty();
  }

  private String pair(String account, String ip) {
    return redis.key("lt", "pair", account, ip);
  }

  private String account(String account) {
    return redis.key("lt", "acct", account);
  }

  private String known(String account, String ip) {
    return redis.key("lt", "known", account, ip);
  }
}

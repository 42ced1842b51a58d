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
 * <p>A sliding window kept as counters: each subject is one small hash of request counts per
 * sub-window (a tenth of windowSeconds). A request is accepted only when the counts of the current
 * sub-window and the ten before it, which together cover the whole last window and a little more,
 * stay under the limit. So at most the limit is accepted in <em>any</em> windowSeconds (never the
 * near-double a fixed clock window lets through around its edge); the approximation is on the safe
 * side only: the oldest sub-window is counted whole, so a client may be refused up to a tenth of the
 * window before a log of exact times would let it in, and Retry-After says when it will be let in.
 * Cost and memory per subject are constant (at most eleven counters), whatever the limit: a
 * sorted-set log of every accepted request held, for a raised limit, one member per request.
 * All subjects of one call are checked and recorded by one Lua script, one round trip, atomic
 * across instances; a request refused by any subject is recorded in none, so a refused request
 * spends nobody's budget and hammering does not lengthen the wait. Times come from the Redis clock.
 * A subject far below a raised limit is counted several requests at a time ({@link Leases}, rateLimit.lease),
 * still before they are let through; the limits people meet stay one round trip per request.
 */
public final class RateLimiter {

  /** The subjects a limit can be keyed on; the config key is "per" + the name, e.g. perIp. */
  public enum Subject { IP, NIP, ACCOUNT;

    String configKey() {
      return "per" + name().charAt(0) + name().substring(1).toLowerCase();
    }
  }

  /** Sub-windows per window: the limiter may refuse up to windowSeconds / SLOTS early, never accept more. */
  static final int SLOTS = 10;

  // KEYS: one hash per subject (sub-window number -> accepted requests in it).
  // ARGV[1]: window ms (a multiple of SLOTS), ARGV[2]: requests wanted (a lease, see Leases), ARGV[3]: least
  // headroom for a lease larger than one, ARGV[4]: share of the headroom one lease may take, ARGV[5..]: limit per key.
  // Returns {0, requests granted, ms left in the current sub-window} or {1, seconds until enough counted requests
  // have left the window}.
  private static final String SCRIPT = """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local window = tonumber(ARGV[1])
      local slot = window / %d
      local current = math.floor(now / slot)
      local first = current - %d
      local wait = 0
      local headroom = nil
      for i, key in ipairs(KEYS) do
        local limit = tonumber(ARGV[i + 4])
        local counts = {}
        local total = 0
        local all = redis.call('HGETALL', key)
        for j = 1, #all, 2 do
          local n = tonumber(all[j])
          if n < first then
            redis.call('HDEL', key, all[j])
          else
            local c = tonumber(all[j + 1])
            counts[n] = c
            total = total + c
          end
        end
        if limit <= 0 then
          wait = math.max(wait, window)
        elseif total >= limit then
          -- The oldest sub-windows leave the counted span one by one; wait until enough have.
          local left = total
          for n = first, current do
            left = left - (counts[n] or 0)
            if left < limit then
              wait = math.max(wait, (n + %d + 1) * slot - now)
              break
            end
          end
        end
        if headroom == nil or limit - total < headroom then headroom = limit - total end
      end
      if wait > 0 then return {1, math.ceil(wait / 1000)} end
      local granted = 1
      if headroom >= tonumber(ARGV[3]) then
        granted = math.max(1, math.min(tonumber(ARGV[2]), math.floor(headroom * tonumber(ARGV[4]))))
      end
      for i, key in ipairs(KEYS) do
        redis.call('HINCRBY', key, current, granted)
        redis.call('PEXPIRE', key, window + slot)
      end
      return {0, granted, (current + 1) * slot - now}
      """.formatted(SLOTS, SLOTS, SLOTS);

  private final RedisStore redis;
  private final JsonObject limits;
  private final Leases leases;
  private final Counter refused;
  private final Counter fromLease;

  public RateLimiter(AppConfig config, RedisStore redis, MeterRegistry registry) {
    this.redis = redis;
    this.limits = config.section("rateLimit");
    this.leases = Leases.from(config);
    this.refused = refusedCounter(registry);
    this.fromLease = Counter.builder("epupns_rate_limit_leased").description(
        "Requests let through from a lease this instance holds, without a Redis round trip").register(registry);
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
    return counted(action, subjects).onFailure(e -> {
      if (e instanceof ApiError api && api.status() == 429) {
        refused.increment();
      }
    });
  }

  private Future<Void> counted(String action, Map<Subject, String> subjects) {
    JsonObject limit = limits.getJsonObject(action);
    if (limit == null) {
      return Future.failedFuture(new IllegalStateException("no rateLimit." + action + " configured"));
    }
    List<String> keys = new ArrayList<>();
    List<String> args = new ArrayList<>();
    args.add(Long.toString(limit.getInteger("windowSeconds") * 1000L));
    args.add("1");
    args.add(Integer.toString(leases.minHeadroom()));
    args.add(Double.toString(leases.share()));
    int smallest = Integer.MAX_VALUE;
    for (Map.Entry<Subject, String> subject : subjects.entrySet()) {
      Integer max = limit.getInteger(subject.getKey().configKey());
      if (max == null || subject.getValue() == null) {
        continue;
      }
      // {action} is the hash tag: the keys of one call share a Redis Cluster slot (each action's
      // counters live on one node; the actions spread over the cluster).
      keys.add(redis.key("swc", "{" + action + "}", subject.getKey().name().toLowerCase(), subject.getValue()));
      args.add(Integer.toString(max));
      smallest = Math.min(smallest, max);
    }
    if (keys.isEmpty()) {
      return Future.succeededFuture();
    }
    if (!leases.applies(smallest)) {
      return ask(keys, args).compose(grant -> grant.refusal() == null ? Future.succeededFuture() : Future.failedFuture(grant.refusal()));
    }
    return leases.take(String.join(" ", keys), want -> {
      List<String> wanted = new ArrayList<>(args);
      wanted.set(1, Integer.toString(want));
      return ask(keys, wanted);
    }, fromLease::increment);
  }

  public Future<Void> check(String action, Subject subject, String value) {
    Map<Subject, String> subjects = new LinkedHashMap<>();
    subjects.put(subject, value);
    return check(action, subjects);
  }

  private Future<Leases.Grant> ask(List<String> keys, List<String> args) {
    return redis.eval(SCRIPT, keys, args).map(this::grant);
  }

  private Leases.Grant grant(Response response) {
    if (response.get(0).toInteger() == 0) {
      return new Leases.Grant(null, response.get(1).toInteger(), response.get(2).toLong());
    }
    return new Leases.Grant(tooMany(response.get(1).toLong()), 0, 0);
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

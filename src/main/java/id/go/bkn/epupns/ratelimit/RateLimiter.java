package id.go.bkn.epupns.ratelimit;

import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.redis.RedisStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

  // Checks of one action, in order. KEYS: one hash per subject of each check (sub-window number -> accepted requests
  // in it). ARGV[1]: window ms (a multiple of SLOTS), ARGV[2]: least headroom for a lease larger than one, ARGV[3]:
  // share of the headroom one lease may take, ARGV[4]: number of checks; then per check: requests wanted (a lease,
  // see Leases), its number of keys, and the limit of each. Returns per check three numbers: {0, requests granted,
  // ms left in the current sub-window} or {1, seconds until enough counted requests have left the window, 0}.
  private static final String SCRIPT = """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local window = tonumber(ARGV[1])
      local minHeadroom = tonumber(ARGV[2])
      local share = tonumber(ARGV[3])
      local slot = window / %d
      local current = math.floor(now / slot)
      local first = current - %d
      local out = {}
      local k = 1
      local a = 5
      for c = 1, tonumber(ARGV[4]) do
        local want = tonumber(ARGV[a])
        local count = tonumber(ARGV[a + 1])
        a = a + 2
        local wait = 0
        local headroom = nil
        for i = 0, count - 1 do
          local key = KEYS[k + i]
          local limit = tonumber(ARGV[a + i])
          local counts = {}
          local total = 0
          local all = redis.call('HGETALL', key)
          for j = 1, #all, 2 do
            local n = tonumber(all[j])
            if n < first then
              redis.call('HDEL', key, all[j])
            else
              local v = tonumber(all[j + 1])
              counts[n] = v
              total = total + v
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
        if wait > 0 then
          out[#out + 1] = 1
          out[#out + 1] = math.ceil(wait / 1000)
          out[#out + 1] = 0
        else
          local granted = 1
          if headroom >= minHeadroom then
            granted = math.max(1, math.min(want, math.floor(headroom * share)))
          end
          for i = 0, count - 1 do
            redis.call('HINCRBY', KEYS[k + i], current, granted)
            redis.call('PEXPIRE', KEYS[k + i], window + slot)
          end
          out[#out + 1] = 0
          out[#out + 1] = granted
          out[#out + 1] = (current + 1) * slot - now
        end
        k = k + count
        a = a + count
      end
      return out
      """.formatted(SLOTS, SLOTS, SLOTS);

  /** Most checks one script call carries; more in one turn of the event loop go in the next call. */
  static final int BATCH_MAX = 256;

  /** One request's check: its subjects' keys and limits, and the requests it wants (a lease, else 1). */
  private record Check(List<String> keys, List<String> limits, int want, Promise<Leases.Grant> answer) {
  }

  /** The checks of one action made during one turn of an event loop, sent together when the turn ends. */
  private static final class Batch {
    final List<Check> checks = new ArrayList<>();
  }

  private final RedisStore redis;
  private final JsonObject limits;
  private final Map<Context, Map<String, Batch>> batches = new ConcurrentHashMap<>();
  private final Leases leases;
  private final Counter refused;
  private final Counter fromLease;
  private final Counter calls;

  public RateLimiter(AppConfig config, RedisStore redis, MeterRegistry registry) {
    this.redis = redis;
    this.limits = config.section("rateLimit");
    this.leases = Leases.from(config);
    this.refused = refusedCounter(registry);
    this.fromLease = Counter.builder("epupns_rate_limit_leased").description(
        "Requests let through from a lease this instance holds, without a Redis round trip").register(registry);
    this.calls = Counter.builder("epupns_rate_limit_redis_calls").description(
        "Script calls to Redis for limit checks (one carries the checks of one action made in one event-loop turn)")
        .register(registry);
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
    List<String> keys = new ArrayList<>(2);
    List<String> args = new ArrayList<>(2);
    long windowMs = limit.getInteger("windowSeconds") * 1000L;
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
      return ask(action, windowMs, keys, args, 1)
          .compose(grant -> grant.refusal() == null ? Future.succeededFuture() : Future.failedFuture(grant.refusal()));
    }
    return leases.take(String.join(" ", keys), want -> ask(action, windowMs, keys, args, want), fromLease::increment);
  }

  /**
   * On an event loop the check joins the checks of its action made in the same turn of the loop, and they go
   * to Redis as one script call when the turn ends: at the peak every "Cari" is another address, so each
   * needs its own count, and one call for the whole turn costs Redis and the client far less than one each.
   * No wait is added (the call goes out as soon as the handlers of the turn have run). Off an event loop
   * (tools, tests), the check goes alone.
   */
  private Future<Leases.Grant> ask(String action, long windowMs, List<String> keys, List<String> limits, int want) {
    Promise<Leases.Grant> answer = Promise.promise();
    Check check = new Check(keys, limits, want, answer);
    Context context = Vertx.currentContext();
    if (context == null || !context.isEventLoopContext()) {
      send(windowMs, List.of(check));
      return answer.future();
    }
    Map<String, Batch> open = batches.computeIfAbsent(context, c -> new HashMap<>());
    Batch batch = open.get(action);
    if (batch == null) {
      Batch created = new Batch();
      open.put(action, created);
      batch = created;
      context.runOnContext(v -> {
        if (open.get(action) == created) {
          open.remove(action);
          send(windowMs, created.checks);
        }
        // Nothing kept between turns: contexts that checked once (tools, tests) leave no entry behind.
        if (open.isEmpty()) {
          batches.remove(context, open);
        }
      });
    }
    batch.checks.add(check);
    if (batch.checks.size() >= BATCH_MAX) {
      open.remove(action);
      send(windowMs, batch.checks);
    }
    return answer.future();
  }

  private void send(long windowMs, List<Check> checks) {
    List<String> keys = new ArrayList<>();
    List<String> args = new ArrayList<>(4 + checks.size() * 3);
    args.add(Long.toString(windowMs));
    args.add(Integer.toString(leases.minHeadroom()));
    args.add(Double.toString(leases.share()));
    args.add(Integer.toString(checks.size()));
    for (Check check : checks) {
      keys.addAll(check.keys());
      args.add(Integer.toString(check.want()));
      args.add(Integer.toString(check.keys().size()));
      args.addAll(check.limits());
    }
    calls.increment();
    redis.eval(SCRIPT, keys, args).onComplete(result -> {
      for (int i = 0; i < checks.size(); i++) {
        Promise<Leases.Grant> answer = checks.get(i).answer();
        if (result.failed()) {
          answer.fail(result.cause());
        } else {
          answer.complete(grant(result.result(), i * 3));
        }
      }
    });
  }

  public Future<Void> check(String action, Subject subject, String value) {
    Map<Subject, String> subjects = new LinkedHashMap<>();
    subjects.put(subject, value);
    return check(action, subjects);
  }

  private static Leases.Grant grant(Response response, int at) {
    if (response.get(at).toInteger() == 0) {
      return new Leases.Grant(null, response.get(at + 1).toInteger(), response.get(at + 2).toLong());
    }
    return new Leases.Grant(tooMany(response.get(at + 1).toLong()), 0, 0);
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

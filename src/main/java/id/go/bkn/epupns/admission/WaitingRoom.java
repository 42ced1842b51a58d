package id.go.bkn.epupns.admission;

import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.redis.RedisStore;
import io.vertx.core.Future;
import io.vertx.redis.client.Response;

import java.time.Clock;
import java.util.List;

/**
 * The queue and the admitted set in Redis, shared by every instance. Each operation is one Lua
 * script, so the global limit is never exceeded by two instances admitting at once. All keys
 * carry the hash tag {wr}: one slot, so the scripts also run on Redis Cluster.
 * <ul>
 * <li>queue: sorted set place → arrival number (FIFO);</li>
 * <li>seen: place → last poll (ms); a place not polled for abandonSeconds is dropped;</li>
 * <li>active: admitted place → last activity (ms); idle longer than idleSeconds is dropped;</li>
 * <li>limit: hash {limit, changedAt, pending}: the adaptive limit on admitted places, and the worst
 * gradient reported since it last changed;</li>
 * <li>stats: hash {rate, ts, admitted}: admissions per second, decayed exponentially.</li>
 * </ul>
 */
final class WaitingRoom {

  // The time every script goes by, in ms: its last argument, or (when that is -1) the Redis server's clock.
  private static final String NOW = """
      local now = tonumber(ARGV[#ARGV])
      if now < 0 then
        local t = redis.call('TIME')
        now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      end
      """;

  // Shared prologue: the clock, purge of idle admissions and abandoned places, current limit.
  private static final String PROLOGUE = NOW + """
      redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - tonumber(ARGV[2]))
      local gone = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[3]), 'LIMIT', 0, 200)
      for _, p in ipairs(gone) do
        redis.call('ZREM', KEYS[1], p)
        redis.call('ZREM', KEYS[2], p)
      end
      local limit = tonumber(redis.call('HGET', KEYS[4], 'limit') or ARGV[4])
      if limit > tonumber(ARGV[5]) then limit = tonumber(ARGV[5]) end
      local function rateNow()
        local rate = tonumber(redis.call('HGET', KEYS[5], 'rate') or '0')
        local ts = tonumber(redis.call('HGET', KEYS[5], 'ts') or now)
        return rate * math.exp(-(now - ts) / tonumber(ARGV[6]))
      end
      """;

  // ENTER: ARGV[1] place, [2] idleMs, [3] abandonMs, [4] initial limit, [5] ceiling, [6] rate tau ms, [7] now.
  // Returns {admitted 1/0, position, queue length, active, limit, rate per second as text}.
  private static final String ENTER = PROLOGUE + """
      local place = ARGV[1]
      if redis.call('ZSCORE', KEYS[3], place) then
        redis.call('ZADD', KEYS[3], now, place)
        return {1, 0, redis.call('ZCARD', KEYS[1]), redis.call('ZCARD', KEYS[3]), limit, tostring(rateNow())}
      end
      if not redis.call('ZSCORE', KEYS[1], place) then
        redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[6]), place)
      end
      redis.call('ZADD', KEYS[2], now, place)
      local active = redis.call('ZCARD', KEYS[3])
      local free = limit - active
      local rank = redis.call('ZRANK', KEYS[1], place)
      if rank < free then
        redis.call('ZREM', KEYS[1], place)
        redis.call('ZREM', KEYS[2], place)
        redis.call('ZADD', KEYS[3], now, place)
        local rate = rateNow() + 1000 / tonumber(ARGV[6])
        redis.call('HSET', KEYS[5], 'rate', tostring(rate), 'ts', now)
        redis.call('HINCRBY', KEYS[5], 'admitted', 1)
        return {1, 0, redis.call('ZCARD', KEYS[1]), active + 1, limit, tostring(rate)}
      end
      return {0, rank - free + 1, redis.call('ZCARD', KEYS[1]), active, limit, tostring(rateNow())}
      """;

  // TOUCH: an admitted place is still active (never re-admits a place that idled out).
  // ARGV[1] place, [2] now. Returns 1 when still admitted.
  private static final String TOUCH = NOW + """
      if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
        redis.call('ZADD', KEYS[1], now, ARGV[1])
        return 1
      end
      return 0
      """;

  // LEAVE: ARGV[1] place; gone from the queue and the admitted set.
  private static final String LEAVE = """
      redis.call('ZREM', KEYS[1], ARGV[1])
      redis.call('ZREM', KEYS[2], ARGV[1])
      redis.call('ZREM', KEYS[3], ARGV[1])
      return 1
      """;

  // ADJUST: ARGV[1..6] as ENTER (ARGV[1] unused), [7] this instance's gradient (0.5..1, -1 none; see
  // GradientLimit), [8] min ms between changes, [9] min limit, [10] least increase, [11] largest cut percent,
  // [12] now.
  // Every instance reports; the worst report since the last decision decides (kept in 'pending'), at most one
  // change per interval over all instances. Gradient below 1: limit x gradient. Gradient 1: grows by
  // max(step, sqrt(limit)), Gradient2's queue allowance, only while the limit is in use.
  // Returns {limit, active, queue length, rate as text}.
  private static final String ADJUST = PROLOGUE + """
      local active = redis.call('ZCARD', KEYS[3])
      local changed = tonumber(redis.call('HGET', KEYS[4], 'changedAt') or '0')
      local g = tonumber(ARGV[7])
      local pending = tonumber(redis.call('HGET', KEYS[4], 'pending') or '-1')
      if g >= 0 and (pending < 0 or g < pending) then pending = g end
      local next = limit
      if now - changed >= tonumber(ARGV[8]) and pending >= 0 then
        if pending < 1 then
          local cut = math.max(pending, (100 - tonumber(ARGV[11])) / 100)
          next = math.max(tonumber(ARGV[9]), math.floor(limit * cut))
        elseif active >= limit * 0.9 then
          next = math.min(tonumber(ARGV[5]), limit + math.max(tonumber(ARGV[10]), math.floor(math.sqrt(limit))))
        end
      end
      local decided = now - changed >= tonumber(ARGV[8]) and pending >= 0
      if next ~= limit then
        limit = next
        redis.call('HSET', KEYS[4], 'limit', limit, 'changedAt', now, 'pending', -1)
      elseif decided then
        redis.call('HSET', KEYS[4], 'pending', -1)
      else
        redis.call('HSET', KEYS[4], 'pending', tostring(pending))
      end
      return {limit, active, redis.call('ZCARD', KEYS[1]), tostring(rateNow())}
      """;

  private final RedisStore redis;
  private final AdmissionSettings settings;
  private final List<String> keys;
  /** null: the Redis server's clock (TIME), one clock for every instance. */
  private final Clock clock;

  WaitingRoom(RedisStore redis, AdmissionSettings settings) {
    this(redis, settings, null);
  }

  /**
   * With a clock of the caller's instead of the Redis server's: a test steps it over an interval rather than waiting
   * for the interval to pass. Every instance of a room must then use the same clock.
   */
  WaitingRoom(RedisStore redis, AdmissionSettings settings, Clock clock) {
    this.redis = redis;
    this.settings = settings;
    this.clock = clock;
    this.keys = List.of(redis.key("{wr}", "queue"), redis.key("{wr}", "seen"), redis.key("{wr}", "active"),
        redis.key("{wr}", "limit"), redis.key("{wr}", "stats"), redis.key("{wr}", "seq"));
  }

  /** The answer to one enter or poll. */
  record Place(boolean admitted, long position, long waiting, long active, long limit, double ratePerSecond) {
  }

  /** Where the room stands (for the metrics). */
  record State(long limit, long active, long waiting, double ratePerSecond) {
  }

  Future<Place> enter(String place) {
    List<String> args = new java.util.ArrayList<>(common(place));
    args.add(now());
    return redis.eval(ENTER, keys, args).map(r -> new Place(r.get(0).toInteger() == 1, r.get(1).toLong(),
        r.get(2).toLong(), r.get(3).toLong(), r.get(4).toLong(), Double.parseDouble(r.get(5).toString())))
        .recover(WaitingRoom::closed);
  }

  Future<Boolean> touch(String place) {
    return redis.eval(TOUCH, List.of(keys.get(2)), List.of(place, now())).map(r -> r.toInteger() > 0)
        .recover(WaitingRoom::closed);
  }

  Future<Void> leave(String place) {
    return redis.eval(LEAVE, keys.subList(0, 3), List.of(place)).<Void>mapEmpty().recover(WaitingRoom::closed);
  }

  /** gradient: this instance's {@link GradientLimit#gradient()}, in [0.5, 1], or -1 (nothing measured). */
  Future<State> adjust(double gradient) {
    List<String> args = new java.util.ArrayList<>(common(""));
    args.add(Double.toString(gradient));
    args.add(Long.toString(settings.adjustSeconds() * 1000L));
    args.add(Integer.toString(settings.minLimit()));
    args.add(Integer.toString(settings.increaseStep()));
    args.add(Integer.toString(settings.decreasePercent()));
    args.add(now());
    return redis.eval(ADJUST, keys, args).map(r -> new State(r.get(0).toLong(), r.get(1).toLong(), r.get(2).toLong(),
        Double.parseDouble(r.get(3).toString())));
  }

  /** The scripts' last argument: the caller's clock in ms, or -1 for the Redis server's. */
  private String now() {
    return clock == null ? "-1" : Long.toString(clock.millis());
  }

  private List<String> common(String place) {
    return List.of(place, Long.toString(settings.idleSeconds() * 1000L), Long.toString(settings.abandonSeconds() * 1000L),
        Integer.toString(settings.initialLimit()), Integer.toString(settings.ceiling()),
        // Admission rate averaged over about a minute: steady enough to estimate waits from.
        "60000");
  }

  /** Redis down: nobody is admitted (fail closed), with a message that says so. */
  static <T> Future<T> closed(Throwable failure) {
    if (failure instanceof ApiError error && error.status() == 503) {
      return Future.failedFuture(new ApiError(503, "SERVICE_UNAVAILABLE",
          "Ruang tunggu sedang tidak dapat dihubungi, jadi belum ada yang dapat masuk. "
              + "Silakan coba lagi beberapa saat lagi; halaman ini mencoba sendiri.")
          .withHeader("Retry-After", "30"));
    }
    return Future.failedFuture(failure);
  }
}

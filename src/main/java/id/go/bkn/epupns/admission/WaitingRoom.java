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
 * <li>seen: place → when it was told to poll again (ms), beyond pollSeconds; a place that let
 * abandonSeconds more pass without polling is dropped;</li>
 * <li>active: admitted place → last activity (ms); idle longer than idleSeconds is dropped;</li>
 * <li>since: admitted place → when it was admitted (ms), for the length of the sessions;</li>
 * <li>limit: hash {limit, changedAt, pending}: the adaptive limit on admitted places, and the worst
 * gradient reported since it last changed;</li>
 * <li>stats: hash {rate, ts, admitted, hold, sinceSum}: admissions per second, decayed exponentially; how
 * long an admitted place is held (ms, from admission until it is given back or idles out), averaged over
 * the last sessions; the sum of the admission times in since (seconds), for the mean age of the places held now.</li>
 * </ul>
 * The wait estimate and the poll interval are made here too, in the enter script, since the place's
 * abandonment deadline depends on when it is told to poll.
 */
final class WaitingRoom {

  /** How much a finished session moves the mean hold time: about the last twenty sessions count. */
  static final double HOLD_WEIGHT = 0.1;
  /** A waiting place polls again after this share of its estimated wait (within pollSeconds..maxPollSeconds). */
  static final double POLL_SHARE = 0.2;

  // The time every script goes by, in ms: its last argument, or (when that is -1) the Redis server's clock.
  private static final String NOW = """
      local now = tonumber(ARGV[#ARGV])
      if now < 0 then
        local t = redis.call('TIME')
        now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      end
      """;
  // ended(place, at): an admitted place was given back (or idled out) at `at`; its hold time joins the
  // mean (exponential, weight HOLD_WEIGHT: about the last twenty sessions).
  private static final String ENDED = """
      local function ended(p, at)
        local since = tonumber(redis.call('HGET', KEYS[7], p) or '-1')
        redis.call('HDEL', KEYS[7], p)
        if since < 0 then return end
        redis.call('HINCRBYFLOAT', KEYS[5], 'sinceSum', -since / 1000)
        local held = math.max(0, at - since)
        local mean = tonumber(redis.call('HGET', KEYS[5], 'hold') or '-1')
        if mean < 0 then mean = held else mean = mean + (held - mean) * %s end
        redis.call('HSET', KEYS[5], 'hold', tostring(mean))
      end
      """.formatted(HOLD_WEIGHT);
  // Shared prologue: the clock, purge of idle admissions and abandoned places, current limit.
  private static final String PROLOGUE = NOW + ENDED + """
      local idleMs = tonumber(ARGV[2])
      local idle = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now - idleMs, 'WITHSCORES', 'LIMIT', 0, 200)
      for i = 1, #idle, 2 do
        redis.call('ZREM', KEYS[3], idle[i])
        ended(idle[i], tonumber(idle[i + 1]) + idleMs)
      end
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

  // ENTER: ARGV[1] place, [2] idleMs, [3] abandonMs, [4] initial limit, [5] ceiling, [6] rate tau ms,
  // [7] pollSeconds (the shortest poll interval), [8] maxPollSeconds, [9] now.
  // Returns {admitted 1/0, position, queue length, active, limit, rate per second as text,
  // estimated wait in seconds as text (-1: nothing to estimate from), poll after seconds}.
  // The estimate is the more pessimistic of two: position ÷ the admission rate of about the last minute
  // (lags when the rate falls), and position × the mean hold time ÷ the limit (places free at limit ÷ hold
  // per second once the room is full; follows a cut limit at once and longer sessions as they end). The mean
  // hold time is at least the mean age of the places held now: early in a surge the first sessions to end
  // are the short ones, while the long ones still hold their places.
  // A place far from the front is told to poll rarely: a POLL_SHARE of its estimated wait, between
  // pollSeconds and maxPollSeconds; its abandonment deadline moves by the same extra time.
  private static final String ENTER = PROLOGUE + """
      local place = ARGV[1]
      if redis.call('ZSCORE', KEYS[3], place) then
        redis.call('ZADD', KEYS[3], now, place)
        return {1, 0, redis.call('ZCARD', KEYS[1]), redis.call('ZCARD', KEYS[3]), limit, tostring(rateNow()), '-1', 0}
      end
      if not redis.call('ZSCORE', KEYS[1], place) then
        redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[6]), place)
      end
      local active = redis.call('ZCARD', KEYS[3])
      local free = limit - active
      local rank = redis.call('ZRANK', KEYS[1], place)
      if rank < free then
        redis.call('ZREM', KEYS[1], place)
        redis.call('ZREM', KEYS[2], place)
        redis.call('ZADD', KEYS[3], now, place)
        redis.call('HSET', KEYS[7], place, now)
        redis.call('HINCRBYFLOAT', KEYS[5], 'sinceSum', now / 1000)
        local rate = rateNow() + 1000 / tonumber(ARGV[6])
        redis.call('HSET', KEYS[5], 'rate', tostring(rate), 'ts', now)
        redis.call('HINCRBY', KEYS[5], 'admitted', 1)
        return {1, 0, redis.call('ZCARD', KEYS[1]), active + 1, limit, tostring(rate), '-1', 0}
      end
      local position = rank - free + 1
      local rate = rateNow()
      local wait = -1
      if rate >= 0.01 then wait = position / rate end
      local hold = tonumber(redis.call('HGET', KEYS[5], 'hold') or '-1')
      local held = redis.call('HLEN', KEYS[7])
      if held > 0 then
        local age = now - tonumber(redis.call('HGET', KEYS[5], 'sinceSum') or '0') / held * 1000
        if age > hold then hold = age end
      end
      if hold >= 0 then wait = math.max(wait, position * hold / 1000 / math.max(limit, 1)) end
      local minPoll = tonumber(ARGV[7])
      local poll = minPoll
      if wait > 0 then poll = math.min(tonumber(ARGV[8]), math.max(minPoll, math.floor(wait * %s + 0.5))) end
      redis.call('ZADD', KEYS[2], now + (poll - minPoll) * 1000, place)
      return {0, position, redis.call('ZCARD', KEYS[1]), active, limit, tostring(rate), tostring(wait), poll}
      """.formatted(POLL_SHARE);

  // TOUCH: an admitted place is still active (never re-admits a place that idled out).
  // ARGV[1] place, [2] now. Returns 1 when still admitted.
  private static final String TOUCH = NOW + """
      if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
        redis.call('ZADD', KEYS[1], now, ARGV[1])
        return 1
      end
      return 0
      """;

  // LEAVE: ARGV[1] place, [2] now; gone from the queue and the admitted set (a session that ends: its hold time
  // counts).
  private static final String LEAVE = NOW + ENDED + """
      redis.call('ZREM', KEYS[1], ARGV[1])
      redis.call('ZREM', KEYS[2], ARGV[1])
      if redis.call('ZREM', KEYS[3], ARGV[1]) == 1 then ended(ARGV[1], now) end
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
        redis.key("{wr}", "limit"), redis.key("{wr}", "stats"), redis.key("{wr}", "seq"),
        redis.key("{wr}", "since"));
  }

  /**
   * The answer to one enter or poll: waiting places also get the estimated wait (seconds, negative when
   * there is nothing to estimate from) and when to poll again.
   */
  record Place(boolean admitted, long position, long waiting, long active, long limit, double ratePerSecond,
               double estimatedWaitSeconds, int pollAfterSeconds) {
  }

  /** Where the room stands (for the metrics). */
  record State(long limit, long active, long waiting, double ratePerSecond) {
  }

  Future<Place> enter(String place) {
    List<String> args = new java.util.ArrayList<>(common(place));
    args.add(Integer.toString(settings.pollSeconds()));
    args.add(Integer.toString(settings.maxPollSeconds()));
    args.add(now());
    return redis.eval(ENTER, keys, args).map(r -> new Place(r.get(0).toInteger() == 1, r.get(1).toLong(),
        r.get(2).toLong(), r.get(3).toLong(), r.get(4).toLong(), Double.parseDouble(r.get(5).toString()),
        Double.parseDouble(r.get(6).toString()), r.get(7).toInteger()))
        .recover(WaitingRoom::closed);
  }

  Future<Boolean> touch(String place) {
    return redis.eval(TOUCH, List.of(keys.get(2)), List.of(place, now())).map(r -> r.toInteger() > 0)
        .recover(WaitingRoom::closed);
  }

  Future<Void> leave(String place) {
    return redis.eval(LEAVE, keys, List.of(place, now())).<Void>mapEmpty().recover(WaitingRoom::closed);
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

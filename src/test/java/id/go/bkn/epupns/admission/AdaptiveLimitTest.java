package id.go.bkn.epupns.admission;

import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.redis.RedisStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static id.go.bkn.epupns.testing.TestService.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The adaptive limit on real Redis: down by the reported gradient (at most decreasePercent) when slower, up by
 * increaseStep only while the limit is in use, never past the ceiling or below the minimum, at
 * most one change per interval whatever the number of instances; and the global limit holds when
 * many entries race. The interval passes on a clock the test steps ({@link SteppedClock}, handed to the room in
 * place of the Redis server's), not by waiting for it. And the wait estimate: the more pessimistic of the admission
 * rate and the limit with the measured session length, with far places told to poll rarely (state seeded in Redis
 * on the Redis server's clock, which those rooms use: no sleeps).
 */
class AdaptiveLimitTest {

  static Vertx vertx;
  static String prefix = "t_adaptivelimit_" + Long.toHexString(System.nanoTime());
  static List<RedisStore> stores = new java.util.ArrayList<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    stores.forEach(RedisStore::close);
    await(vertx.close());
    id.go.bkn.epupns.testing.RedisKeys.deleteWithPrefix(prefix);
  }

  /** A store of this test's own room (each test its own), as one instance of the service sees it. */
  private static RedisStore store(String room) {
    RedisStore store = RedisStore.create(vertx, new AppConfig(new JsonObject().put("redis", new JsonObject()
        .put("mode", "STANDALONE").put("url", "redis://127.0.0.1:6379/0").put("endpoints", "")
        .put("masterName", "x").put("keyPrefix", prefix + ":" + room + ":").put("poolSize", 4))));
    stores.add(store);
    return store;
  }

  private static AdmissionSettings settings(int initial, int min, int ceiling, int adjustSeconds) {
    return new AdmissionSettings(true, Map.of("registration", List.of("/x")), Set.of("registration"), initial, min,
        ceiling, 300, adjustSeconds, 5, 20, 600, 20, 5, 30,
        List.of(new GradientLimit.LatencyClass("other", List.of(), 300)));
  }

  /** A clock the test moves by hand: an interval passes when the test says so, not by waiting for it. */
  static final class SteppedClock extends Clock {
    private final AtomicLong millis = new AtomicLong(Instant.parse("2015-09-01T09:00:00Z").toEpochMilli());

    void advance(Duration by) {
      millis.addAndGet(by.toMillis());
    }

    @Override
    public long millis() {
      return millis.get();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this; // the room reads instants only
    }
  }

  @Test
  void gradientWithinMinimumAndCeilingOneChangePerInterval() {
    SteppedClock clock = new SteppedClock();
    // adjustSeconds 1; idle and abandon times (300 s, 20 s) are far longer than the steps below.
    WaitingRoom room = new WaitingRoom(store("gradient"), settings(10, 6, 12, 1), clock);
    WaitingRoom second = new WaitingRoom(store("gradient"), settings(10, 6, 12, 1), clock);
    Duration almost = Duration.ofMillis(999);
    assertEquals(8, await(room.adjust(0.5)).limit(), "slower: 10 x gradient, one cut at most decreasePercent (20 %)");
    assertEquals(8, await(second.adjust(0.5)).limit(), "a second instance in the same interval changes nothing");
    clock.advance(almost);
    assertEquals(8, await(second.adjust(0.9)).limit(), "nor one a moment before the interval has passed");
    clock.advance(Duration.ofMillis(1));
    assertEquals(6, await(room.adjust(0.9)).limit(),
        "the worst report since the last change decides: 8 x 0.8 = 6.4, floored; the minimum is 6");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(6, await(room.adjust(0.5)).limit(), "never below the minimum");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(6, await(room.adjust(1)).limit(), "as fast as usual but nobody admitted: the limit is not in use");
    for (int i = 0; i < 6; i++) {
      assertTrue(await(room.enter("p" + i)).admitted());
    }
    assertTrue(!await(room.enter("p6")).admitted(), "the seventh waits");
    assertEquals(11, await(room.adjust(1)).limit(), "in use and fast: + max(increaseStep, sqrt(limit))");
    for (int i = 6; i < 11; i++) {
      assertTrue(await(room.enter("p" + i)).admitted(), "p" + i);
    }
    assertEquals(11, await(room.adjust(1)).limit(), "in the same interval: no second increase");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(12, await(room.adjust(1)).limit(), "capped by the ceiling");
  }

  @Test
  void aLargeLimitGrowsByItsSquareRoot() {
    WaitingRoom room = new WaitingRoom(store("sqrt"), settings(100, 10, 1000, 1));
    for (int i = 0; i < 100; i++) {
      assertTrue(await(room.enter("q" + i)).admitted());
    }
    assertEquals(110, await(room.adjust(1)).limit(), "100 + sqrt(100), more than the step of 5");
  }

  @Test
  void racingEntriesNeverExceedTheLimit() {
    // Two instances (two stores, two connections) of one room.
    WaitingRoom room = new WaitingRoom(store("race"), settings(25, 1, 25, 60));
    WaitingRoom second = new WaitingRoom(store("race"), settings(25, 1, 25, 60));
    List<io.vertx.core.Future<WaitingRoom.Place>> entries = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      entries.add((i % 2 == 0 ? room : second).enter("race" + i));
    }
    await(io.vertx.core.Future.all(entries));
    long admitted = entries.stream().filter(f -> f.result().admitted()).count();
    assertEquals(25, admitted, "exactly the limit admitted, never more");
    assertEquals(25, await(room.adjust(-1)).active());
    assertEquals(175, await(second.adjust(-1)).waiting(), "everyone else waits, in one queue");
  }

  /** Runs a line of Lua on the room's keys (1 queue, 2 seen, 3 active, 5 stats, 7 since) with `now` the Redis clock. */
  private static String redis(RedisStore store, String lua, String... args) {
    List<String> keys = java.util.stream.Stream.of("queue", "seen", "active", "limit", "stats", "seq", "since")
        .map(k -> store.key("{wr}", k)).toList();
    io.vertx.redis.client.Response r = await(store.eval("""
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        """ + lua, keys, List.of(args)));
    return r == null ? null : r.toString();
  }

  /** An admitted place as if admitted {@code ms} ago (its admission time and the sum of them). */
  private static void backdate(RedisStore store, String place, long ms) {
    redis(store, "redis.call('HSET', KEYS[7], ARGV[1], tonumber(redis.call('HGET', KEYS[7], ARGV[1])) - ARGV[2])"
        + " redis.call('HINCRBYFLOAT', KEYS[5], 'sinceSum', -ARGV[2] / 1000)", place, Long.toString(ms));
  }

  @Test
  void sessionsStillRunningCountBeforeAnyHasEnded() {
    RedisStore store = store("running");
    WaitingRoom room = new WaitingRoom(store, settings(2, 1, 2, 60));
    assertTrue(await(room.enter("a")).admitted());
    assertTrue(await(room.enter("b")).admitted());
    // Both admitted 90 s ago, still busy; two admissions in the last minute say 1 ÷ (2/60 s) = 30 s, but the places
    // have been held 90 s on average already and nobody has left: 1 × 90 s ÷ 2 = 45 s.
    backdate(store, "a", 90_000);
    backdate(store, "b", 90_000);
    WaitingRoom.Place c = await(room.enter("c"));
    assertEquals(45, c.estimatedWaitSeconds(), 0.5);
    assertEquals(9, c.pollAfterSeconds());
  }

  @Test
  void theWaitFollowsACutLimitAndTheSessionLengthWhereTheRecentRateLags() {
    RedisStore store = store("estimate");
    WaitingRoom room = new WaitingRoom(store, settings(2, 1, 2, 60));
    assertTrue(await(room.enter("p0")).admitted());
    assertTrue(await(room.enter("p1")).admitted());
    WaitingRoom.Place first = await(room.enter("w1"));
    assertEquals(1, first.position());
    // Two admissions in the last minute, no session over yet: position ÷ rate = 1 ÷ (2/60 s).
    assertEquals(30, first.estimatedWaitSeconds(), 0.5);
    assertEquals(6, first.pollAfterSeconds(), "a fifth of the estimate");
    await(room.enter("w2"));
    await(room.enter("w3"));

    // p0 was admitted two minutes ago and leaves now: sessions hold a place for 120 s.
    backdate(store, "p0", 120_000);
    await(room.leave("p0"));
    assertEquals(120_000, Double.parseDouble(redis(store, "return redis.call('HGET', KEYS[5], 'hold')")), 500);
    assertTrue(await(room.enter("w1")).admitted(), "the freed place goes to the first in line");
    WaitingRoom.Place next = await(room.enter("w2"));
    assertEquals(1, next.position());
    // Three admissions a minute say 20 s; two places freeing every 120 s say 60 s: the more pessimistic counts.
    assertEquals(60, next.estimatedWaitSeconds(), 0.5);
    assertEquals(12, next.pollAfterSeconds());
    assertEquals(60L, (long) AdmissionRoutes.estimate(next));

    // The limit is cut to 1 (as adjust does): the recent rate still says 2 ÷ (3/60 s) = 40 s, but places now free
    // one every 120 s behind the one admitted too many: 2 × 120 s.
    redis(store, "redis.call('HSET', KEYS[4], 'limit', 1)");
    WaitingRoom.Place cut = await(room.enter("w2"));
    assertEquals(2, cut.position());
    assertEquals(240, cut.estimatedWaitSeconds(), 1);
    assertEquals(30, cut.pollAfterSeconds(), "far from the front: at most maxPollSeconds");
    // Told to poll after 30 s instead of 5: its place is given up only abandonSeconds after that.
    long deadline = Long.parseLong(redis(store, "return redis.call('ZSCORE', KEYS[2], 'w2') - now"));
    assertTrue(deadline > 24_000 && deadline <= 25_000, "seen " + deadline + " ms ahead");

    // Short sessions but a rate fallen low: the rate is the more pessimistic and decides.
    redis(store, "redis.call('HSET', KEYS[5], 'hold', 3000, 'rate', 0.05, 'ts', now)");
    WaitingRoom.Place slow = await(room.enter("w2"));
    assertEquals(40, slow.estimatedWaitSeconds(), 0.5, "2 ÷ 0.05/s, above 2 × 3 s ÷ 1");
    assertEquals(8, slow.pollAfterSeconds());
  }

  @Test
  void anIdledOutSessionCountsUntilItsIdleTimeRanOutAndNothingToGoOnGivesNoEstimate() {
    RedisStore store = store("idle");
    WaitingRoom room = new WaitingRoom(store, settings(1, 1, 1, 60));
    assertTrue(await(room.enter("a")).admitted());
    // "a" as admitted before admission times were kept, nobody admitted lately and no session over: no number is
    // made up, and the page polls at the usual pace.
    redis(store, "redis.call('HDEL', KEYS[7], 'a') redis.call('HSET', KEYS[5], 'sinceSum', 0, 'rate', 0, 'ts', now)");
    WaitingRoom.Place unknown = await(room.enter("b"));
    assertTrue(unknown.estimatedWaitSeconds() < 0);
    assertEquals(null, AdmissionRoutes.estimate(unknown));
    assertEquals(5, unknown.pollAfterSeconds());
    // "a" was admitted 700 s ago and last active 650 s ago (idleSeconds 600): purged on the next call, having held
    // its place from admission until its idle time ran out 50 s ago: 650 s.
    redis(store, "redis.call('HSET', KEYS[7], 'a', now - 700000)"
        + " redis.call('HINCRBYFLOAT', KEYS[5], 'sinceSum', (now - 700000) / 1000)"
        + " redis.call('ZADD', KEYS[3], now - 650000, 'a')");
    assertTrue(await(room.enter("b")).admitted());
    assertEquals(650_000, Double.parseDouble(redis(store, "return redis.call('HGET', KEYS[5], 'hold')")), 100);
    assertEquals(null, redis(store, "return redis.call('HGET', KEYS[7], 'a')"), "no admission time left behind");
  }

}

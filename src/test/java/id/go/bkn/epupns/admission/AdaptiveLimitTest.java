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
 * place of the Redis server's), not by waiting for it.
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
        ceiling, 300, adjustSeconds, 5, 20, 600, 20, 5,
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
      throw new UnsupportedOperationException();
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
}

package id.go.bkn.epupns.ratelimit;

import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.redis.RedisStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static id.go.bkn.epupns.testing.TestService.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The limiter against the real Redis: at most the limit in <em>any</em> window, also across what
 * would be a fixed window's edge (where a fixed window lets nearly twice the limit through), and the
 * wait said in minutes.
 */
class SlidingWindowTest {

  static final int LIMIT = 5;
  static Vertx vertx;
  static RedisStore redis;
  static RateLimiter limiter;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    AppConfig config = new AppConfig(new JsonObject()
        .put("redis", new JsonObject().put("url", "redis://127.0.0.1:6379/0").put("poolSize", 4)
            .put("keyPrefix", "t_sliding_" + UUID.randomUUID() + ":"))
        .put("rateLimit", new JsonObject().put("burst", new JsonObject().put("windowSeconds", 1).put("perIp", LIMIT))));
    redis = RedisStore.create(vertx, config);
    limiter = new RateLimiter(config, redis, new SimpleMeterRegistry());
  }

  @AfterAll
  static void stop() {
    redis.close();
    await(vertx.close());
  }

  /** One accepted request, as the client saw it: the server accepted it between these two instants. */
  record Accepted(long sentNanos, long answeredNanos) {
  }

  private static boolean accepted(List<Accepted> log) {
    long sent = System.nanoTime();
    try {
      await(limiter.check("burst", RateLimiter.Subject.IP, "10.9.9.9"));
      log.add(new Accepted(sent, System.nanoTime()));
      return true;
    } catch (IllegalStateException e) {
      assertTrue(e.getCause() instanceof ApiError api && api.status() == 429, String.valueOf(e.getCause()));
      return false;
    }
  }

  @Test
  void neverMoreThanTheLimitInAnyWindowAlsoAcrossAFixedWindowsEdge() throws InterruptedException {
    List<Accepted> log = new ArrayList<>();
    // One request opens the window; the rest come just before and just after where it would end.
    assertTrue(accepted(log));
    Thread.sleep(850);
    long until = System.nanoTime() + 500_000_000L;
    while (System.nanoTime() < until) {
      accepted(log);
    }
    // Sound whatever the machine's speed: if more than LIMIT requests were accepted between one's
    // sending and another's answer less than a window apart, the server accepted too many.
    for (int i = 0; i + LIMIT < log.size(); i++) {
      long span = log.get(i + LIMIT).answeredNanos() - log.get(i).sentNanos();
      if (span < 1_000_000_000L) {
        fail((LIMIT + 1) + " requests accepted within " + span / 1_000_000 + " ms (window 1000 ms, limit " + LIMIT + ")");
      }
    }
    assertTrue(log.size() >= LIMIT, "the limit itself was let through: " + log.size());
  }

  @Test
  void theWaitIsSaidOnceInMinutes() {
    assertEquals("kurang dari 1 menit", RateLimiter.inWords(42));
    assertEquals("sekitar 1 menit", RateLimiter.inWords(60));
    assertEquals("sekitar 15 menit", RateLimiter.inWords(875));
    assertEquals("sekitar 10 menit", RateLimiter.inWords(600));
    assertEquals("sekitar 60 menit", RateLimiter.inWords(3600));
    ApiError error = RateLimiter.tooMany(875);
    assertEquals("Terlalu banyak permintaan. Silakan tunggu sekitar 15 menit lalu coba lagi.", error.getMessage());
    assertEquals("875", error.headers().get("Retry-After"));
  }
}

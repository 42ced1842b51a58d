package id.go.bkn.epupns.ratelimit;

import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.redis.RedisStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static id.go.bkn.epupns.testing.TestService.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Leases against the real Redis, with three limiters as three instances sharing it: a raised limit is
 * never exceeded in its window whatever the instances hold, it costs far fewer round trips than
 * requests, and a small limit (the ones people meet) stays exact, one round trip each.
 */
class LeaseTest {

  static final int RAISED = 4000;
  static final int SMALL = 30;
  static final int MAX_LEASE = 64;
  static Vertx vertx;
  static final List<RedisStore> stores = new ArrayList<>();
  static final List<RateLimiter> instances = new ArrayList<>();
  static final List<SimpleMeterRegistry> registries = new ArrayList<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    AppConfig config = new AppConfig(new JsonObject()
        .put("redis", new JsonObject().put("url", "redis://127.0.0.1:6379/0").put("poolSize", 4)
            .put("keyPrefix", "t_lease_" + UUID.randomUUID() + ":"))
        .put("rateLimit", new JsonObject()
            // A long window: the whole test runs inside one, so every accepted request counts against it.
            .put("raised", new JsonObject().put("windowSeconds", 600).put("perIp", RAISED))
            .put("small", new JsonObject().put("windowSeconds", 600).put("perIp", SMALL))
            .put("lease", new JsonObject().put("max", MAX_LEASE).put("minHeadroom", 500).put("share", 0.05))));
    for (int i = 0; i < 3; i++) {
      RedisStore store = RedisStore.create(vertx, config);
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      stores.add(store);
      registries.add(registry);
      instances.add(new RateLimiter(config, store, registry));
    }
  }

  @AfterAll
  static void stop() {
    stores.forEach(RedisStore::close);
    await(vertx.close());
  }

  /** Offers requests in rounds of concurrent checks spread over the instances; returns how many were let through. */
  private static int offer(String action, String ip, int rounds, int perRound) {
    AtomicInteger accepted = new AtomicInteger();
    for (int round = 0; round < rounds; round++) {
      List<Future<Void>> checks = new ArrayList<>();
      for (int i = 0; i < perRound; i++) {
        RateLimiter instance = instances.get(i % instances.size());
        checks.add(instance.check(action, RateLimiter.Subject.IP, ip).transform(done -> {
          if (done.succeeded()) {
            accepted.incrementAndGet();
          } else if (!(done.cause() instanceof ApiError api && api.status() == 429)) {
            return Future.failedFuture(done.cause());
          }
          return Future.succeededFuture();
        }));
      }
      await(Future.all(checks));
    }
    return accepted.get();
  }

  private static double counted(String name) {
    return registries.stream().mapToDouble(r -> r.counter(name).count()).sum();
  }

  @Test
  void aRaisedLimitHoldsAcrossInstancesWithFewRoundTrips() {
    double leasedBefore = counted("epupns_rate_limit_leased");
    // Far more than the limit, from one address, through three instances at once.
    int accepted = offer("raised", "10.1.1.1", 60, 100);
    double leased = counted("epupns_rate_limit_leased") - leasedBefore;
    assertTrue(accepted <= RAISED, accepted + " let through, limit " + RAISED);
    // What the instances still hold unused when the limit is reached is lost, at most a lease each.
    assertTrue(accepted >= RAISED - instances.size() * MAX_LEASE, "only " + accepted + " of " + RAISED + " let through");
    // Most requests were let through without a round trip of their own.
    assertTrue(leased >= accepted * 0.75, leased + " of " + accepted + " from a lease");
    // Past the limit, every instance refuses with the wait, also from a lease it might still think it holds.
    for (RateLimiter instance : instances) {
      IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
          () -> await(instance.check("raised", RateLimiter.Subject.IP, "10.1.1.1")));
      assertTrue(refused.getCause() instanceof ApiError api && api.status() == 429, String.valueOf(refused.getCause()));
    }
    // Redis counted exactly what was let through plus what the instances hold unused: never fewer.
    long inRedis = await(stores.get(0).eval("local s = 0 for _, v in ipairs(redis.call('HVALS', KEYS[1])) do s = s + v end return s",
        List.of(stores.get(0).key("swc", "{raised}", "ip", "10.1.1.1")), List.of())).toLong();
    assertTrue(inRedis >= accepted && inRedis <= RAISED, inRedis + " counted in Redis, " + accepted + " let through");
  }

  /** Checks made in one turn of an event loop, as the requests of one read from the network are. */
  private static List<Boolean> inOneTurn(RateLimiter instance, String action, List<String> ips) {
    io.vertx.core.Promise<List<Boolean>> done = io.vertx.core.Promise.promise();
    vertx.runOnContext(v -> {
      List<Future<Boolean>> checks = new ArrayList<>();
      for (String ip : ips) {
        checks.add(instance.check(action, RateLimiter.Subject.IP, ip).transform(r -> r.succeeded() ? Future.succeededFuture(true)
            : r.cause() instanceof ApiError api && api.status() == 429 ? Future.succeededFuture(false) : Future.failedFuture(r.cause())));
      }
      Future.all(checks).map(all -> checks.stream().map(Future::result).toList()).onComplete(done);
    });
    return await(done.future());
  }

  @Test
  void theChecksOfOneTurnGoAsOneCallAndEachIsCountedOnItsOwn() {
    RateLimiter instance = instances.get(0);
    double callsBefore = registries.get(0).counter("epupns_rate_limit_redis_calls").count();
    // Fifty people at once, and one address asking more often than its limit in the same turn.
    List<String> ips = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ips.add("10.3.0." + i);
    }
    for (int i = 0; i < SMALL + 5; i++) {
      ips.add("10.3.1.1");
    }
    List<Boolean> let = inOneTurn(instance, "small", ips);
    assertEquals(1, registries.get(0).counter("epupns_rate_limit_redis_calls").count() - callsBefore, 0.0,
        "one script call for the turn");
    assertEquals(50, let.subList(0, 50).stream().filter(b -> b).count(), "everyone of the fifty let through");
    List<Boolean> repeated = let.subList(50, let.size());
    assertEquals(SMALL, repeated.stream().filter(b -> b).count(), "the repeating address gets exactly its limit");
    assertTrue(repeated.subList(0, SMALL).stream().allMatch(b -> b), "in the order asked");
    // Each subject counted once, in its own key.
    long counted = await(stores.get(0).eval("return redis.call('HVALS', KEYS[1])[1]",
        List.of(stores.get(0).key("swc", "{small}", "ip", "10.3.0.7")), List.of())).toLong();
    assertEquals(1, counted);
  }

  @Test
  void aSmallLimitStaysExactOneRoundTripEach() {
    double leasedBefore = counted("epupns_rate_limit_leased");
    int accepted = offer("small", "10.2.2.2", 4, 20);
    assertEquals(SMALL, accepted);
    assertEquals(0, counted("epupns_rate_limit_leased") - leasedBefore, 0.0);
  }
}

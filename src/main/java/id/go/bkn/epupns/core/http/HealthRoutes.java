package id.go.bkn.epupns.core.http;

import id.go.bkn.epupns.core.redis.RedisStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.util.concurrent.TimeUnit;

/** GET /health (readiness: PostgreSQL and Redis) and GET /metrics (Prometheus). */
public final class HealthRoutes implements Feature {

  private static final long CHECK_TIMEOUT_MS = 2000;

  private final Pool pool;
  private final RedisStore redis;
  private final PrometheusMeterRegistry registry;

  public HealthRoutes(Pool pool, RedisStore redis, PrometheusMeterRegistry registry) {
    this.pool = pool;
    this.redis = redis;
    this.registry = registry;
  }

  @Override
  public void mount(Router router) {
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(registry.scrape()));
  }

  private void health(RoutingContext ctx) {
    Future<Boolean> db = pool.query("select 1").execute().map(rows -> true)
        .timeout(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    Future<Boolean> cache = redis.ping().timeout(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    Future.join(db, cache).onComplete(done -> {
      JsonObject postgres = status(db);
      JsonObject redisStatus = status(cache);
      boolean up = db.succeeded() && Boolean.TRUE.equals(cache.result());
      ctx.response()
          .setStatusCode(up ? 200 : 503)
          .putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store")
          .end(new JsonObject()
              .put("status", up ? "UP" : "DOWN")
              .put("checks", new JsonObject().put("postgresql", postgres).put("redis", redisStatus))
              .encode());
    });
  }

  private static JsonObject status(Future<Boolean> check) {
    if (check.succeeded() && Boolean.TRUE.equals(check.result())) {
      return new JsonObject().put("status", "UP");
    }
    String reason = check.failed() ? String.valueOf(check.cause().getMessage()) : "unexpected answer";
    return new JsonObject().put("status", "DOWN").put("reason", reason);
  }
}

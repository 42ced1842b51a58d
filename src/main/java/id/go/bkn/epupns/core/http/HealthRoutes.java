package id.go.bkn.epupns.core.http;

import id.go.bkn.epupns.core.redis.RedisStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;

/**
 * Readiness (PostgreSQL and Redis) and Prometheus metrics. On the public port GET /health says only UP or DOWN
 * (200/503) and GET /metrics answers only with the management token (management.token) as a bearer token;
 * without a token configured it is 404 there. On the management port (management.port, bound to
 * management.host) GET /health names each dependency with the reason it is down, and GET /metrics is served
 * (with the token, when one is configured).
 */
public final class HealthRoutes implements Feature {

  private static final long CHECK_TIMEOUT_MS = 2000;

  private final Pool pool;
  private final RedisStore redis;
  private final PrometheusMeterRegistry registry;
  private final byte[] token;

  public HealthRoutes(Pool pool, RedisStore redis, PrometheusMeterRegistry registry, String managementToken) {
    this.pool = pool;
    this.redis = redis;
    this.registry = registry;
    this.token = managementToken == null || managementToken.isBlank() ? null
        : managementToken.getBytes(StandardCharsets.UTF_8);
  }

  /** The public port. */
  @Override
  public void mount(Router router) {
    router.get("/health").handler(ctx -> health(ctx, false));
    router.get("/metrics").handler(ctx -> {
      if (token == null) {
        ctx.fail(ApiError.notFound("Metrik hanya tersedia di port manajemen."));
        return;
      }
      metrics(ctx);
    });
  }

  /** The management port. */
  public void mountManagement(Router router) {
    router.get("/health").handler(ctx -> {
      if (token == null || authorized(ctx)) {
        health(ctx, true);
      } else {
        refuse(ctx);
      }
    });
    router.get("/metrics").handler(ctx -> {
      if (token == null) {
        scrape(ctx);
      } else {
        metrics(ctx);
      }
    });
  }

  private void metrics(RoutingContext ctx) {
    if (authorized(ctx)) {
      scrape(ctx);
    } else {
      refuse(ctx);
    }
  }

  private void scrape(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(registry.scrape());
  }

  private static void refuse(RoutingContext ctx) {
    ctx.fail(ApiError.unauthorized("Kirim token manajemen (Authorization: Bearer ...).")
        .withHeader("WWW-Authenticate", "Bearer realm=\"management\""));
  }

  /** Compared in constant time: the token is a password. */
  private boolean authorized(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (token == null || header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return MessageDigest.isEqual(token, header.substring(7).trim().getBytes(StandardCharsets.UTF_8));
  }

  private void health(RoutingContext ctx, boolean details) {
    Future<Boolean> db = pool.query("select 1").execute().map(rows -> true)
        .timeout(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    Future<Boolean> cache = redis.ping().timeout(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    Future.join(db, cache).onComplete(done -> {
      boolean up = db.succeeded() && Boolean.TRUE.equals(cache.result());
      JsonObject body = new JsonObject().put("status", up ? "UP" : "DOWN");
      if (details) {
        body.put("checks", new JsonObject().put("postgresql", status(db)).put("redis", status(cache)));
      }
      ctx.response()
          .setStatusCode(up ? 200 : 503)
          .putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store")
          .end(body.encode());
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

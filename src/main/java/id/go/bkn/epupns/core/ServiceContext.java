package id.go.bkn.epupns.core;

import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.http.ClientIp;
import id.go.bkn.epupns.core.redis.RedisStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/** What every feature may use: settings, the PostgreSQL pool, Redis, metrics, the client IP. */
public record ServiceContext(Vertx vertx, AppConfig config, Pool pool, RedisStore redis,
                             MeterRegistry registry, ClientIp clientIp) {
}

package id.go.bkn.epupns;

import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.database.Database;
import id.go.bkn.epupns.core.database.DatabaseOutage;
import id.go.bkn.epupns.core.database.DatabaseSettings;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.ErrorHandler;
import id.go.bkn.epupns.core.http.HealthRoutes;
import id.go.bkn.epupns.core.http.RequestIds;
import id.go.bkn.epupns.core.http.SecurityHeaders;
import id.go.bkn.epupns.core.redis.RedisStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import java.util.concurrent.TimeUnit;

/**
 * The management port (management.port on management.host, meant for the monitoring network only):
 * GET /metrics (Prometheus) and GET /health with each dependency's state and reason. One instance.
 */
public final class ManagementVerticle extends VerticleBase {

  private final AppConfig config;
  private final PrometheusMeterRegistry registry;
  private final DatabaseOutage outage;
  private RedisStore redis;

  public ManagementVerticle(AppConfig config, MeterRegistry registry, DatabaseOutage outage) {
    this.config = config;
    this.registry = (PrometheusMeterRegistry) registry;
    this.outage = outage;
  }

  @Override
  public Future<?> start() {
    redis = RedisStore.create(vertx, config);
    Router router = Router.router(vertx);
    router.route().handler(new RequestIds(false));
    router.route().handler(new SecurityHeaders(config.integer("http.hstsMaxAgeSeconds")));
    new HealthRoutes(Database.pool(vertx, DatabaseSettings.from(config)), redis, registry,
        config.string("management.token")).mountManagement(router);
    router.route().handler(ctx -> ctx.fail(ApiError.notFound("Port manajemen hanya melayani /health dan /metrics.")));
    router.route().failureHandler(new ErrorHandler(outage));
    int port = config.integer("management.port");
    String host = config.string("management.host");
    return vertx.createHttpServer(new HttpServerOptions()
            .setIdleTimeout(config.integer("http.idleTimeoutSeconds"))
            .setIdleTimeoutUnit(TimeUnit.SECONDS))
        .requestHandler(router)
        .listen(port, host)
        .recover(e -> Future.failedFuture(new IllegalStateException(
            "cannot listen on management port " + host + ":" + port + ": " + e.getMessage())));
  }

  @Override
  public Future<?> stop() {
    if (redis != null) {
      redis.close();
    }
    return Future.succeededFuture();
  }
}

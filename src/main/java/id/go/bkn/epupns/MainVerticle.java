package id.go.bkn.epupns;

import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.config.StartupChecks;
import id.go.bkn.epupns.core.database.Database;
import id.go.bkn.epupns.core.database.DatabaseSettings;
import id.go.bkn.epupns.core.database.SchemaMigrator;
import id.go.bkn.epupns.core.redis.RedisStore;
import id.go.bkn.epupns.mail.MailSenderVerticle;
import id.go.bkn.epupns.form.FormDemoData;
import id.go.bkn.epupns.sapk.DemoData;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Prepares the database (create, migrate, optional demo data), then deploys the HTTP verticle
 * instances and the background verticles. Any failure fails the deployment, so start-up stops.
 */
public final class MainVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(MainVerticle.class);

  private final AppConfig config;
  private final MeterRegistry registry;
  private final boolean demo;

  public MainVerticle(AppConfig config, MeterRegistry registry, boolean demo) {
    this.config = config;
    this.registry = registry;
    this.demo = demo;
  }

  @Override
  public Future<?> start() {
    DatabaseSettings db;
    try {
      StartupChecks.run(config);
      db = DatabaseSettings.from(config);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return vertx.executeBlocking(() -> SchemaMigrator.migrate(db), false)
        .recover(e -> Future.failedFuture(new IllegalStateException(
            "PostgreSQL at " + db.describe() + " is not usable: " + Application.rootMessage(e))))
        .compose(migrated -> checkSchema(db))
        .compose(v -> demo ? loadDemoData(db) : Future.succeededFuture())
        .compose(v -> checkRedis())
        .compose(v -> vertx.deployVerticle(() -> new HttpVerticle(config, registry),
            new DeploymentOptions().setInstances(config.integer("http.instances"))))
        .compose(v -> vertx.deployVerticle(new MailSenderVerticle(config)))
        .onSuccess(v -> LOG.info("e-PUPNS listening on port {} with {} HTTP verticle instances",
            config.integer("http.port"), config.integer("http.instances")));
  }

  /**
   * Redis is checked, not required, at start-up: it holds only short-lived guards (captchas, rate
   * limits), and the service recovers by itself when it comes back. Meanwhile /health answers 503 (so a
   * load balancer keeps the instance out) and requests that need Redis get 503, never a 500.
   */
  private Future<Void> checkRedis() {
    RedisStore redis = RedisStore.create(vertx, config);
    return redis.ping()
        .timeout(2, TimeUnit.SECONDS)
        .transform(result -> {
          if (result.failed() || !Boolean.TRUE.equals(result.result())) {
            LOG.warn("Redis at {} is not reachable ({}): starting anyway; /health reports 503 until it is",
                config.string("redis.url").replaceAll("//[^@/]*@", "//"), result.failed() ? Application.rootMessage(result.cause()) : "no PONG");
          }
          redis.close();
          return Future.<Void>succeededFuture();
        });
  }

  /** The features' checks of the migrated schema (write targets of the catalogue). */
  private Future<Void> checkSchema(DatabaseSettings db) {
    Pool pool = Database.pool(vertx, db);
    return Features.startupChecks(pool).eventually(pool::close);
  }

  private Future<Void> loadDemoData(DatabaseSettings db) {
    Pool pool = Database.pool(vertx, db);
    return DemoData.load(vertx, pool, config)
        .compose(v -> FormDemoData.load(pool))
        .eventually(pool::close);
  }
}

package id.go.bkn.epupns.core.database;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** The one PostgreSQL pool, shared by every verticle instance of a Vert.x instance. */
public final class Database {

  private Database() {
  }

  public static Pool pool(Vertx vertx, DatabaseSettings settings) {
    return pool(vertx, settings, "epupns-pg");
  }

  /**
   * A pool of its own name, for work before the service's pool exists (the demo load). Its own name,
   * because pool metrics are registered by name: a second pool "epupns-pg" after the first was closed
   * registers its gauges again, and Micrometer warns "Gauge already registered".
   */
  public static Pool pool(Vertx vertx, DatabaseSettings settings, String name) {
    return PgBuilder.pool()
        .with(new PoolOptions()
            .setMaxSize(settings.poolSize())
            .setShared(true)
            .setName(name)
            .setMaxWaitQueueSize(4096))
        .connectingTo(settings.connectOptions())
        .using(vertx)
        .build();
  }
}

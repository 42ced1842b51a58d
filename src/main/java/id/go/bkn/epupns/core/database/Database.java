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
    return PgBuilder.pool()
        .with(new PoolOptions()
            .setMaxSize(settings.poolSize())
            .setShared(true)
            .setName("epupns-pg")
            .setMaxWaitQueueSize(4096))
        .connectingTo(settings.connectOptions())
        .using(vertx)
        .build();
  }
}

package id.go.bkn.epupns.core.database;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.util.concurrent.TimeUnit;

/**
 * The one PostgreSQL pool, shared by every verticle instance of a Vert.x instance. Every wait is bounded
 * (db.connectTimeoutMs, db.poolWaitTimeoutMs and db.maxWaitQueue, db.statementTimeoutMs, db.readTimeoutMs),
 * so that an unreachable or frozen database fails requests quickly (503, see {@link DatabaseOutage}) instead
 * of holding them, and the pool recovers by itself when the database is back.
 */
public final class Database {

  private Database() {
  }

  public static Pool pool(Vertx vertx, DatabaseSettings settings) {
    settings.requireBounds();
    return PgBuilder.pool()
        .with(new PoolOptions()
            .setMaxSize(settings.poolSize())
            .setShared(true)
            .setName("epupns-pg")
            .setMaxWaitQueueSize(settings.maxWaitQueue())
            .setConnectionTimeout(settings.poolWaitTimeoutMs())
            .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
            // Idle connections are closed by the pool (cleanly) before the read timeout below would cut them.
            .setIdleTimeout(Math.max(1, settings.readTimeoutMs() / 2))
            .setIdleTimeoutUnit(TimeUnit.MILLISECONDS))
        .with(new NetClientOptions()
            .setConnectTimeout(settings.connectTimeoutMs())
            // No byte from PostgreSQL for this long while waiting (a frozen network or server): the connection is
            // closed and its queries fail, since no statement_timeout can reach a server that does not answer.
            .setReadIdleTimeout(settings.readTimeoutMs())
            .setIdleTimeoutUnit(TimeUnit.MILLISECONDS))
        .connectingTo(settings.connectOptions().addProperty("statement_timeout",
            Integer.toString(settings.statementTimeoutMs())))
        .using(vertx)
        .build();
  }

  /**
   * The pool of the start-up checks: like {@link #pool} but it waits up to 30 s for its first connection, since
   * on a busy machine the first connection (class loading, TLS or not) can take longer than db.poolWaitTimeoutMs,
   * and a start-up that fails for that is worse than one that waits. Its own name (pool metrics are by name).
   */
  public static Pool startupPool(Vertx vertx, DatabaseSettings settings) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(2).setName("epupns-startup")
            .setConnectionTimeout(30).setConnectionTimeoutUnit(TimeUnit.SECONDS))
        .with(new NetClientOptions().setConnectTimeout(settings.connectTimeoutMs()))
        .connectingTo(settings.connectOptions().addProperty("statement_timeout",
            Integer.toString(settings.statementTimeoutMs())))
        .using(vertx)
        .build();
  }

  /**
   * A small pool of its own for long downloads streamed from a cursor (lists of 100,000+ rows), so that they
   * never take the connections requests need, and at most {@code size} run at once per process (more wait
   * db.poolWaitTimeoutMs, then 503). No read idle timeout: a cursor paused while a slow client catches up
   * legitimately hears nothing from PostgreSQL; each fetch is still bounded by the statement timeout, and the
   * HTTP idle timeout ends a client that stops reading.
   */
  public static Pool streamingPool(Vertx vertx, DatabaseSettings settings, int size) {
    settings.requireBounds();
    return PgBuilder.pool()
        .with(new PoolOptions()
            .setMaxSize(size)
            .setShared(true)
            .setName("epupns-pg-stream")
            .setMaxWaitQueueSize(size * 4)
            .setConnectionTimeout(settings.poolWaitTimeoutMs())
            .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
            .setIdleTimeout(Math.max(1, settings.readTimeoutMs() / 2))
            .setIdleTimeoutUnit(TimeUnit.MILLISECONDS))
        .with(new NetClientOptions().setConnectTimeout(settings.connectTimeoutMs()))
        .connectingTo(settings.connectOptions().addProperty("statement_timeout",
            Integer.toString(settings.statementTimeoutMs())))
        .using(vertx)
        .build();
  }

  /**
   * A small pool of its own without the statement timeout, for loading demo data at start-up. Its own name,
   * because pool metrics are registered by name: a second pool "epupns-pg" after the first was closed registers
   * its gauges again, and Micrometer warns "Gauge already registered".
   */
  public static Pool loadingPool(Vertx vertx, DatabaseSettings settings) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(Math.min(4, settings.poolSize())).setName("epupns-demo-load"))
        .with(new NetClientOptions().setConnectTimeout(settings.connectTimeoutMs()))
        .connectingTo(settings.connectOptions())
        .using(vertx)
        .build();
  }
}

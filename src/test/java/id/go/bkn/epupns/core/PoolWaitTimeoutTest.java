package id.go.bkn.epupns.core;

import id.go.bkn.epupns.core.database.DatabaseOutage;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request that waits too long for a pooled connection is a 503 (the service is busy), never a 500. The real
 * pool's own failure is checked, because its type is not API: since Vert.x 5.0.9 it is a NoStackTraceThrowable
 * "Timeout", which a registration under overload got as "unhandled failure" and a 500 (seen in a load test).
 */
class PoolWaitTimeoutTest {

  @Test
  void theRealPoolsWaitTimeoutCountsAsUnavailable() {
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(1).setConnectionTimeout(2000).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
        .connectingTo(PgConnectOptions.fromUri(TestService.PG + "postgres")).using(vertx).build();
    try {
      SqlConnection held = TestService.await(pool.getConnection());
      RuntimeException waited = assertThrows(RuntimeException.class,
          () -> TestService.await(pool.query("select 1").execute()));
      Throwable failure = waited.getCause() != null ? waited.getCause() : waited;
      assertTrue(DatabaseOutage.isUnavailable(failure), "not seen as unavailable: " + failure);
      TestService.await(held.close());
    } finally {
      TestService.await(pool.close());
      TestService.await(vertx.close());
    }
  }
}

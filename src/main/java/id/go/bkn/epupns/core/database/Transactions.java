package id.go.bkn.epupns.core.database;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * A transaction run again when PostgreSQL chose it as the victim of a deadlock (40P01) or a
 * serialization failure (40001). Counters kept in the same transactions as the changes they count
 * (inbox and monitoring counters) are locked by several features in their own order, so at the peak
 * two writers in one work unit can deadlock; the victim was rolled back whole, and running it again
 * is the answer PostgreSQL expects. The work must do nothing outside the transaction. Every retry is counted
 * ({@code epupns_transaction_retries_total}, by SQL state), so that a retry cannot hide a deadlock that has become
 * common: the concurrency tests print it, and a dashboard can show it.
 */
public final class Transactions {

  static final int ATTEMPTS = 6;
  /** Retries since the process started (one service per process; tests compare before and after). */
  private static final LongAdder DEADLOCK_RETRIES = new LongAdder();
  private static final LongAdder SERIALIZATION_RETRIES = new LongAdder();

  private Transactions() {
  }

  /** Publishes the retry counts in the service's registry. */
  public static void registerMetrics(MeterRegistry registry) {
    FunctionCounter.builder("epupns_transaction_retries", DEADLOCK_RETRIES, LongAdder::sum)
        .description("Transactions run again after PostgreSQL rolled them back").tag("sqlstate", "40P01")
        .register(registry);
    FunctionCounter.builder("epupns_transaction_retries", SERIALIZATION_RETRIES, LongAdder::sum)
        .description("Transactions run again after PostgreSQL rolled them back").tag("sqlstate", "40001")
        .register(registry);
  }

  /** Deadlock (40P01) retries since the process started. */
  public static long deadlockRetries() {
    return DEADLOCK_RETRIES.sum();
  }

  /** Serialization failure (40001) retries since the process started. */
  public static long serializationRetries() {
    return SERIALIZATION_RETRIES.sum();
  }

  public static <T> Future<T> withRetry(Pool pool, Function<SqlConnection, Future<T>> work) {
    return attempt(pool, work, 1);
  }

  private static <T> Future<T> attempt(Pool pool, Function<SqlConnection, Future<T>> work, int n) {
    return pool.withTransaction(work).recover(e -> {
      Context context = Vertx.currentContext();
      if (n >= ATTEMPTS || !retryable(e) || context == null) {
        return Future.failedFuture(e);
      }
      ("40P01".equals(((PgException) e).getSqlState()) ? DEADLOCK_RETRIES : SERIALIZATION_RETRIES).increment();
      // A growing, random pause, so that the two writers that collided do not collide again at once.
      long pause = 1 + ThreadLocalRandom.current().nextLong(5L << n);
      Promise<T> again = Promise.promise();
      context.owner().setTimer(pause, t -> attempt(pool, work, n + 1).onComplete(again));
      return again.future();
    });
  }

  static boolean retryable(Throwable e) {
    return e instanceof PgException pg && ("40P01".equals(pg.getSqlState()) || "40001".equals(pg.getSqlState()));
  }
}

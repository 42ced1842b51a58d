package id.go.bkn.epupns.core.database;

import id.go.bkn.epupns.core.http.ApiError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * PostgreSQL unreachable, frozen or refusing work: requests are answered 503 SERVICE_UNAVAILABLE with
 * Retry-After (db.retryAfterSeconds), never 500. One warning is logged when an outage begins and one line
 * when it ends (a probe runs while it lasts), not a stack trace per request; epupns_database_unavailable_total
 * counts the refused requests. One per Vert.x instance, shared by every HTTP verticle.
 */
public final class DatabaseOutage {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutage.class);
  /**
   * SQLSTATEs that say "not now" rather than "your request is wrong": connection exceptions (08), too many
   * connections (53300), query cancelled by statement_timeout (57014), server shutting down or starting
   * (57P01..57P03).
   */
  private static final Set<String> UNAVAILABLE_STATES = Set.of("53300", "57014", "57P01", "57P02", "57P03");
  /**
   * How vertx-sql-client 5 fails a request that waited db.poolWaitTimeoutMs for a connection: a plain
   * VertxException with one of these messages (a query, or a connection for a transaction). It offers no type.
   */
  private static final Set<String> POOL_WAIT_TIMEOUTS = Set.of("Timeout waiting for connection", "Timeout");
  /**
   * How it fails a statement sent on a connection that closed under it (the network cut while the connection was
   * handed out; found by DatabaseUnderLoadTest, a 500 before): a plain VertxException, no type either.
   */
  private static final String CONNECTION_CLOSED = "Connection is not active now";

  private final Vertx vertx;
  private final Pool pool;
  private final int retryAfterSeconds;
  private final Counter refused;
  private final AtomicLong downSince = new AtomicLong();
  private final AtomicLong refusedDuringOutage = new AtomicLong();

  public DatabaseOutage(Vertx vertx, Pool pool, DatabaseSettings settings, MeterRegistry registry) {
    this.vertx = vertx;
    this.pool = pool;
    this.retryAfterSeconds = settings.retryAfterSeconds();
    this.refused = Counter.builder("epupns_database_unavailable")
        .description("Requests answered 503 because PostgreSQL was unavailable").register(registry);
  }

  /** True when the failure (or one of its causes) says the database cannot be used right now. */
  public static boolean isUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PgException pg) {
        String state = pg.getSqlState();
        return state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state));
      }
      if (t instanceof SocketException || t instanceof ClosedChannelException || t instanceof ClosedConnectionException
          || t instanceof TimeoutException || t instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
        return true;
      }
      // A plain IOException ("Connection reset by peer") from the SQL client's own socket, e.g. while a restarting
      // server cuts the connection the client is opening; an IOException of anything else (files) is not an outage.
      if (t instanceof java.io.IOException && fromSqlClient(t)) {
        return true;
      }
      // Untyped: a VertxException or (the pool's wait timeout since 5.0.9) its NoStackTraceThrowable subclass.
      if (t instanceof io.vertx.core.VertxException && (POOL_WAIT_TIMEOUTS.contains(t.getMessage())
          || t.getMessage() != null && t.getMessage().startsWith(CONNECTION_CLOSED))) {
        return true;
      }
    }
    return false;
  }

  private static boolean fromSqlClient(Throwable t) {
    for (StackTraceElement frame : t.getStackTrace()) {
      if (frame.getClassName().startsWith("io.vertx.pgclient.") || frame.getClassName().startsWith("io.vertx.sqlclient.")) {
        return true;
      }
    }
    return false;
  }

  /** The answer to a request that failed for this reason; logs the beginning of an outage once. */
  public ApiError answer(Throwable failure) {
    refused.increment();
    refusedDuringOutage.incrementAndGet();
    long now = System.currentTimeMillis();
    if (downSince.compareAndSet(0, now)) {
      refusedDuringOutage.set(1);
      LOG.atWarn().addKeyValue("reason", reason(failure))
          .log("PostgreSQL unavailable ({}): answering 503 until it is back", reason(failure));
      probe(Math.max(1000, retryAfterSeconds * 500L));
    }
    return new ApiError(503, "SERVICE_UNAVAILABLE", "Layanan sedang terganggu. Silakan coba lagi beberapa saat lagi.")
        .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
  }

  private void probe(long periodMs) {
    vertx.setTimer(periodMs, id -> pool.query("select 1").execute().onComplete(result -> {
      if (result.failed()) {
        probe(periodMs);
        return;
      }
      long since = downSince.getAndSet(0);
      LOG.atInfo().addKeyValue("seconds", (System.currentTimeMillis() - since) / 1000)
          .log("PostgreSQL available again after {} s; {} requests were answered 503 meanwhile",
              (System.currentTimeMillis() - since) / 1000, refusedDuringOutage.get());
    }));
  }

  private static String reason(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}

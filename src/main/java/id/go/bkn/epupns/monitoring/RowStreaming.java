package id.go.bkn.epupns.monitoring;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Streams a query's rows from a PostgreSQL cursor (fetchRows per round trip, in a read-only transaction
 * of the streaming pool) to a consumer that can pause the cursor: memory holds one fetch and the
 * response's write queue, whatever the number of rows. When the client goes away the cursor and the
 * connection are closed at once.
 */
final class RowStreaming {

  private static final Logger LOG = LoggerFactory.getLogger(RowStreaming.class);
  /** Bytes collected before a write: fewer, larger writes. */
  private static final int CHUNK = 32 * 1024;

  /** What the streaming gives a row handler: pause and resume the cursor. */
  interface Flow {
    void pause();

    void resume();
  }

  private RowStreaming() {
  }

  /**
   * Runs the query and hands every row to {@code onRow} (which may pause the flow), then completes; fails
   * when the query fails or {@code stopped} completes (client gone). The connection is closed either way.
   */
  static Future<Void> rows(Pool pool, int fetchRows, String sql, Tuple args, Future<Void> stopped,
                           java.util.function.BiConsumer<Row, Flow> onRow) {
    return rows(pool, fetchRows, sql, args, stopped, () -> { }, onRow);
  }

  /**
   * As above; {@code opened} runs once the statement is prepared on its connection, before the cursor's first
   * fetch (which is where PostgreSQL sorts: seconds for a large agency).
   */
  static Future<Void> rows(Pool pool, int fetchRows, String sql, Tuple args, Future<Void> stopped, Runnable opened,
                           java.util.function.BiConsumer<Row, Flow> onRow) {
    return pool.getConnection().compose(conn -> conn.begin().compose(tx -> conn.prepare(sql).compose(statement -> {
      opened.run();
      Promise<Void> done = Promise.promise();
      RowStream<Row> stream = statement.createStream(fetchRows, args);
      Flow flow = new Flow() {
        @Override
        public void pause() {
          stream.pause();
        }

        @Override
        public void resume() {
          stream.resume();
        }
      };
      stream.exceptionHandler(done::tryFail);
      stream.endHandler(v -> done.tryComplete());
      stream.handler(row -> {
        try {
          onRow.accept(row, flow);
        } catch (RuntimeException e) {
          done.tryFail(e);
          stream.close();
        }
      });
      stopped.onComplete(v -> {
        if (done.tryFail("the client went away")) {
          stream.close();
        }
      });
      return done.future().compose(v -> tx.commit(), err -> tx.rollback().transform(r -> Future.failedFuture(err)));
    })).eventually(conn::close));
  }

  /**
   * Streams the rows as text lines into the response (started: headers set, not sent), with backpressure:
   * the cursor pauses while the response's write queue is full. {@code head} (with the headers) goes out as soon
   * as the statement is prepared, before the cursor's first fetch, so the first bytes do not wait for the sort; a
   * failure before that (no connection, a bad statement) still answers the usual JSON error.
   */
  static void toResponse(Pool pool, int fetchRows, String sql, Tuple args, HttpServerResponse response, String head,
                         java.util.function.Consumer<Throwable> failBeforeFirstByte, Function<Row, String> line) {
    Promise<Void> clientGone = Promise.promise();
    response.closeHandler(v -> clientGone.tryComplete());
    StringBuilder pending = new StringBuilder(CHUNK + 1024).append(head);
    Consumer<Flow> flush = flow -> {
      if (pending.length() == 0) {
        return;
      }
      response.write(Buffer.buffer(pending.toString()));
      pending.setLength(0);
      if (flow != null && response.writeQueueFull()) {
        flow.pause();
        response.drainHandler(v -> flow.resume());
      }
    };
    rows(pool, fetchRows, sql, args, clientGone.future(), () -> flush.accept(null), (row, flow) -> {
      pending.append(line.apply(row));
      if (pending.length() >= CHUNK) {
        flush.accept(flow);
      }
    }).onSuccess(v -> {
      flush.accept(null);
      response.end();
    }).onFailure(err -> {
      if (!response.headWritten()) {
        failBeforeFirstByte.accept(err);
      } else if (!clientGone.future().isComplete()) {
        // Headers are out: the only honest signal left is a cut connection (the file is incomplete).
        LOG.warn("list stream failed after the headers were sent: {}", err.getMessage());
        response.reset();
      }
    });
  }
}

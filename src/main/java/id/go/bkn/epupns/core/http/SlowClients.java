package id.go.bkn.epupns.core.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts connections of clients too slow to be served, which the idle timeout cannot catch (a byte every few
 * seconds keeps a connection "active"): a request head (request line and headers) must be complete within
 * http.headerReadTimeoutSeconds of connecting, or within http.keepAliveTimeoutSeconds of the previous answer
 * (so an idle keep-alive connection is closed after that time), and a request body must be complete within
 * http.bodyReadTimeoutSeconds of its head. One sweep per HTTP verticle; every connection of a verticle lives on its event loop, so no locking.
 */
public final class SlowClients {

  /** What is known of one connection. */
  private static final class State {
    final HttpConnection connection;
    long waitingSince;
    boolean answered;
    HttpServerRequest current;
    long currentSince;

    State(HttpConnection connection, long now) {
      this.connection = connection;
      this.waitingSince = now;
    }
  }

  private final long headerMs;
  private final long keepAliveMs;
  private final long bodyMs;
  private final Map<HttpConnection, State> connections = new IdentityHashMap<>();

  public SlowClients(Vertx vertx, long headerTimeoutSeconds, long keepAliveTimeoutSeconds, long bodyTimeoutSeconds) {
    this.headerMs = headerTimeoutSeconds * 1000;
    this.keepAliveMs = keepAliveTimeoutSeconds * 1000;
    this.bodyMs = bodyTimeoutSeconds * 1000;
    // A tenth of the shortest timeout: a slow client is cut at most 10 % later than configured.
    long period = Math.max(100, Math.min(1000, Math.min(keepAliveMs, Math.min(headerMs, bodyMs)) / 10));
    vertx.setPeriodic(period, id -> sweep());
  }

  /** For HttpServer.connectionHandler. */
  public void track(HttpConnection connection) {
    connections.put(connection, new State(connection, System.currentTimeMillis()));
    connection.closeHandler(v -> connections.remove(connection));
  }

  /** For HttpServer.requestHandler: notes each request's start. */
  public Handler<HttpServerRequest> wrap(Handler<HttpServerRequest> next) {
    return request -> {
      State state = connections.get(request.connection());
      if (state != null) {
        state.current = request;
        state.currentSince = System.currentTimeMillis();
      }
      next.handle(request);
    };
  }

  private void sweep() {
    long now = System.currentTimeMillis();
    List<HttpConnection> slow = new ArrayList<>();
    for (State state : connections.values()) {
      HttpServerRequest request = state.current;
      if (request == null) {
        if (now - state.waitingSince > (state.answered ? keepAliveMs : headerMs)) {
          slow.add(state.connection); // no complete request head yet
        }
      } else if (!request.isEnded()) {
        if (now - state.currentSince > bodyMs) {
          slow.add(state.connection); // the body is still coming
        }
      } else if (request.response().ended()) {
        // Answered: the next request head is awaited from now on.
        state.current = null;
        state.answered = true;
        state.waitingSince = now;
      }
    }
    slow.forEach(HttpConnection::close);
  }
}

package id.go.bkn.epupns.core.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * A request answered before its body was read (a page fetched with a body, an upload refused before its body):
 * HTTP/1.1 must consume the rest of the body before the next request, so without this the connection hung until
 * the idle timeout (a GET with an unread 10 MB body stalled 60 s). After the answer, a body of at most
 * http.drainLimitBytes is read and thrown away (nothing is stored), so the client gets its answer and keeps its
 * connection; a larger one (announced, or counted while draining) gets Connection: close and the connection is
 * closed once the answer is written.
 */
public final class UnreadBodies implements Handler<RoutingContext> {

  private static final String CLOSE = "epupns.closeAfterAnswer";

  private final long drainLimit;

  public UnreadBodies(long drainLimitBytes) {
    this.drainLimit = drainLimitBytes;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    long declared = declaredLength(request);
    if (declared != 0) {
      ctx.addHeadersEndHandler(v -> {
        if (!request.isEnded() && declared > drainLimit) {
          ctx.put(CLOSE, true);
          ctx.response().putHeader("Connection", "close");
        }
      });
      ctx.addEndHandler(done -> {
        if (Boolean.TRUE.equals(ctx.get(CLOSE))) {
          request.connection().close();
        } else if (!request.isEnded()) {
          drain(request);
        }
      });
    }
    ctx.next();
  }

  private void drain(HttpServerRequest request) {
    long[] read = {0};
    request.handler(chunk -> {
      read[0] += chunk.length();
      if (read[0] > drainLimit) {
        request.connection().close();
      }
    });
    request.endHandler(v -> { });
    request.exceptionHandler(e -> { });
    request.resume();
  }

  /** The announced body length: 0 for none, -1 for chunked (unknown), else Content-Length. */
  public static long declaredLength(HttpServerRequest request) {
    if (request.headers().contains("Transfer-Encoding")) {
      return -1;
    }
    String length = request.getHeader("Content-Length");
    if (length == null) {
      return 0;
    }
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}

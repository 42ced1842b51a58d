package id.go.bkn.epupns.core.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * A request answered before its body was read (a page fetched with a body, an upload refused before the body):
 * the answer says Connection: close and the connection is closed once it is written. HTTP/1.1 would otherwise
 * have to read the whole unread body before the next request, and the connection would hang until the idle
 * timeout (a GET with an unread 10 MB body stalled 60 s).
 */
public final class UnreadBodies implements Handler<RoutingContext> {

  private static final String CLOSE = "epupns.closeAfterAnswer";

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (declaresBody(request)) {
      ctx.addHeadersEndHandler(v -> {
        if (!request.isEnded()) {
          ctx.put(CLOSE, true);
          ctx.response().putHeader("Connection", "close");
        }
      });
      ctx.addEndHandler(done -> {
        if (Boolean.TRUE.equals(ctx.get(CLOSE))) {
          request.connection().close();
        }
      });
    }
    ctx.next();
  }

  static boolean declaresBody(HttpServerRequest request) {
    String length = request.getHeader("Content-Length");
    return request.headers().contains("Transfer-Encoding") || length != null && !length.trim().equals("0");
  }
}

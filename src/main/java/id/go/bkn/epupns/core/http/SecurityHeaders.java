package id.go.bkn.epupns.core.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Headers every answer carries: no sniffing, no framing, a strict content policy. */
public final class SecurityHeaders implements Handler<RoutingContext> {

  private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
      + "script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response().headers()
        .add("X-Content-Type-Options", "nosniff")
        .add("X-Frame-Options", "DENY")
        .add("Referrer-Policy", "no-referrer")
        .add("Content-Security-Policy", CSP);
    ctx.next();
  }
}

package id.go.bkn.epupns.core.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers every answer carries: no sniffing, no framing, a strict content policy, and HSTS (browsers use
 * HTTPS only for http.hstsMaxAgeSeconds, subdomains included; ignored on plain HTTP, so harmless in development).
 */
public final class SecurityHeaders implements Handler<RoutingContext> {

  private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
      + "script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

  private final String hsts;

  public SecurityHeaders(long hstsMaxAgeSeconds) {
    this.hsts = "max-age=" + hstsMaxAgeSeconds + "; includeSubDomains";
  }

  @Override
  public void handle(RoutingContext ctx) {
    apply(ctx.response().headers());
    ctx.next();
  }

  /** Also used for the answers given outside the router (malformed requests). */
  public void apply(MultiMap headers) {
    headers
        .set("X-Content-Type-Options", "nosniff")
        .set("X-Frame-Options", "DENY")
        .set("Referrer-Policy", "no-referrer")
        .set("Content-Security-Policy", CSP)
        .set("Strict-Transport-Security", hsts);
  }
}

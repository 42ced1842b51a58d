package id.go.bkn.epupns.core.http;

import io.vertx.ext.web.RoutingContext;

/**
 * The client's IP address. Behind a proxy it comes from the configured trusted header (its first
 * entry); without one the socket address is used, so a client cannot choose its own IP.
 */
public final class ClientIp {

  private final String trustedHeader;

  public ClientIp(String trustedHeader) {
    this.trustedHeader = trustedHeader == null || trustedHeader.isBlank() ? null : trustedHeader;
  }

  public String of(RoutingContext ctx) {
    if (trustedHeader != null) {
      String value = ctx.request().getHeader(trustedHeader);
      if (value != null && !value.isBlank()) {
        int comma = value.indexOf(',');
        return (comma < 0 ? value : value.substring(0, comma)).trim();
      }
    }
    var remote = ctx.request().remoteAddress();
    return remote == null ? "unknown" : remote.hostAddress();
  }
}

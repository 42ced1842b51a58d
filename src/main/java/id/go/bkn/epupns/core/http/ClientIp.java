package id.go.bkn.epupns.core.http;

import id.go.bkn.epupns.core.config.AppConfig;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The client's IP address, which the rate limits, the captcha limit and the login throttle key on.
 *
 * <p>Without a trusted header the socket address is used, so a client cannot choose its own IP.
 * Behind proxies (http.trustedClientIpHeader, e.g. X-Forwarded-For) each proxy <em>appends</em> the
 * address it received the request from, and everything to the left of that was written by the
 * client, so it proves nothing. The address is therefore taken from the right:
 * http.trustedProxyHops = 1 (one load balancer) takes the right-most entry, 2 (e.g. CDN + load
 * balancer) the second from the right, and so on. Several header lines count as one list, in order.
 * When the list is shorter than the hops, the request did not come through every proxy, and the
 * left-most entry is the best there is.
 */
public final class ClientIp {

  private final String trustedHeader;
  private final int hops;

  public ClientIp(String trustedHeader) {
    this(trustedHeader, 1);
  }

  public ClientIp(String trustedHeader, int hops) {
    this.trustedHeader = trustedHeader == null || trustedHeader.isBlank() ? null : trustedHeader;
    if (hops < 1) {
      throw new IllegalArgumentException("http.trustedProxyHops must be at least 1, got " + hops);
    }
    this.hops = hops;
  }

  public static ClientIp from(AppConfig config) {
    return new ClientIp(config.string("http.trustedClientIpHeader"), config.integer("http.trustedProxyHops"));
  }

  public String of(RoutingContext ctx) {
    return of(ctx.request());
  }

  public String of(HttpServerRequest request) {
    if (trustedHeader != null) {
      String chosen = pick(request.headers().getAll(trustedHeader), hops);
      if (chosen != null) {
        return chosen;
      }
    }
    var remote = request.remoteAddress();
    return remote == null ? "unknown" : remote.hostAddress();
  }

  /** The entry {@code hops} from the right of all the header lines' comma-separated entries; null if none. */
  static String pick(List<String> lines, int hops) {
    List<String> entries = new ArrayList<>();
    for (String line : lines) {
      for (String entry : line.split(",")) {
        String trimmed = entry.trim();
        if (!trimmed.isEmpty()) {
          entries.add(trimmed);
        }
      }
    }
    if (entries.isEmpty()) {
      return null;
    }
    return entries.get(Math.max(0, entries.size() - hops));
  }
}

package id.go.bkn.epupns.core.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.util.regex.Pattern;

/**
 * The limit of a request body: http.bodyLimitBytes for every JSON body, or the larger one of a route that
 * declares it ({@link Feature#largeBodies()}: a method, its path as a regular expression over the normalised
 * path, and what the body is, for the refusal). The HTTP verticle reads each body with its limit and keeps the
 * limit on the request, so that a 413 names it ({@link #refusal()}) instead of only saying "too large".
 */
public record LargeBody(HttpMethod method, Pattern path, long maxBytes, String what) {

  private static final String KEY = "epupns.bodyLimit";

  /** A route's own limit: what it reads there (e.g. "Berkas CSV") names it in the refusal. */
  public static LargeBody of(HttpMethod method, String pathRegex, long maxBytes, String what) {
    return new LargeBody(method, Pattern.compile(pathRegex), maxBytes, what);
  }

  /** The limit of every other JSON body. */
  public static LargeBody json(long maxBytes) {
    return new LargeBody(null, null, maxBytes, "Data yang dikirim");
  }

  public boolean matches(HttpMethod requestMethod, String normalisedPath) {
    return method != null && method.equals(requestMethod) && path.matcher(normalisedPath).matches();
  }

  /** Kept on the request, for {@link #of(RoutingContext)}. */
  public void mark(RoutingContext ctx) {
    ctx.put(KEY, this);
  }

  /** The limit the request's body was read with; null when it had none. */
  public static LargeBody of(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  /** 413 naming the limit, in the units a person uses. */
  public ApiError refusal() {
    return new ApiError(413, "PAYLOAD_TOO_LARGE", what + " terlalu besar: paling besar " + human(maxBytes) + ".")
        .with("maxBytes", maxBytes);
  }

  /** "64 KB", "5 MB", "1,5 MB". */
  public static String human(long bytes) {
    long mb = 1024 * 1024;
    if (bytes % mb == 0) {
      return bytes / mb + " MB";
    }
    if (bytes >= mb) {
      return String.format(java.util.Locale.forLanguageTag("id"), "%.1f MB", bytes / (double) mb);
    }
    return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bita";
  }
}

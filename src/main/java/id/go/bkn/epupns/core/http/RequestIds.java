package id.go.bkn.epupns.core.http;

import id.go.bkn.epupns.core.logging.LogText;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Gives every request an id (kept from a sane incoming X-Request-Id, else new), echoes it in the
 * response and writes one structured access-log line when the response ends.
 */
public final class RequestIds implements Handler<RoutingContext> {

  public static final String HEADER = "X-Request-Id";
  private static final String KEY = "requestId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{8,64}");
  private static final Logger ACCESS = LoggerFactory.getLogger("access");
  // A random process prefix (once) and a counter: unique across instances, and unlike
  // UUID.randomUUID() no SecureRandom (one synchronised source for every event loop) per request.
  private static final String PROCESS = Long.toString(new SecureRandom().nextLong() >>> 1, 36);
  private static final AtomicLong NEXT = new AtomicLong();
  private static final Pattern NIP = Pattern.compile("(?<![0-9])[0-9]{18}(?![0-9])");
  private static final Pattern NIK = Pattern.compile("(?<![0-9])[0-9]{16}(?![0-9])");
  // GET /api/proofs/{registrationNumber}.pdf: the registration number is the PNS's login username. Matched
  // anywhere (the router serves a path as normalised, "/x/../api/proofs/..." too), the code check excepted.
  private static final Pattern PROOF_FILE = Pattern.compile("(?<=/proofs/)(?!verify(?:/|$))[^/]+");

  private final boolean accessLog;

  public RequestIds(boolean accessLog) {
    this.accessLog = accessLog;
  }

  public static String of(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  /** A new request id: the process prefix, a dash, the request's number in base 36. */
  static String newId() {
    return PROCESS + "-" + Long.toString(NEXT.incrementAndGet(), 36);
  }

  /**
   * A request path as the logs write it (the access line, {@link ErrorHandler}'s 500): NIPs (18 digits, personal
   * data) and the registration number of a proof download (a login username) masked, and control characters and
   * Unicode line breaks escaped, so that a path cannot forge a log line.
   */
  static String loggedPath(String path) {
    return LogText.oneLine(PROOF_FILE.matcher(masked(path)).replaceAll("{file}"));
  }

  /** Text that may carry a NIP, with every NIP masked as in {@link #loggedPath}. */
  private static String masked(String text) {
    return NIP.matcher(text).replaceAll("{nip}");
  }

  /**
   * A failure's message as a log line may carry it: NIPs and NIKs (16 digits, e.g. in a constraint's detail)
   * masked, on one line.
   */
  static String loggedMessage(String message) {
    return message == null ? null : LogText.oneLine(NIK.matcher(masked(message)).replaceAll("{nik}"));
  }

  @Override
  public void handle(RoutingContext ctx) {
    String id = assign(ctx.request());
    ctx.put(KEY, id);
    if (accessLog) {
      ctx.addBodyEndHandler(accessLogLine(ctx.request(), id, null));
    }
    ctx.next();
  }

  /**
   * For a request served outside the router ({@link FastLane}): the id, and the access-log line at its end, with
   * the path as {@link #loggedPath} writes every path of the lane's route when known in advance (null: per request).
   */
  String begin(HttpServerRequest request, java.util.function.Consumer<Handler<Void>> atBodyEnd, String loggedPath) {
    String id = assign(request);
    if (accessLog) {
      atBodyEnd.accept(accessLogLine(request, id, loggedPath));
    }
    return id;
  }

  /** The request's id (kept from a sane incoming X-Request-Id, else new), echoed in the response. */
  private static String assign(HttpServerRequest request) {
    String incoming = request.getHeader(HEADER);
    String id = incoming != null && SANE.matcher(incoming).matches() ? incoming : newId();
    request.response().putHeader(HEADER, id);
    return id;
  }

  private static Handler<Void> accessLogLine(HttpServerRequest request, String id, String knownPath) {
    long start = System.nanoTime();
    return v -> {
      String method = request.method().name();
      String path = knownPath != null ? knownPath : loggedPath(request.path());
      int status = request.response().getStatusCode();
      ACCESS.atInfo()
          .addKeyValue("requestId", id)
          .addKeyValue("method", method)
          .addKeyValue("path", path)
          .addKeyValue("status", status)
          .addKeyValue("ms", (System.nanoTime() - start) / 1_000_000)
          .log("{} {} {}", method, path, status);
    };
  }
}

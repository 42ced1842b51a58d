package id.go.bkn.epupns.core.http;

import id.go.bkn.epupns.core.database.DatabaseOutage;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single failure handler: every failed route ends here and leaves as the JSON error model.
 * Unexpected failures are logged with the request id and answered with a generic 500, never
 * with a stack trace; a database that cannot be used is a 503 ({@link DatabaseOutage}), not a bug.
 */
public final class ErrorHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

  private final DatabaseOutage outage;

  public ErrorHandler(DatabaseOutage outage) {
    this.outage = outage;
  }

  @Override
  public void handle(RoutingContext ctx) {
    answer(ctx.response(), toApiError(ctx.failure(), ctx.statusCode(), RequestIds.of(ctx), ctx.request().path(),
        LargeBody.of(ctx)), RequestIds.of(ctx));
  }

  /** The same answer for a request served outside the router ({@link FastLane}). */
  public void answer(HttpServerRequest request, Throwable failure, String requestId) {
    answer(request.response(), toApiError(failure, 500, requestId, request.path(), null), requestId);
  }

  private static void answer(HttpServerResponse response, ApiError error, String requestId) {
    if (response.ended()) {
      return;
    }
    if (response.headWritten()) {
      response.reset();
      return;
    }
    error.headers().forEach(response::putHeader);
    response
        .setStatusCode(error.status())
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(error.toJson(requestId).encode());
  }

  /**
   * A failure as the log shows it: its class, its stack and its causes' kept, every message as
   * {@link RequestIds#loggedMessage} writes it (a message may quote a NIP or a NIK, and could break a line).
   */
  static final class Logged extends RuntimeException {

    private Logged(Throwable original, Throwable cause) {
      super(original.getClass().getName()
          + (original.getMessage() == null ? "" : ": " + RequestIds.loggedMessage(original.getMessage())), cause, false, true);
      setStackTrace(original.getStackTrace());
    }

    static Logged of(Throwable failure) {
      java.util.List<Throwable> chain = new java.util.ArrayList<>();
      for (Throwable t = failure; t != null && chain.size() < 16 && !chain.contains(t); t = t.getCause()) {
        chain.add(t);
      }
      Logged logged = null;
      for (int i = chain.size() - 1; i >= 0; i--) {
        logged = new Logged(chain.get(i), logged);
      }
      return logged;
    }
  }

  /** {@code limit}: the body limit the request was read with (named in a 413), or null. */
  private ApiError toApiError(Throwable failure, int statusCode, String requestId, String path, LargeBody limit) {
    if (failure instanceof ApiError api) {
      return api;
    }
    if (failure instanceof DecodeException) {
      return new ApiError(400, "MALFORMED_JSON", "Isi permintaan bukan JSON yang sah.");
    }
    if (failure != null && DatabaseOutage.isUnavailable(failure)) {
      return outage.answer(failure);
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : statusCode;
    return switch (status) {
      case 400 -> new ApiError(400, "BAD_REQUEST", "Permintaan tidak dapat dibaca.");
      case 401 -> ApiError.unauthorized("Silakan masuk (login) terlebih dahulu.");
      case 403 -> ApiError.forbidden("Anda tidak berhak mengakses ini.");
      case 404 -> ApiError.notFound("Alamat tidak ditemukan.");
      case 405 -> new ApiError(405, "METHOD_NOT_ALLOWED", "Metode tidak diizinkan untuk alamat ini.");
      case 413 -> limit != null ? limit.refusal()
          : new ApiError(413, "PAYLOAD_TOO_LARGE", "Data yang dikirim terlalu besar.");
      case 415 -> new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "Jenis isi permintaan tidak didukung.");
      case 417 -> new ApiError(417, "EXPECTATION_FAILED", "Header Expect tidak didukung.");
      case 503 -> new ApiError(503, "SERVICE_UNAVAILABLE", "Layanan sedang terganggu. Silakan coba lagi beberapa saat lagi.");
      default -> {
        LOG.atError().addKeyValue("requestId", requestId)
            .addKeyValue("path", RequestIds.loggedPath(path))
            .setCause(failure == null ? null : Logged.of(failure))
            .log("unhandled failure");
        yield new ApiError(500, "INTERNAL_ERROR",
            "Terjadi kesalahan pada server. Silakan coba lagi; bila berulang, sebutkan kode permintaan ini.");
      }
    };
  }
}

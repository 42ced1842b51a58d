package id.go.bkn.epupns.core.http;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.VertxConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request with both Content-Length and Transfer-Encoding is ambiguous (RFC 9112 6.3: the way requests are
 * smuggled past a proxy that reads the other header). Netty silently drops Content-Length and carries on; here
 * such a request is a malformed one: 400 and the connection closed. Vert.x has no public hook for this, so the
 * HTTP/1.x decoder of each new connection is replaced by a subclass (internal Vert.x classes; if a later
 * Vert.x changes them, start-up logs a warning once and Netty's behaviour stays).
 */
public final class StrictFraming {

  private static final Logger LOG = LoggerFactory.getLogger(StrictFraming.class);
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private StrictFraming() {
  }

  /** For HttpServer.connectionHandler: called before the connection reads its first request. */
  public static void install(HttpConnection connection, HttpServerOptions options) {
    try {
      if (connection instanceof VertxConnection vertx) {
        ChannelPipeline pipeline = vertx.channel().pipeline();
        if (pipeline.get("httpDecoder") instanceof VertxHttpRequestDecoder current && !(current instanceof Decoder)) {
          pipeline.replace("httpDecoder", "httpDecoder", new Decoder(options));
          return;
        }
        if (pipeline.get("httpDecoder") instanceof Decoder) {
          return;
        }
      }
      if (connection instanceof io.vertx.core.http.impl.Http2ServerConnection) {
        return; // HTTP/2 frames carry no such headers
      }
      warnOnce("the HTTP decoder is not where it was expected");
    } catch (RuntimeException | LinkageError e) {
      warnOnce(e.toString());
    }
  }

  private static void warnOnce(String why) {
    if (WARNED.compareAndSet(false, true)) {
      LOG.warn("requests with both Content-Length and Transfer-Encoding cannot be refused ({})", why);
    }
  }

  /** For HttpServer.invalidRequestHandler: malformed requests get the error model, then the connection closes. */
  public static io.vertx.core.Handler<HttpServerRequest> invalidRequests(SecurityHeaders headers) {
    return request -> {
      Throwable cause = request.decoderResult().cause();
      ApiError error;
      if (cause instanceof io.netty.handler.codec.http.TooLongHttpLineException) {
        error = new ApiError(HttpResponseStatus.REQUEST_URI_TOO_LONG.code(), "URI_TOO_LONG", "Alamat terlalu panjang.");
      } else if (cause instanceof TooLongFrameException) {
        error = new ApiError(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.code(), "HEADERS_TOO_LARGE",
            "Header permintaan terlalu besar.");
      } else {
        error = new ApiError(400, "BAD_REQUEST", "Permintaan tidak dapat dibaca.");
      }
      var response = request.response();
      headers.apply(response.headers());
      response.setStatusCode(error.status())
          .putHeader("Content-Type", "application/json; charset=utf-8")
          .putHeader("Cache-Control", "no-store")
          .putHeader("Connection", "close")
          .end(error.toJson(null).encode())
          .onComplete(done -> request.connection().close());
    };
  }

  /** Vert.x's decoder, refusing the ambiguous framing instead of resolving it. */
  static final class Decoder extends VertxHttpRequestDecoder {

    Decoder(HttpServerOptions options) {
      super(options);
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
      throw new IllegalArgumentException("Content-Length and Transfer-Encoding together");
    }
  }
}

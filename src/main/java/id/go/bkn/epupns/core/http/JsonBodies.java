package id.go.bkn.epupns.core.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads a request's JSON object body, answering 400 for anything else. */
public final class JsonBodies {

  private JsonBodies() {
  }

  public static JsonObject object(RoutingContext ctx) {
    var body = ctx.body();
    if (body == null || body.length() == 0) {
      throw new ApiError(400, "MISSING_BODY", "Isi permintaan (JSON) kosong.");
    }
    try {
      JsonObject json = body.asJsonObject();
      if (json == null) {
        throw new ApiError(400, "MISSING_BODY", "Isi permintaan (JSON) kosong.");
      }
      return json;
    } catch (DecodeException | ClassCastException e) {
      throw new ApiError(400, "MALFORMED_JSON", "Isi permintaan harus berupa objek JSON yang sah.");
    }
  }

  /** A string member, trimmed; null when absent, blank or not a string. */
  public static String text(JsonObject body, String name) {
    Object value = body.getValue(name);
    if (!(value instanceof String s)) {
      return null;
    }
    String trimmed = s.trim();
    return trimmed.isEmpty() ? null : trimmed;
  }
}

package id.go.bkn.epupns.core.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a request's JSON object body, answering 400 for anything else, and for any name or string in it that
 * {@link TextInput} refuses (naming the field), before the route does anything costly with it.
 */
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
      TextInput.requireJson(json, "");
      return json;
    } catch (DecodeException | ClassCastException e) {
      throw new ApiError(400, "MALFORMED_JSON", "Isi permintaan harus berupa objek JSON yang sah.");
    }
  }

  /**
   * A string member, trimmed; null when absent, null or blank. Any other JSON type (a number, a list,
   * an object, true/false) is a 400 naming the field: it is a client's mistake, not a missing value.
   */
  public static String text(JsonObject body, String name) {
    String raw = raw(body, name);
    if (raw == null) {
      return null;
    }
    String trimmed = raw.trim();
    return trimmed.isEmpty() ? null : trimmed;
  }

  /** A string member exactly as sent (passwords are never trimmed); null when absent or null. */
  public static String raw(JsonObject body, String name) {
    Object value = body.getValue(name);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw ApiError.field(name, "Isian " + name + " harus berupa teks.");
  }
}

package id.go.bkn.epupns.core.http;

import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one error model of the API (SPEC 5.1): {"error": CODE, "message": text, "fields": {name: text}}.
 * Thrown or failed with anywhere; {@link ErrorHandler} renders it. Carries no stack trace: it is
 * an answer to the client, not a bug.
 */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String code;
  private final Map<String, String> fields;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final JsonObject extra = new JsonObject();

  public ApiError(int status, String code, String message, Map<String, String> fields) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.fields = fields == null ? Map.of() : Map.copyOf(fields);
  }

  public ApiError(int status, String code, String message) {
    this(status, code, message, null);
  }

  public static ApiError badRequest(String message, Map<String, String> fields) {
    return new ApiError(400, "VALIDATION_FAILED", message, fields);
  }

  public static ApiError field(String field, String message) {
    return new ApiError(400, "VALIDATION_FAILED", message, Map.of(field, message));
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, "NOT_FOUND", message);
  }

  public static ApiError conflict(String code, String message) {
    return new ApiError(409, code, message);
  }

  public static ApiError forbidden(String message) {
    return new ApiError(403, "FORBIDDEN", message);
  }

  public static ApiError unauthorized(String message) {
    return new ApiError(401, "UNAUTHORIZED", message);
  }

  public ApiError withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** Extra top-level members of the body, e.g. a link to the recovery path. */
  public ApiError with(String name, Object value) {
    extra.put(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, String> fields() {
    return fields;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public JsonObject toJson(String requestId) {
    JsonObject body = new JsonObject().put("error", code).put("message", getMessage());
    if (!fields.isEmpty()) {
      body.put("fields", new JsonObject(new LinkedHashMap<>(fields)));
    }
    body.mergeIn(extra);
    if (requestId != null) {
      body.put("requestId", requestId);
    }
    return body;
  }
}

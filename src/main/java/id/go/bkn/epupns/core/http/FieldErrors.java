package id.go.bkn.epupns.core.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** Collects every field error of a request so that the client gets them all at once. */
public final class FieldErrors {

  private final Map<String, String> errors = new LinkedHashMap<>();

  public FieldErrors add(String field, String message) {
    errors.putIfAbsent(field, message);
    return this;
  }

  public boolean has(String field) {
    return errors.containsKey(field);
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  public Map<String, String> asMap() {
    return errors;
  }

  /** Throws a 400 naming every field when any error was collected. */
  public void throwIfAny() {
    if (!errors.isEmpty()) {
      throw ApiError.badRequest("Periksa kembali isian yang ditandai.", errors);
    }
  }
}

package id.go.bkn.epupns.testing;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Every operation of the served openapi.yaml, with what a test needs to call it (the access matrix, the headers). */
public final class OpenApiOperations {

  /**
   * {@code enums}: the allowed values of each enumerated path or required query parameter; {@code optionalQuery}: the
   * names of the query parameters that are not required (the access matrix sends the scope selectors among them).
   */
  public record Operation(String id, HttpMethod method, String path, boolean body, boolean multipart,
                          List<String> pathParams, List<String> requiredQuery, boolean secured,
                          java.util.Map<String, List<String>> enums, List<String> optionalQuery) {
  }

  private OpenApiOperations() {
  }

  public static JsonObject contract() {
    try (InputStream in = OpenApiOperations.class.getResourceAsStream("/openapi.yaml")) {
      return ContractCheck.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<Operation> all() {
    JsonObject openapi = contract();
    List<Operation> all = new ArrayList<>();
    JsonObject paths = openapi.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : List.of("get", "post", "put", "delete", "patch")) {
        JsonObject op = item.getJsonObject(method);
        if (op == null) {
          continue;
        }
        List<String> pathParams = new ArrayList<>();
        List<String> query = new ArrayList<>();
        List<String> optional = new ArrayList<>();
        java.util.Map<String, List<String>> enums = new java.util.HashMap<>();
        for (Object p : op.getJsonArray("parameters", new JsonArray())) {
          JsonObject param = ContractCheck.resolve(openapi, p);
          JsonArray allowed = param.getJsonObject("schema", new JsonObject()).getJsonArray("enum");
          if (allowed != null) {
            enums.put(param.getString("name"), allowed.stream().map(String::valueOf).toList());
          }
          if ("path".equals(param.getString("in"))) {
            pathParams.add(param.getString("name"));
          } else if ("query".equals(param.getString("in")) && param.getBoolean("required", false)) {
            query.add(param.getString("name"));
          } else if ("query".equals(param.getString("in"))) {
            optional.add(param.getString("name"));
          }
        }
        JsonObject content = op.getJsonObject("requestBody", new JsonObject()).getJsonObject("content", new JsonObject());
        all.add(new Operation(op.getString("operationId"), HttpMethod.valueOf(method.toUpperCase()), path,
            op.containsKey("requestBody"), content.containsKey("multipart/form-data"), pathParams, query,
            !op.getJsonArray("security", new JsonArray()).isEmpty(), enums, optional));
      }
    }
    return all;
  }
}

package id.go.bkn.epupns.core;

import id.go.bkn.epupns.testing.ContractCheck;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static id.go.bkn.epupns.testing.TestService.await;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * SPEC §5.1's contract table, row by row, is in openapi.yaml: the path and method, every listed status code,
 * and the listed response fields. Also the contract's house rules: every operation has an operationId,
 * summary, tags and (where it needs a token) bearer security with a 401; every error response has the Error
 * shape; paths are grouped by tag.
 *
 */
class SpecContractTableTest {

  /** One row of SPEC §5.1: method, a concrete path, the statuses, and per first status the fields it names. */
  record Row(HttpMethod method, String path, List<String> statuses, List<String> fields, List<String> required) {
  }

  static final List<Row> SPEC_5_1 = List.of(
      new Row(HttpMethod.POST, "/api/captcha", List.of("200"), List.of("id", "image"), List.of("id", "image")),
      new Row(HttpMethod.GET, "/api/pns/198005142005031001", List.of("200", "400", "404"),
          List.of("nip", "nama", "instansi"), List.of("nip", "nama", "instansi")),
      new Row(HttpMethod.POST, "/api/registrations", List.of("201", "400", "404", "409", "422", "429"),
          List.of("registrationNumber", "status", "proofUrl"), List.of("registrationNumber", "status", "proofUrl")),
      new Row(HttpMethod.GET, "/api/registrations/status", List.of("200"), List.of("status"), List.of("status")),
      new Row(HttpMethod.POST, "/api/recovery/registration-number", List.of("200"),
          List.of("question", "registrationNumber"), List.of()),
      new Row(HttpMethod.POST, "/api/recovery/security-answer", List.of("200"), List.of("answer"), List.of("answer")),
      new Row(HttpMethod.POST, "/api/auth/login", List.of("200", "401", "403"), List.of("token", "role", "expiresIn"),
          List.of("token", "role", "expiresIn")),
      new Row(HttpMethod.GET, "/api/me/form", List.of("200"), List.of("sections"), List.of()),
      new Row(HttpMethod.PUT, "/api/me/form/utama", List.of("200", "409", "400"), List.of("version"),
          List.of("version")),
      new Row(HttpMethod.POST, "/api/me/documents", List.of("201", "413", "415"), List.of("id", "sha256"),
          List.of("id", "sha256")),
      new Row(HttpMethod.POST, "/api/me/form/submit", List.of("200", "409"), List.of(), List.of()),
      new Row(HttpMethod.GET, "/api/me/progress", List.of("200"), List.of("fields"), List.of()),
      new Row(HttpMethod.GET, "/api/admin/registrations", List.of("200"), List.of("items"), List.of()),
      new Row(HttpMethod.POST, "/api/admin/registrations/198005142005031001/approve", List.of("200"), List.of(),
          List.of()),
      new Row(HttpMethod.POST, "/api/admin/registrations/198005142005031001/reject", List.of("200"), List.of(),
          List.of()),
      new Row(HttpMethod.POST, "/api/admin/registrations/198005142005031001/reset", List.of("200"), List.of(),
          List.of()),
      new Row(HttpMethod.GET, "/api/admin/stats", List.of("200"), List.of("scope", "total"), List.of("scope", "total")),
      new Row(HttpMethod.GET, "/api/admin/nominatif", List.of("200"), List.of(), List.of()),
      new Row(HttpMethod.GET, "/api/inbox", List.of("200"), List.of("items"), List.of("items")),
      new Row(HttpMethod.GET, "/api/submissions/1", List.of("200", "404"), List.of("items"), List.of("items")),
      new Row(HttpMethod.POST, "/api/submissions/1/decisions", List.of("200", "400", "409"), List.of(), List.of()),
      new Row(HttpMethod.GET, "/health", List.of("200", "503"), List.of("status"), List.of("status")),
      new Row(HttpMethod.GET, "/metrics", List.of("200"), List.of(), List.of()));

  static Vertx vertx;
  static JsonObject raw;
  static OpenAPIContract contract;

  @BeforeAll
  static void load() throws Exception {
    vertx = Vertx.vertx();
    raw = ContractCheck.parse(Files.readString(Path.of("src/main/resources/openapi.yaml")));
    contract = await(OpenAPIContract.from(vertx, ContractCheck.normalisedForValidators(raw)));
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  @Test
  void everyBuiltRowOfTheSpecTableIsDocumentedWithItsStatusesAndFields() {
    List<String> problems = new ArrayList<>();
    for (Row row : SPEC_5_1) {
      Operation operation = contract.findOperation(row.path(), row.method());
      String name = row.method() + " " + row.path();
      if (operation == null) {
        problems.add(name + ": not in the contract");
        continue;
      }
      JsonObject responses = rawOperation(operation).getJsonObject("responses");
      for (String status : row.statuses()) {
        if (!responses.containsKey(status)) {
          problems.add(name + " (" + operation.getOperationId() + "): status " + status + " not documented");
        }
      }
      JsonObject first = ContractCheck.resolve(raw, responses.getValue(row.statuses().get(0)));
      if (first == null) {
        continue;
      }
      Set<String> named = new HashSet<>();
      Set<String> required = new HashSet<>();
      JsonObject content = first.getJsonObject("content", new JsonObject());
      for (String type : content.fieldNames()) {
        collect(content.getJsonObject(type).getJsonObject("schema"), named, required);
      }
      for (String field : row.fields()) {
        if (!named.contains(field)) {
          problems.add(name + ": " + row.statuses().get(0) + " does not name `" + field + "`");
        }
      }
      for (String field : row.required()) {
        if (!required.contains(field)) {
          problems.add(name + ": " + row.statuses().get(0) + " does not require `" + field + "`");
        }
      }
    }
    JsonObject created = schemaOf("/api/registrations", "post", "201");
    if (!created.getJsonObject("properties").getJsonObject("status").getJsonArray("enum").contains("PENDING_APPROVAL")) {
      problems.add("POST /api/registrations: 201 status is not PENDING_APPROVAL");
    }
    JsonArray statuses = null;
    for (Object p : rawOperation(contract.findOperation("/api/admin/registrations", HttpMethod.GET))
        .getJsonArray("parameters")) {
      JsonObject param = ContractCheck.resolve(raw, p);
      if ("status".equals(param.getString("name"))) {
        statuses = param.getJsonObject("schema").getJsonArray("enum");
      }
    }
    if (statuses == null || !statuses.contains("PENDING_APPROVAL")) {
      problems.add("GET /api/admin/registrations: no status=PENDING_APPROVAL query parameter");
    }
    if (!problems.isEmpty()) {
      fail("SPEC 5.1 rows the contract does not keep:\n" + String.join("\n", problems));
    }
  }

  @Test
  void everyOperationFollowsTheHouseRules() {
    List<String> problems = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<String> tags = new HashSet<>();
    raw.getJsonArray("tags").forEach(t -> tags.add(((JsonObject) t).getString("name")));
    List<String> tagOrder = new ArrayList<>();
    for (String path : raw.getJsonObject("paths").fieldNames()) {
      JsonObject item = raw.getJsonObject("paths").getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (!(item.getValue(method) instanceof JsonObject operation) || !operation.containsKey("responses")) {
          continue;
        }
        String name = method.toUpperCase(Locale.ROOT) + " " + path;
        String id = operation.getString("operationId");
        if (id == null || id.isBlank()) {
          problems.add(name + ": no operationId");
        } else if (!ids.add(id)) {
          problems.add(name + ": operationId " + id + " used twice");
        }
        if (operation.getString("summary", "").isBlank()) {
          problems.add(name + ": no summary");
        }
        JsonArray opTags = operation.getJsonArray("tags", new JsonArray());
        if (opTags.isEmpty()) {
          problems.add(name + ": no tags");
        } else {
          opTags.forEach(t -> {
            if (!tags.contains(t)) {
              problems.add(name + ": tag " + t + " not declared under tags");
            }
          });
          String tag = opTags.getString(0);
          if (tagOrder.isEmpty() || !tagOrder.get(tagOrder.size() - 1).equals(tag)) {
            if (tagOrder.contains(tag)) {
              problems.add(name + ": paths of tag " + tag + " are not together");
            }
            tagOrder.add(tag);
          }
        }
        boolean secured = operation.getJsonArray("security", new JsonArray()).stream()
            .anyMatch(s -> s instanceof JsonObject o && o.containsKey("bearer"));
        boolean needsToken = path.startsWith("/api/me/") || path.startsWith("/api/admin/") || path.startsWith("/api/ref/")
            || path.equals("/api/me") || path.equals("/api/auth/me") || path.startsWith("/api/documents/");
        if (needsToken && !secured) {
          problems.add(name + ": needs a token but declares no bearer security");
        }
        JsonObject responses = operation.getJsonObject("responses");
        if (secured && !responses.containsKey("401")) {
          problems.add(name + ": bearer security without a 401");
        }
        for (String status : responses.fieldNames()) {
          // GET /health's 503 is the readiness report itself (which dependency is down), not an error.
          if ((status.startsWith("4") || status.startsWith("5")) && !path.equals("/health")) {
            JsonObject response = ContractCheck.resolve(raw, responses.getValue(status));
            JsonObject json = response.getJsonObject("content", new JsonObject()).getJsonObject("application/json");
            if (json == null || !isError(json.getJsonObject("schema"))) {
              problems.add(name + ": " + status + " is not an application/json Error");
            }
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      fail(String.join("\n", problems));
    }
  }

  /** The Error schema itself, or an allOf built on it. */
  private static boolean isError(JsonObject schema) {
    if (schema == null) {
      return false;
    }
    if ("#/components/schemas/Error".equals(schema.getString("$ref"))) {
      return true;
    }
    JsonArray all = schema.getJsonArray("allOf");
    return all != null && all.stream().anyMatch(s -> s instanceof JsonObject o && isError(o));
  }

  private static void collect(JsonObject schema, Set<String> named, Set<String> required) {
    JsonObject resolved = ContractCheck.resolve(raw, schema);
    if (resolved == null) {
      return;
    }
    if (resolved.containsKey("properties")) {
      named.addAll(resolved.getJsonObject("properties").fieldNames());
    }
    resolved.getJsonArray("required", new JsonArray()).forEach(r -> required.add((String) r));
    JsonArray all = resolved.getJsonArray("allOf");
    if (all != null) {
      all.forEach(s -> collect((JsonObject) s, named, required));
    }
    for (String alternative : List.of("oneOf", "anyOf")) {
      JsonArray list = resolved.getJsonArray(alternative);
      if (list != null) {
        list.forEach(s -> collect((JsonObject) s, named, new LinkedHashSet<>()));
      }
    }
  }

  private static JsonObject schemaOf(String path, String method, String status) {
    JsonObject response = ContractCheck.resolve(raw, raw.getJsonObject("paths").getJsonObject(path)
        .getJsonObject(method).getJsonObject("responses").getValue(status));
    return ContractCheck.resolve(raw, response.getJsonObject("content").getJsonObject("application/json")
        .getJsonObject("schema"));
  }

  private static JsonObject rawOperation(Operation operation) {
    return raw.getJsonObject("paths").getJsonObject(operation.getOpenAPIPath())
        .getJsonObject(operation.getHttpMethod().name().toLowerCase(Locale.ROOT));
  }
}

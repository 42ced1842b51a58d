package id.go.bkn.epupns.core;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static id.go.bkn.epupns.testing.TestService.await;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * openapi.yaml stays a valid OpenAPI 3.1 contract (checked by vertx-openapi) with every operation the
 * features serve. vertx-openapi 5.0 models only JSON, text, multipart and octet-stream bodies, so binary
 * downloads (PDF, CSV) are read as octet-stream here; their own tests check the real content type.
 */
class OpenApiContractTest {

  private static final Set<String> BINARY = Set.of("application/pdf", "text/csv", "image/png", "image/jpeg",
      "application/yaml");

  static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  @Test
  void theContractIsValidAndHasEveryFeaturesOperations() throws Exception {
    java.util.Map<String, Object> yaml = new org.yaml.snakeyaml.Yaml()
        .load(Files.readString(Path.of("src/main/resources/openapi.yaml")));
    JsonObject document = new JsonObject(io.vertx.core.json.Json.encode(yaml));
    normaliseBinaryContent(document);
    OpenAPIContract contract = await(OpenAPIContract.from(vertx, document));
    for (String id : new String[] {"health", "getSchedule", "login", "listRegistrations", "decideRegistration",
        "setAgencyApproval", "appointOfficer", "listOfficers", "changeOfficer", "disableOrEnableOfficer"}) {
      assertNotNull(contract.operation(id), id);
    }
    for (var path : document.getJsonObject("paths")) {
      if (!(path.getValue() instanceof JsonObject item)) {
        continue;
      }
      for (var op : item) {
        if (op.getValue() instanceof JsonObject operation && operation.containsKey("operationId")) {
          assertNotNull(contract.operation(operation.getString("operationId")), operation.getString("operationId"));
        }
      }
    }
  }

  private static void normaliseBinaryContent(Object node) {
    if (node instanceof JsonObject object) {
      if (object.containsKey("content") && object.getValue("content") instanceof JsonObject content) {
        for (String type : Set.copyOf(content.fieldNames())) {
          if (BINARY.contains(type)) {
            Object schema = content.remove(type);
            content.put("application/octet-stream", schema);
          }
        }
      }
      object.forEach(entry -> normaliseBinaryContent(entry.getValue()));
    } else if (node instanceof io.vertx.core.json.JsonArray array) {
      array.forEach(OpenApiContractTest::normaliseBinaryContent);
    }
  }
}

package id.go.bkn.epupns.admin;

import io.vertx.core.Vertx;
import io.vertx.openapi.contract.OpenAPIContract;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The OpenAPI document stays a valid 3.1 contract with the auth and admin operations in it. */
class AdminOpenApiTest {

  @Test
  void theContractIsValidAndHasTheAdminOperations() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      OpenAPIContract contract = OpenAPIContract.from(vertx, "src/main/resources/openapi.yaml")
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      for (String id : new String[] {"login", "listRegistrations", "decideRegistration", "setAgencyApproval",
          "appointOfficer", "listOfficers", "changeOfficer", "disableOrEnableOfficer"}) {
        assertNotNull(contract.operation(id), id);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}

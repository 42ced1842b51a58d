package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.form.FormModule;
import id.go.bkn.epupns.sapk.DemoData;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --demo leaves work in every demo verifier's inbox, at every tier, and loading twice changes nothing. */
class VerificationDemoDataTest {

  static TestService service;

  @BeforeAll
  static void start() {
    service = TestService.start(VerificationDemoDataTest.class, Map.of("EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "1000"), true);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static String login(String nip) {
    HttpResponse<Buffer> login = service.post("/api/auth/login", new JsonObject().put("username", nip)
        .put("password", DemoData.OFFICER_PASSWORD));
    assertEquals(200, login.statusCode(), login.bodyAsString());
    return login.bodyAsJsonObject().getString("token");
  }

  private static long waiting(String nip) {
    HttpResponse<Buffer> inbox = service.get("/api/inbox", login(nip));
    assertEquals(200, inbox.statusCode(), inbox.bodyAsString());
    return inbox.bodyAsJsonObject().getJsonObject("counts").getLong("total");
  }

  @Test
  void everyDemoVerifierFindsWorkWaiting() {
    for (String skpd : List.of(DemoData.VERIFIER_SKPD_DINAS_PENDIDIKAN_KAB_BANDUNG_NIP, DemoData.VERIFIER_SKPD_RSUD_KAB_BANDUNG_NIP,
        DemoData.VERIFIER_SKPD_SETDA_KOTA_BANDUNG_NIP, DemoData.VERIFIER_SKPD_SETDA_PROV_JABAR_NIP,
        DemoData.VERIFIER_SKPD_RSUP_HASAN_SADIKIN_NIP)) {
      assertEquals(2L, waiting(skpd), skpd);
    }
    assertEquals(2L, waiting(DemoData.VERIFIER_BKD_KAB_BANDUNG_NIP), "two work units, one submission each at BKD");
    for (String bkd : List.of(DemoData.VERIFIER_BKD_KOTA_BANDUNG_NIP, DemoData.VERIFIER_BKD_PROV_JABAR_NIP,
        DemoData.VERIFIER_BKD_KEMENKES_NIP)) {
      assertEquals(1L, waiting(bkd), bkd);
    }
    assertEquals(4L, waiting(DemoData.VERIFIER_BKN_KANREG_III_NIP), "Kab. Bandung (2 units), Kota, Provinsi");
    assertEquals(1L, waiting(DemoData.VERIFIER_BKN_PUSAT_NIP), "Kemenkes");
    // The README's PNS keep open forms for the reader.
    assertEquals(0L, service.sql("select count(*) from submission where nip = any($1)", (Object) new String[] {
        DemoData.DEMO_PNS_NIP, DemoData.DEMO_PNS_TEACHER_NIP, DemoData.DEMO_PNS_DOCTOR_NIP, DemoData.DEMO_PNS_FEMALE_NIP,
        DemoData.DEMO_PNS_PUSAT_NIP}).iterator().next().getLong(0));
  }

  @Test
  void loadingTwiceChangesNothing() {
    long before = service.sql("select count(*) from submission_decision").iterator().next().getLong(0);
    Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(TestService.PG
        + service.sql("select current_database()").iterator().next().getString(0))).using(service.vertx()).build();
    try {
      Set<String> officers = DemoData.officers().stream().map(DemoData.Officer::nip).collect(Collectors.toSet());
      VerificationDemoData.Summary again = TestService.await(VerificationDemoData.load(pool, FormModule.catalogue(),
          officers, Set.of(DemoData.DEMO_PNS_NIP)));
      assertEquals(20L, again.submissions());
    } finally {
      TestService.await(pool.close());
    }
    assertEquals(20L, service.sql("select count(*) from submission").iterator().next().getLong(0));
    assertEquals(before, service.sql("select count(*) from submission_decision").iterator().next().getLong(0));
    assertTrue(before > 0);
  }
}

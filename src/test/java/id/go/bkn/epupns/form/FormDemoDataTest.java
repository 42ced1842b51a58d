package id.go.bkn.epupns.form;

import id.go.bkn.epupns.sapk.DemoData;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static id.go.bkn.epupns.testing.TestService.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With --demo, the demo teacher and doctor find their school and health unit in the autocomplete. */
class FormDemoDataTest {

  static TestService service;
  static FormTesting form;

  @BeforeAll
  static void start() {
    service = TestService.start(FormDemoDataTest.class, Map.of(), true);
    form = new FormTesting(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void demoTeacherFindsSchoolsOfItsOwnAgency() {
    String token = form.login(DemoData.DEMO_PNS_TEACHER_NIP);
    JsonArray schools = service.get("/api/ref/sekolah?q=SD", token).bodyAsJsonObject().getJsonArray("items");
    assertFalse(schools.isEmpty(), "demo schools for the teacher's agency");
    assertTrue(schools.getJsonObject(0).getString("nama").startsWith("SD"));
  }

  @Test
  void demoDoctorFindsPuskesmas() {
    String token = form.login(DemoData.DEMO_PNS_DOCTOR_NIP);
    JsonObject answer = service.get("/api/ref/unit-kesehatan?q=Puskesmas&jenis=Puskesmas", token).bodyAsJsonObject();
    assertFalse(answer.getJsonArray("items").isEmpty(), answer.encode());
  }

  @Test
  void loadingTwiceAddsNothing() {
    long before = service.sql("select count(*) from ref_sekolah").iterator().next().getLong(0);
    io.vertx.sqlclient.Pool pool = pgPool();
    try {
      await(FormDemoData.load(pool));
    } finally {
      await(pool.close());
    }
    long after = service.sql("select count(*) from ref_sekolah").iterator().next().getLong(0);
    assertEquals(before, after);
    assertTrue(before > 0);
  }

  private static io.vertx.sqlclient.Pool pgPool() {
    return io.vertx.pgclient.PgBuilder.pool()
        .connectingTo(io.vertx.pgclient.PgConnectOptions.fromUri(service.running().config().string("db.url")))
        .using(service.vertx()).build();
  }
}

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
  /** One registration per demo PNS: every test of the class shares its token. */
  static final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

  private static String login(String nip) {
    return tokens.computeIfAbsent(nip, form::login);
  }

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
    String token = login(DemoData.DEMO_PNS_TEACHER_NIP);
    JsonArray schools = service.get("/api/ref/sekolah?q=SD", token).bodyAsJsonObject().getJsonArray("items");
    assertFalse(schools.isEmpty(), "demo schools for the teacher's agency");
    assertTrue(schools.getJsonObject(0).getString("nama").startsWith("SD"));
  }

  @Test
  void demoDoctorFindsPuskesmas() {
    String token = login(DemoData.DEMO_PNS_DOCTOR_NIP);
    JsonObject answer = service.get("/api/ref/unit-kesehatan?q=Puskesmas&jenis=Puskesmas", token).bodyAsJsonObject();
    assertFalse(answer.getJsonArray("items").isEmpty(), answer.encode());
  }

  private static java.util.List<String> names(String path, String token) {
    JsonObject answer = service.get(path, token).bodyAsJsonObject();
    return answer.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("nama")).toList();
  }

  @Test
  void theDemoDoctorFindsHisOwnHospitalByAnyWordOfItsName() {
    String token = login(DemoData.DEMO_PNS_DOCTOR_NIP);
    String own = service.sql("select s.nama from pns p join satuan_kerja s on s.id = p.satuan_kerja_id where p.nip = $1",
        DemoData.DEMO_PNS_DOCTOR_NIP).iterator().next().getString(0);
    assertEquals("Rumah Sakit Umum Daerah Kabupaten Bandung", own);
    for (String q : new String[] {"rumah", "sakit", "Sakit Umum", "daerah kab", "RUMAH SAKIT UMUM DAERAH KABUPATEN BANDUNG"}) {
      assertTrue(names("/api/ref/unit-kesehatan?q=" + q.replace(" ", "%20"), token).contains(own), q);
    }
    assertTrue(names("/api/ref/unit-kesehatan?q=sakit&jenis=Rumah%20Sakit", token).contains(own));
    // Real-looking neighbours: the regency's RSUDs and its district health centres.
    assertTrue(names("/api/ref/unit-kesehatan?q=rsud", token).containsAll(java.util.List.of("RSUD Majalaya", "RSUD Soreang")));
    assertTrue(names("/api/ref/unit-kesehatan?q=soreang&jenis=Puskesmas", token).contains("Puskesmas Soreang"));
    assertTrue(names("/api/ref/unit-kesehatan?q=akit", token).isEmpty(), "a word's middle is not a word");

    String central = login(DemoData.DEMO_PNS_PUSAT_NIP);
    assertTrue(names("/api/ref/unit-kesehatan?q=hasan", central).contains("RSUP Dr. Hasan Sadikin"));
  }

  @Test
  void theDemoTeachersSchoolsAreNamedLikeRealKabupatenBandungSchools() {
    String token = login(DemoData.DEMO_PNS_TEACHER_NIP);
    java.util.List<String> all = new java.util.ArrayList<>();
    for (String level : new String[] {"SD", "SMP", "SMA"}) {
      all.addAll(names("/api/ref/sekolah?jenjang=" + level, token));
    }
    assertEquals(60, all.size(), "the first 20 of each level: " + all);
    assertTrue(all.stream().noneMatch(n -> n.matches("(SD|SMP|SMA) Negeri \\d+ Bandung")), all.toString());
    assertEquals(java.util.List.of("SD Negeri 1 Soreang", "SD Negeri 2 Soreang", "SD Negeri 3 Soreang",
        "SMA Negeri 1 Soreang", "SMP Negeri 1 Soreang"), names("/api/ref/sekolah?q=soreang", token));
    assertEquals(java.util.List.of("SMP Negeri 1 Soreang"), names("/api/ref/sekolah?q=negeri%201%20sor&jenjang=SMP", token));
    // Every demo teacher and doctor of the regency finds the school or health unit SAPK places them in.
    assertEquals(0L, service.sql("""
        select count(*) from pns p join satuan_kerja s on s.id = p.satuan_kerja_id
         where p.instansi_kerja_id = $1 and (p.guru or p.dokter)
           and s.nama ~ '^(SD|SMP|SMA|SMK|Puskesmas|Rumah Sakit|RSUD) '
           and not exists (select 1 from ref_sekolah r where r.instansi_id = p.instansi_kerja_id and r.nama = s.nama)
           and not exists (select 1 from ref_unit_kesehatan r where r.instansi_id = p.instansi_kerja_id and r.nama = s.nama)""",
        DemoData.INSTANSI_KAB_BANDUNG_ID).iterator().next().getLong(0));
    assertTrue(service.sql("select count(*) from pns p join satuan_kerja s on s.id = p.satuan_kerja_id "
        + "where p.instansi_kerja_id = $1 and p.guru and s.nama like 'SD Negeri 1 %'", DemoData.INSTANSI_KAB_BANDUNG_ID)
        .iterator().next().getLong(0) > 0, "demo teachers work at district schools");
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

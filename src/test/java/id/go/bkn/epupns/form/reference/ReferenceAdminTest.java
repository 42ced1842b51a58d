package id.go.bkn.epupns.form.reference;

import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admins keep the reference tables: add, edit, retire (not offered, still valid), CSV import by line, repeatable. */
class ReferenceAdminTest {

  static final int IMPORT_LIMIT = 1024 * 1024;

  static TestService service;
  static SapkFixture sapk;
  static String bandungAdmin;
  static String bknAgencyAdmin;
  static String national;
  static String pnsToken;

  @BeforeAll
  static void start() {
    // The import's own body limit, configured (1 MB here; 5 MB by default): far above the 64 KB of other JSON bodies.
    service = TestService.start(ReferenceAdminTest.class, Map.of("EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "100000",
        "EPUPNS_REFERENCE_IMPORT_MAX_BYTES", Integer.toString(IMPORT_LIMIT)), false);
    sapk = new SapkFixture(service);
    bandungAdmin = token(sapk.officer("ADMIN_INSTANSI", SapkFixture.SATKER_DISDIK_BANDUNG));
    bknAgencyAdmin = token(sapk.officer("ADMIN_INSTANSI", SapkFixture.SATKER_BKN));
    national = token(sapk.officer("ADMIN_BKN", SapkFixture.SATKER_BKN));
    // The form's autocomplete as an agency's officer sees it (ADMIN_INSTANSI may use /api/ref too).
    pnsToken = bandungAdmin;
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  static String token(SapkFixture.Person officer) {
    HttpResponse<Buffer> login = service.post("/api/auth/login", new JsonObject().put("username", officer.nip())
        .put("password", SapkFixture.OFFICER_PASSWORD));
    assertEquals(200, login.statusCode(), login.bodyAsString());
    return login.bodyAsJsonObject().getString("token");
  }

  static HttpResponse<Buffer> importCsv(String table, String csv, String token) {
    return service.post("/api/admin/referensi/" + table + "/import", new JsonObject().put("csv", csv), token);
  }

  static JsonArray offered(String q) {
    return service.get("/api/ref/sekolah?q=" + q, pnsToken).bodyAsJsonObject().getJsonArray("items");
  }

  @Test
  void anAgencyKeepsItsSchoolsAndRetiredOnesAreNoLongerOffered() {
    HttpResponse<Buffer> added = service.post("/api/admin/referensi/sekolah", new JsonObject().put("nama", "SD Negeri Cibiru 7")
        .put("jenjang", "sd").put("npsn", "20200007"), bandungAdmin);
    assertEquals(201, added.statusCode(), added.bodyAsString());
    JsonObject school = added.bodyAsJsonObject();
    assertEquals("SD", school.getString("jenjang"));
    long id = school.getLong("id");
    assertEquals(1, offered("cibiru").size());

    HttpResponse<Buffer> edited = service.put("/api/admin/referensi/sekolah/" + id, new JsonObject()
        .put("nama", "SD Negeri Cibiru 07").put("jenjang", "SD").put("alamat", "Jl. Cibiru"), bandungAdmin);
    assertEquals(200, edited.statusCode(), edited.bodyAsString());
    assertEquals("Jl. Cibiru", edited.bodyAsJsonObject().getString("alamat"));

    HttpResponse<Buffer> bad = service.post("/api/admin/referensi/sekolah", new JsonObject().put("nama", "S")
        .put("jenjang", "TK"), bandungAdmin);
    assertEquals(400, bad.statusCode());
    assertTrue(bad.bodyAsJsonObject().getJsonObject("fields").containsKey("nama"));
    assertTrue(bad.bodyAsJsonObject().getJsonObject("fields").containsKey("jenjang"));

    assertEquals(200, service.post("/api/admin/referensi/sekolah/" + id + "/retire", new JsonObject(), bandungAdmin)
        .statusCode());
    assertEquals(0, offered("cibiru").size(), "a retired school is not offered");
    // ...but it stays what the forms that chose it hold: byIds answers it, flagged (TeacherDoctorTest saves and submits).
    io.vertx.sqlclient.Pool pool = io.vertx.pgclient.PgBuilder.pool()
        .connectingTo(io.vertx.pgclient.PgConnectOptions.fromUri(service.running().config().string("db.url")))
        .using(service.vertx()).build();
    try {
      var found = TestService.await(new ReferenceTables(pool).byIds(ReferenceTables.Table.SEKOLAH,
          SapkFixture.INSTANSI_BANDUNG, java.util.List.of(id)));
      assertEquals(1, found.size());
      assertTrue(found.get(id).getBoolean("retired"));
    } finally {
      TestService.await(pool.close());
    }
    JsonArray listed = service.get("/api/admin/referensi/sekolah?retired=true&q=cibiru", bandungAdmin).bodyAsJsonObject()
        .getJsonArray("items");
    assertTrue(listed.getJsonObject(0).getBoolean("retired"));
    assertEquals(0, service.get("/api/admin/referensi/sekolah?q=cibiru", bandungAdmin).bodyAsJsonObject()
        .getJsonArray("items").size());
    assertEquals(200, service.post("/api/admin/referensi/sekolah/" + id + "/restore", new JsonObject(), bandungAdmin)
        .statusCode());
    assertEquals(1, offered("cibiru").size());
    assertEquals(3L, service.sql("select count(*) from admin_audit where target = $1 and instansi_id = $2",
        "sekolah/" + id, SapkFixture.INSTANSI_BANDUNG).iterator().next().getLong(0) - 1, "add, edit, retire, restore");
  }

  @Test
  void aCsvImportKeepsTheGoodLinesNamesTheBadOnesAndCanBeRepeated() {
    String csv = """
        nama,jenis,alamat
        Puskesmas Ujungberung,Puskesmas,Jl. Ujungberung 1
        RSUD Kota Bandung,Rumah Sakit,"Jl. Rumah Sakit, No. 22"
        Klinik Tanpa Jenis,,Jl. X
        P,Puskesmas,
        Puskesmas Ujungberung,puskesmas,Jl. Lain
        Puskesmas Arcamanik,Puskesmas
        """;
    HttpResponse<Buffer> first = importCsv("unit-kesehatan", csv, bandungAdmin);
    assertEquals(200, first.statusCode(), first.bodyAsString());
    JsonObject result = first.bodyAsJsonObject();
    assertEquals(2, result.getInteger("added"), result.encode());
    JsonArray rejected = result.getJsonArray("rejected");
    assertEquals(4, rejected.size(), rejected.encode());
    assertEquals(4, rejected.getJsonObject(0).getInteger("line"));
    assertTrue(rejected.getJsonObject(0).getJsonObject("fields").containsKey("jenis"));
    assertEquals(5, rejected.getJsonObject(1).getInteger("line"));
    assertEquals(6, rejected.getJsonObject(2).getInteger("line"), "a repeated key in the file");
    assertEquals(7, rejected.getJsonObject(3).getInteger("line"), "a column short");

    JsonObject again = importCsv("unit-kesehatan", csv, bandungAdmin).bodyAsJsonObject();
    assertEquals(0, again.getInteger("added"));
    assertEquals(0, again.getInteger("changed"));
    assertEquals(2, again.getInteger("unchanged"));
    JsonObject changed = importCsv("unit-kesehatan", "nama,jenis,alamat\nRSUD Kota Bandung,Rumah Sakit,Jl. Baru\n",
        bandungAdmin).bodyAsJsonObject();
    assertEquals(1, changed.getInteger("changed"));
    assertEquals(2L, service.sql("select count(*) from ref_unit_kesehatan where instansi_id = $1",
        SapkFixture.INSTANSI_BANDUNG).iterator().next().getLong(0));

    HttpResponse<Buffer> noHeader = importCsv("unit-kesehatan", "Puskesmas A,Puskesmas,\n", bandungAdmin);
    assertEquals(400, noHeader.statusCode());
    assertTrue(noHeader.bodyAsJsonObject().getJsonObject("fields").containsKey("csv"));
  }

  /** A school list of a realistic size: far over the 64 KB of other JSON bodies, up to reference.importMaxBytes. */
  @Test
  void aLargeFileIsImportedUpToItsOwnLimitAndBeyondItRefusedNamingTheLimit() {
    StringBuilder csv = new StringBuilder("nama,jenjang,npsn,alamat\n");
    int lines = 0;
    while (csv.length() < IMPORT_LIMIT - 100_000) {
      lines++;
      csv.append("SD Negeri Uji ").append(String.format("%06d", lines)).append(",SD,").append(20_000_000 + lines)
          .append(",\"Jl. Pendidikan No. ").append(lines).append(", Kota Jakarta Timur\"\n");
    }
    assertTrue(csv.length() > 10 * 64 * 1024, "far over the JSON body limit: " + csv.length());
    HttpResponse<Buffer> first = importCsv("sekolah", csv.toString(), bknAgencyAdmin);
    assertEquals(200, first.statusCode(), first.bodyAsString().substring(0, Math.min(500, first.bodyAsString().length())));
    assertEquals(lines, first.bodyAsJsonObject().getInteger("added"));
    assertEquals(0, first.bodyAsJsonObject().getJsonArray("rejected").size());
    assertEquals((long) lines, service.sql("select count(*) from ref_sekolah where instansi_id = $1 and nama like 'SD Negeri Uji %'",
        SapkFixture.INSTANSI_BKN).iterator().next().getLong(0));
    JsonObject again = importCsv("sekolah", csv.toString(), bknAgencyAdmin).bodyAsJsonObject();
    assertEquals(lines, again.getInteger("unchanged"), "repeatable at that size too");
    assertTrue(service.metrics().lines().anyMatch(l -> l.startsWith("epupns_blocking_work_seconds_count{")
        && l.contains("job=\"reference-import\"") && Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) >= 2),
        "both parsed on the worker, not the event loop");

    // Over the import's limit: 413 naming it, before the body is read or anything written.
    String tooLarge = "x".repeat(IMPORT_LIMIT);
    HttpResponse<Buffer> refused = importCsv("sekolah", "nama,jenjang\n" + tooLarge, bknAgencyAdmin);
    assertEquals(413, refused.statusCode());
    JsonObject error = refused.bodyAsJsonObject();
    assertEquals("PAYLOAD_TOO_LARGE", error.getString("error"));
    assertEquals("Berkas CSV terlalu besar: paling besar 1 MB.", error.getString("message"));
    assertEquals(IMPORT_LIMIT, error.getInteger("maxBytes"));
    // Every other JSON body keeps http.bodyLimitBytes, and its 413 names that.
    HttpResponse<Buffer> other = service.post("/api/admin/referensi/sekolah", new JsonObject().put("nama", "SD Besar")
        .put("jenjang", "SD").put("alamat", "y".repeat(100_000)), bknAgencyAdmin);
    assertEquals(413, other.statusCode());
    assertEquals("Data yang dikirim terlalu besar: paling besar 64 KB.", other.bodyAsJsonObject().getString("message"));
  }

  @Test
  void tablesStayInsideTheAgency() {
    long id = service.post("/api/admin/referensi/sekolah", new JsonObject().put("nama", "SMP Negeri 3 Antapani")
        .put("jenjang", "SMP"), bandungAdmin).bodyAsJsonObject().getLong("id");
    assertEquals(404, service.put("/api/admin/referensi/sekolah/" + id, new JsonObject().put("nama", "Curian")
        .put("jenjang", "SMP"), bknAgencyAdmin).statusCode());
    assertEquals(404, service.post("/api/admin/referensi/sekolah/" + id + "/retire", new JsonObject(), bknAgencyAdmin)
        .statusCode());
    assertEquals(403, service.get("/api/admin/referensi/sekolah?instansiId=" + SapkFixture.INSTANSI_BANDUNG,
        bknAgencyAdmin).statusCode());
    assertFalse(service.get("/api/admin/referensi/sekolah?size=100", bknAgencyAdmin).bodyAsJsonObject()
        .getJsonArray("items").stream().map(JsonObject.class::cast).anyMatch(e -> e.getLong("id") == id));
    assertEquals(400, service.get("/api/admin/referensi/sekolah", national).statusCode(), "the national admin names the agency");
    assertEquals(200, service.put("/api/admin/referensi/sekolah/" + id + "?instansiId=" + SapkFixture.INSTANSI_BANDUNG,
        new JsonObject().put("nama", "SMP Negeri 3 Antapani").put("jenjang", "SMP").put("alamat", "Antapani"), national)
        .statusCode());
    assertEquals(403, service.post("/api/admin/referensi/spesialis", new JsonObject().put("nama", "Akupunktur"),
        bandungAdmin).statusCode(), "specialties are national");
    assertEquals(201, service.post("/api/admin/referensi/spesialis", new JsonObject().put("nama", "Akupunktur"), national)
        .statusCode());
  }
}

package id.go.bkn.epupns.form;

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

import static id.go.bkn.epupns.form.FormTesting.section;
import static id.go.bkn.epupns.form.FormTesting.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Data Guru and Data Dokter: only for teachers and doctors, their conditional rules, and autocomplete. */
class TeacherDoctorTest {

  static TestService service;
  static SapkFixture sapk;
  static FormTesting form;

  @BeforeAll
  static void start() {
    service = TestService.start(TeacherDoctorTest.class, Map.of(), false);
    sapk = new SapkFixture(service);
    form = new FormTesting(service);
    service.sql("select form_seed_reference($1, 'Bandung', 30, 8)", SapkFixture.INSTANSI_BANDUNG);
    service.sql("select form_seed_reference($1, 'Jakarta', 5, 3)", SapkFixture.INSTANSI_BKN);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private String teacher() {
    SapkFixture.Person p = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, true);
    service.sql("update pns set guru = true where nip = $1", p.nip());
    return form.login(p.nip());
  }

  private String doctor() {
    SapkFixture.Person p = sapk.pns(SapkFixture.SATKER_DINKES_BANDUNG, false);
    service.sql("update pns set dokter = true where nip = $1", p.nip());
    return form.login(p.nip());
  }

  private long idOf(String table, String name) {
    return service.sql("select id from " + table + " where nama = $1", name).iterator().next().getLong(0);
  }

  private HttpResponse<Buffer> saveGuru(String token, JsonObject fields) {
    return form.save(token, "guru", section(form.form(token), "guru").getInteger("version"), fields);
  }

  @Test
  void teacherHasDataGuruAndSubjectAreasDependOnSchoolLevel() {
    String token = teacher();
    JsonObject guru = section(form.form(token), "guru");
    assertNotNull(guru);
    assertNull(section(form.form(token), "dokter"));
    assertNull(FormApiTest.field(guru, "sekolah").getValue("sapk"), "new data: no SAPK value");

    HttpResponse<Buffer> bkOnSd = saveGuru(token, new JsonObject().put("jenjang", value("SD")).put("bidang_studi", value("Guru BK")));
    assertEquals(400, bkOnSd.statusCode());
    assertTrue(bkOnSd.bodyAsJsonObject().getJsonObject("fields").getString("bidang_studi").contains("Guru Kelas"));
    HttpResponse<Buffer> kelasOnSmp = saveGuru(token, new JsonObject().put("jenjang", value("SMP")).put("bidang_studi", value("Guru Kelas")));
    assertEquals(400, kelasOnSmp.statusCode());

    long sd = idOf("ref_sekolah", "SD Negeri 3 Bandung");
    long smp = idOf("ref_sekolah", "SMP Negeri 3 Bandung");
    HttpResponse<Buffer> wrongLevelSchool = saveGuru(token, new JsonObject().put("jenjang", value("SD")).put("sekolah", value(smp)));
    assertEquals(400, wrongLevelSchool.statusCode());
    assertTrue(wrongLevelSchool.bodyAsJsonObject().getJsonObject("fields").containsKey("sekolah"));
    long jakarta = idOf("ref_sekolah", "SD Negeri 1 Jakarta");
    HttpResponse<Buffer> otherAgency = saveGuru(token, new JsonObject().put("jenjang", value("SD")).put("sekolah", value(jakarta)));
    assertEquals(400, otherAgency.statusCode());
    assertTrue(otherAgency.bodyAsJsonObject().getJsonObject("fields").getString("sekolah").contains("instansi Anda"));

    HttpResponse<Buffer> outOfRange = saveGuru(token, new JsonObject().put("murid_per_kelas", value(101))
        .put("jam_per_minggu", value(61)).put("jumlah_kelas", value(0)));
    assertEquals(400, outOfRange.statusCode());
    assertEquals(3, outOfRange.bodyAsJsonObject().getJsonObject("fields").size());

    HttpResponse<Buffer> mataPelajaranOnSd = saveGuru(token, new JsonObject().put("jenjang", value("SD"))
        .put("bidang_studi", value("Guru Kelas")).put("mata_pelajaran", value("Matematika")));
    assertEquals(400, mataPelajaranOnSd.statusCode());

    HttpResponse<Buffer> ok = saveGuru(token, new JsonObject().put("jenjang", value("SD")).put("sekolah", value(sd))
        .put("bidang_studi", value("Guru Kelas")).put("tunjangan_sertifikasi", value(false))
        .put("jumlah_kelas", value(1)).put("murid_per_kelas", value(32)).put("jam_per_minggu", value(24)));
    assertEquals(200, ok.statusCode(), ok.bodyAsString());
    JsonObject school = FormApiTest.field(section(form.form(token), "guru"), "sekolah").getJsonObject("correction");
    assertEquals("SD Negeri 3 Bandung", school.getString("nama"));

    // Still missing before submit: the school's supporting document.
    HttpResponse<Buffer> submit = service.post("/api/me/form/submit", new JsonObject(), token);
    assertEquals(422, submit.statusCode());
    assertTrue(submit.bodyAsJsonObject().getJsonArray("missing").stream().map(JsonObject.class::cast)
        .anyMatch(p -> "guru".equals(p.getString("section")) && "sekolah".equals(p.getString("field"))));
  }

  /** A complete, valid Data Guru at the given school (with the school's supporting document). */
  private JsonObject guru(String token, long school, int hours) {
    return new JsonObject().put("jenjang", value("SD")).put("sekolah", value(school, form.uploadPdf(token, "SURAT_TUGAS")))
        .put("bidang_studi", value("Guru Kelas")).put("tunjangan_sertifikasi", value(false))
        .put("jumlah_kelas", value(1)).put("murid_per_kelas", value(32)).put("jam_per_minggu", value(hours));
  }

  /**
   * An admin retires a school (SPEC 4.5: "retired entries stay valid on forms that already use them"): the teacher
   * whose form holds it saves and submits it still; nobody can newly choose it, nor switch to it.
   */
  @Test
  void aRetiredSchoolStaysOnTheFormsThatHoldItAndCannotBeNewlyChosen() {
    long held = idOf("ref_sekolah", "SD Negeri 27 Bandung");
    long other = idOf("ref_sekolah", "SD Negeri 28 Bandung");
    String holder = teacher();
    assertEquals(200, saveGuru(holder, guru(holder, held, 24)).statusCode());
    service.sql("update ref_sekolah set retired_at = now() where id = any($1)", (Object) new Long[] {held, other});
    try {
      // The holder saves the section again (another value changed, the school kept) and submits.
      HttpResponse<Buffer> again = saveGuru(holder, guru(holder, held, 30));
      assertEquals(200, again.statusCode(), again.bodyAsString());
      assertEquals("SD Negeri 27 Bandung", FormApiTest.field(section(form.form(holder), "guru"), "sekolah")
          .getJsonObject("correction").getString("nama"));
      // Switching to another retired school is a new choice.
      HttpResponse<Buffer> switched = saveGuru(holder, guru(holder, other, 30));
      assertEquals(400, switched.statusCode());
      assertEquals("\"SD Negeri 28 Bandung\" sudah dinonaktifkan dari daftar Nama sekolah: pilih yang lain.",
          switched.bodyAsJsonObject().getJsonObject("fields").getString("sekolah"), switched.bodyAsString());
      new id.go.bkn.epupns.verification.VerificationTesting(service, false).fill(holder, new JsonObject());
      HttpResponse<Buffer> submitted = service.post("/api/me/form/submit", new JsonObject(), holder);
      assertEquals(200, submitted.statusCode(), submitted.bodyAsString());

      // Another teacher cannot choose it.
      String newcomer = teacher();
      HttpResponse<Buffer> chosen = saveGuru(newcomer, guru(newcomer, held, 24));
      assertEquals(400, chosen.statusCode());
      assertEquals("\"SD Negeri 27 Bandung\" sudah dinonaktifkan dari daftar Nama sekolah: pilih yang lain.",
          chosen.bodyAsJsonObject().getJsonObject("fields").getString("sekolah"), chosen.bodyAsString());
      assertEquals(0, section(form.form(newcomer), "guru").getInteger("version"), "nothing saved");

      // A teacher whose SAPK row holds it (an earlier campaign's verification wrote it) may enter it again.
      SapkFixture.Person verified = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, false);
      service.sql("update pns set guru = true where nip = $1", verified.nip());
      service.sql("insert into pns_guru (nip, sekolah_id, jenjang) values ($1, $2, 'SD')", verified.nip(), other);
      String returning = form.login(verified.nip());
      HttpResponse<Buffer> kept = saveGuru(returning, guru(returning, other, 24));
      assertEquals(200, kept.statusCode(), kept.bodyAsString());
      assertEquals(400, saveGuru(returning, guru(returning, held, 24)).statusCode(), "but not another retired school");
    } finally {
      service.sql("update ref_sekolah set retired_at = null where id = any($1)", (Object) new Long[] {held, other});
    }
  }

  @Test
  void specialtyOnlyForSpecialistsAndUnitDetailsOnlyForTheirUnitType() {
    String token = doctor();
    JsonObject dokter = section(form.form(token), "dokter");
    assertNotNull(dokter);
    assertNull(section(form.form(token), "guru"));
    long anak = idOf("ref_spesialis", "Anak");
    long rs = idOf("ref_unit_kesehatan", "RSUD Bandung");
    long puskesmas = idOf("ref_unit_kesehatan", "Puskesmas Bandung 2");

    HttpResponse<Buffer> specialtyForGeneral = form.save(token, "dokter", 0, new JsonObject()
        .put("jenis_dokter", value("Umum")).put("spesialis", value(anak)));
    assertEquals(400, specialtyForGeneral.statusCode());
    assertTrue(specialtyForGeneral.bodyAsJsonObject().getJsonObject("fields").getString("spesialis").contains("Spesialis"));

    HttpResponse<Buffer> puskesmasKindAtHospital = form.save(token, "dokter", 0, new JsonObject()
        .put("jenis_unit", value("Rumah Sakit")).put("unit_kesehatan", value(rs)).put("jenis_puskesmas", value("Perawatan")));
    assertEquals(400, puskesmasKindAtHospital.statusCode());
    assertTrue(puskesmasKindAtHospital.bodyAsJsonObject().getJsonObject("fields").containsKey("jenis_puskesmas"));

    HttpResponse<Buffer> puskesmasAsHospital = form.save(token, "dokter", 0, new JsonObject()
        .put("jenis_unit", value("Rumah Sakit")).put("unit_kesehatan", value(puskesmas)));
    assertEquals(400, puskesmasAsHospital.statusCode());

    HttpResponse<Buffer> visits = form.save(token, "dokter", 0, new JsonObject().put("kunjungan_per_hari", value(2001)));
    assertEquals(400, visits.statusCode());

    HttpResponse<Buffer> ok = form.save(token, "dokter", 0, new JsonObject()
        .put("jenis_unit", value("Rumah Sakit")).put("unit_kesehatan", value(rs)).put("tipe_rumah_sakit", value("Umum"))
        .put("jenis_dokter", value("Spesialis")).put("spesialis", value(anak))
        .put("kunjungan_per_hari", value(40)).put("kemampuan_per_hari", value(30)));
    assertEquals(200, ok.statusCode(), ok.bodyAsString());
  }

  @Test
  void autocompleteOffersOnlyTheCallersAgencyAndFilters() {
    String token = teacher();
    JsonArray items = service.get("/api/ref/sekolah?q=negeri%201", token).bodyAsJsonObject().getJsonArray("items");
    assertTrue(items.size() > 0 && items.size() <= 20);
    assertTrue(items.stream().map(JsonObject.class::cast).allMatch(i -> i.getString("nama").endsWith("Bandung")), items.encode());

    JsonArray smp = service.get("/api/ref/sekolah?q=negeri&jenjang=SMP", token).bodyAsJsonObject().getJsonArray("items");
    assertEquals(20, smp.size());
    assertTrue(smp.stream().map(JsonObject.class::cast).allMatch(i -> "SMP".equals(i.getString("jenjang"))));

    JsonArray prefix = service.get("/api/ref/sekolah?q=sm", token).bodyAsJsonObject().getJsonArray("items");
    assertTrue(prefix.stream().map(JsonObject.class::cast).allMatch(i -> i.getString("nama").startsWith("SM")), prefix.encode());
    assertEquals(0, service.get("/api/ref/sekolah?q=jakarta", token).bodyAsJsonObject().getJsonArray("items").size());

    JsonArray puskesmas = service.get("/api/ref/unit-kesehatan?q=&jenis=Puskesmas", token).bodyAsJsonObject().getJsonArray("items");
    assertEquals(8, puskesmas.size());
    assertEquals("Obstetri dan Ginekologi", service.get("/api/ref/spesialis?q=gineko", token).bodyAsJsonObject()
        .getJsonArray("items").getJsonObject(0).getString("nama"));

    // Any word of the name, in any order, as a word's start; punctuation is ignored.
    JsonArray kia = service.get("/api/ref/unit-kesehatan?q=anak%20ibu", token).bodyAsJsonObject().getJsonArray("items");
    assertEquals("RS Khusus Ibu dan Anak Bandung", kia.getJsonObject(0).getString("nama"), kia.encode());
    assertEquals(1, service.get("/api/ref/unit-kesehatan?q=khusus", token).bodyAsJsonObject().getJsonArray("items").size());
    assertEquals(0, service.get("/api/ref/unit-kesehatan?q=andung", token).bodyAsJsonObject().getJsonArray("items").size());
    assertEquals("SD Negeri 3 Bandung", service.get("/api/ref/sekolah?q=band,%20negeri%203&jenjang=SD", token)
        .bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("nama"));
    assertEquals(0, service.get("/api/ref/sekolah?q=negeri%20jakarta", token).bodyAsJsonObject().getJsonArray("items").size());
    assertEquals("Kedokteran Jiwa (Psikiatri)", service.get("/api/ref/spesialis?q=psikiatri", token).bodyAsJsonObject()
        .getJsonArray("items").getJsonObject(0).getString("nama"), "a word in brackets");

    assertEquals(400, service.get("/api/ref/sekolah?jenjang=TK", token).statusCode());
    assertEquals(400, service.get("/api/ref/sekolah?q=" + "a".repeat(61), token).statusCode());
    assertEquals(401, service.get("/api/ref/sekolah?q=sd").statusCode());
    assertEquals(200, service.get("/api/ref/sekolah?q=%25_%5C", token).statusCode());
  }
}

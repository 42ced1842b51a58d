package id.go.bkn.epupns.form;

import id.go.bkn.epupns.form.catalogue.Catalogue;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.vertx.core.Future;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static id.go.bkn.epupns.form.FormTesting.section;
import static id.go.bkn.epupns.form.FormTesting.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET and PUT of the form over HTTP: SAPK values, drafts, versions and every catalogue rule. */
@ExtendWith(VertxExtension.class)
class FormApiTest {

  static FormTesting form;
  static TestService service;
  static SapkFixture sapk;

  @BeforeAll
  static void start() {
    form = FormTesting.start(FormApiTest.class, Map.of());
    service = form.service();
    sapk = form.sapk();
  }

  @AfterAll
  static void stop() {
    form.close();
  }

  @Test
  void formShowsEverySectionWithSapkValuesAndNoTeacherOrDoctorDataForOthers() {
    SapkFixture.Person person = sapk.pns(SapkFixture.SATKER_BKN, true);
    service.sql("insert into riwayat_golongan (nip, golongan, tmt, nomor_sk) values ($1, 'III/a', date '2005-03-01', 'SK-1'),"
        + " ($1, 'III/b', date '2012-04-01', 'SK-2')", person.nip());
    String token = form.login(person.nip());
    JsonObject body = form.form(token);
    assertEquals(person.nip(), body.getString("nip"));
    assertEquals("DRAFT", body.getString("state"));
    List<String> ids = body.getJsonArray("sections").stream().map(s -> ((JsonObject) s).getString("id")).toList();
    assertEquals(List.of("utama", "posisi", "riwayat_golongan", "riwayat_pendidikan", "riwayat_diklat", "riwayat_jabatan",
        "keluarga", "stakeholder"), ids);
    JsonObject utama = section(body, "utama");
    assertEquals(0, utama.getInteger("version"));
    JsonObject nama = field(utama, "nama");
    assertEquals(person.nama(), nama.getString("sapk"));
    assertNull(nama.getString("mark"));
    assertEquals("2005-03-01", field(utama, "tmt_cpns").getString("sapk"));
    assertEquals("III/b", field(utama, "golongan").getString("sapk"));
    assertEquals("Direktorat Pengolahan Data", field(section(body, "posisi"), "satuan_kerja").getJsonObject("sapk").getString("nama"));
    JsonArray rows = section(body, "riwayat_golongan").getJsonArray("rows");
    assertEquals(2, rows.size());
    assertEquals("III/a", rows.getJsonObject(0).getJsonObject("sapk").getString("golongan"));
    assertNotNull(rows.getJsonObject(0).getString("ref"));

    assertEquals(404, service.put("/api/me/form/guru", new JsonObject().put("version", 0).put("fields", new JsonObject()),
        token).statusCode());
    assertEquals(401, service.get("/api/me/form").statusCode());
  }

  @Test
  void catalogueIsServedCacheableWithEveryFieldRule() {
    HttpResponse<Buffer> response = service.get("/api/form/catalogue");
    assertEquals(200, response.statusCode());
    assertTrue(response.getHeader("Cache-Control").contains("max-age"));
    String etag = response.getHeader("ETag");
    assertNotNull(etag);
    JsonObject catalogue = response.bodyAsJsonObject();
    assertEquals(new JsonArray(List.of("SKPD", "BKD", "BKN")), catalogue.getJsonArray("tiers"));
    JsonObject tmtPns = field(section(catalogue, "utama"), "tmt_pns");
    assertEquals(new JsonArray(List.of("tmt_cpns")), tmtPns.getJsonArray("after"));
    assertEquals("BKN", tmtPns.getString("authority"));
    assertEquals(304, TestService.await(service.http().get("/api/form/catalogue").putHeader("If-None-Match", etag).send())
        .statusCode());
  }

  @Test
  void savedDraftComesBackAndAStaleVersionIsRefusedWithoutOverwriting() {
    String token = form.newPns();
    HttpResponse<Buffer> first = form.save(token, "utama", 0, new JsonObject()
        .put("alamat", wrong("Jl. Merdeka No. 1, Bandung")).put("agama", new JsonObject().put("mark", "CORRECT")));
    assertEquals(200, first.statusCode(), first.bodyAsString());
    assertEquals(1, first.bodyAsJsonObject().getInteger("version"));

    // A second tab that loaded version 0 saves: refused, and the first tab's data is intact.
    HttpResponse<Buffer> stale = form.save(token, "utama", 0, new JsonObject().put("alamat", wrong("Jl. Lain No. 2, Bandung")));
    assertEquals(409, stale.statusCode());
    assertEquals("VERSION_CONFLICT", stale.bodyAsJsonObject().getString("error"));
    assertEquals(1, stale.bodyAsJsonObject().getInteger("currentVersion"));

    JsonObject utama = section(form.form(token), "utama");
    assertEquals(1, utama.getInteger("version"));
    assertEquals("Jl. Merdeka No. 1, Bandung", field(utama, "alamat").getString("correction"));
    assertEquals("WRONG", field(utama, "alamat").getString("mark"));
    assertEquals("CORRECT", field(utama, "agama").getString("mark"));

    HttpResponse<Buffer> next = form.save(token, "utama", 1, new JsonObject().put("alamat", wrong("Jl. Lain No. 2, Bandung")));
    assertEquals(200, next.statusCode());
    assertEquals(2, next.bodyAsJsonObject().getInteger("version"));
    assertEquals(409, form.save(token, "utama", 1, new JsonObject()).statusCode());
    assertEquals(409, form.save(token, "utama", 7, new JsonObject()).statusCode());
  }

  @Test
  void concurrentSavesOfTheSameVersionLetExactlyOneWin(VertxTestContext test) {
    String token = form.newPns();
    int tabs = 8;
    List<Future<HttpResponse<Buffer>>> saves = new ArrayList<>();
    for (int i = 0; i < tabs; i++) {
      JsonObject body = new JsonObject().put("version", 0).put("fields", new JsonObject()
          .put("alamat", wrong("Jl. Tab Nomor " + (i + 10) + ", Bandung")));
      saves.add(service.withToken(service.http().put("/api/me/form/utama"), token).sendJsonObject(body));
    }
    // Everything here runs on the event loop: only non-blocking calls.
    Future.join(saves)
        .transform(done -> {
          test.verify(() -> {
            List<Integer> statuses = saves.stream().map(f -> f.result().statusCode()).sorted().toList();
            assertEquals(1, statuses.stream().filter(c -> c == 200).count(), statuses.toString());
            assertEquals(tabs - 1, statuses.stream().filter(c -> c == 409).count(), statuses.toString());
          });
          return service.withToken(service.http().get("/api/me/form"), token).send();
        })
        .onComplete(test.succeeding(response -> test.verify(() -> {
          JsonObject utama = section(response.bodyAsJsonObject(), "utama");
          assertEquals(1, utama.getInteger("version"));
          assertTrue(field(utama, "alamat").getString("correction").startsWith("Jl. Tab Nomor"));
          test.completeNow();
        })));
  }

  @Test
  void malformedSavesGetClearFourHundreds() {
    String token = form.newPns();
    assertEquals(404, form.save(token, "tidak_ada", 0, new JsonObject()).statusCode());
    HttpResponse<Buffer> noVersion = service.put("/api/me/form/utama", new JsonObject().put("fields", new JsonObject()), token);
    assertEquals(400, noVersion.statusCode());
    assertTrue(noVersion.bodyAsJsonObject().getJsonObject("fields").containsKey("version"));
    HttpResponse<Buffer> unknown = form.save(token, "utama", 0, new JsonObject().put("hobi", wrong("catur")));
    assertEquals(400, unknown.statusCode());
    assertTrue(unknown.bodyAsJsonObject().getJsonObject("fields").containsKey("hobi"));
    HttpResponse<Buffer> badMark = form.save(token, "utama", 0, new JsonObject().put("nama", new JsonObject().put("mark", "MUNGKIN")));
    assertEquals(400, badMark.statusCode());
    HttpResponse<Buffer> correctionWithoutWrong = form.save(token, "utama", 0,
        new JsonObject().put("nama", new JsonObject().put("mark", "CORRECT").put("correction", "Budi")));
    assertEquals(400, correctionWithoutWrong.statusCode());
    HttpResponse<Buffer> sameAsSapk = form.save(token, "utama", 0, new JsonObject().put("golongan", wrong("III/b")));
    assertEquals(400, sameAsSapk.statusCode());
    assertTrue(sameAsSapk.bodyAsJsonObject().getJsonObject("fields").getString("golongan").contains("sama dengan data SAPK"));
    HttpResponse<Buffer> rowsInRecord = service.put("/api/me/form/utama",
        new JsonObject().put("version", 0).put("rows", new JsonArray()), token);
    assertEquals(400, rowsInRecord.statusCode());
    HttpResponse<Buffer> notJson = TestService.await(service.withToken(service.http().put("/api/me/form/utama"), token)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{nope")));
    assertEquals(400, notJson.statusCode());
    assertEquals(0, section(form.form(token), "utama").getInteger("version"), "nothing stored by refused saves");
  }

  /** Table-driven over the catalogue itself: every typed rule refuses a value that breaks it. */
  @Test
  void everyFieldRuleOfTheCatalogueRefusesABreakingValue() {
    String token = form.newPns();
    Catalogue catalogue = Catalogue.load();
    int checked = 0;
    for (String sectionId : List.of("utama", "posisi", "stakeholder")) {
      Catalogue.Section section = catalogue.section(sectionId).orElseThrow();
      for (Catalogue.Field field : section.fields().values()) {
        for (Object bad : breakingValues(field)) {
          HttpResponse<Buffer> response = form.save(token, sectionId, 0, new JsonObject().put(field.name(), wrong(bad)));
          assertEquals(400, response.statusCode(), sectionId + "." + field.name() + " accepted " + bad);
          String message = response.bodyAsJsonObject().getJsonObject("fields").getString(field.name());
          assertNotNull(message, sectionId + "." + field.name() + " error names the field: " + response.bodyAsString());
          checked++;
        }
      }
    }
    assertTrue(checked > 60, "checked " + checked + " rule violations");
  }

  private static List<Object> breakingValues(Catalogue.Field f) {
    List<Object> bad = new ArrayList<>();
    switch (f.type()) {
      case TEXT -> {
        bad.add(12345);
        if (f.maxLength() != null) {
          bad.add("a".repeat(f.maxLength() + 1));
        }
        if (f.minLength() != null && f.minLength() > 1) {
          bad.add("a".repeat(f.minLength() - 1));
        }
        if (f.pattern() != null) {
          bad.add("<script>");
        }
      }
      case DATE -> {
        bad.add("2015-02-30");
        bad.add("01-03-2005");
        if (f.notFuture()) {
          bad.add(LocalDate.now().plusDays(2).toString());
        }
        if (f.minDate() != null) {
          bad.add(LocalDate.parse(f.minDate()).minusDays(1).toString());
        }
      }
      case INTEGER -> {
        bad.add("dua");
        bad.add(1.5);
        if (f.min() != null) {
          bad.add(f.min() - 1);
        }
        bad.add(f.maxIsCurrentYear() ? LocalDate.now().getYear() + 1 : f.max() + 1);
      }
      case ENUM -> bad.addAll(List.of("Tidak Ada", true));
      case BOOLEAN -> bad.addAll(List.of("mungkin", 3));
      case EMAIL -> bad.addAll(List.of("bukan-email", "a@b", "nama@contoh..id"));
      case PHONE -> bad.addAll(List.of("12345", "0812", "+1 555 123 4567", "0812345678901234", "08a2345678"));
      case NIP -> bad.addAll(List.of("123", "198607122006033002", "19860712200603100X"));
      case REFERENCE -> bad.addAll(List.of("sekolah", -1));
    }
    return bad;
  }

  @Test
  void goodValuesOfEveryTypeAreStoredNormalized() {
    String token = form.newPns();
    HttpResponse<Buffer> response = form.save(token, "utama", 0, new JsonObject()
        .put("nomor_hp", wrong("+62 812-3456-7890"))
        .put("email", wrong("Budi.Santoso@Contoh.go.id"))
        .put("masa_kerja_bulan", wrong("7"))
        .put("tmt_pns", wrong("2006-04-01"))
        .put("nama", wrong("  Budi   Santoso  ")));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonObject utama = section(form.form(token), "utama");
    assertEquals("081234567890", field(utama, "nomor_hp").getString("correction"));
    assertEquals("budi.santoso@contoh.go.id", field(utama, "email").getString("correction"));
    assertEquals(7, field(utama, "masa_kerja_bulan").getInteger("correction"));
    assertEquals("Budi Santoso", field(utama, "nama").getString("correction"));
    HttpResponse<Buffer> stakeholder = form.save(token, "stakeholder", 0, new JsonObject()
        .put("bpjs_nomor", wrong("0001234567890")).put("kpe_punya", wrong(true)));
    assertEquals(200, stakeholder.statusCode(), stakeholder.bodyAsString());
  }

  @Test
  void datesMustBeInOrderAcrossFieldsAndSections() {
    String token = form.newPns();
    // SAPK: TMT CPNS 2005-03-01, birth 1980-ish.
    HttpResponse<Buffer> pnsBeforeCpns = form.save(token, "utama", 0, new JsonObject().put("tmt_pns", wrong("2005-03-01")));
    assertEquals(400, pnsBeforeCpns.statusCode());
    assertTrue(pnsBeforeCpns.bodyAsJsonObject().getJsonObject("fields").getString("tmt_pns").contains("TMT CPNS"));
    HttpResponse<Buffer> golonganBeforeCpns = form.save(token, "utama", 0, new JsonObject().put("tmt_golongan", wrong("2004-12-01")));
    assertEquals(400, golonganBeforeCpns.statusCode());
    // Both corrected together: the rule uses the corrected TMT CPNS.
    HttpResponse<Buffer> both = form.save(token, "utama", 0, new JsonObject()
        .put("tmt_cpns", wrong("2004-01-01")).put("tmt_golongan", wrong("2004-12-01")));
    assertEquals(200, both.statusCode(), both.bodyAsString());
    // Another section's date follows the corrected TMT CPNS: not before 2004-01-01.
    HttpResponse<Buffer> posisi = form.save(token, "posisi", 0, new JsonObject()
        .put("tmt_jabatan_fungsional_umum", wrong("2003-06-01")));
    assertEquals(400, posisi.statusCode());
    assertTrue(posisi.bodyAsJsonObject().getJsonObject("fields").getString("tmt_jabatan_fungsional_umum").contains("TMT CPNS"));
    assertEquals(200, form.save(token, "posisi", 0, new JsonObject()
        .put("tmt_jabatan_fungsional_umum", wrong("2004-06-01"))).statusCode());
  }

  @Test
  void conditionalPositionFieldsOnlyApplyToTheirPositionType() {
    String token = form.newPns(); // SAPK: fungsional umum
    HttpResponse<Buffer> eselon = form.save(token, "posisi", 0, new JsonObject().put("eselon", wrong("III.a")));
    assertEquals(400, eselon.statusCode());
    assertTrue(eselon.bodyAsJsonObject().getJsonObject("fields").getString("eselon").contains("Hanya diisi bila"));
    HttpResponse<Buffer> structural = form.save(token, "posisi", 0, new JsonObject()
        .put("jenis_jabatan", wrong("STRUKTURAL")).put("eselon", wrong("III.a"))
        .put("jabatan_struktural", wrong("Kepala Subbagian Umum")));
    assertEquals(200, structural.statusCode(), structural.bodyAsString());
  }

  @Test
  void historyRowsCanBeConfirmedCorrectedRemovedAndAdded() {
    SapkFixture.Person person = sapk.pns(SapkFixture.SATKER_BKN, false);
    service.sql("insert into riwayat_golongan (nip, golongan, tmt) values ($1, 'III/a', date '2005-03-01'),"
        + " ($1, 'III/b', date '2012-04-01'), ($1, 'II/d', date '2003-01-01')", person.nip());
    String token = form.login(person.nip());
    JsonArray rows = section(form.form(token), "riwayat_golongan").getJsonArray("rows");
    String r1 = rows.getJsonObject(0).getString("ref");
    String r2 = rows.getJsonObject(1).getString("ref");
    String r3 = rows.getJsonObject(2).getString("ref");

    HttpResponse<Buffer> bad = form.saveRows(token, "riwayat_golongan", 0, new JsonArray()
        .add(new JsonObject().put("ref", r1).put("mark", "WRONG").put("corrections", new JsonObject().put("golongan", "III/z")))
        .add(new JsonObject().put("ref", "999999").put("mark", "CORRECT"))
        .add(new JsonObject().put("mark", "ADD").put("values", new JsonObject().put("tmt", "2004-01-01")))
        .add(new JsonObject().put("ref", r2).put("mark", "CORRECT").put("corrections", new JsonObject().put("golongan", "III/c"))));
    assertEquals(400, bad.statusCode());
    JsonObject errors = bad.bodyAsJsonObject().getJsonObject("fields");
    assertTrue(errors.containsKey("rows[0].golongan"), errors.encode());
    assertTrue(errors.containsKey("rows[1].ref"), errors.encode());
    assertTrue(errors.containsKey("rows[2].tmt"), "TMT golongan before TMT CPNS: " + errors.encode());
    assertTrue(errors.containsKey("rows[3].corrections"), errors.encode());

    HttpResponse<Buffer> ok = form.saveRows(token, "riwayat_golongan", 0, new JsonArray()
        .add(new JsonObject().put("ref", r1).put("mark", "CORRECT"))
        .add(new JsonObject().put("ref", r2).put("mark", "WRONG").put("corrections", new JsonObject().put("tmt", "2012-10-01")))
        .add(new JsonObject().put("ref", r3).put("mark", "REMOVE").put("reason", "Bukan riwayat saya"))
        .add(new JsonObject().put("mark", "ADD").put("values", new JsonObject().put("golongan", "III/c").put("tmt", "2016-04-01"))));
    assertEquals(200, ok.statusCode(), ok.bodyAsString());
    JsonArray saved = section(form.form(token), "riwayat_golongan").getJsonArray("rows");
    assertEquals(4, saved.size());
    assertEquals("2012-10-01", saved.getJsonObject(1).getJsonObject("corrections").getString("tmt"));
    assertEquals("REMOVE", saved.getJsonObject(2).getString("mark"));
    JsonObject added = saved.getJsonObject(3);
    assertTrue(added.getString("ref").startsWith("baru-"));
    assertNull(added.getValue("sapk"));
    // The added row keeps its reference when saved again.
    HttpResponse<Buffer> again = form.saveRows(token, "riwayat_golongan", 1, new JsonArray()
        .add(new JsonObject().put("ref", added.getString("ref")).put("mark", "ADD")
            .put("values", new JsonObject().put("golongan", "III/c").put("tmt", "2016-05-01"))));
    assertEquals(200, again.statusCode(), again.bodyAsString());
    assertEquals(added.getString("ref"), section(form.form(token), "riwayat_golongan").getJsonArray("rows")
        .getJsonObject(3).getString("ref"));
  }

  static JsonObject field(JsonObject section, String name) {
    return section.getJsonArray("fields").stream().map(JsonObject.class::cast)
        .filter(f -> f.getString("name").equals(name)).findFirst().orElseThrow(() -> new AssertionError("no field " + name));
  }
}

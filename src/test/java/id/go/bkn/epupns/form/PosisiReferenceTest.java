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

import java.util.List;
import java.util.Map;

import static id.go.bkn.epupns.form.FormTesting.section;
import static id.go.bkn.epupns.form.FormTesting.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Data Posisi's organisation fields are picked from the organisation tables: autocomplete per
 * parent, and on save the id must exist and belong to the (corrected or SAPK) parent.
 */
class PosisiReferenceTest {

  static final int UNIT_BKN_ESELON2 = 100;
  static final int UNIT_BKN_ESELON3 = 101;
  static final int UNIT_DISDIK_ESELON3 = 200;
  static final int UNIT_DISDIK_ESELON4 = 201;

  static TestService service;
  static SapkFixture sapk;
  static FormTesting form;

  @BeforeAll
  static void start() {
    service = TestService.start(PosisiReferenceTest.class, Map.of(), false);
    sapk = new SapkFixture(service);
    form = new FormTesting(service);
    service.sql("""
        insert into unit_organisasi (id, satuan_kerja_id, parent_id, eselon, nama) values
          ($1, $5, null, 2, 'Direktorat Pengolahan Data'),
          ($2, $5, $1, 3, 'Subdirektorat Basis Data'),
          ($3, $6, null, 3, 'Bidang Pendidikan Dasar'),
          ($4, $6, $3, 4, 'Seksi Kurikulum SD')""",
        UNIT_BKN_ESELON2, UNIT_BKN_ESELON3, UNIT_DISDIK_ESELON3, UNIT_DISDIK_ESELON4,
        SapkFixture.SATKER_BKN, SapkFixture.SATKER_DISDIK_BANDUNG);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static JsonArray items(HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getJsonArray("items");
  }

  private static List<String> names(JsonArray items) {
    return items.stream().map(i -> ((JsonObject) i).getString("nama")).toList();
  }

  private static String fieldError(HttpResponse<Buffer> response, String field) {
    assertEquals(400, response.statusCode(), response.bodyAsString());
    String error = response.bodyAsJsonObject().getJsonObject("fields").getString(field);
    assertTrue(error != null, response.bodyAsString());
    return error;
  }

  @Test
  void autocompleteListsAgenciesWorkUnitsOfAnAgencyAndUnitsOfAWorkUnitWithEselon() {
    String token = form.login(sapk.pns(SapkFixture.SATKER_BKN, false).nip());
    assertEquals(List.of("Pemerintah Kota Bandung"), names(items(service.get("/api/ref/instansi?q=bandung", token))));
    assertEquals(List.of("Badan Kepegawaian Negara", "Pemerintah Kota Bandung"),
        names(items(service.get("/api/ref/instansi?q=", token))));

    JsonArray units = items(service.get("/api/ref/satuan-kerja?q=dinas&instansiId=" + SapkFixture.INSTANSI_BANDUNG, token));
    assertEquals(List.of("Dinas Kesehatan", "Dinas Pendidikan"), names(units));
    assertEquals(SapkFixture.INSTANSI_BANDUNG, units.getJsonObject(0).getInteger("instansi_id"));
    assertEquals(List.of(), names(items(service.get("/api/ref/satuan-kerja?q=dinas&instansiId=" + SapkFixture.INSTANSI_BKN, token))));

    JsonArray eselon = items(service.get("/api/ref/unit-organisasi?q=seksi&satuanKerjaId=" + SapkFixture.SATKER_DISDIK_BANDUNG, token));
    assertEquals(1, eselon.size());
    assertEquals(4, eselon.getJsonObject(0).getInteger("eselon"));
    assertEquals("Bidang Pendidikan Dasar / Seksi Kurikulum SD", eselon.getJsonObject(0).getString("jalur"));

    HttpResponse<Buffer> noParent = service.get("/api/ref/satuan-kerja?q=dinas", token);
    assertEquals(400, noParent.statusCode());
    assertTrue(noParent.bodyAsJsonObject().getJsonObject("fields").getString("instansiId").contains("pilih instansi"));
    HttpResponse<Buffer> badParent = service.get("/api/ref/unit-organisasi?satuanKerjaId=abc", token);
    assertEquals(400, badParent.statusCode());
    assertTrue(badParent.bodyAsJsonObject().getJsonObject("fields").containsKey("satuanKerjaId"));
    assertEquals(401, service.get("/api/ref/instansi?q=bandung").statusCode());
  }

  @Test
  void sapkColumnShowsTheOrganisationAsRowsWithIdsAndTheUnitPath() {
    SapkFixture.Person person = sapk.pns(SapkFixture.SATKER_BKN, false);
    service.sql("update pns set unit_organisasi_id = $1 where nip = $2", UNIT_BKN_ESELON3, person.nip());
    JsonObject posisi = section(form.form(form.login(person.nip())), "posisi");
    JsonObject satuanKerja = FormApiTest.field(posisi, "satuan_kerja").getJsonObject("sapk");
    assertEquals(SapkFixture.SATKER_BKN, satuanKerja.getInteger("id"));
    assertEquals(SapkFixture.INSTANSI_BKN, satuanKerja.getInteger("instansi_id"));
    assertEquals("Badan Kepegawaian Negara", FormApiTest.field(posisi, "instansi_kerja").getJsonObject("sapk").getString("nama"));
    JsonObject unit = FormApiTest.field(posisi, "unit_organisasi").getJsonObject("sapk");
    assertEquals("Direktorat Pengolahan Data / Subdirektorat Basis Data", unit.getString("jalur"));
    assertEquals(3, unit.getInteger("eselon"));
  }

  @Test
  void aMoveToAnotherAgencyIsPickedAndStoredWithIdsAndNames() {
    String token = form.login(sapk.pns(SapkFixture.SATKER_BKN, false).nip());
    HttpResponse<Buffer> saved = form.save(token, "posisi", 0, new JsonObject()
        .put("instansi_kerja", wrong(SapkFixture.INSTANSI_BANDUNG))
        .put("satuan_kerja", wrong(SapkFixture.SATKER_DISDIK_BANDUNG))
        .put("unit_organisasi", wrong(UNIT_DISDIK_ESELON4)));
    assertEquals(200, saved.statusCode(), saved.bodyAsString());

    JsonObject posisi = section(form.form(token), "posisi");
    JsonObject satuanKerja = FormApiTest.field(posisi, "satuan_kerja").getJsonObject("correction");
    assertEquals(new JsonObject().put("id", SapkFixture.SATKER_DISDIK_BANDUNG).put("nama", "Dinas Pendidikan")
        .put("instansi_id", SapkFixture.INSTANSI_BANDUNG), satuanKerja);
    assertEquals("Pemerintah Kota Bandung", FormApiTest.field(posisi, "instansi_kerja").getJsonObject("correction").getString("nama"));
    JsonObject unit = FormApiTest.field(posisi, "unit_organisasi").getJsonObject("correction");
    assertEquals(4, unit.getInteger("eselon"));
    assertEquals("Bidang Pendidikan Dasar / Seksi Kurikulum SD", unit.getString("jalur"));
  }

  @Test
  void aWorkUnitOfAnotherAgencyIsRefusedNamingTheField() {
    String token = form.login(sapk.pns(SapkFixture.SATKER_BKN, false).nip());
    String error = fieldError(form.save(token, "posisi", 0, new JsonObject()
        .put("instansi_kerja", new JsonObject().put("mark", "CORRECT"))
        .put("satuan_kerja", wrong(SapkFixture.SATKER_DISDIK_BANDUNG))), "satuan_kerja");
    assertTrue(error.contains("bukan bagian dari Instansi kerja Badan Kepegawaian Negara"), error);

    // A unit of another work unit than the (corrected) one.
    String unitError = fieldError(form.save(token, "posisi", 0, new JsonObject()
        .put("satuan_kerja", new JsonObject().put("mark", "CORRECT"))
        .put("unit_organisasi", wrong(UNIT_DISDIK_ESELON3))), "unit_organisasi");
    assertTrue(unitError.contains("bukan bagian dari Satuan kerja Direktorat Pengolahan Data"), unitError);

    // Agency corrected but the SAPK work unit (of the old agency) confirmed: contradictory.
    String stale = fieldError(form.save(token, "posisi", 0, new JsonObject()
        .put("instansi_kerja", wrong(SapkFixture.INSTANSI_BANDUNG))
        .put("satuan_kerja", new JsonObject().put("mark", "CORRECT"))), "satuan_kerja");
    assertTrue(stale.contains("Tandai ✗ salah"), stale);
    assertEquals(0, section(form.form(token), "posisi").getInteger("version"), "nothing was stored");
  }

  @Test
  void unknownIdsAndTextInsteadOfAPickAreRefused() {
    String token = form.login(sapk.pns(SapkFixture.SATKER_BKN, false).nip());
    HttpResponse<Buffer> unknown = form.save(token, "posisi", 0, new JsonObject()
        .put("instansi_induk", wrong(987654))
        .put("satuan_kerja", wrong(987655)));
    assertTrue(fieldError(unknown, "instansi_induk").contains("tidak ditemukan"));
    assertTrue(fieldError(unknown, "satuan_kerja").contains("tidak ditemukan"));
    String text = fieldError(form.save(token, "posisi", 0, new JsonObject()
        .put("instansi_kerja", wrong("Pemkot Bandung"))), "instansi_kerja");
    assertTrue(text.contains("Pilih dari daftar"), text);
    String same = fieldError(form.save(token, "posisi", 0, new JsonObject()
        .put("satuan_kerja", wrong(SapkFixture.SATKER_BKN))), "satuan_kerja");
    assertTrue(same.contains("sama dengan data SAPK"), same);
  }
}

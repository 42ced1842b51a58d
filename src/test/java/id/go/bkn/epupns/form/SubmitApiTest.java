package id.go.bkn.epupns.form;

import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.vertx.core.Future;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static id.go.bkn.epupns.form.FormTesting.allCorrect;
import static id.go.bkn.epupns.form.FormTesting.section;
import static id.go.bkn.epupns.form.FormTesting.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Submitting the form: what is missing, exactly the changes go to verification, then locked. */
@ExtendWith(VertxExtension.class)
class SubmitApiTest {

  static TestService service;
  static SapkFixture sapk;
  static FormTesting form;

  @BeforeAll
  static void start() {
    service = TestService.start(SubmitApiTest.class, Map.of(), false);
    sapk = new SapkFixture(service);
    form = new FormTesting(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private HttpResponse<Buffer> submit(String token) {
    return service.post("/api/me/form/submit", new JsonObject(), token);
  }

  /** Marks every record field correct and every history row correct. */
  private void confirmEverything(String token) {
    JsonObject body = form.form(token);
    for (Object s : body.getJsonArray("sections")) {
      JsonObject section = (JsonObject) s;
      if ("record".equals(section.getString("kind"))) {
        assertEquals(200, form.save(token, section.getString("id"), section.getInteger("version"), allCorrect(section)).statusCode());
      } else if ("rows".equals(section.getString("kind")) && !section.getJsonArray("rows").isEmpty()) {
        JsonArray rows = new JsonArray();
        section.getJsonArray("rows").forEach(r -> rows.add(new JsonObject().put("ref", ((JsonObject) r).getString("ref"))
            .put("mark", "CORRECT")));
        assertEquals(200, form.saveRows(token, section.getString("id"), section.getInteger("version"), rows).statusCode());
      }
    }
  }

  @Test
  void incompleteFormIsRefusedWithTheListOfWhatIsMissing() {
    SapkFixture.Person person = sapk.pns(SapkFixture.SATKER_BKN, false);
    service.sql("insert into riwayat_golongan (nip, golongan, tmt) values ($1, 'III/a', date '2005-03-01')", person.nip());
    String token = form.login(person.nip());
    assertEquals(200, form.save(token, "utama", 0, new JsonObject()
        .put("nama", new JsonObject().put("mark", "WRONG"))
        .put("tmt_cpns", wrong("2005-04-01"))).statusCode());

    HttpResponse<Buffer> refused = submit(token);
    assertEquals(422, refused.statusCode());
    JsonObject body = refused.bodyAsJsonObject();
    assertEquals("FORM_INCOMPLETE", body.getString("error"));
    List<String> problems = new ArrayList<>();
    body.getJsonArray("missing").forEach(p -> {
      JsonObject problem = (JsonObject) p;
      problems.add(problem.getString("section") + "." + problem.getString("field") + "|" + problem.getString("row") + "|"
          + problem.getString("problem"));
    });
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("utama.nama|") && p.contains("perbaikannya belum diisi")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("utama.tmt_cpns|") && p.contains("SK CPNS")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("utama.agama|") && p.contains("belum diperiksa")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("posisi.lokasi_kerja|")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("riwayat_golongan._row|") && p.contains("belum diperiksa")), problems.toString());
    // Conditional fields that do not apply (eselon of a non-structural position) are not asked for.
    assertTrue(problems.stream().noneMatch(p -> p.startsWith("posisi.eselon|")), problems.toString());
    assertEquals(0L, service.sql("select count(*) from submission where nip = $1", person.nip()).iterator().next().getLong(0));
  }

  @Test
  void completeFormBecomesOneSubmissionOfExactlyTheChangesThenLocks() {
    SapkFixture.Person person = sapk.pns(SapkFixture.SATKER_BKN, false);
    service.sql("insert into riwayat_golongan (nip, golongan, tmt) values ($1, 'III/a', date '2005-03-01'),"
        + " ($1, 'III/b', date '2012-04-01')", person.nip());
    String token = form.login(person.nip());
    confirmEverything(token);
    long skCpns = form.uploadPdf(token, "SK_CPNS");
    long kp = form.uploadPdf(token, "SK_KENAIKAN_PANGKAT");
    JsonObject body = form.form(token);
    // A save replaces the whole section: the confirmed marks go along with the corrections.
    assertEquals(200, form.save(token, "utama", section(body, "utama").getInteger("version"), allCorrect(section(body, "utama"))
        .put("tmt_cpns", wrong("2005-04-01", skCpns))
        .put("alamat", wrong("Jl. Asia Afrika No. 8, Bandung"))).statusCode());
    JsonArray rows = section(body, "riwayat_golongan").getJsonArray("rows");
    assertEquals(200, form.saveRows(token, "riwayat_golongan", section(body, "riwayat_golongan").getInteger("version"), new JsonArray()
        .add(new JsonObject().put("ref", rows.getJsonObject(0).getString("ref")).put("mark", "CORRECT"))
        .add(new JsonObject().put("ref", rows.getJsonObject(1).getString("ref")).put("mark", "WRONG")
            .put("corrections", new JsonObject().put("tmt", "2012-10-01")).put("documents", new JsonArray().add(kp)))
        .add(new JsonObject().put("mark", "ADD").put("values", new JsonObject().put("golongan", "III/c").put("tmt", "2016-04-01"))
            .put("documents", new JsonArray().add(kp)))).statusCode());

    HttpResponse<Buffer> submitted = submit(token);
    assertEquals(200, submitted.statusCode(), submitted.bodyAsString());
    long submissionId = submitted.bodyAsJsonObject().getLong("submissionId");
    assertEquals(4, submitted.bodyAsJsonObject().getInteger("fields"));

    List<String> items = new ArrayList<>();
    for (Row row : service.sql("select section, field, action, final_authority, current_tier, status, corrected_value::text v"
        + " from submission_field where submission_id = $1 order by id", submissionId)) {
      items.add(String.join(" ", row.getString("section"), row.getString("field"), row.getString("action"),
          row.getString("final_authority"), row.getString("current_tier"), row.getString("status"), row.getString("v")));
    }
    assertEquals(List.of(
        "utama tmt_cpns CORRECT BKN SKPD PENDING \"2005-04-01\"",
        "utama alamat CORRECT SKPD SKPD PENDING \"Jl. Asia Afrika No. 8, Bandung\"",
        "riwayat_golongan tmt CORRECT BKN SKPD PENDING \"2012-10-01\"",
        "riwayat_golongan _row ADD_ROW BKN SKPD PENDING {\"tmt\": \"2016-04-01\", \"golongan\": \"III/c\"}"), items);
    Row scope = service.sql("select satuan_kerja_id, instansi_id, kanreg_id, status from submission where id = $1", submissionId)
        .iterator().next();
    assertEquals(SapkFixture.SATKER_BKN, scope.getInteger("satuan_kerja_id"));
    assertEquals(SapkFixture.INSTANSI_BKN, scope.getInteger("instansi_id"));
    assertEquals("IN_VERIFICATION", scope.getString("status"));
    assertEquals(3L, service.sql("select count(*) from submission_field_document d join submission_field f"
        + " on f.id = d.submission_field_id where f.submission_id = $1", submissionId).iterator().next().getLong(0));

    HttpResponse<Buffer> twice = submit(token);
    assertEquals(409, twice.statusCode());
    assertEquals("ALREADY_SUBMITTED", twice.bodyAsJsonObject().getString("error"));
    HttpResponse<Buffer> locked = form.saveField(token, "utama", "alamat", wrong("Jl. Braga No. 1, Bandung"));
    assertEquals(409, locked.statusCode());
    assertEquals("FORM_LOCKED", locked.bodyAsJsonObject().getString("error"));
    assertEquals("SUBMITTED", form.form(token).getString("state"));

    // Progress: every item pending at SKPD, NOT_REQUIRED beyond its final authority.
    JsonObject progress = service.get("/api/me/progress", token).bodyAsJsonObject();
    assertEquals(submissionId, progress.getLong("submissionId"));
    JsonObject alamat = item(progress, "alamat");
    assertEquals("PENDING", alamat.getJsonObject("tiers").getJsonObject("SKPD").getString("status"));
    assertEquals("NOT_REQUIRED", alamat.getJsonObject("tiers").getJsonObject("BKD").getString("status"));
    assertEquals("NOT_REQUIRED", alamat.getJsonObject("tiers").getJsonObject("BKN").getString("status"));
    assertEquals(new JsonArray().add("SKPD"), alamat.getJsonArray("route"));
    assertEquals(new JsonArray().add("SKPD").add("BKD").add("BKN"), item(progress, "tmt_cpns").getJsonArray("route"));
    // The pages learn the tiers (and their labels) from the API.
    assertEquals(List.of("SKPD", "BKD", "BKN"), progress.getJsonArray("tiers").stream()
        .map(t -> ((JsonObject) t).getString("code")).toList());

    // A verifier's decisions (the verification feature writes these) show tier by tier.
    long tmtId = item(progress, "tmt_cpns").getLong("id");
    service.sql("insert into submission_decision (submission_field_id, tier, verdict, decided_by) values ($1, 'SKPD', 'MS', $2)",
        tmtId, person.nip());
    service.sql("insert into submission_decision (submission_field_id, tier, verdict, reason, decided_by)"
        + " values ($1, 'BKD', 'TMS', 'SK CPNS tidak terbaca', $2)", tmtId, person.nip());
    JsonObject tiers = item(service.get("/api/me/progress", token).bodyAsJsonObject(), "tmt_cpns").getJsonObject("tiers");
    assertEquals("MS", tiers.getJsonObject("SKPD").getString("status"));
    assertEquals("TMS", tiers.getJsonObject("BKD").getString("status"));
    assertEquals("SK CPNS tidak terbaca", tiers.getJsonObject("BKD").getString("reason"));
    assertEquals("NOT_REQUIRED", tiers.getJsonObject("BKN").getString("status"));
    JsonObject shown = FormApiTest.field(section(form.form(token), "utama"), "tmt_cpns");
    assertEquals("TMS", shown.getJsonObject("verification").getJsonObject("BKD").getString("status"));
  }

  @Test
  void allConfirmedFormIsACompletedSubmissionWithNothingToVerify() {
    String token = form.login(sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, true).nip());
    JsonObject before = service.get("/api/me/progress", token).bodyAsJsonObject();
    assertEquals("DRAFT", before.getString("state"));
    confirmEverything(token);
    HttpResponse<Buffer> submitted = submit(token);
    assertEquals(200, submitted.statusCode(), submitted.bodyAsString());
    assertEquals(0, submitted.bodyAsJsonObject().getInteger("fields"));
    assertEquals("COMPLETED", service.get("/api/me/progress", token).bodyAsJsonObject().getString("status"));
  }

  @Test
  void concurrentSubmitsMakeOneSubmission(VertxTestContext test) {
    SapkFixture.Person person = sapk.pns(SapkFixture.SATKER_BKN, true);
    String token = form.login(person.nip());
    confirmEverything(token);
    List<Future<HttpResponse<Buffer>>> submits = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      submits.add(service.withToken(service.http().post("/api/me/form/submit"), token).sendJsonObject(new JsonObject()));
    }
    // Everything here runs on the event loop: only non-blocking calls.
    Future.join(submits)
        .transform(done -> {
          test.verify(() -> assertEquals(List.of(200, 409, 409, 409, 409, 409),
              submits.stream().map(f -> f.result().statusCode()).sorted().toList()));
          return service.withToken(service.http().get("/api/me/progress"), token).send();
        })
        // The submission rows are counted on a worker thread: blocking the event loop here would deadlock.
        .compose(progress -> service.vertx().executeBlocking(() -> service.sql(
            "select count(*) from submission where nip = $1", person.nip()).iterator().next().getLong(0))
            .map(rows -> progress.bodyAsJsonObject().put("rows", rows)))
        .onComplete(test.succeeding(progress -> test.verify(() -> {
          long winner = submits.stream().filter(f -> f.result().statusCode() == 200).findFirst().orElseThrow()
              .result().bodyAsJsonObject().getLong("submissionId");
          assertEquals(winner, progress.getLong("submissionId"));
          assertEquals(1L, progress.getLong("rows"), "one submission row");
          test.completeNow();
        })));
  }

  private static JsonObject item(JsonObject progress, String field) {
    return progress.getJsonArray("fields").stream().map(JsonObject.class::cast)
        .filter(f -> f.getString("field").equals(field)).findFirst().orElseThrow();
  }
}

package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static id.go.bkn.epupns.verification.VerificationTesting.decision;
import static id.go.bkn.epupns.verification.VerificationTesting.item;
import static id.go.bkn.epupns.verification.VerificationTesting.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A verifier decides within the verification window of the agency the submission belongs to: its staggered one
 * (per agency or province) when it has one, else the national one. Outside it a decision and accept-all are 403
 * WINDOW_CLOSED naming that agency and its dates, and nothing is decided; inside they are taken, whatever the
 * national window says.
 */
class VerificationWindowTest {

  static final ZoneId ZONE = ZoneId.of("Asia/Jakarta");
  static TestService service;
  static VerificationTesting t;
  static String adminBkn;
  static String bandungVerifier;
  static String bknVerifier;

  @BeforeAll
  static void start() {
    service = TestService.start(VerificationWindowTest.class, Map.of("EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "100000"), false);
    t = new VerificationTesting(service);
    adminBkn = t.officerToken(t.sapk.officer(Role.ADMIN_BKN, SapkFixture.SATKER_BKN));
    bandungVerifier = t.officerToken(t.sapk.officer(Role.VERIFIER_SKPD, SapkFixture.SATKER_DISDIK_BANDUNG));
    bknVerifier = t.officerToken(t.sapk.officer(Role.VERIFIER_SKPD, SapkFixture.SATKER_BKN));
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  /** A submission of one address correction by a PNS of the work unit; the item's id. */
  private static long[] addressOnly(int satuanKerja) {
    SapkFixture.Person pns = t.sapk.pns(satuanKerja, false);
    long id = t.submit(t.pnsToken(pns.nip()), new JsonObject().put("utama", new JsonObject()
        .put("alamat", wrong("Jl. Braga No. " + pns.nip().substring(14)))));
    long item = service.sql("select id from submission_field where submission_id = $1", id).iterator().next().getLong(0);
    return new long[] {id, item};
  }

  private static void window(String path, String start, String end) {
    HttpResponse<Buffer> set = service.put("/api/admin/schedule/verification" + path,
        new JsonObject().put("start", start).put("end", end), adminBkn);
    assertEquals(200, set.statusCode(), set.bodyAsString());
  }

  private static long decisions(long item) {
    return service.sql("select count(*) from submission_decision where submission_field_id = $1", item).iterator().next()
        .getLong(0);
  }

  private static void refused(HttpResponse<Buffer> answer, String agency, String closes) {
    assertEquals(403, answer.statusCode(), answer.bodyAsString());
    JsonObject body = answer.bodyAsJsonObject();
    assertEquals("WINDOW_CLOSED", body.getString("error"));
    assertTrue(body.getString("message").startsWith("Verifikasi untuk " + agency + " hanya dibuka "), body.getString("message"));
    assertTrue(body.getString("message").contains(closes), body.getString("message"));
    assertEquals(agency, body.getString("instansi"));
  }

  @Test
  void aStaggeredWindowLetsItsAgencysVerifiersDecideWhileTheNationalOneIsClosed() {
    LocalDate today = LocalDate.now(ZONE);
    long[] bandung = addressOnly(SapkFixture.SATKER_DISDIK_BANDUNG);
    long[] bkn = addressOnly(SapkFixture.SATKER_BKN);
    try {
      window("", "2015-09-01", "2015-11-30");
      window("/instansi/" + SapkFixture.INSTANSI_BANDUNG, today.minusDays(1).toString(), today.plusDays(7).toString());

      refused(t.decide(bknVerifier, bkn[0], new JsonArray().add(decision(bkn[1], "MS", null))),
          "Badan Kepegawaian Negara", "30 November 2015");
      refused(service.post("/api/submissions/" + bkn[0] + "/accept-all", new JsonObject(), bknVerifier),
          "Badan Kepegawaian Negara", "30 November 2015");
      assertEquals(0, decisions(bkn[1]), "nothing decided outside the window");

      HttpResponse<Buffer> inside = t.decide(bandungVerifier, bandung[0], new JsonArray().add(decision(bandung[1], "MS", null)));
      assertEquals(200, inside.statusCode(), inside.bodyAsString());
      assertEquals(1, decisions(bandung[1]));
    } finally {
      service.delete("/api/admin/schedule/verification/instansi/" + SapkFixture.INSTANSI_BANDUNG, adminBkn);
      window("", "2015-09-01", "2099-12-31");
    }
  }

  @Test
  void anAgencyOutsideItsStaggeredWindowIsRefusedWhileTheNationalOneIsOpen() {
    long[] bandung = addressOnly(SapkFixture.SATKER_DISDIK_BANDUNG);
    long[] bkn = addressOnly(SapkFixture.SATKER_BKN);
    try {
      // By province (Kota Bandung is in 32): over before today.
      window("/provinsi/32", "2015-09-01", "2015-10-15");
      refused(service.post("/api/submissions/" + bandung[0] + "/accept-all", new JsonObject(), bandungVerifier),
          "Pemerintah Kota Bandung", "15 Oktober 2015");
      assertEquals(0, decisions(bandung[1]));

      HttpResponse<Buffer> open = service.post("/api/submissions/" + bkn[0] + "/accept-all", new JsonObject(), bknVerifier);
      assertEquals(200, open.statusCode(), open.bodyAsString());
      assertEquals(1, decisions(bkn[1]));
    } finally {
      service.delete("/api/admin/schedule/verification/provinsi/32", adminBkn);
    }
  }
}

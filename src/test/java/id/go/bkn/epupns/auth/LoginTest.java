package id.go.bkn.epupns.auth;

import id.go.bkn.epupns.registration.RegistrationNumbers;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Login of PNS and officers, token checks and immediate revocation, over HTTP. */
class LoginTest {

  static TestService service;
  static String hash;

  @BeforeAll
  static void start() {
    service = TestService.start(LoginTest.class, Map.of(), false);
    service.sql("insert into kanreg values (0, '00', 'BKN Pusat', 'Jakarta')");
    service.sql("insert into instansi values (1, '4011', 'Badan Kepegawaian Negara', 'PUSAT', null, 0, true)");
    service.sql("insert into instansi values (2, '3273', 'Pemerintah Kota Bandung', 'KOTA', 32, 0, false)");
    service.sql("insert into satuan_kerja values (10, 1, 'Direktorat Pengolahan Data', 'Jakarta')");
    service.sql("insert into satuan_kerja values (20, 2, 'Dinas Pendidikan', 'Bandung')");
    insertPns("198607122006031002", 1, 10);
    insertPns("199001012014022001", 2, 20);
    insertPns("197505052000031003", 1, 10);
    hash = new PasswordHasher(service.running().config(), null).hashNow("rahasia-benar-sekali");
    service.sql("insert into officer (nip, nama, role, instansi_id, password_hash) values ($1, 'Admin BKN', 'ADMIN_INSTANSI', 1, $2)",
        "197505052000031003", hash);
  }

  private static void insertPns(String nip, int instansi, int satker) {
    service.sql("""
        insert into pns (nip, nama, tempat_lahir, tanggal_lahir, agama, jenis_kelamin, tmt_cpns, golongan, tmt_golongan,
          pendidikan_tingkat, jenis_pegawai, status_pegawai, instansi_induk_id, instansi_kerja_id, satuan_kerja_id,
          lokasi_kerja, jenis_jabatan)
        values ($1, 'Nama', 'Bandung', date '1986-07-12', 'Islam', 'L', date '2006-03-01', 'III/c', date '2010-10-01',
          'S2', 'PNS Pusat', 'PNS', $2, $2, $3, 'Jakarta', 'FUNGSIONAL_UMUM')""", nip, instansi, satker);
  }

  private static String registration(String nip, String status) {
    String number = RegistrationNumbers.generate();
    service.sql("""
        insert into registration (nip, registration_number, nik, email, password_hash, mother_name_hash,
          security_question, security_answer_enc, status)
        values ($1, $2, '3273051207860017', 'a@example.org', $3, 'x', 'q', '\\x00'::bytea, $4)""",
        nip, number, hash, status);
    return number;
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private HttpResponse<Buffer> login(String username, String password) {
    return service.post("/api/auth/login", new JsonObject().put("username", username).put("password", password));
  }

  @Test
  void officerLogsInByNipAndTokenWorksUntilDisabled() {
    HttpResponse<Buffer> response = login("197505052000031003", "rahasia-benar-sekali");
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals("ADMIN_INSTANSI", body.getString("role"));
    assertEquals(900, body.getInteger("expiresIn"));
    String token = body.getString("token");
    assertEquals(200, service.get("/api/auth/me", token).statusCode());

    service.sql("update officer set disabled = true where nip = '197505052000031003'");
    assertEquals(401, service.get("/api/auth/me", token).statusCode());
    service.sql("update officer set disabled = false where nip = '197505052000031003'");
    assertEquals(200, service.get("/api/auth/me", token).statusCode());
    service.sql("update officer set role = 'VERIFIER_BKD' where nip = '197505052000031003'");
    assertEquals(401, service.get("/api/auth/me", token).statusCode());
    service.sql("update officer set role = 'ADMIN_INSTANSI' where nip = '197505052000031003'");
  }

  @Test
  void wrongPasswordAndUnknownUserLookTheSame() {
    HttpResponse<Buffer> wrong = login("197505052000031003", "salah-salah-salah");
    HttpResponse<Buffer> unknown = login("198001012005011001", "salah-salah-salah");
    assertEquals(401, wrong.statusCode());
    assertEquals(401, unknown.statusCode());
    assertEquals(wrong.bodyAsJsonObject().getString("message"), unknown.bodyAsJsonObject().getString("message"));
  }

  @Test
  void pnsNotYetApprovedGets403ButPnsOfAgencyWithoutApprovalGetsIn() {
    String pending = registration("198607122006031002", "PENDING_APPROVAL");
    HttpResponse<Buffer> refused = login(pending, "rahasia-benar-sekali");
    assertEquals(403, refused.statusCode());
    assertEquals("NOT_YET_APPROVED", refused.bodyAsJsonObject().getString("error"));

    String free = registration("199001012014022001", "PENDING_APPROVAL");
    HttpResponse<Buffer> ok = login(free.toLowerCase().replace("-", " "), "rahasia-benar-sekali");
    assertEquals(200, ok.statusCode(), ok.bodyAsString());
    assertEquals("PNS", ok.bodyAsJsonObject().getString("role"));
  }

  @Test
  void refreshGivesANewAccessTokenAndAccessTokenIsNotARefreshToken() {
    JsonObject body = login("197505052000031003", "rahasia-benar-sekali").bodyAsJsonObject();
    HttpResponse<Buffer> refreshed = service.post("/api/auth/refresh",
        new JsonObject().put("refreshToken", body.getString("refreshToken")));
    assertEquals(200, refreshed.statusCode());
    assertNotNull(refreshed.bodyAsJsonObject().getString("token"));
    assertEquals(401, service.post("/api/auth/refresh",
        new JsonObject().put("refreshToken", body.getString("token"))).statusCode());
    assertEquals(401, service.get("/api/auth/me", body.getString("refreshToken")).statusCode());
  }

  @Test
  void forgedTokensAreRefused() {
    String none = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxIiwicm9sZSI6IkFETUlOX0JLTiIsIm5pcCI6IjEiLCJ0eXAiOiJhY2Nlc3MifQ.";
    assertEquals(401, service.get("/api/auth/me", none).statusCode());
    assertEquals(401, service.get("/api/auth/me", "garbage").statusCode());
    assertEquals(401, service.get("/api/auth/me").statusCode());
  }
}

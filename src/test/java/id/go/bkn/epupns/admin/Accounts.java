package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.auth.PasswordHasher;
import id.go.bkn.epupns.registration.RegistrationNumbers;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Registrations arranged with SQL (the registration API is another feature) and logins over HTTP,
 * for the admin tests.
 */
final class Accounts {

  static final String PNS_PASSWORD = "kata-sandi-pns-2015";

  private final TestService service;
  private final String hash;

  Accounts(TestService service) {
    this.service = service;
    this.hash = new PasswordHasher(service.running().config(), null).hashNow(PNS_PASSWORD);
  }

  /** A registration of the PNS in the given status; returns its registration number. */
  String registration(SapkFixture.Person pns, String status) {
    String number = RegistrationNumbers.generate();
    service.sql("""
        insert into registration (nip, registration_number, nik, email, password_hash, mother_name_hash,
          security_question, security_answer_enc, status)
        values ($1, $2, $3, $4, $5, 'x', 'Nama hewan peliharaan pertama?', '\\x00'::bytea, $6)""",
        pns.nip(), number, pns.nik(), "pns" + pns.nip().substring(12) + "@example.org", hash, status);
    return number;
  }

  HttpResponse<Buffer> login(String username, String password) {
    return service.post("/api/auth/login", new JsonObject().put("username", username).put("password", password));
  }

  String token(String username, String password) {
    HttpResponse<Buffer> response = login(username, password);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getString("token");
  }

  String officerToken(SapkFixture.Person officer) {
    return token(officer.nip(), SapkFixture.OFFICER_PASSWORD);
  }
}

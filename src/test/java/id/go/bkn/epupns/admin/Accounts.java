package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.auth.PasswordHasher;
import id.go.bkn.epupns.registration.RegistrationNumbers;
import id.go.bkn.epupns.testing.FakeSmtp;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  /** Where an appointed officer's mail goes in the admin tests. */
  static String officerEmail(SapkFixture.Person officer) {
    return "petugas" + officer.nip().substring(12) + "@example.org";
  }

  /** The token of the newest set-password link mailed to the officer. */
  static String passwordLinkToken(FakeSmtp smtp, SapkFixture.Person officer, int mailsBefore) {
    String to = officerEmail(officer);
    FakeSmtp.Message mail = smtp.await(m -> m.recipients().contains(to) && m.text().contains("atur-sandi-petugas.html?token=")
        && smtp.messages().stream().filter(x -> x.recipients().contains(to)).count() > mailsBefore, "with a set-password link");
    java.util.List<FakeSmtp.Message> mine = smtp.messages().stream().filter(x -> x.recipients().contains(to)
        && x.text().contains("atur-sandi-petugas.html?token=")).toList();
    Matcher link = Pattern.compile("/atur-sandi-petugas\\.html\\?token=([A-Za-z0-9_-]{43})")
        .matcher(mine.isEmpty() ? mail.text() : mine.get(mine.size() - 1).text());
    assertTrue(link.find(), mail.text());
    return link.group(1);
  }

  HttpResponse<Buffer> setPassword(String linkToken, String password) {
    return service.post("/api/officer-password", new JsonObject().put("token", linkToken).put("password", password)
        .put("passwordConfirmation", password));
  }

  /** Follows the mailed link: sets the password and answers the officer's access token. */
  String activate(FakeSmtp smtp, SapkFixture.Person officer, String password) {
    HttpResponse<Buffer> set = setPassword(passwordLinkToken(smtp, officer, 0), password);
    assertEquals(200, set.statusCode(), set.bodyAsString());
    return token(officer.nip(), password);
  }
}

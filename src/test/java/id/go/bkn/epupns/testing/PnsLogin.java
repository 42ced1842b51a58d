package id.go.bkn.epupns.testing;

import id.go.bkn.epupns.auth.PasswordHasher;
import id.go.bkn.epupns.registration.RegistrationNumbers;
import io.vertx.core.json.JsonObject;

/** An approved registration for a PNS of the fixture, and its login answer, for the page tests. */
public final class PnsLogin {

  public static final String PASSWORD = "sandi-pns-browser";

  private final TestService service;
  private final String hash;

  public PnsLogin(TestService service) {
    this.service = service;
    this.hash = new PasswordHasher(service.running().config(), null).hashNow(PASSWORD);
  }

  /** Registers the NIP (status APPROVED) and returns its registration number. */
  public String register(String nip) {
    String number = RegistrationNumbers.generate();
    service.sql("""
        insert into registration (nip, registration_number, nik, email, password_hash, mother_name_hash,
          security_question, security_answer_enc, status)
        values ($1, $2, '3273051207860017', 'pns@example.org', $3, 'x', 'q', '\\x00'::bytea, 'APPROVED')""", nip, number, hash);
    return number;
  }

  /** POST /api/auth/login with a username and password: the whole answer (tokens, role, expiresIn). */
  public JsonObject login(String username, String password) {
    var response = service.post("/api/auth/login", new JsonObject().put("username", username).put("password", password));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("login failed: " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  public JsonObject registerAndLogin(String nip) {
    return login(register(nip), PASSWORD);
  }
}

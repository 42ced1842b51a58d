package id.go.bkn.epupns.auth;

import id.go.bkn.epupns.registration.RegistrationNumbers;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A token's signature is checked once and remembered (jwt.verifiedCacheSize): remembering must
 * not let an altered token, a token of the wrong type or a token of a reset account through.
 */
class VerifiedTokenTest {

  static TestService service;
  static SapkFixture sapk;
  static String hash;

  @BeforeAll
  static void start() {
    service = TestService.start(VerifiedTokenTest.class, Map.of(), false);
    sapk = new SapkFixture(service);
    hash = new PasswordHasher(service.running().config(), null).hashNow("sandi-token-2015");
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private JsonObject login(String nip) {
    String number = RegistrationNumbers.generate();
    service.sql("""
        insert into registration (nip, registration_number, nik, email, password_hash, mother_name_hash,
          security_question, security_answer_enc, status)
        values ($1, $2, '3273051207860017', 'pns@example.org', $3, 'x', 'q', '\\x00'::bytea, 'APPROVED')""", nip, number, hash);
    return service.post("/api/auth/login", new JsonObject().put("username", number).put("password", "sandi-token-2015"))
        .bodyAsJsonObject();
  }

  /** The token with one base64url symbol changed (a whole 6 data bits, never padding). */
  private static String alter(String token, int at) {
    char c = token.charAt(at);
    return token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
  }

  @Test
  void aRememberedTokenStillNeedsTheSameBytesTheRightTypeAndAUsableAccount() {
    String nip = sapk.pns(SapkFixture.SATKER_BKN, false).nip();
    JsonObject tokens = login(nip);
    String access = tokens.getString("token");
    String refresh = tokens.getString("refreshToken");
    assertEquals(200, service.get("/api/me/form", access).statusCode());
    assertEquals(200, service.get("/api/me/form", access).statusCode(), "remembered");

    // Another signature on the same header and claims.
    int dot = access.lastIndexOf('.');
    assertEquals(401, service.get("/api/me/form", alter(access, dot + 5)).statusCode());
    // Other claims (the payload) under the same signature.
    assertEquals(401, service.get("/api/me/form", alter(access, access.indexOf('.') + 8)).statusCode());

    // Each type only where it belongs, remembered or not.
    assertEquals(200, service.post("/api/auth/refresh", new JsonObject().put("refreshToken", refresh)).statusCode());
    assertEquals(401, service.get("/api/me/form", refresh).statusCode());
    assertEquals(401, service.post("/api/auth/refresh", new JsonObject().put("refreshToken", access)).statusCode());

    // The account is still read on every request: a reset registration ends the remembered token.
    service.sql("update registration set status = 'RESET' where nip = $1", nip);
    assertEquals(401, service.get("/api/me/form", access).statusCode());
  }
}

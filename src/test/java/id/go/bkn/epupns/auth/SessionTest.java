package id.go.bkn.epupns.auth;

import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static id.go.bkn.epupns.testing.TestService.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions (issue 8 item 7): logout ends a session at once; refresh tokens rotate, and an old one
 * used again ends the whole session; a session has an absolute end, which no refresh extends.
 * The absolute lifetime is set to 10 minutes here (shorter than an access token's 15).
 */
class SessionTest {

  static final int SESSION_SECONDS = 600;
  static TestService service;
  static SapkFixture sapk;

  @BeforeAll
  static void start() {
    service = TestService.start(SessionTest.class, Map.of(
        "EPUPNS_JWT_SESSION_MAX_SECONDS", Integer.toString(SESSION_SECONDS),
        "EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "1000"), false);
    sapk = new SapkFixture(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static JsonObject login(String nip) {
    HttpResponse<Buffer> response = service.post("/api/auth/login",
        new JsonObject().put("username", nip).put("password", SapkFixture.OFFICER_PASSWORD));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> refresh(String refreshToken) {
    return service.post("/api/auth/refresh", new JsonObject().put("refreshToken", refreshToken));
  }

  private static int me(String token) {
    return service.get("/api/auth/me", token).statusCode();
  }

  private static JsonObject payload(String jwt) {
    String part = jwt.split("\\.")[1];
    return new JsonObject(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
  }

  @Test
  void logoutEndsTheSessionAtOnceAndOnlyThatSession() {
    String nip = sapk.officer("VERIFIER_BKD", SapkFixture.SATKER_BKN).nip();
    JsonObject first = login(nip);
    JsonObject second = login(nip);
    assertEquals(200, me(first.getString("token")));

    HttpResponse<Buffer> out = service.post("/api/auth/logout",
        new JsonObject().put("refreshToken", first.getString("refreshToken")), first.getString("token"));
    assertEquals(204, out.statusCode(), out.bodyAsString());
    assertEquals("no-store", out.getHeader("Cache-Control"));
    // Both of its tokens stop at once (the access token did not have to expire) ...
    assertEquals(401, me(first.getString("token")));
    assertEquals(401, refresh(first.getString("refreshToken")).statusCode());
    // ... and the officer's other session (another device) goes on.
    assertEquals(200, me(second.getString("token")));
    // Logging out again, or with only the access token, is fine: the client is signed out either way.
    assertEquals(204, service.post("/api/auth/logout", new JsonObject(), second.getString("token")).statusCode());
    assertEquals(401, me(second.getString("token")));
    assertEquals(204, service.post("/api/auth/logout",
        new JsonObject().put("refreshToken", first.getString("refreshToken"))).statusCode());
    // Nothing to log out with: the missing field is named.
    HttpResponse<Buffer> nothing = service.post("/api/auth/logout", new JsonObject());
    assertEquals(400, nothing.statusCode());
    assertTrue(nothing.bodyAsJsonObject().getJsonObject("fields").containsKey("refreshToken"));
    assertEquals("LOGOUT", service.sql("select end_reason from auth_session where id = $1::uuid",
        payload(first.getString("token")).getString("sid")).iterator().next().getString("end_reason"));
  }

  @Test
  void refreshRotatesAndAnOldRefreshTokenUsedAgainEndsTheWholeSession() {
    String nip = sapk.officer("ADMIN_INSTANSI", SapkFixture.SATKER_BKN).nip();
    JsonObject session = login(nip);
    String first = session.getString("refreshToken");

    HttpResponse<Buffer> rotated = refresh(first);
    assertEquals(200, rotated.statusCode(), rotated.bodyAsString());
    JsonObject next = rotated.bodyAsJsonObject();
    assertEquals("ADMIN_INSTANSI", next.getString("role"));
    assertTrue(next.getInteger("expiresIn") > 0);
    String second = next.getString("refreshToken");
    assertNotEquals(first, second, "a new refresh token on every use");
    assertEquals(payload(first).getString("sid"), payload(second).getString("sid"), "same session");
    assertEquals(200, me(next.getString("token")));

    HttpResponse<Buffer> third = refresh(second);
    assertEquals(200, third.statusCode());
    String thirdToken = third.bodyAsJsonObject().getString("token");
    String thirdRefresh = third.bodyAsJsonObject().getString("refreshToken");
    assertEquals(200, me(thirdToken));

    // Someone replays the first refresh token: refused, and the whole session ends, for its
    // legitimate holder too (who signs in again), since nobody can tell which of the two is which.
    HttpResponse<Buffer> replayed = refresh(first);
    assertEquals(401, replayed.statusCode());
    assertEquals("SESSION_EXPIRED", replayed.bodyAsJsonObject().getString("error"));
    assertEquals(401, refresh(thirdRefresh).statusCode());
    assertEquals(401, me(thirdToken));
    assertEquals(401, me(session.getString("token")));
    assertEquals("REFRESH_REUSED", service.sql("select end_reason from auth_session where id = $1::uuid",
        payload(first).getString("sid")).iterator().next().getString("end_reason"));
    // Another login is a new session.
    assertEquals(200, me(login(nip).getString("token")));
    String metrics = service.metrics();
    assertTrue(metrics.lines().anyMatch(l -> l.startsWith("epupns_refresh_token_reused_total") && !l.endsWith(" 0.0")),
        "counted");
  }

  @Test
  void aSessionEndsAtItsAbsoluteLifetimeWhateverTheRefreshes() {
    String nip = sapk.officer("VERIFIER_BKD", SapkFixture.SATKER_DISDIK_BANDUNG).nip();
    long before = Instant.now().getEpochSecond();
    JsonObject session = login(nip);
    // No token outlives the session: the access token (900 s otherwise) and the refresh token
    // (8 h otherwise) both end with it.
    assertTrue(session.getInteger("expiresIn") <= SESSION_SECONDS, session.encode());
    long sessionEnd = Instant.parse(session.getString("sessionExpiresAt")).getEpochSecond();
    assertTrue(sessionEnd >= before + SESSION_SECONDS - 5 && sessionEnd <= before + SESSION_SECONDS + 5);
    assertTrue(payload(session.getString("token")).getLong("exp") <= sessionEnd + 1);
    assertTrue(payload(session.getString("refreshToken")).getLong("exp") <= sessionEnd + 1);
    JsonObject refreshed = refresh(session.getString("refreshToken")).bodyAsJsonObject();
    assertEquals(session.getString("sessionExpiresAt"), refreshed.getString("sessionExpiresAt"), "not extended");
    assertTrue(payload(refreshed.getString("refreshToken")).getLong("exp") <= sessionEnd + 1);

    // The end comes (moved forward here instead of waiting): every token of the session stops.
    service.sql("update auth_session set expires_at = now() - interval '1 second' where id = $1::uuid",
        payload(session.getString("token")).getString("sid"));
    assertEquals(401, me(refreshed.getString("token")));
    assertEquals(401, refresh(refreshed.getString("refreshToken")).statusCode());
  }

  @Test
  void nonCanonicalEncodingsOfAGoodTokenAreRefused() {
    String nip = sapk.officer("VERIFIER_BKD", SapkFixture.SATKER_BKN).nip();
    String token = login(nip).getString("token");
    assertEquals(200, me(token));
    // An ES256 signature is 64 bytes: 86 base64url symbols, the last carrying 4 unused bits.
    // Setting one of them gives the same bytes to a lenient decoder, but another spelling.
    char last = token.charAt(token.length() - 1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    String trailingBits = token.substring(0, token.length() - 1) + alphabet.charAt(alphabet.indexOf(last) | 1);
    assertEquals(401, me(trailingBits), "non-zero trailing bits");
    assertEquals(401, me(token + "=="), "padding");
    String[] parts = token.split("\\.");
    assertEquals(401, me(parts[0] + "=." + parts[1] + "." + parts[2]), "padded header");
    String standard = token.replace('-', '+').replace('_', '/');
    if (!standard.equals(token)) {
      assertEquals(401, me(standard), "standard alphabet");
    }
    assertEquals(200, me(token), "the canonical token still works");
  }
}

package id.go.bkn.epupns.auth;

import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.Poll;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Login hardening against the real Redis: rate limits (429 + Retry-After) and growing delays after
 * failures, per (account, IP) hard and per account soft, with small delays set for the test.
 */
class LoginThrottleTest {

  static TestService service;
  static SapkFixture sapk;
  static final String RIGHT = SapkFixture.OFFICER_PASSWORD;

  @BeforeAll
  static void start() {
    service = TestService.start(LoginThrottleTest.class, Map.of(
        "EPUPNS_HTTP_TRUSTED_CLIENT_IP_HEADER", "X-Forwarded-For",
        "EPUPNS_LOGIN_THROTTLE_FREE_FAILURES", "3",
        "EPUPNS_LOGIN_THROTTLE_BASE_DELAY_SECONDS", "3",
        "EPUPNS_LOGIN_THROTTLE_MAX_DELAY_SECONDS", "3",
        "EPUPNS_LOGIN_THROTTLE_ACCOUNT_FREE_FAILURES", "6",
        "EPUPNS_LOGIN_THROTTLE_ACCOUNT_MAX_DELAY_SECONDS", "3",
        "EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "20"), false);
    sapk = new SapkFixture(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static HttpResponse<Buffer> login(String username, String password, String ip) {
    return TestService.await(service.http().post("/api/auth/login").putHeader("X-Forwarded-For", ip)
        .sendJsonObject(new JsonObject().put("username", username).put("password", password)));
  }

  /**
   * Tries the right password once a second until the wait (3 s) is over, failing after 10 s (each try while
   * throttled is not counted as a failure, but each counts against the IP's 20 logins a minute: hence the pace).
   */
  private static HttpResponse<Buffer> loginOnceTheWaitIsOver(String nip, String ip) {
    return Poll.until("the right password accepted from " + ip + " after the wait", Duration.ofSeconds(10),
        Duration.ofSeconds(1), () -> login(nip, RIGHT, ip), response -> response.statusCode() != 401);
  }

  @Test
  void failuresThrottleThePairWithoutCheckingThePasswordButNotAnotherIp() throws InterruptedException {
    String nip = sapk.officer("VERIFIER_BKD", SapkFixture.SATKER_DISDIK_BANDUNG).nip();
    HttpResponse<Buffer> wrong = null;
    for (int i = 0; i < 4; i++) {
      wrong = login(nip, "salah-" + i, "10.0.1.1");
      assertEquals(401, wrong.statusCode());
    }
    // Four failures, three free: the pair now waits 3 seconds. Even the right password is
    // refused unchecked, with exactly the answer of a wrong one.
    HttpResponse<Buffer> throttled = login(nip, RIGHT, "10.0.1.1");
    assertEquals(401, throttled.statusCode());
    assertEquals(wrong.bodyAsJsonObject().getString("error"), throttled.bodyAsJsonObject().getString("error"));
    assertEquals(wrong.bodyAsJsonObject().getString("message"), throttled.bodyAsJsonObject().getString("message"));
    assertEquals("WRONG_CREDENTIALS", throttled.bodyAsJsonObject().getString("error"));

    // The real officer elsewhere is not locked out.
    assertEquals(200, login(nip, RIGHT, "10.0.2.2").statusCode());

    // After the delay the right password works from the throttled IP too ...
    assertEquals(200, loginOnceTheWaitIsOver(nip, "10.0.1.1").statusCode());
    // ... and that success reset the pair: three free failures again, then the right password works.
    for (int i = 0; i < 3; i++) {
      assertEquals(401, login(nip, "lagi-salah-" + i, "10.0.1.1").statusCode());
    }
    assertEquals(200, login(nip, RIGHT, "10.0.1.1").statusCode());

    String metrics = service.metrics();
    assertTrue(metrics.contains("epupns_login_throttled_total"), "throttled counter exported");
    assertTrue(metrics.contains("epupns_login_failures_total"), "failure counter exported");
    assertTrue(counter(metrics, "epupns_login_throttled_total") >= 1);
    assertTrue(counter(metrics, "epupns_login_failures_total") >= 7);
  }

  @Test
  void manyIpsSlowOnlyTheClientsThatFailedNeverACleanOne() throws InterruptedException {
    String nip = sapk.officer("VERIFIER_BKD", SapkFixture.SATKER_DISDIK_BANDUNG).nip();
    assertEquals(200, login(nip, RIGHT, "10.1.0.99").statusCode(), "the officer's usual IP");
    // A spread attack: one failure from each of seven IPs, never enough to throttle any pair, but
    // past the account's six free failures: the account waits 3 s (the cap) ...
    for (int i = 1; i <= 7; i++) {
      assertEquals(401, login(nip, "tebakan-" + i, "10.1.0." + i).statusCode());
    }
    // ... for the clients that failed on it: even the right password is refused unchecked.
    assertEquals(401, login(nip, RIGHT, "10.1.0.1").statusCode(), "a client that failed waits for the account delay");
    // A clean client (never failed on this account) is not refused because of strangers (ASVS 6.3.1).
    assertEquals(200, login(nip, RIGHT, "10.1.0.50").statusCode(), "a new, clean IP gets in");
    assertEquals(200, login(nip, RIGHT, "10.1.0.99").statusCode(), "an IP that logged in before is not slowed");
    // Never a lock: the failed client gets in once the capped delay is over.
    assertEquals(200, loginOnceTheWaitIsOver(nip, "10.1.0.1").statusCode());
  }

  @Test
  void tooManyLoginsFromOneIpAre429WithRetryAfter() {
    HttpResponse<Buffer> last = null;
    for (int i = 0; i < 21; i++) {
      // Different unknown usernames: only the per-IP limit (20 a minute here) is in play.
      last = login("19800101200501100" + (i % 10), "apa-saja", "10.2.0.1");
      if (i < 20) {
        assertEquals(401, last.statusCode(), "attempt " + (i + 1));
      }
    }
    assertEquals(429, last.statusCode());
    assertEquals("RATE_LIMITED", last.bodyAsJsonObject().getString("error"));
    assertNotNull(last.getHeader("Retry-After"));
    assertTrue(Integer.parseInt(last.getHeader("Retry-After")) >= 1);
    // Another IP is unaffected.
    assertEquals(401, login("198001012005011001", "apa-saja", "10.2.0.2").statusCode());
  }

  @Test
  void manyIpsFailingOnceNeverMakeTheAccount429ForOthers() {
    String nip = sapk.officer("VERIFIER_BKD", SapkFixture.SATKER_DISDIK_BANDUNG).nip();
    for (int i = 0; i < 25; i++) {
      HttpResponse<Buffer> wrong = login(nip, "apa-saja", "10.3.0." + i);
      assertEquals(401, wrong.statusCode(), "attempt " + (i + 1) + ": " + wrong.bodyAsString());
    }
    // 25 failures, more than perAccount (20 a minute): the account budget holds only those clients.
    assertEquals(200, login(nip, RIGHT, "10.3.1.1").statusCode());
  }

  private static double counter(String metrics, String name) {
    return metrics.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }
}

package id.go.bkn.epupns.ratelimit;

import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static id.go.bkn.epupns.testing.TestService.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every guarded action is limited per client IP (and the complaint per NIP): with a limit of 2, the
 * third request (well-formed, so it reaches the limiter) is 429 with Retry-After and a message in
 * Bahasa Indonesia. Each case uses its own client IP (through the trusted proxy header), so each
 * recovery flow is shown to have its own limit. The budgets per NIP and account, which hold only
 * clients that failed themselves, are in {@link NoLockoutTest} and below.
 */
class RateLimitWiringTest {

  static final int LIMIT = 2;
  static TestService service;
  static SapkFixture sapk;
  static final AtomicInteger ips = new AtomicInteger(1);

  @BeforeAll
  static void start() {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("EPUPNS_HTTP_TRUSTED_CLIENT_IP_HEADER", "X-Forwarded-For");
    for (String action : new String[] {"CAPTCHA", "LOOKUP", "REGISTRATION", "STATUS", "RECOVERY_NUMBER",
        "RECOVERY_ANSWER", "PASSWORD_RESET", "LOGIN", "PROOF", "COMPLAINT", "AUTOCOMPLETE"}) {
      env.put("EPUPNS_RATE_LIMIT_" + action + "_PER_IP", Integer.toString(LIMIT));
    }
    env.put("EPUPNS_RATE_LIMIT_COMPLAINT_PER_NIP", Integer.toString(LIMIT));
    env.put("EPUPNS_RATE_LIMIT_LOGIN_PER_ACCOUNT", Integer.toString(LIMIT));
    env.put("EPUPNS_HTTP_TRUSTED_PROXY_HOPS", "1");
    // Failures must not throttle first: this test is about the limits.
    env.put("EPUPNS_LOGIN_THROTTLE_FREE_FAILURES", "100");
    env.put("EPUPNS_LOGIN_THROTTLE_ACCOUNT_FREE_FAILURES", "100");
    service = TestService.start(RateLimitWiringTest.class, env, false);
    sapk = new SapkFixture(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static String newIp() {
    return "10.20." + (ips.get() / 250) + "." + (ips.getAndIncrement() % 250 + 1);
  }

  private static HttpResponse<Buffer> send(HttpMethod method, String path, JsonObject body, String ip) {
    HttpRequest<Buffer> request = service.http().request(method, path).putHeader("X-Forwarded-For", ip);
    return await(body == null ? request.send() : request.sendJsonObject(body));
  }

  /** A well-formed request for the i-th attempt (so that per-NIP cases can vary nothing but the IP). */
  record Case(String name, HttpMethod method, IntFunction<String> path, IntFunction<JsonObject> body, boolean sameIp) {
  }

  private static JsonObject captcha(JsonObject body) {
    return body.put("captchaId", "tidak-ada-captcha-ini").put("captchaAnswer", "ABCDE");
  }

  private static List<Case> cases() {
    SapkFixture.Person pns = sapk.pns(SapkFixture.SATKER_BKN, false);
    List<Case> cases = new ArrayList<>();
    // Per client IP: one IP, fresh NIPs where there is one, so only the IP limit can trip.
    cases.add(new Case("captcha per IP", HttpMethod.POST, i -> "/api/captcha", i -> new JsonObject(), true));
    cases.add(new Case("lookup per IP", HttpMethod.GET, i -> "/api/pns/" + sapk.pns(SapkFixture.SATKER_BKN, true).nip(),
        i -> null, true));
    cases.add(new Case("registration per IP", HttpMethod.POST, i -> "/api/registrations", i -> registration(
        sapk.pns(SapkFixture.SATKER_BKN, true)), true));
    cases.add(new Case("status per IP", HttpMethod.GET, i -> "/api/registrations/status?nip="
        + sapk.pns(SapkFixture.SATKER_BKN, true).nip() + "&captchaId=tidak-ada-captcha-ini&captchaAnswer=ABCDE",
        i -> null, true));
    cases.add(new Case("recovery: question per IP", HttpMethod.POST, i -> "/api/recovery/registration-number",
        i -> captcha(new JsonObject().put("nip", sapk.pns(SapkFixture.SATKER_BKN, true).nip())), true));
    cases.add(new Case("recovery: answer per IP", HttpMethod.POST, i -> "/api/recovery/registration-number",
        i -> captcha(new JsonObject().put("nip", sapk.pns(SapkFixture.SATKER_BKN, true).nip()).put("answer", "x")), true));
    cases.add(new Case("recovery: security answer per IP", HttpMethod.POST, i -> "/api/recovery/security-answer",
        i -> captcha(new JsonObject().put("nip", sapk.pns(SapkFixture.SATKER_BKN, true).nip()).put("motherName", "Ibu")),
        true));
    cases.add(new Case("recovery: password reset per IP", HttpMethod.POST, i -> "/api/recovery/password-reset",
        i -> captcha(new JsonObject().put("nip", sapk.pns(SapkFixture.SATKER_BKN, true).nip())), true));
    cases.add(new Case("recovery: reset confirmation per IP", HttpMethod.POST, i -> "/api/recovery/password-reset/confirm",
        i -> new JsonObject().put("token", "A".repeat(42) + i).put("password", "Kebun Raya Bogor 1817")
            .put("passwordConfirmation", "Kebun Raya Bogor 1817"), true));
    cases.add(new Case("login per IP", HttpMethod.POST, i -> "/api/auth/login",
        i -> new JsonObject().put("username", sapk.pns(SapkFixture.SATKER_BKN, true).nip()).put("password", "salah"),
        true));
    cases.add(new Case("complaint per IP", HttpMethod.POST, i -> "/api/complaints",
        i -> captcha(complaint(sapk.pns(SapkFixture.SATKER_BKN, true))), true));
    // A code shaped like a printed one, with a forged signature (answered 200 "not genuine" under the limit).
    String forged = id.go.bkn.epupns.registration.RegistrationNumbers.generate().replace("-", "") + "." + pns.nip()
        + ".20151001." + "A".repeat(22);
    cases.add(new Case("proof check per IP", HttpMethod.GET, i -> "/api/proofs/verify?code=" + forged, i -> null, true));
    cases.add(new Case("agency autocomplete per IP", HttpMethod.GET, i -> "/api/instansi?q=Band", i -> null, true));
    // Per NIP: one NIP, a new IP each time, so only that limit can trip.
    cases.add(new Case("complaint per NIP", HttpMethod.POST, i -> "/api/complaints", i -> captcha(complaint(pns)), false));
    return cases;
  }

  private static JsonObject registration(SapkFixture.Person person) {
    return captcha(new JsonObject().put("nip", person.nip()).put("nik", person.nik())
        .put("email", "pns" + person.nip() + "@example.go.id").put("password", "Kebun Raya Bogor 1817")
        .put("passwordConfirmation", "Kebun Raya Bogor 1817").put("motherName", "Ibu Kandung")
        .put("securityQuestion", "Apa nama sekolah dasar pertama Anda?").put("securityAnswer", "SDN 1"));
  }

  private static JsonObject complaint(SapkFixture.Person person) {
    return new JsonObject().put("nip", person.nip()).put("nama", person.nama()).put("nik", person.nik())
        .put("instansiId", SapkFixture.INSTANSI_BKN).put("description", "NIP saya tidak ditemukan di SAPK.")
        .put("contact", "08123456789");
  }

  @Test
  void everyGuardedActionIsLimitedWithRetryAfterAndABahasaMessage() {
    List<String> wrong = new ArrayList<>();
    for (Case c : cases()) {
      String ip = newIp();
      for (int i = 0; i < LIMIT; i++) {
        HttpResponse<Buffer> allowed = send(c.method(), c.path().apply(i), c.body().apply(i), c.sameIp() ? ip : newIp());
        String code = allowed.statusCode() == 400 ? allowed.bodyAsJsonObject().getString("error") : "";
        // Under the limit the request must reach the action: not refused, not malformed.
        if (allowed.statusCode() == 429 || allowed.statusCode() >= 500 || code.equals("VALIDATION_FAILED")
            || code.equals("MALFORMED_JSON")) {
          wrong.add(c.name() + ": request " + (i + 1) + " was " + allowed.statusCode() + " " + allowed.bodyAsString());
        }
      }
      HttpResponse<Buffer> over = send(c.method(), c.path().apply(LIMIT), c.body().apply(LIMIT),
          c.sameIp() ? ip : newIp());
      if (over.statusCode() != 429) {
        wrong.add(c.name() + ": over the limit got " + over.statusCode() + " " + over.bodyAsString());
        continue;
      }
      String retryAfter = over.getHeader("Retry-After");
      JsonObject body = over.bodyAsJsonObject();
      if (retryAfter == null || Integer.parseInt(retryAfter) < 1) {
        wrong.add(c.name() + ": no Retry-After");
      }
      if (!"RATE_LIMITED".equals(body.getString("error"))
          || !body.getString("message").startsWith("Terlalu banyak permintaan. Silakan tunggu")) {
        wrong.add(c.name() + ": " + body);
      }
    }
    assertEquals(List.of(), wrong, String.join("\n", wrong));
  }

  @Test
  void loginPerAccountHoldsOnlyClientsThatFailedOnIt() {
    String nip = sapk.pns(SapkFixture.SATKER_BKN, false).nip();
    JsonObject wrong = new JsonObject().put("username", nip).put("password", "salah");
    List<String> failed = List.of(newIp(), newIp(), newIp());
    // A first failure from a client is not held by the account's budget ...
    for (String ip : failed) {
      assertEquals(401, send(HttpMethod.POST, "/api/auth/login", wrong, ip).statusCode());
    }
    // ... a second one is: these clients failed on the account themselves (limit 2 a minute).
    assertEquals(401, send(HttpMethod.POST, "/api/auth/login", wrong, failed.get(0)).statusCode());
    assertEquals(401, send(HttpMethod.POST, "/api/auth/login", wrong, failed.get(1)).statusCode());
    HttpResponse<Buffer> held = send(HttpMethod.POST, "/api/auth/login", wrong, failed.get(2));
    assertEquals(429, held.statusCode(), held.bodyAsString());
    assertTrue(held.bodyAsJsonObject().getString("message").startsWith("Terlalu banyak permintaan. Silakan tunggu"));
    // A clean client is never refused because of them.
    assertEquals(401, send(HttpMethod.POST, "/api/auth/login", wrong, newIp()).statusCode());
  }

  /**
   * Issue 8 item 6: the proxy appends the address it saw; what stands left of it was written by the
   * client. Rotating the first entry must not give a new client IP.
   */
  @Test
  void rotatingTheClientWrittenPartOfXForwardedForDoesNotEscapeTheLimits() {
    List<Integer> captcha = new ArrayList<>();
    List<Integer> login = new ArrayList<>();
    for (int i = 1; i <= LIMIT + 1; i++) {
      String header = "10.66." + i + ".1, 203.0.113.7";
      captcha.add(await(service.http().post("/api/captcha").putHeader("X-Forwarded-For", header).send()).statusCode());
      login.add(await(service.http().post("/api/auth/login").putHeader("X-Forwarded-For", header)
          .sendJsonObject(new JsonObject().put("username", "1980010120050110" + (10 + i)).put("password", "salah")))
          .statusCode());
    }
    assertEquals(List.of(200, 200, 429), captcha);
    assertEquals(List.of(401, 401, 429), login);
    // Two header lines are one list: the last line's last entry is the proxy's.
    HttpResponse<Buffer> twoLines = await(service.http().post("/api/captcha")
        .putHeader("X-Forwarded-For", List.of("10.77.0.1", "10.77.0.2, 203.0.113.7")).send());
    assertEquals(429, twoLines.statusCode());
  }

  @Test
  void refusalsAreCounted() {
    send(HttpMethod.POST, "/api/captcha", new JsonObject(), "10.99.0.1");
    send(HttpMethod.POST, "/api/captcha", new JsonObject(), "10.99.0.1");
    send(HttpMethod.POST, "/api/captcha", new JsonObject(), "10.99.0.1");
    String metrics = service.metrics();
    assertTrue(metrics.lines().anyMatch(l -> l.startsWith("epupns_rate_limited_total") && !l.endsWith(" 0.0")),
        "epupns_rate_limited_total moved");
  }
}

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
 * Every guarded action is limited per client IP and, where it has one, per NIP or account: with a
 * limit of 2, the third request (well-formed, so it reaches the limiter) is 429 with Retry-After and a
 * message in Bahasa Indonesia. Each case uses its own client IP (through the trusted proxy header) so
 * the actions that share a limit ("recovery") are each shown to be wired.
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
    for (String action : new String[] {"CAPTCHA", "LOOKUP", "REGISTRATION", "STATUS", "RECOVERY", "LOGIN", "PROOF",
        "COMPLAINT", "AUTOCOMPLETE"}) {
      env.put("EPUPNS_RATE_LIMIT_" + action + "_PER_IP", Integer.toString(LIMIT));
    }
    for (String action : new String[] {"LOOKUP", "REGISTRATION", "STATUS", "RECOVERY", "COMPLAINT"}) {
      env.put("EPUPNS_RATE_LIMIT_" + action + "_PER_NIP", Integer.toString(LIMIT));
    }
    env.put("EPUPNS_RATE_LIMIT_LOGIN_PER_ACCOUNT", Integer.toString(LIMIT));
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
        + sapk.pns(SapkFixture.SATKER_BKN, true).nip(), i -> null, true));
    cases.add(new Case("recovery: question per IP", HttpMethod.POST, i -> "/api/recovery/registration-number",
        i -> new JsonObject().put("nip", sapk.pns(SapkFixture.SATKER_BKN, true).nip()), true));
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
    // Per NIP or account: one NIP, a new IP each time, so only that limit can trip.
    cases.add(new Case("lookup per NIP", HttpMethod.GET, i -> "/api/pns/" + pns.nip(), i -> null, false));
    cases.add(new Case("registration per NIP", HttpMethod.POST, i -> "/api/registrations", i -> registration(pns), false));
    cases.add(new Case("status per NIP", HttpMethod.GET, i -> "/api/registrations/status?nip=" + pns.nip(), i -> null,
        false));
    cases.add(new Case("recovery per NIP", HttpMethod.POST, i -> "/api/recovery/registration-number",
        i -> new JsonObject().put("nip", pns.nip()), false));
    cases.add(new Case("complaint per NIP", HttpMethod.POST, i -> "/api/complaints", i -> captcha(complaint(pns)), false));
    cases.add(new Case("login per account", HttpMethod.POST, i -> "/api/auth/login",
        i -> new JsonObject().put("username", pns.nip()).put("password", "salah"), false));
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
  void refusalsAreCounted() {
    send(HttpMethod.POST, "/api/captcha", new JsonObject(), "10.99.0.1");
    send(HttpMethod.POST, "/api/captcha", new JsonObject(), "10.99.0.1");
    send(HttpMethod.POST, "/api/captcha", new JsonObject(), "10.99.0.1");
    String metrics = service.metrics();
    assertTrue(metrics.lines().anyMatch(l -> l.startsWith("epupns_rate_limited_total") && !l.endsWith(" 0.0")),
        "epupns_rate_limited_total moved");
  }
}

package id.go.bkn.epupns.admission;

import id.go.bkn.epupns.sapk.DemoData;
import id.go.bkn.epupns.testing.Poll;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static id.go.bkn.epupns.testing.TestService.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The waiting room through the API, each "browser" a client with its own cookie jar: FIFO, one
 * place per NIP and per browser, places kept while polling and freed on abandonment, admission
 * that cannot be forged or carried to another browser or flow, officers never queued.
 * Two admitted places at most (ceiling 2), so a third person waits.
 */
class WaitingRoomApiTest {

  static TestService service;
  static final String OFFICER_NIP = "197003171995031001"; // VERIFIER_SKPD of the demo data

  @BeforeAll
  static void start() {
    Map<String, String> settings = new HashMap<>();
    settings.put("EPUPNS_ADMISSION_ENABLED", "true");
    settings.put("EPUPNS_ADMISSION_INITIAL_LIMIT", "2");
    settings.put("EPUPNS_ADMISSION_MIN_LIMIT", "1");
    settings.put("EPUPNS_ADMISSION_CEILING", "2");
    settings.put("EPUPNS_ADMISSION_ABANDON_SECONDS", "2");
    settings.put("EPUPNS_ADMISSION_POLL_SECONDS", "1");
    settings.put("EPUPNS_ADMISSION_MAX_POLL_SECONDS", "1"); // every place polls each second (AdaptiveLimitTest: farther back, rarer)
    service = TestService.start(WaitingRoomApiTest.class, settings);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @BeforeEach
  void emptyRoom() {
    // Every test starts with nobody admitted and nobody waiting.
    io.vertx.redis.client.Redis redis = io.vertx.redis.client.Redis.createClient(service.vertx(), "redis://127.0.0.1:6379");
    for (String key : new String[] {"queue", "seen", "active"}) {
      await(redis.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.DEL)
          .arg(service.redisPrefix() + "{wr}:" + key)));
    }
    redis.close();
  }

  private static WebClientSession browser() {
    return WebClientSession.create(WebClient.create(service.vertx(),
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(service.port())));
  }

  private static HttpResponse<Buffer> enter(WebClientSession browser, String flow, String nip) {
    JsonObject body = new JsonObject().put("flow", flow);
    if (nip != null) {
      body.put("nip", nip);
    }
    return await(browser.post("/api/admission").sendJsonObject(body));
  }

  private static HttpResponse<Buffer> leave(WebClientSession browser) {
    return await(browser.delete("/api/admission").send());
  }

  private static HttpResponse<Buffer> lookup(WebClientSession browser) {
    return await(browser.get("/api/pns/" + DemoData.DEMO_PNS_NIP).send());
  }

  private static void assertAdmitted(HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("ADMITTED", response.bodyAsJsonObject().getString("status"));
  }

  /** A WAITING answer, at whatever position. */
  private static JsonObject waiting(HttpResponse<Buffer> response) {
    assertEquals(202, response.statusCode(), response.bodyAsString());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals("WAITING", body.getString("status"));
    assertEquals(1, body.getInteger("pollAfterSeconds"));
    return body;
  }

  private static JsonObject assertWaiting(HttpResponse<Buffer> response, long position) {
    JsonObject body = waiting(response);
    assertEquals(position, body.getLong("position"), body.encode());
    return body;
  }

  @Test
  void gatedRoutesNeedAnAdmissionAndTheEntryGivesIt() {
    WebClientSession a = browser();
    HttpResponse<Buffer> refused = lookup(a);
    assertEquals(403, refused.statusCode());
    assertEquals("ADMISSION_REQUIRED", refused.bodyAsJsonObject().getString("error"));
    assertEquals("registration", refused.bodyAsJsonObject().getString("flow"));
    assertEquals("/antrean.html?flow=registration", refused.bodyAsJsonObject().getString("waitingRoomUrl"));
    assertAdmitted(enter(a, "registration", null));
    assertEquals(200, lookup(a).statusCode());
    // Routes outside the gated flows never ask.
    assertEquals(200, await(a.get("/api/schedule").send()).statusCode());
  }

  @Test
  void firstComeFirstServedWhateverOrderThePollsArriveIn() {
    WebClientSession a = browser();
    WebClientSession b = browser();
    WebClientSession c = browser();
    WebClientSession d = browser();
    assertAdmitted(enter(a, "registration", null));
    assertAdmitted(enter(b, "registration", null));
    assertWaiting(enter(c, "registration", null), 1);
    JsonObject dWaits = assertWaiting(enter(d, "registration", null), 2);
    assertEquals(2, dWaits.getLong("waiting"));
    assertEquals(403, lookup(c).statusCode(), "waiting is not admitted");

    assertEquals(204, leave(a).statusCode());
    // D asks first, but C came first: D stays behind C.
    assertWaiting(enter(d, "registration", null), 1);
    assertAdmitted(enter(c, "registration", null));
    assertEquals(200, lookup(c).statusCode());
    assertWaiting(enter(d, "registration", null), 1);
    assertEquals(204, leave(b).statusCode());
    assertAdmitted(enter(d, "registration", null));
    leave(c);
    leave(d);
  }

  @Test
  void oneNipOrOneBrowserHasOnePlace() {
    WebClientSession a = browser();
    WebClientSession b = browser();
    assertAdmitted(enter(a, "registration", null));
    assertAdmitted(enter(b, "registration", null));

    WebClientSession tab1 = browser();
    WebClientSession tab2 = browser();
    assertWaiting(enter(tab1, "registration", DemoData.DEMO_PNS_NIP), 1);
    // The same NIP from another browser, and the same browser again: still one place.
    JsonObject again = assertWaiting(enter(tab2, "registration", DemoData.DEMO_PNS_NIP), 1);
    assertEquals(1, again.getLong("waiting"));
    WebClientSession other = browser();
    assertWaiting(enter(other, "registration", null), 2);
    JsonObject same = assertWaiting(enter(other, "registration", null), 2);
    assertEquals(2, same.getLong("waiting"), "polling again takes no second place");
    leave(a);
    leave(b);
    leave(tab1);
    leave(other);
  }

  @Test
  void aPlaceIsKeptWhilePollingAndFreedWhenThePageStops() {
    WebClientSession a = browser();
    WebClientSession b = browser();
    assertAdmitted(enter(a, "registration", null));
    assertAdmitted(enter(b, "registration", null));
    WebClientSession gone = browser();
    WebClientSession stays = browser();
    assertWaiting(enter(gone, "registration", null), 1);
    assertWaiting(enter(stays, "registration", null), 2);
    // abandonSeconds = 2: "stays" keeps polling, "gone" has closed its page; once its place is abandoned,
    // "stays" moves up to the front, still waiting (both admitted places are taken).
    JsonObject moved = Poll.until("the abandoned place is dropped", Duration.ofSeconds(20),
        () -> waiting(enter(stays, "registration", null)),
        place -> place.getLong("position") == 1);
    assertEquals(1, moved.getLong("waiting"), "the abandoned place is gone");
    // Coming back later means queueing again, behind those who stayed.
    assertWaiting(enter(gone, "registration", null), 2);
    leave(a);
    leave(b);
    leave(stays);
    leave(gone);
  }

  @Test
  void admissionCannotBeForgedStretchedOrCarriedElsewhere() {
    WebClientSession a = browser();
    HttpResponse<Buffer> entered = enter(a, "registration", null);
    assertAdmitted(entered);
    String token = cookie(entered, AdmissionRoutes.TOKEN_COOKIE);
    String browserId = cookie(entered, AdmissionRoutes.BROWSER_COOKIE);
    assertNotNull(token);
    assertNotNull(browserId);

    // The genuine token with its own browser works (header or cookie).
    assertEquals(200, withCookies(token, browserId).statusCode());
    // Another browser id: refused.
    assertEquals(403, withCookies(token, new AdmissionTokens(dataKey()).newBrowserId()).statusCode());
    // One character of the signature changed: refused. The first one: the last base64url character of a 32-byte
    // MAC carries two unused bits, so changing only those (A to B) decodes to the same MAC (1 run in 16 failed).
    int sig = token.indexOf('.') + 1;
    String tampered = token.substring(0, sig) + (token.charAt(sig) == 'A' ? "B" : "A") + token.substring(sig + 1);
    assertEquals(403, withCookies(tampered, browserId).statusCode());
    // A payload re-signed with another key: refused.
    AdmissionTokens foreign = new AdmissionTokens("b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMzI=");
    long later = System.currentTimeMillis() / 1000 + 600;
    assertEquals(403, withCookies(foreign.issue("registration", "b:" + browserId, browserId, later), browserId)
        .statusCode());
    // Signed with the service's key but expired: refused; and for the registration flow on a form route: refused.
    AdmissionTokens ours = new AdmissionTokens(dataKey());
    assertEquals(403, withCookies(ours.issue("registration", "b:" + browserId, browserId,
        System.currentTimeMillis() / 1000 - 1), browserId).statusCode());
    assertEquals(200, withCookies(ours.issue("registration", "b:" + browserId, browserId, later), browserId)
        .statusCode(), "the same key and fields, not expired: the check itself is right");
    HttpResponse<Buffer> form = await(service.http().get("/api/me/form")
        .putHeader("Cookie", AdmissionRoutes.TOKEN_COOKIE + "=" + token + "; " + AdmissionRoutes.BROWSER_COOKIE + "=" + browserId)
        .send());
    assertEquals(403, form.statusCode());
    assertEquals("form", form.bodyAsJsonObject().getString("flow"));
    leave(a);
  }

  @Test
  void officersAreNeverQueuedButPnsLoginsAre() {
    WebClientSession officer = browser();
    HttpResponse<Buffer> login = await(officer.post("/api/auth/login").sendJsonObject(new JsonObject()
        .put("username", OFFICER_NIP).put("password", DemoData.OFFICER_PASSWORD)));
    assertEquals(200, login.statusCode(), login.bodyAsString());
    HttpResponse<Buffer> pns = await(browser().post("/api/auth/login").sendJsonObject(new JsonObject()
        .put("username", "K7QM-3XRT-9WD2-H").put("password", "apa saja")));
    assertEquals(403, pns.statusCode());
    assertEquals("ADMISSION_REQUIRED", pns.bodyAsJsonObject().getString("error"));
  }

  @Test
  void badEntriesAreClear400s() {
    HttpResponse<Buffer> noFlow = await(browser().post("/api/admission").sendJsonObject(new JsonObject()));
    assertEquals(400, noFlow.statusCode());
    assertTrue(noFlow.bodyAsJsonObject().getJsonObject("fields").containsKey("flow"));
    HttpResponse<Buffer> badNip = enter(browser(), "registration", "12345");
    assertEquals(400, badNip.statusCode());
    assertTrue(badNip.bodyAsJsonObject().getJsonObject("fields").containsKey("nip"));
  }

  private static HttpResponse<Buffer> withCookies(String token, String browserId) {
    return await(service.http().get("/api/pns/" + DemoData.DEMO_PNS_NIP)
        .putHeader("Cookie", AdmissionRoutes.TOKEN_COOKIE + "=" + token + "; " + AdmissionRoutes.BROWSER_COOKIE + "=" + browserId)
        .send());
  }

  private static String cookie(HttpResponse<Buffer> response, String name) {
    for (String header : response.cookies()) {
      if (header.startsWith(name + "=")) {
        String value = header.substring(name.length() + 1);
        int end = value.indexOf(';');
        return end < 0 ? value : value.substring(0, end);
      }
    }
    return null;
  }

  private static String dataKey() {
    return service.running().config().string("secrets.dataKey");
  }

  @Test
  void waitingAndRefusedAnswersAreAsTheContractSays() {
    id.go.bkn.epupns.testing.ContractCheck contract = id.go.bkn.epupns.testing.ContractCheck.servedBy(service);
    WebClientSession a = browser();
    WebClientSession b = browser();
    assertAdmitted(enter(a, "registration", null));
    assertAdmitted(enter(b, "registration", null));
    contract.post("enterWaitingRoom", "/api/admission", new JsonObject().put("flow", "registration"), null).expect(202);
    contract.post("createCaptcha", "/api/captcha", null, null).expect(403);
    contract.get("lookupPns", "/api/pns/" + DemoData.DEMO_PNS_NIP, null).expect(403);
    assertEquals("", contract.report());
    leave(a);
    leave(b);
  }

  @Test
  void whatOpsWatchAtThePeakIsInTheMetrics() {
    WebClientSession a = browser();
    WebClientSession b = browser();
    assertAdmitted(enter(a, "registration", null));
    assertAdmitted(enter(b, "registration", null));
    assertWaiting(enter(browser(), "registration", null), 1);
    // The room's gauges follow every enter (and every adjustment tick).
    String text = service.metrics();
    for (String metric : new String[] {"epupns_admission_limit 2.0", "epupns_admission_active 2.0",
        "epupns_admission_waiting 1.0", "epupns_admission_admitted_total", "epupns_admission_queued_total",
        "epupns_admission_rate", "epupns_event_loop_delay_seconds_count", "epupns_event_loop_delay_seconds_bucket",
        "epupns_rate_limited_total", "epupns_captcha_failures_total", "epupns_registrations_total",
        "vertx_pool_queue_pending", "vertx_pool_queue_time_seconds"}) {
      assertTrue(text.lines().anyMatch(l -> l.startsWith(metric)), metric + " missing");
    }
    leave(a);
    leave(b);
  }

  @Test
  void differentBrowsersGetDifferentIds() {
    assertNotEquals(cookie(enter(browser(), "form", null), AdmissionRoutes.BROWSER_COOKIE),
        cookie(enter(browser(), "form", null), AdmissionRoutes.BROWSER_COOKIE));
  }
}

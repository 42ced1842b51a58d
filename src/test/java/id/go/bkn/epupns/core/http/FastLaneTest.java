package id.go.bkn.epupns.core.http;

import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /api/pns/{nip} answered before the router must be the same answer the router gives: one service with the
 * lane and one without it, on the same database, asked the same things; status, headers and body compared (all
 * but the request's own id). The lane's counter shows which requests it took, so the comparison cannot pass by
 * both answers coming from the router.
 */
class FastLaneTest {

  private static final int LIMIT = 6;
  static TestService lane;
  static TestService router;
  static SapkFixture sapk;

  @BeforeAll
  static void start() {
    // Each test is its own client (X-Forwarded-For), so one test's lookups do not use up another's limit.
    Map<String, String> limits = Map.of("EPUPNS_RATE_LIMIT_LOOKUP_PER_IP", Integer.toString(LIMIT),
        "EPUPNS_RATE_LIMIT_LOOKUP_WINDOW_SECONDS", "600", "EPUPNS_HTTP_TRUSTED_CLIENT_IP_HEADER", "X-Forwarded-For");
    lane = TestService.start(FastLaneTest.class, limits, false);
    Map<String, String> withoutLane = new java.util.HashMap<>(limits);
    withoutLane.put("EPUPNS_HTTP_FAST_LANE", "false");
    withoutLane.put("EPUPNS_DB_URL", lane.databaseUrl());
    router = TestService.start(FastLaneTest.class, withoutLane, false);
    sapk = new SapkFixture(lane);
  }

  @AfterAll
  static void stop() {
    if (router != null) {
      router.close();
    }
    if (lane != null) {
      lane.close();
    }
  }

  @Test
  void theLaneAnswersAsTheRouterDoes() {
    String found = sapk.pns(SapkFixture.SATKER_BKN, true).nip();
    List<String> paths = List.of(
        "/api/pns/" + found,                    // 200
        "/api/pns/199001012015031999",          // valid, not in SAPK: 404 with the complaint link
        "/api/pns/123456789012345678",          // 18 digits, not a NIP: 400 naming the field
        "/api/pns/" + found + "?x=1");          // a query: the router's, on both
    double before = served(lane);
    for (String path : paths) {
      HttpResponse<Buffer> viaLane = get(lane, path, "10.0.0.1");
      HttpResponse<Buffer> viaRouter = get(router, path, "10.0.0.1");
      assertEquals(viaRouter.statusCode(), viaLane.statusCode(), path);
      assertEquals(headers(viaRouter), headers(viaLane), path);
      assertEquals(body(viaRouter), body(viaLane), path);
      assertTrue(viaLane.getHeader(RequestIds.HEADER) != null, "request id on " + path);
    }
    assertEquals(before + 3, served(lane), "the lane took the three paths without a query");
    assertEquals(0, served(router), "a service with fastLane=false never uses it");
  }

  @Test
  void aRequestIdSentIsKeptAndOtherMethodsGoToTheRouter() {
    String nip = sapk.pns(SapkFixture.SATKER_BKN, false).nip();
    HttpResponse<Buffer> kept = TestService.await(lane.http().get("/api/pns/" + nip)
        .putHeader(RequestIds.HEADER, "kiosk-0042-abc").putHeader("X-Forwarded-For", "10.0.0.2").send());
    assertEquals("kiosk-0042-abc", kept.getHeader(RequestIds.HEADER));
    double before = served(lane);
    HttpResponse<Buffer> head = TestService.await(lane.http().request(HttpMethod.HEAD, "/api/pns/" + nip)
        .putHeader("X-Forwarded-For", "10.0.0.2").send());
    assertEquals(200, head.statusCode());
    assertEquals(before, served(lane), "HEAD is the router's (answered as GET there)");
  }

  @Test
  void theRateLimitRefusesOnTheLaneAsOnTheRouter() {
    // Each service has its own Redis prefix, so each counts its own LIMIT lookups of this client.
    HttpResponse<Buffer> viaLane;
    int guard = 0;
    do {
      viaLane = get(lane, "/api/pns/" + sapk.pns(SapkFixture.SATKER_BKN, true).nip(), "10.0.0.3");
    } while (viaLane.statusCode() == 200 && ++guard < 3 * LIMIT);
    HttpResponse<Buffer> viaRouter;
    guard = 0;
    do {
      viaRouter = get(router, "/api/pns/" + sapk.pns(SapkFixture.SATKER_BKN, true).nip(), "10.0.0.3");
    } while (viaRouter.statusCode() == 200 && ++guard < 3 * LIMIT);
    assertEquals(429, viaLane.statusCode());
    assertEquals(429, viaRouter.statusCode());
    Map<String, String> laneHeaders = headers(viaLane);
    Map<String, String> routerHeaders = headers(viaRouter);
    // The seconds left differ by the time between the two windows' first lookups; the rest is the same.
    assertTrue(laneHeaders.remove("retry-after") != null && routerHeaders.remove("retry-after") != null);
    assertEquals(routerHeaders, laneHeaders);
    JsonObject laneBody = body(viaLane);
    JsonObject routerBody = body(viaRouter);
    assertTrue(Math.abs(laneBody.getInteger("retryAfter") - routerBody.getInteger("retryAfter")) <= 60);
    laneBody.remove("retryAfter");
    routerBody.remove("retryAfter");
    assertEquals(routerBody.getString("error"), laneBody.getString("error"));
    assertEquals(routerBody.fieldNames(), laneBody.fieldNames());
  }

  private static HttpResponse<Buffer> get(TestService service, String path, String clientIp) {
    return TestService.await(service.http().get(path).putHeader("X-Forwarded-For", clientIp).send());
  }

  private static Map<String, String> headers(HttpResponse<Buffer> response) {
    Map<String, String> out = new TreeMap<>();
    response.headers().forEach(e -> out.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
    out.remove("x-request-id");
    out.remove("content-length"); // the bodies are compared without their request ids
    return out;
  }

  private static JsonObject body(HttpResponse<Buffer> response) {
    JsonObject body = response.bodyAsJsonObject();
    body.remove("requestId");
    return body;
  }

  private static double served(TestService service) {
    Matcher m = Pattern.compile("(?m)^epupns_fast_lane_requests_total\\S* (\\S+)$").matcher(service.metrics());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}

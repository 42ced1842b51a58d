package id.go.bkn.epupns.monitoring;

import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import id.go.bkn.epupns.verification.VerificationTesting;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static id.go.bkn.epupns.verification.VerificationTesting.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The per-work-unit counters under parallel work of one agency in two work units (Kota Bandung's 20 and 21):
 * half of the forms submitted at once, then the other half submitted while both units' verifiers accept the first
 * half, all at once. Every request succeeds, and the counters (monitoring_unit, the waiting days, every work unit's
 * flow) equal a full recount after each step.
 */
class MonitoringConcurrencyTest {

  static final int PER_UNIT = 6;
  static final int[] UNITS = {SapkFixture.SATKER_DISDIK_BANDUNG, SapkFixture.SATKER_DINKES_BANDUNG};
  static TestService service;
  static VerificationTesting t;
  static WebClient parallel;

  @BeforeAll
  static void start() {
    service = TestService.start(MonitoringConcurrencyTest.class, Map.of("EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "100000",
        "EPUPNS_DB_POOL_SIZE", "12"), false);
    t = new VerificationTesting(service);
    parallel = WebClient.create(service.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(service.port()), new PoolOptions().setHttp1MaxSize(4 * PER_UNIT * UNITS.length));
  }

  @AfterAll
  static void stop() {
    parallel.close();
    service.close();
  }

  private static List<HttpResponse<Buffer>> all(List<Future<HttpResponse<Buffer>>> calls) {
    TestService.await(Future.join(calls));
    return calls.stream().map(Future::result).toList();
  }

  private static void allOk(List<HttpResponse<Buffer>> answers) {
    List<String> wrong = answers.stream().filter(a -> a.statusCode() != 200).map(a -> a.statusCode() + " " + a.bodyAsString())
        .toList();
    assertEquals(List.of(), wrong);
  }

  @Test
  void parallelSubmitsAndDecisionsInTwoWorkUnitsOfOneAgencyKeepEveryCounterExact() {
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    for (int unit : UNITS) {
      for (int i = 0; i < PER_UNIT; i++) {
        SapkFixture.Person pns = t.sapk.pns(unit, false);
        String token = t.pnsToken(pns.nip());
        t.fill(token, new JsonObject().put("utama", new JsonObject().put("alamat", wrong("Jl. Asia Afrika " + i))));
        (i < PER_UNIT / 2 ? first : second).add(token);
      }
    }
    // Half of the forms submitted at once.
    List<Future<HttpResponse<Buffer>>> submits = new ArrayList<>();
    for (String token : first) {
      submits.add(parallel.post("/api/me/form/submit").bearerTokenAuthentication(token).sendJsonObject(new JsonObject()));
    }
    allOk(all(submits));
    assertEquals(List.of(), MonitoringCountsTest.differences(service));

    // Then, all at once, the other half submitted while both units' verifiers accept the first half.
    // (The inboxes are read first: a request is sent as soon as it is made.)
    Map<String, List<Long>> inboxes = new java.util.LinkedHashMap<>();
    for (int unit : UNITS) {
      String verifier = t.officerToken(t.sapk.officer(Role.VERIFIER_SKPD, unit));
      inboxes.put(verifier, t.inboxIds(verifier));
    }
    List<Future<HttpResponse<Buffer>>> together = new ArrayList<>();
    inboxes.forEach((verifier, ids) -> ids.forEach(id -> together.add(parallel.post("/api/submissions/" + id
        + "/accept-all").bearerTokenAuthentication(verifier).sendJsonObject(new JsonObject()))));
    for (String token : second) {
      together.add(parallel.post("/api/me/form/submit").bearerTokenAuthentication(token).sendJsonObject(new JsonObject()));
    }
    assertEquals(PER_UNIT * UNITS.length, together.size());
    allOk(all(together));
    assertEquals(List.of(), MonitoringCountsTest.differences(service));
    assertEquals((long) first.size(), service.sql("select sum(ms) from monitoring_unit_flow where tier = 'SKPD'")
        .iterator().next().getLong(0));
    assertEquals((long) second.size(), service.sql("select count(*) from submission_tier where tier = 'SKPD'"
        + " and pending > 0").iterator().next().getLong(0), "the second half waits at SKPD");
  }
}

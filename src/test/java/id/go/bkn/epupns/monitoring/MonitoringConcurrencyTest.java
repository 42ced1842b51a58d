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
 * submits all at once, then accept-all by both units' verifiers all at once. Every request succeeds, and the
 * counters (monitoring_unit, the waiting days, every work unit's flow) equal a full recount afterwards.
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
    List<String> tokens = new ArrayList<>();
    for (int unit : UNITS) {
      for (int i = 0; i < PER_UNIT; i++) {
        SapkFixture.Person pns = t.sapk.pns(unit, false);
        String token = t.pnsToken(pns.nip());
        t.fill(token, new JsonObject().put("utama", new JsonObject().put("alamat", wrong("Jl. Asia Afrika " + i))));
        tokens.add(token);
      }
    }
    List<Future<HttpResponse<Buffer>>> submits = new ArrayList<>();
    for (String token : tokens) {
      submits.add(parallel.post("/api/me/form/submit").bearerTokenAuthentication(token).sendJsonObject(new JsonObject()));
    }
    allOk(all(submits));
    assertEquals(List.of(), MonitoringCountsTest.differences(service));

    List<Future<HttpResponse<Buffer>>> decisions = new ArrayList<>();
    for (int unit : UNITS) {
      String verifier = t.officerToken(t.sapk.officer(Role.VERIFIER_SKPD, unit));
      for (Long id : t.inboxIds(verifier)) {
        decisions.add(parallel.post("/api/submissions/" + id + "/accept-all").bearerTokenAuthentication(verifier)
            .sendJsonObject(new JsonObject()));
      }
    }
    assertEquals(PER_UNIT * UNITS.length, decisions.size());
    allOk(all(decisions));
    assertEquals(List.of(), MonitoringCountsTest.differences(service));
    assertEquals((long) PER_UNIT * UNITS.length, service.sql("select sum(ms) from monitoring_unit_flow where tier = 'SKPD'")
        .iterator().next().getLong(0));
  }
}

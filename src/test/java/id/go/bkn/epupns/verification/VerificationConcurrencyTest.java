package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.core.database.Transactions;
import id.go.bkn.epupns.testing.Recounts;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
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
import java.util.TreeMap;

import static id.go.bkn.epupns.verification.VerificationTesting.decision;
import static id.go.bkn.epupns.verification.VerificationTesting.item;
import static id.go.bkn.epupns.verification.VerificationTesting.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Races at the verification desk, each with enough parallel requests (one connection each) to lose if its guard
 * were gone: eight verifiers of one work unit deciding one item with different verdicts (one wins, one decision row,
 * at most one SAPK change); eight claiming one submission (one holder); decisions, accept-all and new submissions
 * while the national admin flips the item's routing (work in flight keeps the route it was submitted with, every
 * item is decided once). README "Concurrency suite" records which guard each one proves.
 */
class VerificationConcurrencyTest {

  static final int PARALLEL = 8;
  static TestService service;
  static VerificationTesting t;
  static WebClient parallel;
  static final List<String> verifiers = new ArrayList<>();
  static String adminBkn;

  @BeforeAll
  static void start() {
    service = TestService.start(VerificationConcurrencyTest.class, Map.of("EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "100000",
        "EPUPNS_DB_POOL_SIZE", "12"), false);
    t = new VerificationTesting(service);
    for (int i = 0; i < PARALLEL; i++) {
      verifiers.add(t.officerToken(t.sapk.officer(Role.VERIFIER_SKPD, SapkFixture.SATKER_DISDIK_BANDUNG)));
    }
    adminBkn = t.officerToken(t.sapk.officer(Role.ADMIN_BKN, SapkFixture.SATKER_BKN));
    parallel = WebClient.create(service.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(service.port()), new PoolOptions().setHttp1MaxSize(4 * PARALLEL));
  }

  @AfterAll
  static void stop() {
    parallel.close();
    service.close();
  }

  private static long addressOnly() {
    SapkFixture.Person pns = t.sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, false);
    return t.submit(t.pnsToken(pns.nip()), new JsonObject().put("utama", new JsonObject()
        .put("alamat", wrong("Jl. Balapan No. " + pns.nip().substring(14)))));
  }

  private static long count(String sql, Object... args) {
    return service.sql(sql, args).iterator().next().getLong(0);
  }

  private static Future<HttpResponse<Buffer>> post(String path, JsonObject body, String token) {
    return parallel.post(path).bearerTokenAuthentication(token).sendJsonObject(body);
  }

  private static List<HttpResponse<Buffer>> all(List<Future<HttpResponse<Buffer>>> calls) {
    TestService.await(Future.join(calls));
    return calls.stream().map(Future::result).toList();
  }

  @Test
  void eightVerifiersDecidingOneItemAtOnceLeaveOneDecision() {
    for (int round = 0; round < 2; round++) {
      long id = addressOnly();
      long alamat = item(t.submission(verifiers.get(0), id), "alamat").getLong("id");
      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      for (int i = 0; i < PARALLEL; i++) {
        String verdict = List.of("MS", "TMS", "RETURN").get(i % 3);
        calls.add(post("/api/submissions/" + id + "/decisions", new JsonObject().put("decisions", new JsonArray()
            .add(decision(alamat, verdict, "alasan " + i))), verifiers.get(i)));
      }
      List<HttpResponse<Buffer>> answers = all(calls);
      Map<Integer, Integer> codes = new TreeMap<>();
      answers.forEach(a -> codes.merge(a.statusCode(), 1, Integer::sum));
      assertEquals(Map.of(200, 1, 409, PARALLEL - 1), codes, answers.stream().map(HttpResponse::bodyAsString).toList().toString());
      assertEquals(1, count("select count(*) from submission_decision where submission_field_id = $1", alamat));
      String status = item(t.submission(verifiers.get(0), id), "alamat").getString("status");
      assertEquals("APPLIED".equals(status) ? 1 : 0, count("select count(*) from sapk_change where item_id = $1", alamat),
          status);
    }
  }

  @Test
  void eightVerifiersClaimingOneSubmissionGiveOneHolder() {
    for (int round = 0; round < 2; round++) {
      long id = addressOnly();
      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      for (String token : verifiers) {
        calls.add(post("/api/submissions/" + id + "/claim", new JsonObject(), token));
      }
      List<HttpResponse<Buffer>> answers = all(calls);
      assertEquals(1, answers.stream().filter(a -> a.statusCode() == 200).count(),
          answers.stream().map(HttpResponse::bodyAsString).toList().toString());
      assertEquals(PARALLEL - 1, answers.stream().filter(a -> a.statusCode() == 409
          && "CLAIMED".equals(a.bodyAsJsonObject().getString("error"))).count());
      // Every refusal names the one holder.
      String holder = service.sql("select claimed_by from submission_tier where submission_id = $1 and tier = 'SKPD'", id)
          .iterator().next().getString(0);
      answers.stream().filter(a -> a.statusCode() == 409).forEach(a ->
          assertEquals(holder, a.bodyAsJsonObject().getJsonObject("claim").getString("nip")));
      // Released, the others race for it again.
      int winner = 0;
      while (answers.get(winner).statusCode() != 200) {
        winner++;
      }
      assertEquals(200, service.delete("/api/submissions/" + id + "/claim", verifiers.get(winner)).statusCode());
    }
  }

  @Test
  void routingFlipsDuringDecisionsAndSubmissionsNeverChangeWorkInFlight() {
    List<Long> inFlight = new ArrayList<>();
    for (int i = 0; i < PARALLEL; i++) {
      inFlight.add(addressOnly());
    }
    List<SapkFixture.Person> later = new ArrayList<>();
    List<String> laterTokens = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      SapkFixture.Person pns = t.sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, true);
      later.add(pns);
      String token = t.pnsToken(pns.nip());
      t.fill(token, new JsonObject().put("utama", new JsonObject().put("alamat", wrong("Jl. Baru No. " + i))));
      laterTokens.add(token);
    }
    long deadlocksBefore = Transactions.deadlockRetries();
    long serializationBefore = Transactions.serializationRetries();
    try {
      // All at once, in one work unit (the deadline's peak): every submission in flight accepted by two verifiers
      // (one wins, the other 409), every later form submitted twice (one submission, the other 409), and the
      // routing flipped meanwhile. Their transactions take the work unit's counters: they queue on its lock.
      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      List<String> kinds = new ArrayList<>();
      for (int i = 0; i < PARALLEL; i++) {
        for (int twice = 0; twice < 2; twice++) {
          calls.add(post("/api/submissions/" + inFlight.get(i) + "/accept-all", new JsonObject(),
              verifiers.get((i + twice) % PARALLEL)));
          kinds.add("accept-all " + i);
        }
        if (i % 2 == 0) {
          calls.add(parallel.put("/api/admin/routing/utama/alamat").bearerTokenAuthentication(adminBkn)
              .sendJsonObject(new JsonObject().put("finalAuthority", i % 4 == 0 ? "BKD" : "SKPD")));
          kinds.add("routing");
        }
        if (i < laterTokens.size()) {
          for (int twice = 0; twice < 2; twice++) {
            calls.add(post("/api/me/form/submit", new JsonObject(), laterTokens.get(i)));
            kinds.add("submit " + i);
          }
        }
      }
      List<HttpResponse<Buffer>> answers = all(calls);
      Map<String, List<Integer>> byKind = new TreeMap<>();
      for (int i = 0; i < answers.size(); i++) {
        byKind.computeIfAbsent(kinds.get(i), k -> new ArrayList<>()).add(answers.get(i).statusCode());
      }
      List<String> wrongAnswers = new ArrayList<>();
      byKind.forEach((kind, codes) -> {
        List<Integer> sorted = codes.stream().sorted().toList();
        List<Integer> expected = kind.equals("routing") ? codes.stream().map(c -> 200).toList() : List.of(200, 409);
        if (!sorted.equals(expected)) {
          wrongAnswers.add(kind + ": " + sorted);
        }
      });
      assertEquals(List.of(), wrongAnswers, answers.stream().filter(a -> a.statusCode() != 200)
          .map(a -> a.statusCode() + " " + a.bodyAsString()).toList().toString());
      System.out.println("VerificationConcurrencyTest: " + answers.size() + " requests at once in one work unit, "
          + (Transactions.deadlockRetries() - deadlocksBefore) + " deadlock retries (40P01), "
          + (Transactions.serializationRetries() - serializationBefore) + " serialization retries (40001)");
      assertEquals(List.of(), Recounts.all(service), "every counter equals its recount");
      for (long id : inFlight) {
        JsonObject alamat = item(t.submission(verifiers.get(0), id), "alamat");
        assertEquals(new JsonArray().add("SKPD"), alamat.getJsonArray("route"), "submitted before: its route stays");
        assertEquals("APPLIED", alamat.getString("status"), "decided once, at the final authority it was submitted with");
        assertEquals(1, count("select count(*) from sapk_change where item_id = $1", alamat.getLong("id")));
        assertEquals(1, count("select count(*) from submission_decision where submission_field_id = $1", alamat.getLong("id")));
      }
      // Each later form was submitted once and took one whole route, the one in force when it was submitted.
      for (SapkFixture.Person pns : later) {
        assertEquals(1, count("select count(*) from submission where nip = $1", pns.nip()));
        String authority = service.sql("select f.final_authority from submission_field f join submission s "
            + "on s.id = f.submission_id where s.nip = $1 and f.field = 'alamat'", pns.nip()).iterator().next().getString(0);
        assertTrue(List.of("SKPD", "BKD").contains(authority), authority);
      }
    } finally {
      assertEquals(200, service.put("/api/admin/routing/utama/alamat", new JsonObject().put("finalAuthority", "SKPD"),
          adminBkn).statusCode());
    }
  }
}

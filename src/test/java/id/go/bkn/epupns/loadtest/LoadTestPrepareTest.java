package id.go.bkn.epupns.loadtest;

import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * loadtest-prepare: accounts that really log in, feeders that fit the scenarios, submitted forms waiting in the
 * prepared verifiers' inboxes that can be claimed and decided, refused in production.
 */
class LoadTestPrepareTest {

  static TestService service;
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    service = TestService.start(LoadTestPrepareTest.class, Map.of());
    dir = Files.createTempDirectory("feeders");
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private int prepare(Map<String, String> env, ByteArrayOutputStream err, String... args) {
    return LoadTestCommands.prepare(args, env, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private Map<String, String> env() {
    return Map.of("EPUPNS_DB_URL", TestService.PG + service.running().config().string("db.url")
            .substring(service.running().config().string("db.url").lastIndexOf('/') + 1),
        "EPUPNS_PASSWORD_HASH_MEMORY_KIB", "1024", "EPUPNS_PASSWORD_HASH_ITERATIONS", "1");
  }

  @Test
  void preparedAccountsLogInAndFeedersDoNotOverlap() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long lastSubmission = service.sql("select coalesce(max(id), 0) as id from submission").iterator().next().getLong("id");
    assertEquals(0, prepare(env(), err, "--registration", "50", "--form", "30", "--verifiers", "3",
        "--submissions", "20", "--nips", "100", "--out", dir.toString()), err.toString());

    List<String> form = Files.readAllLines(dir.resolve("form.csv"));
    assertEquals("number,password,nip", form.get(0));
    assertEquals(31, form.size());
    List<String> registration = Files.readAllLines(dir.resolve("registration.csv"));
    assertEquals(51, registration.size());
    List<String> verifiers = Files.readAllLines(dir.resolve("verifiers.csv"));
    assertEquals(4, verifiers.size());
    assertEquals(101, Files.readAllLines(dir.resolve("nips.csv")).size());

    Set<String> nips = new HashSet<>();
    form.stream().skip(1).forEach(l -> nips.add(l.split(",")[2]));
    registration.stream().skip(1).forEach(l -> assertTrue(nips.add(l.split(",")[0]), "overlap " + l));
    verifiers.stream().skip(1).forEach(l -> assertTrue(nips.add(l.split(",")[0]), "overlap " + l));

    // A form account logs in with the shared password and sees its form.
    String[] account = form.get(1).split(",");
    HttpResponse<Buffer> login = service.post("/api/auth/login",
        new JsonObject().put("username", account[0]).put("password", account[1]));
    assertEquals(200, login.statusCode(), login.bodyAsString());
    assertEquals(200, service.get("/api/me/form", login.bodyAsJsonObject().getString("token")).statusCode());
    // A verifier logs in by NIP as VERIFIER_SKPD of a work unit where form accounts work.
    String[] verifier = verifiers.get(1).split(",");
    HttpResponse<Buffer> officer = service.post("/api/auth/login",
        new JsonObject().put("username", verifier[0]).put("password", verifier[1]));
    assertEquals(200, officer.statusCode(), officer.bodyAsString());
    assertEquals("VERIFIER_SKPD", officer.bodyAsJsonObject().getString("role"));
    Set<String> formNips = new HashSet<>();
    form.stream().skip(1).forEach(l -> formNips.add(l.split(",")[2]));
    assertTrue(service.sql("select count(*) as n from pns where satuan_kerja_id = $1 and nip = any($2)",
        Integer.parseInt(verifier[2]), formNips.toArray(new String[0])).iterator().next().getLong("n") > 0,
        "the verifier's work unit has form accounts");
    // A registration NIP is free to register: its lookup answers and no registration exists.
    String nip = registration.get(1).split(",")[0];
    assertEquals(0L, service.sql("select count(*) as n from registration where nip = $1", nip)
        .iterator().next().getLong("n"));
    // 20 submitted forms, spread over the verifiers' work units, by PNS of no feeder.
    Set<Integer> units = new HashSet<>();
    verifiers.stream().skip(1).forEach(l -> units.add(Integer.parseInt(l.split(",")[2])));
    List<Long> mine = new java.util.ArrayList<>();
    Map<Integer, Integer> perUnit = new java.util.HashMap<>();
    for (io.vertx.sqlclient.Row row : service.sql("select id, nip, satuan_kerja_id from submission where id > $1",
        lastSubmission)) {
      assertTrue(units.contains(row.getInteger("satuan_kerja_id")), "in a verifier's work unit: " + row.toJson());
      assertTrue(!nips.contains(row.getString("nip")), "a PNS of no feeder: " + row.toJson());
      perUnit.merge(row.getInteger("satuan_kerja_id"), 1, Integer::sum);
      if (row.getInteger("satuan_kerja_id") == Integer.parseInt(verifier[2])) {
        mine.add(row.getLong("id"));
      }
    }
    assertEquals(20, perUnit.values().stream().mapToInt(Integer::intValue).sum());
    assertEquals(units.size(), perUnit.size(), "every verifier has work: " + perUnit);
    // The verifier's inbox holds them; one is claimed, reviewed and decided through the API, as scenario 3 does.
    String officerToken = officer.bodyAsJsonObject().getString("token");
    HttpResponse<Buffer> inbox = service.get("/api/inbox?claim=unclaimed&size=200", officerToken);
    assertEquals(200, inbox.statusCode(), inbox.bodyAsString());
    List<Long> listed = inbox.bodyAsJsonObject().getJsonArray("items").stream()
        .map(i -> ((JsonObject) i).getLong("submissionId")).toList();
    assertTrue(listed.containsAll(mine), "inbox " + listed + " holds the prepared " + mine);
    long id = mine.get(0);
    HttpResponse<Buffer> claim = service.post("/api/submissions/" + id + "/claim", new JsonObject(), officerToken);
    assertEquals(200, claim.statusCode(), claim.bodyAsString());
    HttpResponse<Buffer> review = service.get("/api/submissions/" + id, officerToken);
    assertEquals(200, review.statusCode(), review.bodyAsString());
    io.vertx.core.json.JsonArray decisions = new io.vertx.core.json.JsonArray();
    review.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(i -> i.getBoolean("pendingAtMyTier"))
        .forEach(i -> decisions.add(new JsonObject().put("item", i.getLong("id")).put("verdict", "MS")));
    assertEquals(3, decisions.size(), "three corrections wait at SKPD");
    HttpResponse<Buffer> decided = service.post("/api/submissions/" + id + "/decisions",
        new JsonObject().put("decisions", decisions), officerToken);
    assertEquals(200, decided.statusCode(), decided.bodyAsString());
    // alamat's final authority is SKPD: applied; the other two went on to BKD.
    List<String> statuses = new java.util.ArrayList<>();
    service.sql("select status from submission_field where submission_id = $1 order by status, id", id)
        .forEach(r -> statuses.add(r.getString("status")));
    assertEquals(List.of("APPLIED", "PENDING", "PENDING"), statuses);
    assertTrue(!service.get("/api/inbox?claim=unclaimed&size=200", officerToken).bodyAsJsonObject()
        .getJsonArray("items").stream().anyMatch(i -> ((JsonObject) i).getLong("submissionId") == id),
        "decided at SKPD: gone from the SKPD inbox");

    // One hash for all accounts: preparing did not hash per account.
    assertEquals(1L, service.sql("select count(distinct password_hash) as n from registration where email like 'lt%'")
        .iterator().next().getLong("n"));
  }

  @Test
  void refusedInTheProductionProfile() {
    Map<String, String> env = new java.util.HashMap<>(env());
    env.put("EPUPNS_PROFILE", "production");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(1, prepare(env, err, "--form", "1", "--out", dir.resolve("prod").toString()));
    assertTrue(err.toString().contains("refused in the production profile"), err.toString());
    assertTrue(Files.notExists(dir.resolve("prod").resolve("form.csv")));
  }

  @Test
  void wrongUsageIsExitCodeTwo() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(2, prepare(env(), err, "--form", "many"));
    assertTrue(err.toString().contains("--form must be a whole number"), err.toString());
    assertEquals(2, prepare(env(), new ByteArrayOutputStream(), "--bogus", "1"));
  }
}

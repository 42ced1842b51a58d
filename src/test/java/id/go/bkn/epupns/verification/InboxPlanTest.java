package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.sapk.Scope;
import id.go.bkn.epupns.sapk.Tier;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inbox queries' plans on a realistic row count (60,000 submissions, ~240,000 items; the busiest
 * agency holds 30%): every statement the inbox runs, with and without each filter, in the plan
 * PostgreSQL picks for it and in the generic plan of a prepared statement, reads the queue table by
 * an index and never scans the items table (nor the queue) sequentially. Also: no decision outside the
 * verification window (this service's window has closed).
 */
class InboxPlanTest {

  static TestService service;
  static Pool pool;

  @BeforeAll
  static void start() throws Exception {
    service = TestService.start(InboxPlanTest.class, Map.of("EPUPNS_SCHEDULE_VERIFICATION_START", "2015-09-01",
        "EPUPNS_SCHEDULE_VERIFICATION_END", "2015-12-31"), false);
    pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(TestService.PG
        + service.sql("select current_database()").iterator().next().getString(0))).using(service.vertx()).build();
    String functions = Files.readString(Path.of("src/test/resources/verification/bench-data.sql"));
    TestService.await(pool.query(functions).execute());
    service.sql("select verification_bench_sapk(60000, 50)");
    service.sql("select verification_bench_submissions(60000)");
    service.sql("analyze");
  }

  @AfterAll
  static void stop() {
    TestService.await(pool.close());
    service.close();
  }

  private static Caller caller(Role role, Scope scope) {
    return new Caller(1, "197001011990031001", role, scope, 0);
  }

  private static List<Inbox.Filter> filters() {
    OffsetDateTime from = OffsetDateTime.parse("2015-10-01T00:00+07:00");
    return List.of(new Inbox.Filter(null, null, null, null, null, null, null),
        new Inbox.Filter("8" + String.format("%017d", 120), null, null, null, null, null, null),
        new Inbox.Filter(null, "siti", null, null, null, null, null),
        new Inbox.Filter(null, null, 3, null, null, null, null),
        new Inbox.Filter(null, null, null, from, from.plusDays(14), null, null),
        new Inbox.Filter(null, null, null, null, null, "posisi", null),
        new Inbox.Filter(null, null, null, null, null, null, Inbox.Filter.MINE),
        new Inbox.Filter(null, null, null, null, null, null, Inbox.Filter.UNCLAIMED));
  }

  /** The plan tree's nodes as "Node Type on relation (index)". */
  private static void nodes(JsonObject plan, List<String> out) {
    out.add(plan.getString("Node Type") + " on " + plan.getString("Relation Name") + " (" + plan.getString("Index Name") + ")");
    JsonArray children = plan.getJsonArray("Plans");
    if (children != null) {
      children.forEach(c -> nodes((JsonObject) c, out));
    }
  }

  private static List<String> plan(Inbox.Statement statement, boolean generic) {
    JsonArray explained = TestService.await(pool.withConnection(c -> c.query("set plan_cache_mode = "
            + (generic ? "force_generic_plan" : "force_custom_plan")).execute()
        .compose(v -> c.preparedQuery("explain (format json) " + statement.sql()).execute(statement.args()))
        .map(rows -> {
          Object json = rows.iterator().next().getValue(0);
          return json instanceof JsonArray a ? a : new JsonArray(String.valueOf(json));
        })));
    List<String> out = new ArrayList<>();
    nodes(explained.getJsonObject(0).getJsonObject("Plan"), out);
    return out;
  }

  private static void assertIndexed(String what, List<String> nodes) {
    assertFalse(nodes.stream().anyMatch(n -> n.startsWith("Seq Scan on submission_field")), what + ": " + nodes);
    assertFalse(nodes.stream().anyMatch(n -> n.startsWith("Seq Scan on submission_tier")), what + ": " + nodes);
    assertFalse(nodes.stream().anyMatch(n -> n.startsWith("Seq Scan on submission ")), what + ": " + nodes);
    assertFalse(nodes.stream().anyMatch(n -> n.contains("on submission_field")), what + ": the inbox never reads items " + nodes);
    assertTrue(nodes.stream().anyMatch(n -> n.matches("(Index Scan|Index Only Scan|Bitmap Index Scan) on .*\\(submission_tier_.*")),
        what + ": the queue is read by one of its indexes " + nodes);
  }

  @Test
  void theDataIsRealistic() {
    Row counts = service.sql("select (select count(*) from submission), (select count(*) from submission_field),"
        + " (select count(*) from submission_tier where tier = 'BKD' and instansi_id = 1 and pending > 0)").iterator().next();
    assertEquals(60000L, counts.getLong(0));
    assertTrue(counts.getLong(1) > 200_000, "items: " + counts.getLong(1));
    assertTrue(counts.getLong(2) > 5_000, "the busiest agency's BKD inbox: " + counts.getLong(2));
  }

  @Test
  void everyInboxStatementUsesAnIndexAndNeverScansTheItems() {
    List<Caller> callers = List.of(caller(Role.VERIFIER_BKD, Scope.agency(1)), caller(Role.VERIFIER_SKPD, Scope.workUnit(3)),
        caller(Role.VERIFIER_BKN, Scope.bknOffice(0)));
    for (Caller caller : callers) {
      Tier tier = caller.role().tier().orElseThrow();
      for (Inbox.Filter filter : filters()) {
        for (boolean generic : new boolean[] {false, true}) {
          String what = caller.role() + " " + filter + (generic ? " (generic plan)" : "");
          assertIndexed(what + " first page", plan(Inbox.pageStatement(caller, filter, null, 50), generic));
          assertIndexed(what + " later page", plan(Inbox.pageStatement(caller, filter,
              new Inbox.Cursor(OffsetDateTime.parse("2015-10-15T00:00+07:00"), 1000), 50), generic));
          assertIndexed(what + " live claims", plan(Inbox.claimsStatement(caller, tier), generic));
          Inbox.Statement matching = Inbox.matchingStatement(caller, tier, filter);
          if (matching != null) {
            assertIndexed(what + " matching", plan(matching, generic));
          }
        }
      }
    }
  }

  @Test
  void theInboxCountersAreARecountOfTheQueueAndAreReadWithoutIt() {
    Row diff = service.sql("""
        with recount as (
          select t.tier, t.satuan_kerja_id, s as section, count(*) as submissions
            from submission_tier t cross join lateral unnest(array[''] || t.sections) as s
           where t.pending > 0 group by 1, 2, 3),
        kept as (select tier, satuan_kerja_id, section, submissions from inbox_count where submissions > 0)
        select (select count(*) from (select * from recount except select * from kept) a),
               (select count(*) from (select * from kept except select * from recount) b),
               (select count(*) from recount)""").iterator().next();
    assertEquals(0L, diff.getLong(0));
    assertEquals(0L, diff.getLong(1));
    assertTrue(diff.getLong(2) > 500, "many counters compared: " + diff.getLong(2));
    for (Caller caller : List.of(caller(Role.VERIFIER_BKD, Scope.agency(1)), caller(Role.VERIFIER_SKPD, Scope.workUnit(3)),
        caller(Role.VERIFIER_BKN, Scope.bknOffice(0)))) {
      for (boolean generic : new boolean[] {false, true}) {
        List<String> nodes = plan(Inbox.countersStatement(caller, caller.role().tier().orElseThrow()), generic);
        assertFalse(nodes.stream().anyMatch(n -> n.contains("on submission")), caller.role() + ": the counters alone " + nodes);
        assertTrue(nodes.stream().anyMatch(n -> n.contains("Index") && n.contains("inbox_count")), caller.role() + ": by index " + nodes);
      }
    }
  }

  @Test
  void noDecisionOutsideTheVerificationWindow() {
    SapkFixture.Person officer = new SapkFixture(service, false).officer(Role.VERIFIER_SKPD, 3);
    VerificationTesting t = new VerificationTesting(service, false);
    String token = t.officerToken(officer);
    long id = service.sql("select submission_id from submission_tier where tier = 'SKPD' and satuan_kerja_id = 3"
        + " and pending > 0 limit 1").iterator().next().getLong(0);
    long item = service.sql("select id from submission_field where submission_id = $1 and current_tier = 'SKPD' limit 1", id)
        .iterator().next().getLong(0);
    HttpResponse<Buffer> inbox = t.inbox(token, "size=5");
    assertEquals(200, inbox.statusCode(), "reading the inbox is fine outside the window");
    HttpResponse<Buffer> refused = t.decide(token, id, new JsonArray().add(VerificationTesting.decision(item, "MS", null)));
    assertEquals(403, refused.statusCode(), refused.bodyAsString());
    assertEquals("WINDOW_CLOSED", refused.bodyAsJsonObject().getString("error"));
    assertEquals("2015-12-31", refused.bodyAsJsonObject().getString("closes"));
    assertEquals(403, service.post("/api/submissions/" + id + "/accept-all", new JsonObject(), token).statusCode());
    assertEquals(0L, service.sql("select count(*) from submission_decision").iterator().next().getLong(0));
  }
}

package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.vertx.core.Future;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;

import java.util.ArrayList;
import java.util.List;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bureau's approval list and decisions, and the agency approval switch, over HTTP against the
 * real PostgreSQL: scope per agency, state rules, audit rows and mails in the outbox.
 */
@ExtendWith(VertxExtension.class)
class RegistrationApprovalTest {

  static TestService service;
  static SapkFixture sapk;
  static Accounts accounts;
  /** ADMIN_INSTANSI of BKN (agency 1, approval required) and of Kota Bandung (agency 2). */
  static SapkFixture.Person adminBkn;
  static String adminBknToken;
  static String adminBandungToken;
  static String nationalToken;
  static String verifierToken;

  @BeforeAll
  static void start() {
    service = TestService.start(RegistrationApprovalTest.class,
        Map.of("EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "100000"), false);
    sapk = new SapkFixture(service);
    accounts = new Accounts(service);
    adminBkn = sapk.officer("ADMIN_INSTANSI", SapkFixture.SATKER_BKN);
    adminBknToken = accounts.officerToken(adminBkn);
    adminBandungToken = accounts.officerToken(sapk.officer("ADMIN_INSTANSI", SapkFixture.SATKER_DISDIK_BANDUNG));
    nationalToken = accounts.officerToken(sapk.officer("ADMIN_BKN", SapkFixture.SATKER_BKN));
    verifierToken = accounts.officerToken(sapk.officer("VERIFIER_BKD", SapkFixture.SATKER_BKN));
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static HttpResponse<Buffer> decide(String nip, String decision, JsonObject body, String token) {
    return service.post("/api/admin/registrations/" + nip + "/" + decision, body, token);
  }

  private static JsonArray pending(String token, String query) {
    HttpResponse<Buffer> response = service.get("/api/admin/registrations?status=PENDING_APPROVAL" + query, token);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getJsonArray("items");
  }

  private static boolean listed(JsonArray items, String nip) {
    return items.stream().map(JsonObject.class::cast).anyMatch(i -> i.getString("nip").equals(nip));
  }

  @Test
  void approvalLetsThePnsLogInAndIsAuditedAndMailed() {
    SapkFixture.Person pns = sapk.pns(SapkFixture.SATKER_BKN, true);
    String number = accounts.registration(pns, "PENDING_APPROVAL");
    HttpResponse<Buffer> before = accounts.login(number, Accounts.PNS_PASSWORD);
    assertEquals(403, before.statusCode());
    assertEquals("NOT_YET_APPROVED", before.bodyAsJsonObject().getString("error"));

    JsonObject item = pending(adminBknToken, "&q=" + pns.nip()).getJsonObject(0);
    assertEquals(pns.nip(), item.getString("nip"));
    assertEquals(pns.nama(), item.getString("nama"));
    assertEquals(number, item.getString("registrationNumber"));
    assertEquals("Direktorat Pengolahan Data", item.getJsonObject("satuanKerja").getString("nama"));
    assertEquals("PENDING_APPROVAL", item.getString("status"));
    assertTrue(item.getString("email").matches("p\\*\\*\\*\\d@example\\.org"), item.getString("email"));

    HttpResponse<Buffer> approved = decide(pns.nip(), "approve", null, adminBknToken);
    assertEquals(200, approved.statusCode(), approved.bodyAsString());
    assertEquals("APPROVED", approved.bodyAsJsonObject().getString("status"));
    assertEquals(adminBkn.nip(), approved.bodyAsJsonObject().getString("decidedBy"));
    assertEquals(200, accounts.login(number, Accounts.PNS_PASSWORD).statusCode());
    assertFalse(listed(pending(adminBknToken, ""), pns.nip()), "no longer pending");

    HttpResponse<Buffer> again = TestService.await(service.withToken(
        service.http().post("/api/admin/registrations/" + pns.nip() + "/approve"), adminBknToken).send());
    assertEquals(409, again.statusCode());
    assertEquals("APPROVED", again.bodyAsJsonObject().getString("status"));

    Row decision = service.sql("select * from registration_decision where nip = $1", pns.nip()).iterator().next();
    assertEquals("APPROVE", decision.getString("decision"));
    assertEquals("PENDING_APPROVAL", decision.getString("from_status"));
    assertEquals("APPROVED", decision.getString("to_status"));
    assertEquals(adminBkn.nip(), decision.getString("decided_by"));
    assertEquals("ADMIN_INSTANSI", decision.getString("decided_by_role"));
    Row registration = service.sql("select decided_by, decided_at from registration where nip = $1", pns.nip())
        .iterator().next();
    assertEquals(adminBkn.nip(), registration.getString("decided_by"));
    Row mail = service.sql("select subject, body from mail_outbox where recipient = $1",
        "pns" + pns.nip().substring(12) + "@example.org").iterator().next();
    assertEquals("Pendaftaran e-PUPNS Anda disetujui", mail.getString("subject"));
    assertTrue(mail.getString("body").contains(number));
  }

  @Test
  void rejectNeedsAReasonAndARejectedRegistrationCannotBeApproved() {
    SapkFixture.Person pns = sapk.pns(SapkFixture.SATKER_BKN, false);
    accounts.registration(pns, "PENDING_APPROVAL");
    HttpResponse<Buffer> missing = decide(pns.nip(), "reject", new JsonObject(), adminBknToken);
    assertEquals(400, missing.statusCode());
    assertTrue(missing.bodyAsJsonObject().getJsonObject("fields").containsKey("reason"));
    HttpResponse<Buffer> blank = decide(pns.nip(), "reject", new JsonObject().put("reason", "   "), adminBknToken);
    assertEquals(400, blank.statusCode());
    HttpResponse<Buffer> tooLong = decide(pns.nip(), "reject", new JsonObject().put("reason", "x".repeat(501)),
        adminBknToken);
    assertEquals(400, tooLong.statusCode());
    assertTrue(tooLong.bodyAsJsonObject().getJsonObject("fields").containsKey("reason"));

    HttpResponse<Buffer> rejected = decide(pns.nip(), "reject",
        new JsonObject().put("reason", "Tanda bukti registrasi tidak diserahkan."), adminBknToken);
    assertEquals(200, rejected.statusCode(), rejected.bodyAsString());
    assertEquals("REJECTED", rejected.bodyAsJsonObject().getString("status"));
    assertEquals("Tanda bukti registrasi tidak diserahkan.",
        service.sql("select status_reason from registration where nip = $1", pns.nip()).iterator().next().getString(0));

    HttpResponse<Buffer> approve = decide(pns.nip(), "approve", null, adminBknToken);
    assertEquals(409, approve.statusCode());
    assertEquals("INVALID_STATE", approve.bodyAsJsonObject().getString("error"));
    assertEquals(1L, service.sql("select count(*) from mail_outbox where subject like '%ditolak%' and body like $1",
        "%Tanda bukti registrasi tidak diserahkan.%").iterator().next().getLong(0));
  }

  @Test
  void resetEndsTheSessionAtOnceAndLetsTheNipRegisterAgain() {
    SapkFixture.Person pns = sapk.pns(SapkFixture.SATKER_BKN, true);
    String number = accounts.registration(pns, "APPROVED");
    String token = accounts.token(number, Accounts.PNS_PASSWORD);
    assertEquals(200, service.get("/api/auth/me", token).statusCode());

    assertEquals(400, decide(pns.nip(), "reset", new JsonObject(), adminBknToken).statusCode());
    HttpResponse<Buffer> reset = decide(pns.nip(), "reset",
        new JsonObject().put("reason", "Didaftarkan oleh orang lain."), adminBknToken);
    assertEquals(200, reset.statusCode(), reset.bodyAsString());
    assertEquals("RESET", reset.bodyAsJsonObject().getString("status"));
    assertEquals(401, service.get("/api/auth/me", token).statusCode(), "the session ended at once");
    assertEquals(401, accounts.login(number, Accounts.PNS_PASSWORD).statusCode());
    assertEquals(1, service.sql("select token_version from registration where registration_number = $1", number)
        .iterator().next().getInteger(0));

    // The one-active-registration index now lets the NIP register again.
    String second = accounts.registration(pns, "PENDING_APPROVAL");
    assertEquals(2L, service.sql("select count(*) from registration where nip = $1", pns.nip()).iterator().next().getLong(0));
    // Decisions now concern the new, active registration.
    JsonObject approved = decide(pns.nip(), "approve", null, adminBknToken).bodyAsJsonObject();
    assertEquals(second, approved.getString("registrationNumber"));
    assertEquals(2L, service.sql("select count(*) from registration_decision where nip = $1", pns.nip())
        .iterator().next().getLong(0));
    assertEquals(1L, service.sql("select count(*) from mail_outbox where subject like '%di-reset%' and body like $1",
        "%" + number + "%").iterator().next().getLong(0));
  }

  @Test
  void anAgencyAdminSeesAndDecidesOnlyItsOwnAgency() {
    SapkFixture.Person bkn = sapk.pns(SapkFixture.SATKER_BKN, false);
    accounts.registration(bkn, "PENDING_APPROVAL");
    SapkFixture.Person bandung = sapk.pns(SapkFixture.SATKER_DINKES_BANDUNG, false);
    accounts.registration(bandung, "PENDING_APPROVAL");

    assertTrue(listed(pending(adminBknToken, ""), bkn.nip()));
    assertFalse(listed(pending(adminBknToken, ""), bandung.nip()));
    assertFalse(listed(pending(adminBandungToken, ""), bkn.nip()));
    assertTrue(listed(pending(adminBandungToken, ""), bandung.nip()));
    assertEquals(403, service.get("/api/admin/registrations?instansiId=1", adminBandungToken).statusCode());
    for (String decision : new String[] {"approve", "reject", "reset"}) {
      HttpResponse<Buffer> response = decide(bkn.nip(), decision, new JsonObject().put("reason", "coba"),
          adminBandungToken);
      assertEquals(404, response.statusCode(), decision);
    }
    // Same answer as for a NIP nobody registered: nothing is revealed.
    assertEquals(404, decide("198001012005011999", "approve", null, adminBandungToken).statusCode());
    assertEquals("PENDING_APPROVAL", service.sql("select status from registration where nip = $1", bkn.nip())
        .iterator().next().getString(0));

    // ADMIN_BKN monitors every agency but decides nothing.
    assertTrue(listed(pending(nationalToken, "&instansiId=1"), bkn.nip()));
    assertFalse(listed(pending(nationalToken, "&instansiId=1"), bandung.nip()));
    assertTrue(listed(pending(nationalToken, "&size=100"), bandung.nip()));
    assertEquals(403, decide(bkn.nip(), "approve", null, nationalToken).statusCode());

    // Other roles get 403, no token 401.
    assertEquals(403, service.get("/api/admin/registrations", verifierToken).statusCode());
    assertEquals(403, decide(bkn.nip(), "approve", null, verifierToken).statusCode());
    SapkFixture.Person pns = sapk.pns(SapkFixture.SATKER_BKN, true);
    String pnsToken = accounts.token(accounts.registration(pns, "APPROVED"), Accounts.PNS_PASSWORD);
    assertEquals(403, service.get("/api/admin/registrations", pnsToken).statusCode());
    assertEquals(403, decide(bkn.nip(), "approve", null, pnsToken).statusCode());
    assertEquals(401, service.get("/api/admin/registrations").statusCode());
  }

  @Test
  void theListPagesSearchesAndValidatesItsParameters() {
    for (int i = 0; i < 3; i++) {
      accounts.registration(sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, i % 2 == 0), "PENDING_APPROVAL");
    }
    JsonObject first = service.get("/api/admin/registrations?size=2&page=1", adminBandungToken).bodyAsJsonObject();
    long total = first.getLong("total");
    assertTrue(total >= 3);
    assertEquals(2, first.getJsonArray("items").size());
    JsonObject last = service.get("/api/admin/registrations?size=2&page=" + ((total + 1) / 2), adminBandungToken)
        .bodyAsJsonObject();
    assertEquals(total % 2 == 0 ? 2 : 1, last.getJsonArray("items").size());
    assertEquals(total, last.getLong("total"));

    JsonObject someone = first.getJsonArray("items").getJsonObject(0);
    String namePart = someone.getString("nama").split(" ")[0].toLowerCase();
    JsonArray byName = pending(adminBandungToken, "&size=100&q=" + namePart);
    assertTrue(byName.stream().map(JsonObject.class::cast).allMatch(i -> i.getString("nama").toLowerCase().contains(namePart)));
    assertEquals(1, pending(adminBandungToken, "&q=" + someone.getString("registrationNumber")).size());
    assertEquals(1, pending(adminBandungToken, "&q=" + someone.getString("nip")).size());
    assertEquals(0, pending(adminBandungToken, "&q=%25").size(), "a % is searched for literally");

    HttpResponse<Buffer> bad = service.get("/api/admin/registrations?size=0&page=x&status=SIAP", adminBandungToken);
    assertEquals(400, bad.statusCode());
    JsonObject fields = bad.bodyAsJsonObject().getJsonObject("fields");
    assertTrue(fields.containsKey("size") && fields.containsKey("page") && fields.containsKey("status"));
  }

  @Test
  void switchingApprovalOffApprovesTheWaitingOnesAndSwitchingItOnLeavesThemApproved() {
    SapkFixture.Person pns = sapk.pns(SapkFixture.SATKER_BKN, false);
    String number = accounts.registration(pns, "PENDING_APPROVAL");
    JsonObject agency = service.get("/api/admin/instansi/1", adminBknToken).bodyAsJsonObject();
    assertTrue(agency.getBoolean("approvalRequired"));
    long pendingBefore = agency.getLong("pendingRegistrations");
    assertTrue(pendingBefore >= 1);
    assertEquals(403, accounts.login(number, Accounts.PNS_PASSWORD).statusCode());

    HttpResponse<Buffer> off = service.put("/api/admin/instansi/1/approval", new JsonObject().put("required", false),
        adminBknToken);
    assertEquals(200, off.statusCode(), off.bodyAsString());
    assertFalse(off.bodyAsJsonObject().getBoolean("approvalRequired"));
    // Nobody is left "waiting" for an approval that no longer exists: counts, status and mail agree.
    assertEquals(pendingBefore, off.bodyAsJsonObject().getLong("approvedBySwitch"));
    assertEquals(0L, off.bodyAsJsonObject().getLong("pendingRegistrations"));
    Row registration = service.sql("select status, decided_by from registration where registration_number = $1",
        number).iterator().next();
    assertEquals("APPROVED", registration.getString("status"));
    assertEquals(adminBkn.nip(), registration.getString("decided_by"));
    Row decision = service.sql("select decision, reason, from_status, to_status, decided_by, decided_by_role"
        + " from registration_decision where nip = $1", pns.nip()).iterator().next();
    assertEquals("APPROVE", decision.getString("decision"));
    // The same decision as one approval from the list (RegistrationDecision.apply), with who and from where.
    assertEquals("PENDING_APPROVAL/APPROVED/" + adminBkn.nip() + "/ADMIN_INSTANSI", decision.getString("from_status") + "/"
        + decision.getString("to_status") + "/" + decision.getString("decided_by") + "/" + decision.getString("decided_by_role"));
    assertTrue(decision.getString("reason").contains("tidak lagi memerlukan persetujuan"));
    assertEquals(1L, service.sql("select count(*) from mail_outbox where recipient = $1 and subject = $2",
        "pns" + pns.nip().substring(12) + "@example.org", "Pendaftaran e-PUPNS Anda disetujui").iterator().next().getLong(0));
    String token = accounts.token(number, Accounts.PNS_PASSWORD);

    assertEquals(403, service.put("/api/admin/instansi/1/approval", new JsonObject().put("required", true),
        adminBandungToken).statusCode(), "another agency's admin");
    assertEquals(403, service.get("/api/admin/instansi/1", adminBandungToken).statusCode());
    HttpResponse<Buffer> bad = service.put("/api/admin/instansi/1/approval", new JsonObject().put("required", "ya"),
        adminBknToken);
    assertEquals(400, bad.statusCode());
    assertTrue(bad.bodyAsJsonObject().getJsonObject("fields").containsKey("required"));
    assertEquals(404, service.put("/api/admin/instansi/999/approval", new JsonObject().put("required", true),
        nationalToken).statusCode());

    HttpResponse<Buffer> on = service.put("/api/admin/instansi/1/approval", new JsonObject().put("required", true),
        nationalToken);
    assertEquals(200, on.statusCode());
    assertTrue(on.bodyAsJsonObject().getBoolean("approvalRequired"));
    assertEquals(0L, on.bodyAsJsonObject().getLong("approvedBySwitch"));
    assertEquals(200, service.get("/api/auth/me", token).statusCode(), "approved stays approved");
    assertEquals(200, accounts.login(number, Accounts.PNS_PASSWORD).statusCode());
    Row audit = service.sql("select * from admin_audit where action = 'APPROVAL_SWITCH' order by id").iterator().next();
    assertEquals(adminBkn.nip(), audit.getString("actor_nip"));
    assertEquals("1", audit.getString("target"));
  }

  @Test
  void anApprovalCanBeUndoneTheSameDayAndTheListSaysWhoApprovedAndWhen() {
    SapkFixture.Person pns = sapk.pns(SapkFixture.SATKER_BKN, true);
    String number = accounts.registration(pns, "PENDING_APPROVAL");
    JsonObject approved = decide(pns.nip(), "approve", null, adminBknToken).bodyAsJsonObject();
    assertEquals("APPROVED", approved.getString("status"));
    assertEquals(adminBkn.nama(), approved.getString("decidedByNama"));
    assertTrue(approved.getString("decidedAt").endsWith("+07:00"), "campaign time zone: " + approved);
    String until = approved.getString("undoableUntil");
    assertTrue(until.matches("\\d{4}-\\d{2}-\\d{2}T00:00:00\\+07:00"), "until midnight WIB: " + until);

    JsonObject listed = service.get("/api/admin/registrations?status=APPROVED&q=" + pns.nip(), adminBknToken)
        .bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertEquals(adminBkn.nip(), listed.getString("decidedBy"));
    assertEquals(adminBkn.nama(), listed.getString("decidedByNama"));
    assertEquals(approved.getString("decidedAt").substring(0, 16), listed.getString("decidedAt").substring(0, 16));
    assertTrue(listed.getString("createdAt").endsWith("+07:00"), listed.encode());
    assertEquals(until, listed.getString("undoableUntil"));
    assertFalse(listed.getBoolean("decidedAutomatically"));

    String token = accounts.token(number, Accounts.PNS_PASSWORD);
    HttpResponse<Buffer> undone = decide(pns.nip(), "undo-approve", null, adminBknToken);
    assertEquals(200, undone.statusCode(), undone.bodyAsString());
    assertEquals("PENDING_APPROVAL", undone.bodyAsJsonObject().getString("status"));
    assertEquals(401, service.get("/api/auth/me", token).statusCode(), "the PNS's session ends at once");
    assertEquals(403, accounts.login(number, Accounts.PNS_PASSWORD).statusCode(), "waits again");
    assertTrue(listed(pending(adminBknToken, "&q=" + pns.nip()), pns.nip()));
    Row row = service.sql("select decided_by, decided_at from registration where nip = $1", pns.nip()).iterator().next();
    assertNull(row.getString("decided_by"));
    List<String> history = new ArrayList<>();
    service.sql("select decision from registration_decision where nip = $1 order by id", pns.nip())
        .forEach(r -> history.add(r.getString(0)));
    assertEquals(List.of("APPROVE", "UNDO_APPROVE"), history);
    assertEquals(1L, service.sql("select count(*) from mail_outbox where recipient = $1 and subject like '%dibatalkan%'",
        "pns" + pns.nip().substring(12) + "@example.org").iterator().next().getLong(0));
    assertEquals(409, decide(pns.nip(), "undo-approve", null, adminBknToken).statusCode(), "nothing to undo");

    // An approval of an earlier day cannot be undone any more: Reset is the way then.
    assertEquals(200, decide(pns.nip(), "approve", null, adminBknToken).statusCode());
    service.sql("update registration set decided_at = now() - interval '1 day' where nip = $1 and status = 'APPROVED'",
        pns.nip());
    JsonObject yesterday = service.get("/api/admin/registrations?status=APPROVED&q=" + pns.nip(), adminBknToken)
        .bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertNull(yesterday.getString("undoableUntil"));
    HttpResponse<Buffer> late = decide(pns.nip(), "undo-approve", null, adminBknToken);
    assertEquals(409, late.statusCode());
    assertEquals("UNDO_TOO_LATE", late.bodyAsJsonObject().getString("error"));
    assertTrue(late.bodyAsJsonObject().getString("message").contains("WIB"), late.bodyAsString());

    // Other agencies' admins cannot undo; nor can anyone undo an automatic approval.
    assertEquals(404, decide(pns.nip(), "undo-approve", null, adminBandungToken).statusCode());
    SapkFixture.Person automatic = sapk.pns(SapkFixture.SATKER_BKN, false);
    accounts.registration(automatic, "APPROVED");
    service.sql("update registration set decided_at = created_at where nip = $1", automatic.nip());
    JsonObject auto = service.get("/api/admin/registrations?status=APPROVED&q=" + automatic.nip(), adminBknToken)
        .bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertTrue(auto.getBoolean("decidedAutomatically"));
    assertNull(auto.getString("undoableUntil"));
    HttpResponse<Buffer> refused = decide(automatic.nip(), "undo-approve", null, adminBknToken);
    assertEquals(409, refused.statusCode());
    assertEquals("INVALID_STATE", refused.bodyAsJsonObject().getString("error"));
  }

  @Test
  void concurrentDecisionsOnOneRegistrationGiveExactlyOneWinner(VertxTestContext test) {
    SapkFixture.Person pns = sapk.pns(SapkFixture.SATKER_BKN, true);
    accounts.registration(pns, "PENDING_APPROVAL");
    String secondAdmin = accounts.officerToken(sapk.officer("ADMIN_INSTANSI", SapkFixture.SATKER_BKN));
    List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String decision = i % 2 == 0 ? "approve" : "reject";
      answers.add(service.withToken(service.http().post("/api/admin/registrations/" + pns.nip() + "/" + decision),
          i % 4 < 2 ? adminBknToken : secondAdmin).sendJsonObject(new JsonObject().put("reason", "bersamaan")));
    }
    // The decision rows are read on a worker thread: blocking the event loop here would deadlock.
    Future.all(answers)
        .compose(all -> service.vertx().executeBlocking(() -> service.sql(
            "select count(*) from registration_decision where nip = $1", pns.nip()).iterator().next().getLong(0)))
        .onComplete(test.succeeding(decisions -> test.verify(() -> {
          long won = answers.stream().filter(a -> a.result().statusCode() == 200).count();
          long refused = answers.stream().filter(a -> a.result().statusCode() == 409).count();
          assertEquals(1, won, "one decision wins");
          assertEquals(7, refused, "the others see the decided state");
          assertEquals(1L, decisions, "one audit row");
          test.completeNow();
        })));
  }
}

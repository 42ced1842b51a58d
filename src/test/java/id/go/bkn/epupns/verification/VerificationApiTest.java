package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.testing.Recounts;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static id.go.bkn.epupns.verification.VerificationTesting.decision;
import static id.go.bkn.epupns.verification.VerificationTesting.item;
import static id.go.bkn.epupns.verification.VerificationTesting.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tiered verification through the API: routing per final authority, every inbox's scope, claims,
 * decisions (parallel, retried, refused, returned and resubmitted), SAPK written exactly where MS
 * was given at the final authority with one audit row each, mails per tier, routing changes.
 */
class VerificationApiTest {

  static TestService service;
  static VerificationTesting t;
  static SapkFixture sapk;
  // Officers of the BKN agency (instansi 1, work unit 10, BKN Pusat = kanreg 0) ...
  static String skpd;
  static String skpd2;
  static String bkd;
  static String bkn;
  static String adminInstansi;
  static String adminBkn;
  // ... and of Kota Bandung (instansi 2, work units 20/21, Kanreg III = 3).
  static String skpdBandung;
  static String bkdBandung;
  static String bknBandung;
  static String adminBandung;
  static SapkFixture.Person skpdPerson;

  @BeforeAll
  static void start() {
    service = TestService.start(VerificationApiTest.class, Map.of("EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_DOCUMENTS_PER_IP", "100000", "EPUPNS_RATE_LIMIT_DOCUMENTS_PER_ACCOUNT", "1000"), false);
    t = new VerificationTesting(service);
    sapk = t.sapk;
    skpdPerson = sapk.officer(Role.VERIFIER_SKPD, SapkFixture.SATKER_BKN);
    skpd = t.officerToken(skpdPerson);
    skpd2 = t.officerToken(sapk.officer(Role.VERIFIER_SKPD, SapkFixture.SATKER_BKN));
    bkd = t.officerToken(sapk.officer(Role.VERIFIER_BKD, SapkFixture.SATKER_BKN));
    bkn = t.officerToken(sapk.officer(Role.VERIFIER_BKN, SapkFixture.SATKER_BKN));
    adminInstansi = t.officerToken(sapk.officer(Role.ADMIN_INSTANSI, SapkFixture.SATKER_BKN));
    adminBkn = t.officerToken(sapk.officer(Role.ADMIN_BKN, SapkFixture.SATKER_BKN));
    skpdBandung = t.officerToken(sapk.officer(Role.VERIFIER_SKPD, SapkFixture.SATKER_DISDIK_BANDUNG));
    bkdBandung = t.officerToken(sapk.officer(Role.VERIFIER_BKD, SapkFixture.SATKER_DISDIK_BANDUNG));
    bknBandung = t.officerToken(sapk.officer(Role.VERIFIER_BKN, SapkFixture.SATKER_DISDIK_BANDUNG));
    adminBandung = t.officerToken(sapk.officer(Role.ADMIN_INSTANSI, SapkFixture.SATKER_DISDIK_BANDUNG));
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  /** A PNS of the work unit with one corrected address (final authority SKPD); its submission id. */
  private static long[] addressOnly(int satker) {
    SapkFixture.Person pns = sapk.pns(satker, false);
    String token = t.pnsToken(pns.nip());
    long id = t.submit(token, new JsonObject().put("utama", new JsonObject()
        .put("alamat", wrong("Jl. Merdeka No. " + pns.nip().substring(14)))));
    return new long[] {id};
  }

  /** Three items, one per final authority: alamat (SKPD), lokasi_kerja (BKD), tmt_cpns (BKN). */
  private record ThreeTiers(SapkFixture.Person pns, String token, long submission) {
  }

  private static ThreeTiers threeTiers() {
    SapkFixture.Person pns = sapk.pns(SapkFixture.SATKER_BKN, true);
    String token = t.pnsToken(pns.nip());
    long cpns = t.uploadPdf(token, "SK_CPNS");
    long tugas = t.uploadPdf(token, "SURAT_TUGAS");
    long id = t.submit(token, new JsonObject()
        .put("utama", new JsonObject().put("alamat", wrong("Jl. Asia Afrika No. 8")).put("tmt_cpns", wrong("2005-04-01", cpns)))
        .put("posisi", new JsonObject().put("lokasi_kerja", wrong("Jakarta Timur", tugas))));
    return new ThreeTiers(pns, token, id);
  }

  private static JsonObject ok(HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static String value(String sql, Object... args) {
    Row row = service.sql(sql, args).iterator().next();
    Object v = row.getValue(0);
    return v == null ? null : String.valueOf(v).trim();
  }

  @Test
  void eachItemPassesEveryTierUpToItsFinalAuthorityAndSapkChangesOnlyThere() {
    ThreeTiers s = threeTiers();
    String nip = s.pns().nip();
    String tmtBefore = value("select tmt_cpns::text from pns where nip = $1", nip);
    JsonObject view = t.submission(skpd, s.submission());
    JsonObject alamat = item(view, "alamat");
    JsonObject lokasi = item(view, "lokasi_kerja");
    JsonObject tmt = item(view, "tmt_cpns");
    assertEquals(new JsonArray().add("SKPD"), alamat.getJsonArray("route"));
    assertEquals(new JsonArray().add("SKPD").add("BKD"), lokasi.getJsonArray("route"));
    assertEquals(new JsonArray().add("SKPD").add("BKD").add("BKN"), tmt.getJsonArray("route"));
    assertTrue(alamat.getBoolean("pendingAtMyTier"));
    assertTrue(alamat.getJsonArray("documents").isEmpty());
    assertEquals("SURAT_TUGAS", lokasi.getJsonArray("documents").getJsonObject(0).getString("kind"));

    // SKPD: MS on all three. alamat's final authority is SKPD: applied now, the others move on.
    JsonObject result = ok(t.decide(skpd, s.submission(), new JsonArray()
        .add(decision(alamat.getLong("id"), "MS", null)).add(decision(lokasi.getLong("id"), "MS", null))
        .add(decision(tmt.getLong("id"), "MS", "Sesuai SK CPNS"))));
    assertEquals("APPLIED", item(result, "alamat").getString("status"));
    assertEquals("BKD", item(result, "lokasi_kerja").getString("currentTier"));
    assertEquals("BKD", item(result, "tmt_cpns").getString("currentTier"));
    assertEquals("Jl. Asia Afrika No. 8", value("select alamat from pns where nip = $1", nip));
    assertEquals(tmtBefore, value("select tmt_cpns::text from pns where nip = $1", nip), "not before its final authority");
    assertFalse(t.inboxIds(skpd).contains(s.submission()), "SKPD is done with it");
    assertTrue(t.inboxIds(bkd).contains(s.submission()));
    assertFalse(t.inboxIds(bkn).contains(s.submission()), "nothing for BKN yet");

    // BKD: MS on both: lokasi_kerja applied (BKD is its final authority), tmt_cpns on to BKN.
    ok(t.decide(bkd, s.submission(), new JsonArray().add(decision(lokasi.getLong("id"), "MS", null))
        .add(decision(tmt.getLong("id"), "MS", null))));
    assertEquals("Jakarta Timur", value("select lokasi_kerja from pns where nip = $1", nip));
    assertEquals(tmtBefore, value("select tmt_cpns::text from pns where nip = $1", nip));
    assertTrue(t.inboxIds(bkn).contains(s.submission()));
    assertFalse(t.inboxIds(bknBandung).contains(s.submission()), "another BKN office");

    // BKN: MS: applied, the submission is complete.
    JsonObject done = ok(t.decide(bkn, s.submission(), new JsonArray().add(decision(tmt.getLong("id"), "MS", null))));
    assertEquals("COMPLETED", done.getString("status"));
    assertEquals("2005-04-01", value("select tmt_cpns::text from pns where nip = $1", nip));

    // Audit: exactly one SAPK change per applied item, with the old and the new value.
    List<String> changes = new ArrayList<>();
    for (Row row : service.sql("select c.target_column, c.old_value #>> '{}', c.new_value #>> '{}', c.changed_by_role,"
        + " (select count(*) from sapk_change x where x.item_id = c.item_id) from sapk_change c where c.nip = $1"
        + " order by c.id", nip)) {
      changes.add(row.getString(0) + ":" + row.getString(1) + "->" + row.getString(2) + ":" + row.getString(3)
          + ":" + row.getLong(4));
    }
    assertEquals(List.of("alamat:null->Jl. Asia Afrika No. 8:VERIFIER_SKPD:1",
        "lokasi_kerja:Bandung->Jakarta Timur:VERIFIER_BKD:1",
        "tmt_cpns:" + tmtBefore + "->2005-04-01:VERIFIER_BKN:1"), changes);
    assertEquals(0L, service.sql("select count(*) from submission_field f where f.submission_id = $1 and f.status = 'APPLIED'"
        + " and (select count(*) from sapk_change c where c.item_id = f.id) <> 1", s.submission()).iterator().next().getLong(0));

    // One mail per tier that finished with the submission (three tiers, three mails), not one per item.
    List<String> subjects = new ArrayList<>();
    service.sql("select subject from mail_outbox where recipient = $1 and subject like 'Hasil verifikasi%' order by id",
        VerificationTesting.email(nip)).forEach(r -> subjects.add(r.getString(0)));
    assertEquals(3, subjects.size(), subjects.toString());
    assertTrue(subjects.get(0).contains("SKPD") && subjects.get(1).contains("BKD") && subjects.get(2).contains("BKN"), subjects.toString());

    // The PNS's progress shows each item's path; the history lists every decision and SAPK change.
    JsonObject progress = ok(service.get("/api/me/progress", s.token()));
    assertEquals("COMPLETED", progress.getString("status"));
    JsonObject tmtProgress = progress.getJsonArray("fields").stream().map(JsonObject.class::cast)
        .filter(f -> f.getString("field").equals("tmt_cpns")).findFirst().orElseThrow();
    assertEquals("MS", tmtProgress.getJsonObject("tiers").getJsonObject("BKN").getString("status"));
    assertEquals("Sesuai SK CPNS", tmtProgress.getJsonObject("tiers").getJsonObject("SKPD").getString("reason"));
    JsonObject history = ok(service.get("/api/pns/" + nip + "/history", adminInstansi));
    assertEquals(6, history.getJsonArray("decisions").size());
    assertEquals(3, history.getJsonArray("changes").size());
    assertEquals(404, service.get("/api/pns/" + nip + "/history", adminBandung).statusCode());
    assertInboxCountersEqualARecount();
  }

  @Test
  void everyInboxShowsExactlyItsScopeAndOthersGet404() {
    long bknSubmission = addressOnly(SapkFixture.SATKER_BKN)[0];
    long bandungSubmission = addressOnly(SapkFixture.SATKER_DISDIK_BANDUNG)[0];
    // SKPD level: only the own work unit.
    assertTrue(t.inboxIds(skpd).contains(bknSubmission));
    assertFalse(t.inboxIds(skpd).contains(bandungSubmission));
    assertTrue(t.inboxIds(skpdBandung).contains(bandungSubmission));
    assertFalse(t.inboxIds(skpdBandung).contains(bknSubmission));
    // Nothing waits at BKD or BKN yet: SKPD has not decided.
    for (String token : List.of(bkd, bkdBandung, bkn, bknBandung)) {
      List<Long> ids = t.inboxIds(token);
      assertFalse(ids.contains(bknSubmission) || ids.contains(bandungSubmission));
    }
    // Admins and PNS have no inbox.
    assertEquals(403, t.inbox(adminInstansi, null).statusCode());
    assertEquals(403, t.inbox(adminBkn, null).statusCode());
    assertEquals(401, t.inbox(null, null).statusCode());
    String pnsToken = t.pnsToken(sapk.pns(SapkFixture.SATKER_BKN, false).nip());
    assertEquals(403, t.inbox(pnsToken, null).statusCode());
    assertEquals(403, service.get("/api/submissions/" + bknSubmission, pnsToken).statusCode(), "a PNS is no officer");
    // The submission itself: officers whose scope covers it; everyone else 404, like an unknown id.
    for (String token : List.of(skpd, skpd2, bkd, bkn, adminInstansi, adminBkn)) {
      assertEquals(200, service.get("/api/submissions/" + bknSubmission, token).statusCode());
    }
    for (String token : List.of(skpdBandung, bkdBandung, bknBandung, adminBandung)) {
      HttpResponse<Buffer> outside = service.get("/api/submissions/" + bknSubmission, token);
      assertEquals(404, outside.statusCode(), outside.bodyAsString());
    }
    assertEquals(404, service.get("/api/submissions/999999", skpd).statusCode());
    assertEquals(400, service.get("/api/submissions/abc", skpd).statusCode());
    // Deciding outside the scope is the same 404; nothing happens.
    long item = item(t.submission(skpd, bknSubmission), "alamat").getLong("id");
    assertEquals(404, t.decide(skpdBandung, bknSubmission, new JsonArray().add(decision(item, "MS", null))).statusCode());
    // BKD and BKN inboxes: after SKPD, by agency and by BKN office.
    long bknLokasi = submitLokasi(SapkFixture.SATKER_BKN);
    long bandungLokasi = submitLokasi(SapkFixture.SATKER_DINKES_BANDUNG);
    ok(service.post("/api/submissions/" + bknLokasi + "/accept-all", new JsonObject(), skpd));
    assertEquals(404, service.post("/api/submissions/" + bandungLokasi + "/accept-all", new JsonObject(), skpdBandung)
        .statusCode(), "another work unit of the same agency");
    assertTrue(t.inboxIds(bkd).contains(bknLokasi));
    assertFalse(t.inboxIds(bkdBandung).contains(bknLokasi));
    // The BKN tier and its offices.
    long tmt = submitTmt(SapkFixture.SATKER_DINKES_BANDUNG);
    String skpdDinkes = t.officerToken(sapk.officer(Role.VERIFIER_SKPD, SapkFixture.SATKER_DINKES_BANDUNG));
    ok(service.post("/api/submissions/" + tmt + "/accept-all", new JsonObject(), skpdDinkes));
    ok(service.post("/api/submissions/" + tmt + "/accept-all", new JsonObject(), bkdBandung));
    assertTrue(t.inboxIds(bknBandung).contains(tmt));
    assertFalse(t.inboxIds(bkn).contains(tmt), "BKN Pusat does not cover Kota Bandung (Kanreg III)");
  }

  private static long submitLokasi(int satker) {
    SapkFixture.Person pns = sapk.pns(satker, true);
    String token = t.pnsToken(pns.nip());
    long tugas = t.uploadPdf(token, "SURAT_TUGAS");
    return t.submit(token, new JsonObject().put("posisi", new JsonObject().put("lokasi_kerja", wrong("Cimahi", tugas))));
  }

  private static long submitTmt(int satker) {
    SapkFixture.Person pns = sapk.pns(satker, true);
    String token = t.pnsToken(pns.nip());
    long cpns = t.uploadPdf(token, "SK_CPNS");
    return t.submit(token, new JsonObject().put("utama", new JsonObject().put("tmt_cpns", wrong("2005-05-01", cpns))));
  }

  @Test
  void refusalsNeedAReasonAndOnlyPendingItemsMayBeDecided() {
    ThreeTiers s = threeTiers();
    JsonObject view = t.submission(skpd, s.submission());
    long alamat = item(view, "alamat").getLong("id");
    long tmt = item(view, "tmt_cpns").getLong("id");
    HttpResponse<Buffer> noReason = t.decide(skpd, s.submission(), new JsonArray().add(decision(alamat, "MS", null))
        .add(decision(tmt, "TMS", null)));
    assertEquals(400, noReason.statusCode());
    assertTrue(noReason.bodyAsJsonObject().getJsonObject("fields").getString("decisions[1].reason").contains(Long.toString(tmt)));
    assertEquals(400, t.decide(skpd, s.submission(), new JsonArray().add(decision(alamat, "OK", null))).statusCode());
    assertEquals(400, service.post("/api/submissions/" + s.submission() + "/decisions", new JsonObject(), skpd).statusCode());
    assertEquals("PENDING", item(t.submission(skpd, s.submission()), "alamat").getString("status"), "nothing applied");
    // A BKD verifier cannot decide what waits at SKPD: 409 with the current state, nothing applied.
    HttpResponse<Buffer> early = t.decide(bkd, s.submission(), new JsonArray().add(decision(tmt, "MS", null)));
    assertEquals(409, early.statusCode(), early.bodyAsString());
    assertEquals("NOT_PENDING", early.bodyAsJsonObject().getString("error"));
    assertEquals("SKPD", item(early.bodyAsJsonObject(), "tmt_cpns").getString("currentTier"));
    // One item not pending makes the whole call 409: the other one is not decided either.
    long other = item(t.submission(skpd, addressOnly(SapkFixture.SATKER_BKN)[0]), "alamat").getLong("id");
    HttpResponse<Buffer> mixed = t.decide(skpd, s.submission(), new JsonArray().add(decision(alamat, "MS", null))
        .add(decision(other, "MS", null)));
    assertEquals(409, mixed.statusCode());
    assertEquals(new JsonArray().add(other), mixed.bodyAsJsonObject().getJsonArray("notPending"));
    assertEquals(0L, service.sql("select count(*) from submission_decision where submission_field_id = $1", alamat)
        .iterator().next().getLong(0));
    // TMS at SKPD: the item ends there, SAPK unchanged, later tiers not required.
    String lokasiBefore = value("select lokasi_kerja from pns where nip = $1", s.pns().nip());
    long lokasi = item(view, "lokasi_kerja").getLong("id");
    JsonObject refused = ok(t.decide(skpd, s.submission(), new JsonArray().add(decision(lokasi, "TMS", "SK tidak terbaca"))));
    assertEquals("TMS", item(refused, "lokasi_kerja").getString("status"));
    assertEquals(lokasiBefore, value("select lokasi_kerja from pns where nip = $1", s.pns().nip()));
    JsonObject progress = ok(service.get("/api/me/progress", s.token()));
    JsonObject tiers = progress.getJsonArray("fields").stream().map(JsonObject.class::cast)
        .filter(f -> f.getString("field").equals("lokasi_kerja")).findFirst().orElseThrow().getJsonObject("tiers");
    assertEquals("TMS", tiers.getJsonObject("SKPD").getString("status"));
    assertEquals("SK tidak terbaca", tiers.getJsonObject("SKPD").getString("reason"));
    assertEquals("NOT_REQUIRED", tiers.getJsonObject("BKD").getString("status"));
  }

  @Test
  void anIdenticalRetryAnswersTheSameWithoutDecidingTwice() {
    long id = addressOnly(SapkFixture.SATKER_BKN)[0];
    long alamat = item(t.submission(skpd, id), "alamat").getLong("id");
    JsonArray call = new JsonArray().add(decision(alamat, "MS", "Sesuai KTP"));
    JsonObject first = ok(t.decide(skpd, id, call));
    JsonObject again = ok(t.decide(skpd, id, call));
    assertFalse(first.getBoolean("repeated"));
    assertTrue(again.getBoolean("repeated"));
    assertEquals(first.getJsonArray("decided"), again.getJsonArray("decided"));
    assertEquals(first.getString("status"), again.getString("status"));
    assertEquals(1L, service.sql("select count(*) from submission_decision where submission_field_id = $1", alamat)
        .iterator().next().getLong(0));
    assertEquals(1L, service.sql("select count(*) from sapk_change where item_id = $1", alamat).iterator().next().getLong(0));
    // The same call by a colleague is not a retry: 409.
    assertEquals(409, t.decide(skpd2, id, call).statusCode());
    // A different reason is not the same call either.
    assertEquals(409, t.decide(skpd, id, new JsonArray().add(decision(alamat, "MS", "lain"))).statusCode());
  }

  @Test
  void twoVerifiersDecidingOneItemAtOnceOneWinsTheOtherGets409() {
    for (int round = 0; round < 3; round++) {
      long id = addressOnly(SapkFixture.SATKER_BKN)[0];
      long alamat = item(t.submission(skpd, id), "alamat").getLong("id");
      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      String[] verdicts = {"MS", "TMS"};
      String[] tokens = {skpd, skpd2};
      for (int i = 0; i < 2; i++) {
        calls.add(service.withToken(service.http().post("/api/submissions/" + id + "/decisions"), tokens[i])
            .sendJsonObject(new JsonObject().put("decisions", new JsonArray().add(decision(alamat, verdicts[i], "alasan " + i)))));
      }
      TestService.await(Future.join(calls));
      List<Integer> codes = calls.stream().map(f -> f.result().statusCode()).sorted().toList();
      assertEquals(List.of(200, 409), codes, calls.stream().map(f -> f.result().bodyAsString()).toList().toString());
      HttpResponse<Buffer> loser = calls.stream().map(Future::result).filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
      assertTrue(loser.bodyAsJsonObject().containsKey("items"), "the current state comes with the 409");
      assertEquals(1L, service.sql("select count(*) from submission_decision where submission_field_id = $1", alamat)
          .iterator().next().getLong(0));
      String status = item(t.submission(skpd, id), "alamat").getString("status");
      long changes = service.sql("select count(*) from sapk_change where item_id = $1", alamat).iterator().next().getLong(0);
      assertEquals("APPLIED".equals(status) ? 1L : 0L, changes, status);
    }
  }

  @Test
  void aClaimIsALeaseOthersGet409NamingTheHolderUntilReleased() {
    long id = addressOnly(SapkFixture.SATKER_BKN)[0];
    long alamat = item(t.submission(skpd, id), "alamat").getLong("id");
    // Both verifiers claim at once: one gets it.
    List<Future<HttpResponse<Buffer>>> claims = new ArrayList<>();
    for (String token : List.of(skpd, skpd2, skpd, skpd2)) {
      claims.add(service.withToken(service.http().post("/api/submissions/" + id + "/claim"), token).sendJsonObject(new JsonObject()));
    }
    TestService.await(Future.join(claims));
    List<HttpResponse<Buffer>> answers = claims.stream().map(Future::result).toList();
    long won = answers.stream().filter(r -> r.statusCode() == 200).count();
    assertTrue(won >= 1 && won <= 2, answers.stream().map(HttpResponse::bodyAsString).toList().toString());
    String holderToken = answers.get(0).statusCode() == 200 ? skpd : skpd2;
    String otherToken = holderToken.equals(skpd) ? skpd2 : skpd;
    // Only one holder: the other verifier's calls were all 409, the holder's renewals 200.
    for (int i = 0; i < 4; i++) {
      boolean holder = (i % 2 == 0) == holderToken.equals(skpd);
      assertEquals(holder ? 200 : 409, answers.get(i).statusCode(), answers.get(i).bodyAsString());
      if (!holder) {
        JsonObject refused = answers.get(i).bodyAsJsonObject();
        assertEquals("CLAIMED", refused.getString("error"));
        assertTrue(refused.getJsonObject("claim").getString("expiresAt") != null);
      }
    }
    // The inbox shows the claim; "mine" and "unclaimed" filter on it.
    assertTrue(t.inboxIds(holderToken).contains(id));
    JsonObject mine = ok(t.inbox(holderToken, "claim=mine&size=200"));
    assertTrue(mine.getJsonArray("items").stream().anyMatch(i -> ((JsonObject) i).getLong("submissionId") == id));
    JsonObject unclaimed = ok(t.inbox(otherToken, "claim=unclaimed&size=200"));
    assertFalse(unclaimed.getJsonArray("items").stream().anyMatch(i -> ((JsonObject) i).getLong("submissionId") == id));
    // A decision by the other verifier during the lease: 409 CLAIMED, nothing decided.
    HttpResponse<Buffer> blocked = t.decide(otherToken, id, new JsonArray().add(decision(alamat, "MS", null)));
    assertEquals(409, blocked.statusCode());
    assertEquals("CLAIMED", blocked.bodyAsJsonObject().getString("error"));
    // The agency admin releases it; then the other verifier may claim.
    assertEquals(404, service.delete("/api/submissions/" + id + "/claim", adminBandung).statusCode());
    JsonObject released = ok(service.delete("/api/submissions/" + id + "/claim", adminInstansi));
    assertEquals(1, released.getInteger("released"));
    ok(service.post("/api/submissions/" + id + "/claim", new JsonObject(), otherToken));
    // The holder releases its own; an expired lease is free for anyone.
    ok(service.delete("/api/submissions/" + id + "/claim", otherToken));
    ok(service.post("/api/submissions/" + id + "/claim", new JsonObject(), holderToken));
    service.sql("update submission_tier set claim_expires_at = now() - interval '1 minute' where submission_id = $1", id);
    ok(service.post("/api/submissions/" + id + "/claim", new JsonObject(), otherToken));
    ok(t.decide(otherToken, id, new JsonArray().add(decision(alamat, "MS", null))));
    assertEquals(409, service.post("/api/submissions/" + id + "/claim", new JsonObject(), otherToken).statusCode(),
        "nothing pending any more");
    assertNull(value("select claimed_by from submission_tier where submission_id = $1 and tier = 'SKPD'", id),
        "a finished tier drops its claim");
  }

  @Test
  void verifiersAskingForTheNextSubmissionAtOnceEachGetADifferentOne() {
    service.sql("insert into satuan_kerja values (23, 2, 'Dinas Perikanan', 'Bandung')");
    List<Long> waiting = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      SapkFixture.Person pns = sapk.pns(23, false);
      waiting.add(t.submit(t.pnsToken(pns.nip()), new JsonObject().put("utama", new JsonObject()
          .put("alamat", wrong("Jl. Ikan " + i)))));
    }
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      tokens.add(t.officerToken(sapk.officer(Role.VERIFIER_SKPD, 23)));
    }
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (String token : tokens) {
      calls.add(service.withToken(service.http().post("/api/inbox/next"), token).sendJsonObject(new JsonObject()));
    }
    TestService.await(Future.join(calls));
    List<Long> got = new ArrayList<>();
    int nothing = 0;
    for (Future<HttpResponse<Buffer>> call : calls) {
      JsonObject body = ok(call.result());
      if (body.getValue("submissionId") == null) {
        nothing++;
      } else {
        got.add(body.getLong("submissionId"));
      }
    }
    assertEquals(1, nothing, got.toString());
    assertEquals(new java.util.TreeSet<>(waiting), new java.util.TreeSet<>(got), "three verifiers, three different submissions");
    // Asking again gives each its own claim back, not a colleague's.
    for (int i = 0; i < 4; i++) {
      Object again = ok(service.post("/api/inbox/next", new JsonObject(), tokens.get(i))).getValue("submissionId");
      Object first = ok(calls.get(i).result()).getValue("submissionId");
      assertEquals(String.valueOf(first), String.valueOf(again));
    }
  }

  @Test
  void aReturnedItemReopensOnTheFormIsCorrectedResubmittedAndEntersAtSkpdAgain() {
    SapkFixture.Person pns = sapk.pns(SapkFixture.SATKER_BKN, false);
    service.sql("insert into riwayat_golongan (nip, golongan, tmt) values ($1, 'III/a', date '2006-03-01')", pns.nip());
    String token = t.pnsToken(pns.nip());
    long kp = t.uploadPdf(token, "SK_KENAIKAN_PANGKAT");
    String ref = VerificationTesting.section(t.form(token), "riwayat_golongan").getJsonArray("rows").getJsonObject(0)
        .getString("ref");
    long id = t.submit(token, new JsonObject()
        .put("utama", new JsonObject().put("alamat", wrong("Jl. Lama No. 1")))
        .put("riwayat_golongan", new JsonArray().add(new JsonObject().put("ref", ref).put("mark", "WRONG")
            .put("corrections", new JsonObject().put("tmt", "2006-04-01")).put("documents", new JsonArray().add(kp)))));
    JsonObject view = t.submission(skpd, id);
    long alamat = item(view, "alamat").getLong("id");
    long tmt = item(view, "tmt").getLong("id");
    ok(t.decide(skpd, id, new JsonArray().add(decision(alamat, "RETURN", "Tulis alamat lengkap dengan RT/RW"))
        .add(decision(tmt, "MS", null))));
    assertEquals("RETURNED", item(t.submission(skpd, id), "alamat").getString("status"));
    assertEquals("IN_VERIFICATION", t.submission(skpd, id).getString("status"), "a returned item is not resolved");

    // The form shows the returned item with its reason; only it may change.
    JsonObject form = t.form(token);
    assertEquals("SUBMITTED", form.getString("state"));
    assertEquals(1, form.getJsonArray("returned").size());
    JsonObject utama = VerificationTesting.section(form, "utama");
    JsonObject field = utama.getJsonArray("fields").stream().map(JsonObject.class::cast)
        .filter(f -> f.getString("name").equals("alamat")).findFirst().orElseThrow();
    assertEquals("Tulis alamat lengkap dengan RT/RW", field.getJsonObject("returned").getString("reason"));
    JsonObject fields = new JsonObject();
    utama.getJsonArray("fields").forEach(f -> fields.put(((JsonObject) f).getString("name"), new JsonObject().put("mark", "CORRECT")));
    HttpResponse<Buffer> other = service.put("/api/me/form/utama", new JsonObject().put("version", utama.getInteger("version"))
        .put("fields", fields.copy().put("alamat", wrong("Jl. Baru RT 01/RW 02 No. 1")).put("agama", wrong("Kristen"))), token);
    assertEquals(409, other.statusCode(), other.bodyAsString());
    assertEquals("FORM_LOCKED", other.bodyAsJsonObject().getString("error"));
    assertEquals("agama", other.bodyAsJsonObject().getString("item"));
    HttpResponse<Buffer> locked = service.put("/api/me/form/posisi", new JsonObject().put("version",
        VerificationTesting.section(form, "posisi").getInteger("version")).put("fields", new JsonObject()), token);
    assertEquals(409, locked.statusCode(), "a section without returned items stays locked");
    ok(service.put("/api/me/form/utama", new JsonObject().put("version", utama.getInteger("version"))
        .put("fields", fields.copy().put("alamat", wrong("Jl. Baru RT 01/RW 02 No. 1"))), token));
    JsonObject resubmitted = ok(service.post("/api/me/form/submit", new JsonObject(), token));
    assertEquals(1, resubmitted.getInteger("fields"));
    assertTrue(resubmitted.getBoolean("resubmitted"));
    assertEquals(409, service.post("/api/me/form/submit", new JsonObject(), token).statusCode(), "nothing returned any more");

    // Back at SKPD in a new round, with the new correction; the old round's decision stays in the history.
    JsonObject again = item(t.submission(skpd, id), "alamat");
    assertEquals("PENDING", again.getString("status"));
    assertEquals("SKPD", again.getString("currentTier"));
    assertEquals(2, again.getInteger("round"));
    assertEquals("Jl. Baru RT 01/RW 02 No. 1", again.getValue("correctedValue"));
    assertTrue(t.inboxIds(skpd).contains(id));
    ok(t.decide(skpd, id, new JsonArray().add(decision(alamat, "MS", null))));
    assertEquals("Jl. Baru RT 01/RW 02 No. 1", value("select alamat from pns where nip = $1", pns.nip()));
    JsonArray decisions = item(t.submission(skpd, id), "alamat").getJsonArray("decisions");
    assertEquals(2, decisions.size());
    assertEquals("RETURN", decisions.getJsonObject(0).getString("verdict"));
    assertEquals(1, decisions.getJsonObject(0).getInteger("round"));
    assertEquals("MS", decisions.getJsonObject(1).getString("verdict"));
    // The history row: BKD, then BKN; SAPK's row changes at BKN, with one change row naming the row.
    ok(service.post("/api/submissions/" + id + "/accept-all", new JsonObject(), bkd));
    ok(service.post("/api/submissions/" + id + "/accept-all", new JsonObject(), bkn));
    assertEquals("2006-04-01", value("select tmt::text from riwayat_golongan where id = $1", Long.parseLong(ref)));
    assertEquals(ref, value("select row_id from sapk_change where item_id = $1", tmt));
    assertEquals("COMPLETED", t.submission(adminBkn, id).getString("status"));
    assertInboxCountersEqualARecount();
  }

  @Test
  void anItemAcceptedBesideAReturnedOneDoesNotBlockTheResubmit() {
    // Both in Data Utama: the phone number is accepted (SAPK now holds it), the address returned.
    SapkFixture.Person pns = sapk.pns(SapkFixture.SATKER_BKN, false);
    String token = t.pnsToken(pns.nip());
    long id = t.submit(token, new JsonObject().put("utama", new JsonObject()
        .put("alamat", wrong("Jl. Sempit No. 2")).put("nomor_hp", wrong("081234567890"))));
    JsonObject view = t.submission(skpd, id);
    ok(t.decide(skpd, id, new JsonArray().add(decision(item(view, "alamat").getLong("id"), "RETURN", "Tulis RT/RW"))
        .add(decision(item(view, "nomor_hp").getLong("id"), "MS", null))));
    assertEquals("081234567890", value("select nomor_hp from pns where nip = $1", pns.nip()));

    // The page sends the section as the form shows it: the accepted correction unchanged, the address corrected.
    JsonObject utama = VerificationTesting.section(t.form(token), "utama");
    JsonObject fields = new JsonObject();
    utama.getJsonArray("fields").forEach(f -> fields.put(((JsonObject) f).getString("name"), new JsonObject().put("mark", "CORRECT")));
    ok(service.put("/api/me/form/utama", new JsonObject().put("version", utama.getInteger("version")).put("fields", fields
        .put("nomor_hp", wrong("081234567890")).put("alamat", wrong("Jl. Sempit No. 2 RT 01/RW 03"))), token));
    JsonObject resubmitted = ok(service.post("/api/me/form/submit", new JsonObject(), token));
    assertEquals(1, resubmitted.getInteger("fields"));
    assertEquals("PENDING", item(t.submission(skpd, id), "alamat").getString("status"));
  }

  @Test
  void aRoutingChangeAppliesToLaterSubmissionsNeverToWorkInFlight() {
    JsonObject table = ok(service.get("/api/admin/routing", skpd));
    JsonObject alamat = table.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(e -> e.getString("section").equals("utama") && e.getString("field").equals("alamat")).findFirst().orElseThrow();
    assertEquals("SKPD", alamat.getString("finalAuthority"));
    assertTrue(table.getJsonArray("items").stream().map(JsonObject.class::cast)
        .anyMatch(e -> e.getString("section").equals("riwayat_golongan") && e.getString("field").equals("_row")));
    long before = addressOnly(SapkFixture.SATKER_DISDIK_BANDUNG)[0];
    assertEquals(403, service.put("/api/admin/routing/utama/alamat", new JsonObject().put("finalAuthority", "BKD"),
        adminInstansi).statusCode());
    assertEquals(400, service.put("/api/admin/routing/utama/alamat", new JsonObject().put("finalAuthority", "X"),
        adminBkn).statusCode());
    assertEquals(404, service.put("/api/admin/routing/utama/tidak_ada", new JsonObject().put("finalAuthority", "BKD"),
        adminBkn).statusCode());
    try {
      JsonObject changed = ok(service.put("/api/admin/routing/utama/alamat", new JsonObject().put("finalAuthority", "BKD"),
          adminBkn));
      assertEquals("BKD", changed.getString("finalAuthority"));
      assertTrue(changed.getString("changedBy") != null && changed.getString("changedAt") != null);
      assertEquals(1L, service.sql("select count(*) from admin_audit where action = 'ROUTE_CHANGE' and target = 'utama.alamat'"
          + " and details->>'to' = 'BKD'").iterator().next().getLong(0));
      long after = addressOnly(SapkFixture.SATKER_DISDIK_BANDUNG)[0];
      assertEquals(new JsonArray().add("SKPD"), item(t.submission(skpdBandung, before), "alamat").getJsonArray("route"),
          "submitted before the change: its route stays");
      assertEquals(new JsonArray().add("SKPD").add("BKD"), item(t.submission(skpdBandung, after), "alamat")
          .getJsonArray("route"));
      JsonObject decided = ok(service.post("/api/submissions/" + before + "/accept-all", new JsonObject(), skpdBandung));
      assertEquals("APPLIED", item(decided, "alamat").getString("status"));
      decided = ok(service.post("/api/submissions/" + after + "/accept-all", new JsonObject(), skpdBandung));
      assertEquals("BKD", item(decided, "alamat").getString("currentTier"));
    } finally {
      ok(service.put("/api/admin/routing/utama/alamat", new JsonObject().put("finalAuthority", "SKPD"), adminBkn));
    }
  }

  @Test
  void verifiersInScopeReadTheDocumentsOfTheSubmissionsTheyVerify() {
    SapkFixture.Person pns = sapk.pns(SapkFixture.SATKER_BKN, true);
    String token = t.pnsToken(pns.nip());
    long doc = t.uploadPdf(token, "SURAT_TUGAS");
    long id = t.submit(token, new JsonObject().put("posisi", new JsonObject().put("lokasi_kerja", wrong("Bogor", doc))));
    JsonObject lokasi = item(t.submission(skpd, id), "lokasi_kerja");
    assertEquals(doc, lokasi.getJsonArray("documents").getJsonObject(0).getLong("id"));
    assertEquals(200, service.get("/api/documents/" + doc, skpd).statusCode());
    assertEquals(200, service.get("/api/documents/" + doc, bkd).statusCode());
    assertEquals(200, service.get("/api/documents/" + doc, token).statusCode(), "the owner");
    assertEquals(404, service.get("/api/documents/" + doc, skpdBandung).statusCode());
    assertEquals(404, service.get("/api/documents/" + doc, bkdBandung).statusCode());
    String stranger = t.pnsToken(sapk.pns(SapkFixture.SATKER_BKN, false).nip());
    assertEquals(404, service.get("/api/documents/" + doc, stranger).statusCode());
  }

  /** The inbox counters (kept by the queue's trigger) equal a full recount of the queue, everywhere. */
  static void assertInboxCountersEqualARecount() {
    assertEquals(List.of(), Recounts.inbox(service));
    assertTrue(Recounts.inboxEntries(service) > 0, "some inbox has work, so the comparison compares something");
  }

  @Test
  void theInboxFiltersPagesAndCounts() {
    // A work unit of its own, so that other tests' submissions do not count here.
    service.sql("insert into satuan_kerja values (22, 2, 'Dinas Perhubungan', 'Bandung')");
    List<Long> mine = new ArrayList<>();
    List<String> nips = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      SapkFixture.Person pns = sapk.pns(22, i % 2 == 0);
      nips.add(pns.nip());
      mine.add(t.submit(t.pnsToken(pns.nip()), new JsonObject().put("utama", new JsonObject()
          .put("alamat", wrong("Jl. Dinkes " + i)))));
    }
    String skpdUnit = t.officerToken(sapk.officer(Role.VERIFIER_SKPD, 22));
    JsonObject first = ok(t.inbox(skpdUnit, "size=2"));
    assertEquals(2, first.getJsonArray("items").size());
    assertEquals(5L, first.getJsonObject("counts").getLong("total"));
    assertEquals(5L, first.getJsonObject("counts").getLong("unclaimed"));
    assertEquals(5L, first.getJsonObject("counts").getJsonObject("sections").getLong("utama"));
    List<Long> seen = new ArrayList<>();
    JsonObject page = first;
    while (true) {
      page.getJsonArray("items").forEach(i -> seen.add(((JsonObject) i).getLong("submissionId")));
      if (page.getString("next") == null) {
        break;
      }
      page = ok(t.inbox(skpdUnit, "size=2&after=" + page.getString("next")));
      assertFalse(page.containsKey("counts"), "counts come with the first page");
    }
    assertEquals(mine, seen, "oldest first, each once");
    assertFalse(ok(t.inbox(skpdUnit, "counts=false")).containsKey("counts"), "a client that wants only the next item");
    JsonObject byNip = ok(t.inbox(skpdUnit, "nip=" + nips.get(3)));
    assertEquals(List.of(mine.get(3)), byNip.getJsonArray("items").stream().map(i -> ((JsonObject) i).getLong("submissionId")).toList());
    assertEquals(1L, byNip.getJsonObject("counts").getLong("matching"));
    assertEquals(5L, byNip.getJsonObject("counts").getLong("total"));
    JsonObject byName = ok(t.inbox(skpdUnit, "nama=siti"));
    assertEquals(3, byName.getJsonArray("items").size());
    assertEquals(0, ok(t.inbox(skpdUnit, "section=posisi")).getJsonArray("items").size());
    assertEquals(5, ok(t.inbox(skpdUnit, "from=2015-01-01&to=2099-01-01")).getJsonArray("items").size());
    assertEquals(0, ok(t.inbox(skpdUnit, "to=2015-01-01")).getJsonArray("items").size());
    assertEquals(5, ok(t.inbox(skpdUnit, "satuanKerjaId=22&claim=unclaimed")).getJsonArray("items").size());
    assertEquals(0, ok(t.inbox(skpdUnit, "satuanKerjaId=21")).getJsonArray("items").size());
    ok(TestService.await(service.withToken(service.http().post("/api/submissions/" + mine.get(1) + "/claim"), skpdUnit)
        .sendJsonObject(new JsonObject())));
    JsonObject claimed = ok(t.inbox(skpdUnit, "size=1")).getJsonObject("counts");
    assertEquals(1L, claimed.getLong("mine"));
    assertEquals(4L, claimed.getLong("unclaimed"));
    assertInboxCountersEqualARecount();
    for (String bad : List.of("size=0", "size=1000", "nip=123", "claim=x", "section=nope", "from=kemarin", "after=zzz",
        "satuanKerjaId=-1", "nama=a")) {
      HttpResponse<Buffer> refused = t.inbox(skpdUnit, bad);
      assertEquals(400, refused.statusCode(), bad + ": " + refused.bodyAsString());
      assertTrue(refused.bodyAsJsonObject().containsKey("fields"), bad);
    }
  }
}

package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.testing.FakeSmtp;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Appointing officers over HTTP and with the command-line tool, and revoking their tokens. */
class OfficerAdminTest {

  static TestService service;
  static FakeSmtp smtp;
  static SapkFixture sapk;
  static Accounts accounts;
  static SapkFixture.Person adminBkn;
  static String adminBknToken;
  static String nationalToken;

  @BeforeAll
  static void start() {
    smtp = FakeSmtp.start();
    Map<String, String> env = new java.util.HashMap<>(smtp.settings());
    env.put("EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "100000");
    env.put("EPUPNS_RATE_LIMIT_PASSWORD_RESET_PER_IP", "100000");
    service = TestService.start(OfficerAdminTest.class, env, false);
    sapk = new SapkFixture(service);
    accounts = new Accounts(service);
    adminBkn = sapk.officer("ADMIN_INSTANSI", SapkFixture.SATKER_BKN);
    adminBknToken = accounts.officerToken(adminBkn);
    nationalToken = accounts.officerToken(sapk.officer("ADMIN_BKN", SapkFixture.SATKER_BKN));
  }

  @AfterAll
  static void stop() {
    service.close();
    smtp.close();
  }

  private static HttpResponse<Buffer> appoint(JsonObject body, String token) {
    return service.post("/api/admin/officers", body, token);
  }

  private static JsonObject appointment(SapkFixture.Person pns, String role) {
    return new JsonObject().put("nip", pns.nip()).put("nama", pns.nama()).put("role", role)
        .put("email", Accounts.officerEmail(pns));
  }

  @Test
  void anAgencyAdminAppointsAVerifierWhoCanLogIn() {
    SapkFixture.Person pns = sapk.pns(SapkFixture.SATKER_BKN, true);
    JsonObject body = appointment(pns, "VERIFIER_SKPD").put("satuanKerjaId", SapkFixture.SATKER_BKN)
        .put("nama", "  " + pns.nama().toUpperCase().replace(" ", "  ") + " ");
    HttpResponse<Buffer> created = appoint(body, adminBknToken);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    JsonObject officer = created.bodyAsJsonObject();
    assertEquals(pns.nama(), officer.getString("nama"), "the name as SAPK has it");
    assertEquals(SapkFixture.SATKER_BKN, officer.getJsonObject("satuanKerja").getInteger("id"));
    assertNull(officer.getValue("initialPassword"), "no password is ever shown");
    assertFalse(officer.getBoolean("passwordSet"));
    assertEquals(401, accounts.login(pns.nip(), "tebakan-sandi-2015").statusCode(), "no password yet");
    String password = "sandi-petugas-baru-2015";
    String link = Accounts.passwordLinkToken(smtp, pns, 0);
    assertEquals(400, accounts.setPassword(link, "12345678").statusCode(), "a common password");
    assertEquals(200, accounts.setPassword(link, password).statusCode());
    assertEquals(410, accounts.setPassword(link, password + "x").statusCode(), "single use");
    HttpResponse<Buffer> login = accounts.login(pns.nip(), password);
    assertEquals(200, login.statusCode(), login.bodyAsString());
    assertEquals("VERIFIER_SKPD", login.bodyAsJsonObject().getString("role"));

    assertEquals(409, appoint(body, adminBknToken).statusCode(), "already an officer");
    assertEquals(1L, service.sql("select count(*) from admin_audit where action = 'OFFICER_CREATE' and target = $1",
        pns.nip()).iterator().next().getLong(0));

    // A BKD verifier of its own agency needs no agency id.
    SapkFixture.Person bkd = sapk.pns(SapkFixture.SATKER_BKN, false);
    HttpResponse<Buffer> bkdCreated = appoint(appointment(bkd, "VERIFIER_BKD"), adminBknToken);
    assertEquals(201, bkdCreated.statusCode(), bkdCreated.bodyAsString());
    assertEquals(SapkFixture.INSTANSI_BKN, bkdCreated.bodyAsJsonObject().getJsonObject("instansi").getInteger("id"));
  }

  @Test
  void appointmentsAreValidatedFieldByField() {
    SapkFixture.Person pns = sapk.pns(SapkFixture.SATKER_BKN, false);
    HttpResponse<Buffer> wrongName = appoint(appointment(pns, "VERIFIER_BKD").put("nama", "Orang Lain"), adminBknToken);
    assertEquals(400, wrongName.statusCode());
    assertTrue(wrongName.bodyAsJsonObject().getJsonObject("fields").containsKey("nama"));

    HttpResponse<Buffer> bad = appoint(new JsonObject().put("nip", "12345").put("role", "VERIFIER_SKPD")
        .put("kanregId", 3), adminBknToken);
    assertEquals(400, bad.statusCode());
    JsonObject fields = bad.bodyAsJsonObject().getJsonObject("fields");
    assertTrue(fields.containsKey("nip") && fields.containsKey("nama") && fields.containsKey("satuanKerjaId")
        && fields.containsKey("kanregId"), fields.encode());
    HttpResponse<Buffer> role = appoint(appointment(pns, "RAJA"), adminBknToken);
    assertTrue(role.bodyAsJsonObject().getJsonObject("fields").containsKey("role"));
    HttpResponse<Buffer> unknownSatker = appoint(appointment(pns, "VERIFIER_SKPD").put("satuanKerjaId", 999),
        adminBknToken);
    assertEquals(400, unknownSatker.statusCode());
    assertTrue(unknownSatker.bodyAsJsonObject().getJsonObject("fields").containsKey("satuanKerjaId"));
    assertEquals(404, appoint(new JsonObject().put("nip", "198001012005011999").put("nama", "Siapa")
        .put("role", "VERIFIER_BKD"), adminBknToken).statusCode(), "NIP not in SAPK");
  }

  @Test
  void anAgencyAdminCannotAppointOutsideItsAgency() {
    SapkFixture.Person own = sapk.pns(SapkFixture.SATKER_BKN, false);
    SapkFixture.Person bandung = sapk.pns(SapkFixture.SATKER_DINKES_BANDUNG, false);
    assertEquals(403, appoint(appointment(own, "VERIFIER_SKPD").put("satuanKerjaId", SapkFixture.SATKER_DINKES_BANDUNG),
        adminBknToken).statusCode(), "work unit of another agency");
    assertEquals(403, appoint(appointment(own, "VERIFIER_BKD").put("instansiId", SapkFixture.INSTANSI_BANDUNG),
        adminBknToken).statusCode(), "another agency");
    assertEquals(403, appoint(appointment(own, "VERIFIER_BKN").put("kanregId", 0), adminBknToken).statusCode());
    assertEquals(403, appoint(appointment(own, "ADMIN_BKN"), adminBknToken).statusCode());
    assertEquals(404, appoint(appointment(bandung, "VERIFIER_BKD"), adminBknToken).statusCode(),
        "a PNS of another agency is not found");
    assertEquals(0L, service.sql("select count(*) from officer where nip in ($1, $2)", own.nip(), bandung.nip())
        .iterator().next().getLong(0));

    // ADMIN_BKN appoints anywhere, including BKN's own verifiers: PNS of BKN only.
    for (String role : new String[] {"VERIFIER_BKN", "ADMIN_BKN"}) {
      JsonObject body = appointment(bandung, role);
      HttpResponse<Buffer> notStaff = appoint(role.equals("ADMIN_BKN") ? body : body.put("kanregId", 3), nationalToken);
      assertEquals(400, notStaff.statusCode(), role + ": " + notStaff.bodyAsString());
      assertTrue(notStaff.bodyAsJsonObject().getJsonObject("fields").getString("nip").contains("Badan Kepegawaian Negara"),
          notStaff.bodyAsString());
    }
    assertEquals(0L, service.sql("select count(*) from officer where nip = $1", bandung.nip()).iterator().next().getLong(0));
    SapkFixture.Person bknStaff = sapk.pns(SapkFixture.SATKER_BKN, false);
    HttpResponse<Buffer> bkn = appoint(appointment(bknStaff, "VERIFIER_BKN").put("kanregId", 3), nationalToken);
    assertEquals(201, bkn.statusCode(), bkn.bodyAsString());
    assertEquals(3, bkn.bodyAsJsonObject().getInteger("kanregId"));

    // Lists and changes stay inside the agency too.
    SapkFixture.Person bandungVerifier = sapk.officer("VERIFIER_SKPD", SapkFixture.SATKER_DINKES_BANDUNG);
    JsonArray mine = service.get("/api/admin/officers?size=100", adminBknToken).bodyAsJsonObject().getJsonArray("items");
    assertTrue(mine.stream().map(JsonObject.class::cast).anyMatch(o -> o.getString("nip").equals(adminBkn.nip())));
    assertFalse(mine.stream().map(JsonObject.class::cast).anyMatch(o -> o.getString("nip").equals(bandungVerifier.nip())));
    assertEquals(404, service.post("/api/admin/officers/" + bandungVerifier.nip() + "/disable", new JsonObject(),
        adminBknToken).statusCode());
    assertEquals(404, service.put("/api/admin/officers/" + bandungVerifier.nip(),
        new JsonObject().put("role", "VERIFIER_BKD"), adminBknToken).statusCode());
    HttpResponse<Buffer> toBkn = service.put("/api/admin/officers/" + bandungVerifier.nip(),
        new JsonObject().put("role", "VERIFIER_BKN").put("kanregId", 3), nationalToken);
    assertEquals(400, toBkn.statusCode(), "a Kota Bandung PNS made a BKN verifier: " + toBkn.bodyAsString());
    assertTrue(toBkn.bodyAsJsonObject().getJsonObject("fields").containsKey("nip"));
    assertEquals("VERIFIER_SKPD", service.sql("select role from officer where nip = $1", bandungVerifier.nip()).iterator()
        .next().getString(0));
    JsonArray all = service.get("/api/admin/officers?size=100&q=" + bandungVerifier.nip().substring(0, 10), nationalToken)
        .bodyAsJsonObject().getJsonArray("items");
    assertTrue(all.stream().map(JsonObject.class::cast).anyMatch(o -> o.getString("nip").equals(bandungVerifier.nip())));
  }

  @Test
  void roleChangesAndDisablingRevokeTokensAtOnce() {
    SapkFixture.Person pns = sapk.pns(SapkFixture.SATKER_BKN, true);
    assertEquals(201, appoint(appointment(pns, "VERIFIER_SKPD").put("satuanKerjaId", SapkFixture.SATKER_BKN),
        adminBknToken).statusCode());
    String password = "sandi-petugas-baru-2015";
    String token = accounts.activate(smtp, pns, password);
    assertEquals(200, service.get("/api/auth/me", token).statusCode());
    assertEquals(403, service.get("/api/admin/officers", token).statusCode(), "a verifier is not an admin");

    HttpResponse<Buffer> changed = service.put("/api/admin/officers/" + pns.nip(),
        new JsonObject().put("role", "VERIFIER_BKD"), adminBknToken);
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    assertEquals("VERIFIER_BKD", changed.bodyAsJsonObject().getString("role"));
    assertEquals(401, service.get("/api/auth/me", token).statusCode());
    token = accounts.token(pns.nip(), password);
    assertEquals("VERIFIER_BKD", service.get("/api/auth/me", token).bodyAsJsonObject().getString("role"));

    HttpResponse<Buffer> disabled = service.post("/api/admin/officers/" + pns.nip() + "/disable", new JsonObject(),
        adminBknToken);
    assertEquals(200, disabled.statusCode());
    assertTrue(disabled.bodyAsJsonObject().getBoolean("disabled"));
    assertEquals(401, service.get("/api/auth/me", token).statusCode());
    assertEquals(401, accounts.login(pns.nip(), password).statusCode());
    assertEquals(200, service.post("/api/admin/officers/" + pns.nip() + "/enable", new JsonObject(), adminBknToken)
        .statusCode());
    assertEquals(200, accounts.login(pns.nip(), password).statusCode());

    assertEquals(409, service.post("/api/admin/officers/" + adminBkn.nip() + "/disable", new JsonObject(),
        adminBknToken).statusCode(), "not oneself");
    assertEquals(4L, service.sql("select count(*) from admin_audit where target = $1 and action <> 'OFFICER_CREATE'",
        pns.nip()).iterator().next().getLong(0));
  }

  @Test
  void removingAnOfficerEndsItsSessionsReleasesItsClaimsAndIsAudited() {
    SapkFixture.Person verifier = sapk.pns(SapkFixture.SATKER_BKN, false);
    assertEquals(201, appoint(appointment(verifier, "VERIFIER_SKPD").put("satuanKerjaId", SapkFixture.SATKER_BKN),
        adminBknToken).statusCode());
    String token = accounts.activate(smtp, verifier, "sandi-verifikator-2015");
    // A submission this verifier has claimed at its tier.
    SapkFixture.Person pns = sapk.pns(SapkFixture.SATKER_BKN, true);
    long submission = service.sql("""
        insert into submission (nip, satuan_kerja_id, instansi_id, kanreg_id, status)
        values ($1, $2, $3, 0, 'IN_VERIFICATION') returning id""", pns.nip(), SapkFixture.SATKER_BKN,
        SapkFixture.INSTANSI_BKN).iterator().next().getLong(0);
    service.sql("""
        insert into submission_tier (submission_id, tier, satuan_kerja_id, instansi_id, kanreg_id, submitted_at, nama,
          pending, claimed_by, claim_expires_at)
        values ($1, 'SKPD', $2, $3, 0, now(), $4, 1, $5, now() + interval '30 minutes')""", submission,
        SapkFixture.SATKER_BKN, SapkFixture.INSTANSI_BKN, pns.nama(), verifier.nip());

    HttpResponse<Buffer> removed = service.delete("/api/admin/officers/" + verifier.nip(), adminBknToken);
    assertEquals(200, removed.statusCode(), removed.bodyAsString());
    assertEquals(401, service.get("/api/auth/me", token).statusCode(), "its tokens stop at once");
    assertEquals(401, accounts.login(verifier.nip(), "sandi-verifikator-2015").statusCode());
    assertEquals(0L, service.sql("select count(*) from auth_session s join officer o on o.id = s.officer_id "
        + "where o.nip = $1 and s.ended_at is null", verifier.nip()).iterator().next().getLong(0));
    assertNull(service.sql("select claimed_by from submission_tier where submission_id = $1", submission)
        .iterator().next().getValue(0), "its claim went back to the inbox");
    JsonObject audit = service.sql("select details from admin_audit where action = 'OFFICER_REMOVE' and target = $1",
        verifier.nip()).iterator().next().getJsonObject(0);
    assertEquals(1, audit.getInteger("sessionsEnded"));
    assertEquals(1, audit.getInteger("claimsReleased"));
    assertFalse(service.get("/api/admin/officers?size=100", adminBknToken).bodyAsJsonObject().getJsonArray("items")
        .stream().map(JsonObject.class::cast).anyMatch(o -> o.getString("nip").equals(verifier.nip())));
    assertEquals(404, service.delete("/api/admin/officers/" + verifier.nip(), adminBknToken).statusCode());

    // Appointed again later: a fresh account with a new link (the old password does not come back).
    HttpResponse<Buffer> again = appoint(appointment(verifier, "VERIFIER_BKD"), adminBknToken);
    assertEquals(201, again.statusCode(), again.bodyAsString());
    assertFalse(again.bodyAsJsonObject().getBoolean("passwordSet"));
    assertEquals(401, accounts.login(verifier.nip(), "sandi-verifikator-2015").statusCode());
  }

  @Test
  void theRolesListSaysWhichScopeEachRoleNeeds() {
    JsonArray agency = service.get("/api/admin/officers/roles", adminBknToken).bodyAsJsonObject().getJsonArray("items");
    assertEquals(3, agency.size(), agency.encode());
    JsonObject skpd = agency.stream().map(JsonObject.class::cast).filter(r -> r.getString("role").equals("VERIFIER_SKPD"))
        .findFirst().orElseThrow();
    assertEquals("WORK_UNIT", skpd.getJsonObject("scope").getString("level"));
    assertEquals("satuanKerjaId", skpd.getJsonObject("scope").getString("field"));
    JsonArray all = service.get("/api/admin/officers/roles", nationalToken).bodyAsJsonObject().getJsonArray("items");
    assertEquals(5, all.size());
    assertTrue(all.stream().map(JsonObject.class::cast).anyMatch(r -> r.getString("role").equals("VERIFIER_BKN")
        && r.getJsonObject("scope").getString("field").equals("kanregId")));
  }

  private record Run(int code, String out, String err) {
  }

  private static Run command(String name, String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> env = Map.of(
        "EPUPNS_DB_URL", service.running().config().string("db.url"),
        "EPUPNS_PASSWORD_HASH_MEMORY_KIB", "1024",
        "EPUPNS_PASSWORD_HASH_ITERATIONS", "1");
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code = name.equals("officer-create")
        ? OfficerCommands.create(args, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e)
        : OfficerCommands.disable(args, env, o, e);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theOfficerCreateCommandMakesAWorkingLoginAndOfficerDisableEndsIt() {
    SapkFixture.Person first = sapk.pns(SapkFixture.SATKER_BKN, false);
    Run created = command("officer-create", "sandi-dari-stdin-2015\n",
        "--nip", first.nip(), "--role", "ADMIN_INSTANSI", "--instansi", "1", "--password-stdin");
    assertEquals(0, created.code(), created.err());
    HttpResponse<Buffer> login = accounts.login(first.nip(), "sandi-dari-stdin-2015");
    assertEquals(200, login.statusCode(), login.bodyAsString());
    assertEquals("ADMIN_INSTANSI", login.bodyAsJsonObject().getString("role"));
    assertEquals(first.nama(), service.sql("select nama from officer where nip = $1", first.nip()).iterator().next()
        .getString(0));

    SapkFixture.Person second = sapk.pns(SapkFixture.SATKER_BKN, true);
    Run generated = command("officer-create", "", "--nip", second.nip(), "--role", "ADMIN_BKN");
    assertEquals(0, generated.code(), generated.err());
    Matcher password = Pattern.compile("initial password[^:]*: (\\S+)").matcher(generated.out());
    assertTrue(password.find(), generated.out());
    String token = accounts.token(second.nip(), password.group(1));

    assertEquals(1, command("officer-create", "", "--nip", second.nip(), "--role", "ADMIN_BKN").code(), "exists");
    assertEquals(1, command("officer-create", "", "--nip", "198001012005011999", "--role", "ADMIN_BKN").code(),
        "not in SAPK");
    Run notStaff = command("officer-create", "", "--nip", sapk.pns(SapkFixture.SATKER_DINKES_BANDUNG, true).nip(),
        "--role", "ADMIN_BKN");
    assertEquals(1, notStaff.code(), "a Kota Bandung PNS as ADMIN_BKN");
    assertTrue(notStaff.err().contains("Badan Kepegawaian Negara"), notStaff.err());
    assertEquals(2, command("officer-create", "", "--nip", first.nip(), "--role", "RAJA").code());
    Run noScope = command("officer-create", "", "--nip", first.nip(), "--role", "VERIFIER_BKD");
    assertEquals(2, noScope.code());
    assertTrue(noScope.err().contains("instansiId"), noScope.err());
    assertEquals(2, command("officer-create", "pendek\n", "--nip", first.nip(), "--role", "ADMIN_BKN",
        "--password-stdin").code(), "password too short");
    assertEquals(1, command("officer-create", "", "--nip", sapk.pns(SapkFixture.SATKER_BKN, true).nip(),
        "--role", "VERIFIER_SKPD", "--satker", "999").code(), "unknown work unit");

    Run disabled = command("officer-disable", "", "--nip", second.nip());
    assertEquals(0, disabled.code(), disabled.err());
    assertEquals(401, service.get("/api/auth/me", token).statusCode());
    assertEquals(401, accounts.login(second.nip(), password.group(1)).statusCode());
    assertEquals(1, command("officer-disable", "", "--nip", "198001012005011999").code());
    assertEquals(2, command("officer-disable", "", "--nap", second.nip()).code());
  }
}

package id.go.bkn.epupns.core;

import id.go.bkn.epupns.ServedRoutes;
import id.go.bkn.epupns.sapk.DemoData;
import id.go.bkn.epupns.testing.ContractCheck;
import id.go.bkn.epupns.testing.FakeSmtp;
import id.go.bkn.epupns.testing.ContractCheck.Exchange;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.Operation;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The served contract (GET /openapi.yaml) tells the truth: a realistic scenario drives every operation over
 * HTTP against a real service, and every exchange is checked against the contract with vertx-openapi's
 * request and response validators and {@link ContractCheck}'s own checks (documented status, body, media type,
 * fields, Error shape, security). Then every operation is probed without a token and with a token of a role
 * it does not serve. All violations are collected and listed at once. A second test compares the routes the
 * router really serves with the contract's operations, both ways.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContractConformanceTest {

  static final String PASSWORD = "kopi tubruk di pagi hari";
  static final String MOTHER = "Siti Nurhayati";
  static final String QUESTION = "Apa nama sekolah dasar pertama Anda?";
  static final String ANSWER = "SD Negeri 3 Cibeunying";
  /** Valid NIP (1960-01-01, CPNS 1985-03, male, 999) not in the demo data, and a NIK that agrees with it. */
  static final String UNKNOWN_NIP = "196001011985031999";
  static final String UNKNOWN_NIK = "3273050101600001";
  static final String MANAGEMENT_TOKEN = "kontrak-manajemen-0123456789";

  static TestService service;
  static ContractCheck contract;
  /** Mails are delivered here: a reset link is readable nowhere else. */
  static FakeSmtp smtp;

  @BeforeAll
  static void start() {
    smtp = FakeSmtp.start();
    Map<String, String> env = new java.util.HashMap<>(smtp.settings());
    env.putAll(Map.of(
        "EPUPNS_CAPTCHA_EXPOSE_ANSWER", "true",
        "EPUPNS_UPLOADS_MAX_BYTES", "100000",
        "EPUPNS_RATE_LIMIT_LOOKUP_PER_IP", "6",
        "EPUPNS_RATE_LIMIT_LOGIN_PER_ACCOUNT", "5",
        "EPUPNS_LOGIN_THROTTLE_FREE_FAILURES", "100",
        "EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "1000",
        "EPUPNS_RATE_LIMIT_CAPTCHA_PER_IP", "1000",
        "EPUPNS_RATE_LIMIT_REGISTRATION_PER_IP", "1000",
        "EPUPNS_RATE_LIMIT_STATUS_PER_IP", "1000"));
    env.putAll(Map.of(
        "EPUPNS_RATE_LIMIT_RECOVERY_NUMBER_PER_IP", "1000",
        "EPUPNS_RATE_LIMIT_RECOVERY_ANSWER_PER_IP", "1000",
        "EPUPNS_RATE_LIMIT_PASSWORD_RESET_PER_IP", "1000"));
    env.put("EPUPNS_MANAGEMENT_TOKEN", MANAGEMENT_TOKEN);
    service = TestService.start(ContractConformanceTest.class, env, true);
    contract = ContractCheck.servedBy(service);
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
    smtp.close();
  }

  /** The status query, with a fresh solved captcha (cek status is behind one). */
  private String statusUri(String nip) {
    JsonObject captcha = captcha();
    return "/api/registrations/status?nip=" + nip + "&captchaId=" + enc(captcha.getString("captchaId"))
        + "&captchaAnswer=" + enc(captcha.getString("captchaAnswer"));
  }

  // ------------------------------------------------------------------------------------------- scenario

  @Test
  @Order(1)
  void theServiceAnswersAsItsContractSays() throws Exception {
    service();
    Registered female = registrationAndRecovery();
    Tokens tokens = loginAndAdministration(female);
    form(tokens);
    verification(tokens);
    probes(tokens);
    endOfSessions(tokens);

    List<String> notCalled = new ArrayList<>();
    for (Operation op : contract.contract().operations()) {
      if (!contract.exercised().containsKey(op.getOperationId())) {
        notCalled.add(op.getOperationId());
      }
    }
    contract.exercised().forEach((id, statuses) -> System.out.println("exercised " + id + " " + statuses));
    String report = contract.report();
    java.nio.file.Files.writeString(java.nio.file.Path.of("target/contract-violations.txt"), report);
    if (!report.isEmpty() || !notCalled.isEmpty()) {
      fail(report + (notCalled.isEmpty() ? "" : "\noperations the scenario never called: " + notCalled));
    }
  }

  private void service() {
    contract.get("health", "/health", null).expect(200);
    contract.get("metrics", "/metrics", MANAGEMENT_TOKEN).expect(200);
    contract.get("metrics", "/metrics", "bukan-token-manajemen").expect(401);
    contract.get("getOpenApi", "/openapi.yaml", null).expect(200);
    contract.get("getSchedule", "/api/schedule", null).expect(200);
    // The waiting room is off here: admitted at once (WaitingRoomApiTest covers it switched on).
    contract.post("enterWaitingRoom", "/api/admission", new JsonObject().put("flow", "registration"), null).expect(200);
    contract.post("enterWaitingRoom", "/api/admission", new JsonObject().put("flow", "antah-berantah"), null).expect(400);
    contract.send(contract.call("leaveWaitingRoom", HttpMethod.DELETE, "/api/admission")).expect(204);
    contract.get("securityQuestions", "/api/registrations/questions", null).expect(200);
    Exchange catalogue = contract.get("getFieldCatalogue", "/api/form/catalogue", null).expect(200);
    contract.send(contract.call("getFieldCatalogue", HttpMethod.GET, "/api/form/catalogue")
        .header("If-None-Match", String.valueOf(catalogue.response.getHeader("ETag")))).expect(304);
    contract.get("searchInstansi", "/api/instansi?q=" + enc("Bandung"), null).expect(200);
    contract.get("searchInstansi", "/api/instansi?q=a", null).expect(400);
  }

  record Registered(String nip, String number, String proofUrl) {
  }

  private JsonObject captcha() {
    JsonObject captcha = contract.post("createCaptcha", "/api/captcha", null, null).expect(200).json();
    return new JsonObject().put("captchaId", captcha.getString("id")).put("captchaAnswer", captcha.getString("answer"));
  }

  private JsonObject registration(String nip, String nik) {
    return new JsonObject().put("nip", nip).put("nik", nik).put("email", "pns" + nip + "@example.go.id")
        .put("password", PASSWORD).put("passwordConfirmation", PASSWORD).put("motherName", MOTHER)
        .put("securityQuestion", QUESTION).put("securityAnswer", ANSWER).mergeIn(captcha());
  }

  private Registered register(String nip, String nik) {
    JsonObject body = contract.post("register", "/api/registrations", registration(nip, nik), null).expect(201).json();
    return new Registered(nip, body.getString("registrationNumber"), body.getString("proofUrl"));
  }

  private Registered registrationAndRecovery() throws Exception {
    // Cari
    contract.get("lookupPns", "/api/pns/" + DemoData.DEMO_PNS_FEMALE_NIP, null).expect(200);
    contract.get("lookupPns", "/api/pns/12345", null).expect(400);
    contract.get("lookupPns", "/api/pns/" + UNKNOWN_NIP, null).expect(404);

    // Register: field errors, captcha, unknown NIP, created, already registered
    contract.post("register", "/api/registrations", registration(DemoData.DEMO_PNS_FEMALE_NIP, "32730270119000031234"),
        null).expect(400);
    contract.post("register", "/api/registrations", registration(DemoData.DEMO_PNS_FEMALE_NIP,
        DemoData.DEMO_PNS_FEMALE_NIK).put("captchaAnswer", "ZZZZZ"), null).expect(422);
    contract.post("register", "/api/registrations", registration(UNKNOWN_NIP, UNKNOWN_NIK), null).expect(404);
    Registered female = register(DemoData.DEMO_PNS_FEMALE_NIP, DemoData.DEMO_PNS_FEMALE_NIK);
    contract.post("register", "/api/registrations", registration(DemoData.DEMO_PNS_FEMALE_NIP,
        DemoData.DEMO_PNS_FEMALE_NIK), null).expect(409);

    // Cek status
    contract.get("registrationStatus", statusUri(female.nip()), null).expect(200);
    contract.get("registrationStatus", statusUri(UNKNOWN_NIP), null).expect(200);
    contract.get("registrationStatus", statusUri("123"), null).expect(400);
    contract.get("registrationStatus", statusUri(female.nip()).replaceFirst("captchaAnswer=[^&]+", "captchaAnswer=ZZZZZ"),
        null).expect(422);

    // Proof: download, verify its printed code, tampered link
    Exchange pdf = contract.get("downloadProof", female.proofUrl(), null).expect(200);
    String text;
    try (PDDocument document = Loader.loadPDF(pdf.response.body().getBytes())) {
      text = new PDFTextStripper().getText(document);
    }
    Matcher code = Pattern.compile("cek-bukti\\.html\\?code=(\\S+)").matcher(text);
    assertTrue(code.find(), text);
    contract.get("verifyProof", "/api/proofs/verify?code=" + enc(code.group(1)), null).expect(200);
    contract.get("verifyProof", "/api/proofs/verify?code=bukan-kode", null).expect(400);
    contract.get("downloadProof", female.proofUrl().replaceFirst("sig=[^&]+", "sig=AAAA"), null).expect(403);
    contract.get("downloadProof", "/api/proofs/K7QM-3XRT-9WD2-H.pdf", null).expect(403);

    // Lupa nomor: question, wrong answer, right answer, unknown and malformed NIP
    String numberPath = "/api/recovery/registration-number";
    contract.post("recoverRegistrationNumber", numberPath, new JsonObject().put("nip", female.nip()).mergeIn(captcha()),
        null).expect(200);
    contract.post("recoverRegistrationNumber", numberPath, new JsonObject().put("nip", female.nip()), null).expect(400);
    contract.post("recoverRegistrationNumber", numberPath, new JsonObject().put("nip", female.nip())
        .put("answer", "salah").mergeIn(captcha()), null).expect(422);
    contract.post("recoverRegistrationNumber", numberPath, new JsonObject().put("nip", female.nip())
        .put("answer", ANSWER).mergeIn(captcha()), null).expect(200);
    contract.post("recoverRegistrationNumber", numberPath, new JsonObject().put("nip", UNKNOWN_NIP).mergeIn(captcha()),
        null).expect(404);
    contract.post("recoverRegistrationNumber", numberPath, new JsonObject().put("nip", "1"), null).expect(400);
    // Lupa jawaban
    String answerPath = "/api/recovery/security-answer";
    contract.post("recoverSecurityAnswer", answerPath, new JsonObject().put("nip", female.nip())
        .put("motherName", MOTHER).mergeIn(captcha()), null).expect(200);
    contract.post("recoverSecurityAnswer", answerPath, new JsonObject().put("nip", female.nip())
        .put("motherName", "Bukan Ibu").mergeIn(captcha()), null).expect(422);
    contract.post("recoverSecurityAnswer", answerPath, new JsonObject().put("nip", UNKNOWN_NIP)
        .put("motherName", MOTHER).mergeIn(captcha()), null).expect(404);
    contract.post("recoverSecurityAnswer", answerPath, new JsonObject().put("nip", female.nip()), null).expect(400);

    // Pengaduan
    JsonObject complaint = new JsonObject().put("nip", UNKNOWN_NIP).put("nama", "Ujang Sopandi").put("nik", UNKNOWN_NIK)
        .put("instansiId", DemoData.INSTANSI_KOTA_BANDUNG_ID)
        .put("description", "NIP saya tidak ditemukan saat mendaftar.").put("contact", "ujang@example.go.id");
    contract.post("fileComplaint", "/api/complaints", complaint.copy().mergeIn(captcha()), null).expect(201);
    contract.post("fileComplaint", "/api/complaints", complaint.copy().mergeIn(captcha()).put("captchaAnswer", "ZZZZZ"),
        null).expect(422);
    contract.post("fileComplaint", "/api/complaints", complaint.copy().put("nik", "1").mergeIn(captcha()), null)
        .expect(400);
    contract.post("fileComplaint", "/api/complaints", complaint.copy().put("nip", female.nip()).mergeIn(captcha()), null)
        .expect(409);

    // Rate limited lookups (perIp 6 in this service; three were made above)
    for (int i = 0; i < 4; i++) {
      contract.get("lookupPns", "/api/pns/" + UNKNOWN_NIP, null).expect(404, 429);
    }
    contract.get("lookupPns", "/api/pns/" + UNKNOWN_NIP, null).expect(429);
    return female;
  }

  record Tokens(String female, JsonObject femaleLogin, String asep, Registered asepRegistration, String teacher,
                Registered teacherRegistration,
                String adminKota, String adminJabar, String adminKab, String adminKemenkes, String adminBkn,
                String verifierSkpd) {
  }

  private String login(String username, String password) {
    return contract.post("login", "/api/auth/login", new JsonObject().put("username", username)
        .put("password", password), null).expect(200).json().getString("token");
  }

  private String officer(String nip) {
    return login(nip, DemoData.OFFICER_PASSWORD);
  }

  private Tokens loginAndAdministration(Registered female) {
    // Not yet approved, wrong password, officers
    contract.post("login", "/api/auth/login", new JsonObject().put("username", female.number())
        .put("password", PASSWORD), null).expect(403);
    contract.post("login", "/api/auth/login", new JsonObject().put("username", female.number())
        .put("password", "bukan kata sandinya"), null).expect(401);
    contract.post("login", "/api/auth/login", new JsonObject().put("password", "x"), null).expect(400);
    for (int i = 0; i < 6; i++) {
      contract.post("login", "/api/auth/login", new JsonObject().put("username", "TIDAK-ADA-AKUN")
          .put("password", "salah salah"), null).expect(401, 429);
    }
    contract.post("login", "/api/auth/login", new JsonObject().put("username", "TIDAK-ADA-AKUN")
        .put("password", "salah salah"), null).expect(429);
    String adminJabar = officer(DemoData.ADMIN_INSTANSI_PROV_JABAR_NIP);
    String adminKota = officer(DemoData.ADMIN_INSTANSI_KOTA_BANDUNG_NIP);
    String adminKab = officer(DemoData.ADMIN_INSTANSI_KAB_BANDUNG_NIP);
    String adminKemenkes = officer(DemoData.ADMIN_INSTANSI_KEMENKES_NIP);
    String adminBkn = officer(DemoData.ADMIN_BKN_NIP);
    String verifierSkpd = officer(DemoData.VERIFIER_SKPD_SETDA_PROV_JABAR_NIP);

    // Refresh and me
    JsonObject adminLogin = contract.post("login", "/api/auth/login", new JsonObject()
        .put("username", DemoData.ADMIN_BKN_NIP).put("password", DemoData.OFFICER_PASSWORD), null).expect(200).json();
    JsonObject refreshed = contract.post("refresh", "/api/auth/refresh", new JsonObject().put("refreshToken",
        adminLogin.getString("refreshToken")), null).expect(200).json();
    // The refresh token used is retired: used again, it ends the session (and its new tokens).
    contract.post("refresh", "/api/auth/refresh", new JsonObject().put("refreshToken",
        adminLogin.getString("refreshToken")), null).expect(401);
    contract.get("me", "/api/auth/me", refreshed.getString("token")).expect(401);
    // Logout: the session's tokens stop at once.
    JsonObject outLogin = contract.post("login", "/api/auth/login", new JsonObject()
        .put("username", DemoData.ADMIN_BKN_NIP).put("password", DemoData.OFFICER_PASSWORD), null).expect(200).json();
    contract.post("logout", "/api/auth/logout", new JsonObject().put("refreshToken",
        outLogin.getString("refreshToken")), outLogin.getString("token")).expect(204);
    contract.get("me", "/api/auth/me", outLogin.getString("token")).expect(401);
    contract.post("logout", "/api/auth/logout", new JsonObject(), null).expect(400);
    contract.post("refresh", "/api/auth/refresh", new JsonObject().put("refreshToken", "bukan.token.ini"), null)
        .expect(401);
    contract.post("refresh", "/api/auth/refresh", new JsonObject(), null).expect(400);
    contract.get("me", "/api/auth/me", adminJabar).expect(200);
    contract.get("me", "/api/auth/me", "bukan.token.ini").expect(401);

    // Approval: list, approve, approve again, outside the agency, bad status
    contract.get("listRegistrations", "/api/admin/registrations?status=PENDING_APPROVAL", adminJabar).expect(200);
    contract.get("listRegistrations", "/api/admin/registrations?status=APPROVED&q=1990&page=1&size=5", adminBkn)
        .expect(200);
    contract.get("listRegistrations", "/api/admin/registrations?status=BOGUS", adminJabar).expect(400);
    contract.post("decideRegistration", "/api/admin/registrations/" + female.nip() + "/approve", null, adminKota)
        .expect(404);
    contract.post("decideRegistration", "/api/admin/registrations/" + female.nip() + "/approve", null, adminJabar)
        .expect(200);
    contract.post("decideRegistration", "/api/admin/registrations/" + female.nip() + "/approve", null, adminJabar)
        .expect(409);
    contract.post("decideRegistration", "/api/admin/registrations/" + female.nip() + "/approve", null, adminBkn)
        .expect(403);
    JsonObject femaleLogin = contract.post("login", "/api/auth/login", new JsonObject()
        .put("username", female.number()).put("password", PASSWORD), null).expect(200).json();

    // Asep: his agency (Kota Bandung) needs no approval
    Registered asep = register(DemoData.DEMO_PNS_NIP, DemoData.DEMO_PNS_NIK);
    String asepToken = login(asep.number(), PASSWORD);
    // Teacher (Kab. Bandung): approved by her bureau
    Registered teacher = register(DemoData.DEMO_PNS_TEACHER_NIP, DemoData.DEMO_PNS_TEACHER_NIK);
    contract.post("decideRegistration", "/api/admin/registrations/" + teacher.nip() + "/approve",
        new JsonObject(), adminKab).expect(200);
    String teacherToken = login(teacher.number(), PASSWORD);
    // Doctor (Kab. Bandung): rejected (a reason is required)
    Registered doctor = register(DemoData.DEMO_PNS_DOCTOR_NIP, DemoData.DEMO_PNS_DOCTOR_NIK);
    contract.post("decideRegistration", "/api/admin/registrations/" + doctor.nip() + "/reject", new JsonObject(),
        adminKab).expect(400);
    contract.post("decideRegistration", "/api/admin/registrations/" + doctor.nip() + "/reject",
        new JsonObject().put("reason", "Bukan pendaftaran yang bersangkutan."), adminKab).expect(200);
    contract.post("decideRegistration", "/api/admin/registrations/" + doctor.nip() + "/reject",
        new JsonObject().put("reason", "Sekali lagi."), adminKab).expect(409);
    contract.get("registrationStatus", statusUri(doctor.nip()), null).expect(200);

    // The agency's approval switch
    String kota = "/api/admin/instansi/" + DemoData.INSTANSI_KOTA_BANDUNG_ID;
    contract.get("getAgency", kota, adminKota).expect(200);
    contract.get("getAgency", "/api/admin/instansi/" + DemoData.INSTANSI_KAB_BANDUNG_ID, adminKota).expect(403, 404);
    contract.get("getAgency", "/api/admin/instansi/999999", adminBkn).expect(404);
    contract.put("setAgencyApproval", kota + "/approval", new JsonObject().put("required", true), adminKota).expect(200);
    contract.put("setAgencyApproval", kota + "/approval", new JsonObject().put("required", false), adminBkn).expect(200);
    contract.put("setAgencyApproval", kota + "/approval", new JsonObject().put("required", "ya"), adminKota).expect(400);
    contract.put("setAgencyApproval", "/api/admin/instansi/999999/approval", new JsonObject().put("required", true),
        adminBkn).expect(404);
    contract.put("setAgencyApproval", "/api/admin/instansi/" + DemoData.INSTANSI_KAB_BANDUNG_ID + "/approval",
        new JsonObject().put("required", false), adminKota).expect(403, 404);

    // Officers
    contract.get("listOfficers", "/api/admin/officers", adminKemenkes).expect(200);
    contract.get("listOfficers", "/api/admin/officers?role=VERIFIER_SKPD&q=19&page=1&size=10", adminBkn).expect(200);
    contract.get("listOfficers", "/api/admin/officers?role=BOGUS", adminBkn).expect(400);
    JsonObject appoint = new JsonObject().put("nip", DemoData.DEMO_PNS_PUSAT_NIP).put("nama", DemoData.DEMO_PNS_PUSAT_NAMA)
        .put("role", "VERIFIER_BKD").put("email", "bayu.nugroho@example.org");
    contract.post("appointOfficer", "/api/admin/officers", appoint, adminKemenkes).expect(201);
    contract.post("appointOfficer", "/api/admin/officers", appoint, adminKemenkes).expect(409);
    contract.post("appointOfficer", "/api/admin/officers", appoint.copy().put("nama", "Orang Lain"), adminKemenkes)
        .expect(400);
    contract.post("appointOfficer", "/api/admin/officers", appoint.copy().put("nip", UNKNOWN_NIP), adminKemenkes)
        .expect(404);
    contract.post("appointOfficer", "/api/admin/officers", appoint.copy().put("nip", DemoData.DEMO_PNS_NIP)
        .put("nama", DemoData.DEMO_PNS_NAMA), adminKemenkes).expect(403, 404);
    int satker = service.sql("select satuan_kerja_id from pns where nip = $1", DemoData.DEMO_PNS_PUSAT_NIP)
        .iterator().next().getInteger(0);
    String officerPath = "/api/admin/officers/" + DemoData.DEMO_PNS_PUSAT_NIP;
    contract.put("changeOfficer", officerPath, new JsonObject().put("role", "VERIFIER_SKPD")
        .put("satuanKerjaId", satker), adminKemenkes).expect(200);
    contract.put("changeOfficer", officerPath, new JsonObject().put("role", "BOGUS"), adminKemenkes).expect(400);
    contract.put("changeOfficer", "/api/admin/officers/" + DemoData.ADMIN_INSTANSI_KEMENKES_NIP,
        new JsonObject().put("role", "VERIFIER_BKD"), adminKemenkes).expect(409);
    contract.put("changeOfficer", "/api/admin/officers/" + UNKNOWN_NIP, new JsonObject().put("role", "VERIFIER_BKD"),
        adminKemenkes).expect(404);
    contract.post("disableOrEnableOfficer", officerPath + "/disable", null, adminKemenkes).expect(200);
    contract.post("disableOrEnableOfficer", officerPath + "/enable", null, adminKemenkes).expect(200);
    contract.post("disableOrEnableOfficer", "/api/admin/officers/" + DemoData.ADMIN_INSTANSI_KEMENKES_NIP + "/disable",
        null, adminKemenkes).expect(409);
    contract.post("disableOrEnableOfficer", "/api/admin/officers/" + UNKNOWN_NIP + "/disable", null, adminKemenkes)
        .expect(404);
    contract.post("disableOrEnableOfficer", officerPath + "/password-link", null, adminKemenkes).expect(200);
    contract.post("setOfficerPassword", "/api/officer-password", new JsonObject().put("token", "x".repeat(43))
        .put("password", "sandi-petugas-2015").put("passwordConfirmation", "sandi-petugas-2015"), null).expect(400);
    contract.post("setOfficerPassword", "/api/officer-password", new JsonObject().put("token", "pendek"), null).expect(400);
    contract.get("officerRoles", "/api/admin/officers/roles", adminKemenkes).expect(200);
    contract.get("adminLookupAgencies", "/api/admin/lookup/instansi?q=bandung", adminBkn).expect(200);
    contract.get("adminLookupAgencies", "/api/admin/lookup/instansi", adminKemenkes).expect(200);
    contract.get("adminLookupWorkUnits", "/api/admin/lookup/satuan-kerja?q=rs", adminKemenkes).expect(200);
    contract.get("adminLookupWorkUnits", "/api/admin/lookup/satuan-kerja?instansiId=" + DemoData.INSTANSI_KAB_BANDUNG_ID,
        adminKemenkes).expect(403);
    contract.get("adminLookupWorkUnits", "/api/admin/lookup/satuan-kerja", adminBkn).expect(400);
    contract.get("adminLookupOffices", "/api/admin/lookup/kantor-bkn?q=regional", adminBkn).expect(200);
    contract.get("adminLookupProvinces", "/api/admin/lookup/provinsi?q=jawa", adminBkn).expect(200);
    contract.get("adminLookupProvinces", "/api/admin/lookup/provinsi?q=" + "x".repeat(61), adminBkn).expect(400);
    contract.send(contract.call("removeOfficer", HttpMethod.DELETE, officerPath).token(adminKemenkes)).expect(200);
    contract.send(contract.call("removeOfficer", HttpMethod.DELETE, officerPath).token(adminKemenkes)).expect(404);
    contract.get("listAudit", "/api/admin/audit?action=OFFICER_REMOVE", adminKemenkes).expect(200);
    contract.get("listAudit", "/api/admin/audit?size=5&before=1000000", adminBkn).expect(200);
    contract.get("listAudit", "/api/admin/audit?from=kemarin", adminBkn).expect(400);
    contract.get("listAudit", "/api/admin/audit?instansiId=" + DemoData.INSTANSI_KAB_BANDUNG_ID, adminKemenkes).expect(403);

    // Reference tables
    contract.get("listReferenceEntries", "/api/admin/referensi/sekolah?q=negeri&size=5", adminKab).expect(200);
    contract.get("listReferenceEntries", "/api/admin/referensi/spesialis?retired=true", adminKab).expect(200);
    contract.get("listReferenceEntries", "/api/admin/referensi/sekolah", adminBkn).expect(400);
    contract.get("listReferenceEntries", "/api/admin/referensi/kantin", adminKab).expect(404);
    contract.get("listReferenceEntries", "/api/admin/referensi/sekolah?instansiId=" + DemoData.INSTANSI_KAB_BANDUNG_ID,
        adminKota).expect(403);
    JsonObject school = new JsonObject().put("nama", "SD Negeri Kontrak 1").put("jenjang", "SD").put("npsn", "20999001");
    JsonObject added = contract.post("addReferenceEntry", "/api/admin/referensi/sekolah", school, adminKab).expect(201)
        .json();
    contract.post("addReferenceEntry", "/api/admin/referensi/sekolah", school, adminKab).expect(409);
    contract.post("addReferenceEntry", "/api/admin/referensi/sekolah", new JsonObject().put("nama", "X"), adminKab)
        .expect(400);
    contract.post("addReferenceEntry", "/api/admin/referensi/spesialis", new JsonObject().put("nama", "Kontrak"), adminKab)
        .expect(403);
    String entry = "/api/admin/referensi/sekolah/" + added.getLong("id");
    contract.put("editReferenceEntry", entry, school.copy().put("alamat", "Jl. Kontrak 1"), adminKab).expect(200);
    contract.put("editReferenceEntry", entry, school, adminKota).expect(404);
    contract.put("editReferenceEntry", entry, new JsonObject(), adminKab).expect(400);
    contract.post("retireReferenceEntry", entry + "/retire", null, adminKab).expect(200);
    contract.post("retireReferenceEntry", entry + "/restore", null, adminKab).expect(200);
    contract.post("retireReferenceEntry", entry + "/retire", null, adminKota).expect(404);
    contract.send(contract.call("importReferenceEntries", HttpMethod.POST, "/api/admin/referensi/sekolah/import")
        .token(adminKab).json(new JsonObject().put("csv", "nama,jenjang,npsn\nSD Negeri Kontrak 2,SD,\nX,TK,\n"))).expect(200);
    contract.send(contract.call("importReferenceEntries", HttpMethod.POST, "/api/admin/referensi/sekolah/import")
        .token(adminKab).json(new JsonObject().put("csv", "judul,salah\n"))).expect(400);

    // The schedule (left as it was: the rest of the scenario needs the windows open)
    contract.get("getAdminSchedule", "/api/admin/schedule", adminBkn).expect(200);
    contract.get("getAdminSchedule", "/api/admin/schedule", adminKota).expect(200);
    JsonObject open = new JsonObject().put("start", "2015-09-01").put("end", "2099-12-31");
    contract.put("setScheduleWindow", "/api/admin/schedule/verification", open, adminBkn).expect(200);
    contract.put("setScheduleWindow", "/api/admin/schedule/verification", new JsonObject().put("start", "x"), adminBkn)
        .expect(400);
    contract.put("setScheduleWindow", "/api/admin/schedule/libur", open, adminBkn).expect(404);
    contract.put("setScheduleWindow", "/api/admin/schedule/form", open, adminKota).expect(403);
    contract.put("setStaggeredWindow", "/api/admin/schedule/form/instansi/" + DemoData.INSTANSI_KAB_BANDUNG_ID, open, adminBkn)
        .expect(200);
    contract.put("setStaggeredWindow", "/api/admin/schedule/form/provinsi/7", open, adminBkn).expect(400);
    contract.send(contract.call("clearStaggeredWindow", HttpMethod.DELETE, "/api/admin/schedule/form/instansi/"
        + DemoData.INSTANSI_KAB_BANDUNG_ID).token(adminBkn)).expect(200);
    contract.get("getSchedule", "/api/schedule?instansiId=" + DemoData.INSTANSI_KAB_BANDUNG_ID, null).expect(200);
    contract.get("getSchedule", "/api/schedule?instansiId=abc", null).expect(400);

    // Complaints of the agency
    contract.get("listComplaints", "/api/admin/complaints?page=1&size=10", adminKota).expect(200);
    contract.get("listComplaints", "/api/admin/complaints", adminBkn).expect(200);
    contract.get("listComplaints", "/api/admin/complaints?size=1000", adminBkn).expect(400);
    contract.get("listComplaints", "/api/admin/complaints?status=OPEN&q=Ujang", adminKota).expect(200);
    contract.get("listComplaints", "/api/admin/complaints?status=SELESAI", adminKota).expect(400);
    long complaintId = contract.get("listComplaints", "/api/admin/complaints", adminKota).expect(200).json()
        .getJsonArray("items").getJsonObject(0).getLong("id");
    String assigneePath = "/api/admin/complaints/" + complaintId + "/assignee";
    contract.put("assignComplaint", assigneePath, new JsonObject().put("nip", DemoData.VERIFIER_BKD_KOTA_BANDUNG_NIP),
        adminKota).expect(200);
    contract.put("assignComplaint", assigneePath, new JsonObject().put("nip", "x"), adminKota).expect(400);
    contract.put("assignComplaint", assigneePath, new JsonObject().put("nip", DemoData.VERIFIER_BKD_KOTA_BANDUNG_NIP),
        adminKab).expect(404);
    String handlePath = "/api/admin/complaints/" + complaintId + "/handle";
    contract.post("handleComplaint", handlePath, new JsonObject().put("note", ""), adminKota).expect(400);
    contract.post("handleComplaint", handlePath, new JsonObject().put("note", "NIP ditemukan di database pensiun."), adminKota)
        .expect(200);
    contract.post("handleComplaint", handlePath, new JsonObject().put("note", "Sekali lagi."), adminKota).expect(409);
    contract.post("handleComplaint", "/api/admin/complaints/999999/handle", new JsonObject().put("note", "Tidak ada."),
        adminBkn).expect(404);

    // Monitoring: the counts of the caller's scope
    contract.get("campaignStats", "/api/admin/stats", adminKota).expect(200);
    contract.get("campaignStats", "/api/admin/stats", adminBkn).expect(200);
    contract.get("campaignStats", "/api/admin/stats?top=20", adminBkn).expect(200);
    contract.get("campaignStats", "/api/admin/stats?top=0", adminBkn).expect(400);
    contract.get("campaignStats", "/api/admin/stats?instansiId=3273", adminBkn).expect(200);
    contract.get("campaignStats", "/api/admin/stats?instansiId=3204", adminKota).expect(403);
    contract.get("campaignStats", "/api/admin/stats?instansiId=Kota%20Bandung", adminBkn).expect(400);
    contract.get("campaignStats", "/api/admin/stats?instansiId=999999", adminBkn).expect(404);
    contract.get("verificationBacklog", "/api/admin/backlog", adminKota).expect(200);
    contract.get("verificationBacklog", "/api/admin/backlog", adminBkn).expect(200);
    contract.get("verificationBacklog", "/api/admin/backlog?instansiId=3204", adminBkn).expect(200);
    contract.get("verificationBacklog", "/api/admin/backlog?instansiId=3204", adminKota).expect(403);
    contract.get("verificationBacklog", "/api/admin/backlog?instansiId=x", adminBkn).expect(400);
    contract.get("verificationBacklog", "/api/admin/backlog?instansiId=999999", adminBkn).expect(404);
    contract.get("nominativeList", "/api/admin/nominatif", adminKota).expect(200);
    contract.get("nominativeList", "/api/admin/nominatif?instansi=3273&format=pdf", adminKota).expect(200);
    contract.get("nominativeList", "/api/admin/nominatif?instansi=3204", adminBkn).expect(200);
    contract.get("nominativeList", "/api/admin/nominatif", adminBkn).expect(400);
    contract.get("nominativeList", "/api/admin/nominatif?instansi=3204", adminKota).expect(403);
    contract.get("nominativeList", "/api/admin/nominatif?instansi=999999", adminBkn).expect(404);
    contract.get("nonParticipantList", "/api/admin/nonpeserta?status=NOT_REGISTERED", adminKota).expect(200);
    contract.get("nonParticipantList", "/api/admin/nonpeserta?instansi=3204", adminBkn).expect(200);
    contract.get("nonParticipantList", "/api/admin/nonpeserta?status=X", adminKota).expect(400);
    contract.get("nonParticipantList", "/api/admin/nonpeserta?instansi=3204", adminKota).expect(403);
    contract.get("nonParticipantList", "/api/admin/nonpeserta?instansi=999999", adminBkn).expect(404);
    // The pages' downloads: a one-use link, then the list by the link alone (no Authorization header).
    String link = contract.get("nominativeListLink", "/api/admin/nominatif/link?format=csv", adminKota).expect(200)
        .json().getString("url");
    contract.get("nominativeList", link, null).expect(200);
    contract.get("nominativeList", link, null).expect(410);
    // A used link stays used, whatever it is sent with (its token is no longer kept).
    contract.get("nominativeList", link.replace("format=csv", "format=pdf"), null).expect(410);
    contract.get("nominativeListLink", "/api/admin/nominatif/link?instansi=3204", adminKota).expect(403);
    contract.get("nominativeListLink", "/api/admin/nominatif/link?format=xls", adminKota).expect(400);
    contract.get("nominativeListLink", "/api/admin/nominatif/link?instansi=999999", adminBkn).expect(404);
    String absent = contract.get("nonParticipantListLink", "/api/admin/nonpeserta/link?status=NOT_REGISTERED", adminKota)
        .expect(200).json().getString("url");
    contract.get("nonParticipantList", absent, null).expect(200);
    contract.get("nonParticipantListLink", "/api/admin/nonpeserta/link?status=X", adminKota).expect(400);
    contract.get("nonParticipantListLink", "/api/admin/nonpeserta/link?instansi=3204", adminKota).expect(403);
    contract.get("nonParticipantListLink", "/api/admin/nonpeserta/link?instansi=999999", adminBkn).expect(404);

    return new Tokens(femaleLogin.getString("token"), femaleLogin, asepToken, asep, teacherToken, teacher, adminKota,
        adminJabar, adminKab, adminKemenkes, adminBkn, verifierSkpd);
  }

  private void form(Tokens tokens) {
    String token = tokens.female();
    JsonObject form = contract.get("getMyForm", "/api/me/form", token).expect(200).json();
    contract.get("checkMyForm", "/api/me/form/check", token).expect(200);
    contract.get("getMyProgress", "/api/me/progress", token).expect(200);
    contract.post("submitMyForm", "/api/me/form/submit", null, token).expect(422);

    // Documents: stored, wrong type, too large, listed, downloaded, deleted
    Exchange stored = contract.send(contract.call("uploadDocument", HttpMethod.POST, "/api/me/documents").token(token)
        .multipart("file", "sk-cpns.pdf", "application/pdf", pdf(3000), Map.of("kind", "SK_CPNS"))).expect(201);
    long skCpns = stored.json().getLong("id");
    Exchange spare = contract.send(contract.call("uploadDocument", HttpMethod.POST, "/api/me/documents").token(token)
        .multipart("file", "lain.pdf", "application/pdf", pdf(3100), Map.of())).expect(201);
    contract.send(contract.call("uploadDocument", HttpMethod.POST, "/api/me/documents").token(token)
        .multipart("file", "catatan.txt", "text/plain", ContractCheck.utf8("bukan pindaian"), Map.of())).expect(415);
    contract.send(contract.call("uploadDocument", HttpMethod.POST, "/api/me/documents").token(token)
        .multipart("file", "besar.pdf", "application/pdf", pdf(150_000), Map.of())).expect(413);
    contract.send(contract.call("uploadDocument", HttpMethod.POST, "/api/me/documents").token(token)
        .json(new JsonObject().put("file", "x"))).expect(415);
    contract.send(contract.call("uploadDocument", HttpMethod.POST, "/api/me/documents").token(token)
        .multipart("file", "sk.pdf", "application/pdf", pdf(3200), Map.of("kind", "BUKAN_JENIS"))).expect(400);
    contract.get("listMyDocuments", "/api/me/documents", token).expect(200);
    contract.get("getDocument", "/api/documents/" + skCpns, token).expect(200);
    contract.get("getDocument", "/api/documents/" + skCpns, tokens.asep()).expect(404);
    long spareId = spare.json().getLong("id");
    contract.send(contract.call("deleteDocument", HttpMethod.DELETE, "/api/me/documents/" + spareId).token(token))
        .expect(204);
    contract.send(contract.call("deleteDocument", HttpMethod.DELETE, "/api/me/documents/" + spareId).token(token))
        .expect(404);

    // Saves: every section confirmed, one correction, a stale version, bad fields, unknown section
    JsonObject utama = null;
    for (Object s : form.getJsonArray("sections")) {
      JsonObject section = (JsonObject) s;
      String id = section.getString("id");
      if ("utama".equals(id)) {
        utama = section;
      } else if ("record".equals(section.getString("kind"))) {
        contract.put("saveFormSection", "/api/me/form/" + id, new JsonObject().put("version", section.getInteger("version"))
            .put("fields", allCorrect(section)), token).expect(200);
      } else if ("rows".equals(section.getString("kind")) && !section.getJsonArray("rows").isEmpty()) {
        JsonArray rows = new JsonArray();
        section.getJsonArray("rows").forEach(r -> rows.add(new JsonObject().put("ref", ((JsonObject) r).getString("ref"))
            .put("mark", "CORRECT")));
        contract.put("saveFormSection", "/api/me/form/" + id, new JsonObject().put("version", section.getInteger("version"))
            .put("rows", rows), token).expect(200);
      }
    }
    assertTrue(utama != null, "the form has a utama section");
    JsonObject fields = allCorrect(utama).put("alamat", new JsonObject().put("mark", "WRONG")
        .put("correction", "Jl. Asia Afrika No. 8, Bandung").put("documents", new JsonArray()))
        .put("tmt_cpns", new JsonObject().put("mark", "WRONG").put("correction", "2014-05-01")
            .put("documents", new JsonArray().add(skCpns)));
    int version = utama.getInteger("version");
    contract.put("saveFormSection", "/api/me/form/utama", new JsonObject().put("version", version)
        .put("fields", new JsonObject().put("tmt_cpns", new JsonObject().put("mark", "WRONG").put("correction", "kemarin"))),
        token).expect(400);
    Exchange saved = contract.put("saveFormSection", "/api/me/form/utama", new JsonObject().put("version", version)
        .put("fields", fields), token).expect(200);
    contract.put("saveFormSection", "/api/me/form/utama", new JsonObject().put("version", version)
        .put("fields", fields), token).expect(409);
    contract.put("saveFormSection", "/api/me/form/tidak-ada", new JsonObject().put("version", 0)
        .put("fields", new JsonObject()), token).expect(404);
    contract.put("saveFormSection", "/api/me/form/utama", new JsonObject(), token).expect(400);
    assertEquals(200, saved.status(), saved.response.bodyAsString());

    contract.get("getMyForm", "/api/me/form", token).expect(200);
    contract.get("checkMyForm", "/api/me/form/check", token).expect(200);
    contract.post("submitMyForm", "/api/me/form/submit", null, token).expect(200);
    contract.post("submitMyForm", "/api/me/form/submit", null, token).expect(409);
    contract.put("saveFormSection", "/api/me/form/utama", new JsonObject().put("version", version + 1)
        .put("fields", fields), token).expect(409);
    contract.get("getMyForm", "/api/me/form", token).expect(200);
    contract.get("getMyProgress", "/api/me/progress", token).expect(200);
    contract.get("checkMyForm", "/api/me/form/check", token).expect(200);
    contract.send(contract.call("deleteDocument", HttpMethod.DELETE, "/api/me/documents/" + skCpns).token(token))
        .expect(409);

    // Reference autocompletes (the teacher's agency has demo schools)
    contract.get("searchSchools", "/api/ref/sekolah?q=SD", tokens.teacher()).expect(200);
    contract.get("searchSchools", "/api/ref/sekolah?q=negeri&jenjang=SMP", tokens.adminKab()).expect(200);
    contract.get("searchSchools", "/api/ref/sekolah?jenjang=TK", tokens.teacher()).expect(400);
    contract.get("searchSchools", "/api/ref/sekolah?q=SD", tokens.adminBkn()).expect(403);
    contract.get("searchHealthUnits", "/api/ref/unit-kesehatan?q=rs", tokens.verifierSkpd()).expect(403);
    contract.get("searchHealthUnits", "/api/ref/unit-kesehatan?q=puskesmas", tokens.teacher()).expect(200);
    contract.get("searchHealthUnits", "/api/ref/unit-kesehatan?jenis=Klinik", tokens.teacher()).expect(400);
    contract.get("searchSpecialties", "/api/ref/spesialis?q=an", tokens.teacher()).expect(200);
    contract.get("searchSpecialties", "/api/ref/spesialis?q=" + "x".repeat(80), tokens.teacher()).expect(400);
    contract.get("searchSpecialties", "/api/ref/spesialis?q=an", tokens.adminBkn()).expect(403);
  }

  /**
   * The female PNS's submission (Sekretariat Daerah, Prov. Jawa Barat: alamat to SKPD, tmt_cpns to BKN) through
   * the three tiers: inbox, view, claim, decisions (refused, accepted, retried), accept-all, history, routing.
   */
  private void verification(Tokens tokens) {
    String skpd = tokens.verifierSkpd();
    String bkd = officer(DemoData.VERIFIER_BKD_PROV_JABAR_NIP);
    String bkn = officer(DemoData.VERIFIER_BKN_KANREG_III_NIP);
    long id = contract.get("getMyProgress", "/api/me/progress", tokens.female()).expect(200).json().getLong("submissionId");
    contract.get("getInbox", "/api/inbox?size=5", skpd).expect(200);
    contract.get("getInbox", "/api/inbox?claim=semua", skpd).expect(400);
    contract.get("getInbox", "/api/inbox", tokens.adminBkn()).expect(403);
    JsonObject view = contract.get("getSubmission", "/api/submissions/" + id, skpd).expect(200).json();
    contract.get("getSubmission", "/api/submissions/" + id, tokens.adminKota()).expect(404);
    contract.get("getSubmission", "/api/submissions/satu", skpd).expect(400);
    JsonArray all = new JsonArray();
    view.getJsonArray("items").forEach(i -> all.add(new JsonObject().put("item", ((JsonObject) i).getLong("id"))
        .put("verdict", "MS")));
    contract.post("claimNextInInbox", "/api/inbox/next", null, skpd).expect(200);
    contract.post("claimNextInInbox", "/api/inbox/next", null, tokens.adminBkn()).expect(403);
    contract.send(contract.call("releaseClaim", HttpMethod.DELETE, "/api/submissions/" + id + "/claim").token(tokens.adminJabar()))
        .expect(200);
    contract.post("claimSubmission", "/api/submissions/" + id + "/claim", null, skpd).expect(200);
    contract.post("claimSubmission", "/api/submissions/" + id + "/claim", null, bkd).expect(409);
    contract.send(contract.call("releaseClaim", HttpMethod.DELETE, "/api/submissions/" + id + "/claim").token(tokens.adminKota()))
        .expect(404);
    contract.send(contract.call("releaseClaim", HttpMethod.DELETE, "/api/submissions/" + id + "/claim").token(skpd))
        .expect(200);
    contract.post("decideSubmission", "/api/submissions/" + id + "/decisions", new JsonObject().put("decisions",
        new JsonArray().add(new JsonObject().put("item", all.getJsonObject(0).getLong("item")).put("verdict", "TMS"))), skpd)
        .expect(400);
    JsonObject body = new JsonObject().put("decisions", all);
    contract.post("decideSubmission", "/api/submissions/" + id + "/decisions", body, bkd).expect(409);
    contract.post("decideSubmission", "/api/submissions/" + id + "/decisions", body, skpd).expect(200);
    contract.post("decideSubmission", "/api/submissions/" + id + "/decisions", body, skpd).expect(200);
    contract.post("decideSubmission", "/api/submissions/" + id + "/decisions", body, tokens.adminKota()).expect(403);
    contract.post("decideSubmission", "/api/submissions/999999/decisions", body, skpd).expect(404);
    contract.post("acceptAllPending", "/api/submissions/" + id + "/accept-all", null, bkd).expect(200);
    contract.post("acceptAllPending", "/api/submissions/" + id + "/accept-all", null, bkd).expect(409);
    contract.post("acceptAllPending", "/api/submissions/999999/accept-all", null, bkd).expect(404);
    contract.post("acceptAllPending", "/api/submissions/" + id + "/accept-all", null, bkn).expect(200);
    String nip = DemoData.DEMO_PNS_FEMALE_NIP;
    contract.get("getPnsHistory", "/api/pns/" + nip + "/history", tokens.adminJabar()).expect(200);
    contract.get("getPnsHistory", "/api/pns/" + nip + "/history", tokens.adminKota()).expect(404);
    contract.get("getPnsHistory", "/api/pns/123/history", tokens.adminJabar()).expect(400);
    contract.get("getRouting", "/api/admin/routing", skpd).expect(200);
    contract.put("changeRouting", "/api/admin/routing/utama/alamat", new JsonObject().put("finalAuthority", "BKD"),
        tokens.adminJabar()).expect(403);
    contract.put("changeRouting", "/api/admin/routing/utama/alamat", new JsonObject().put("finalAuthority", "X"),
        tokens.adminBkn()).expect(400);
    contract.put("changeRouting", "/api/admin/routing/utama/tidak_ada", new JsonObject().put("finalAuthority", "BKD"),
        tokens.adminBkn()).expect(404);
    contract.put("changeRouting", "/api/admin/routing/utama/alamat", new JsonObject().put("finalAuthority", "BKD"),
        tokens.adminBkn()).expect(200);
    contract.put("changeRouting", "/api/admin/routing/utama/alamat", new JsonObject().put("finalAuthority", "SKPD"),
        tokens.adminBkn()).expect(200);
  }

  /**
   * Every operation without a token, and every operation with a token of a role it does not serve (a PNS on
   * admin operations, an officer on the PNS's own). Probes carry no body, so nothing changes.
   */
  private void probes(Tokens tokens) {
    for (Operation op : contract.contract().operations()) {
      JsonObject raw = contract.raw().getJsonObject("paths").getJsonObject(op.getOpenAPIPath())
          .getJsonObject(op.getHttpMethod().name().toLowerCase());
      boolean secured = raw.containsKey("security") && !raw.getJsonArray("security").isEmpty();
      String uri = sampleUri(op);
      if (secured) {
        contract.send(probe(op, uri, raw)).expect(401);
        String wrongRole = null;
        if (op.getOpenAPIPath().startsWith("/api/admin/")) {
          wrongRole = tokens.asep();
        } else if (op.getOpenAPIPath().startsWith("/api/me/")) {
          wrongRole = tokens.adminBkn();
        }
        if (wrongRole != null) {
          contract.send(probe(op, uri, raw).token(wrongRole)).expect(403);
        }
      } else if (op.getHttpMethod() == HttpMethod.GET) {
        contract.send(contract.call(op.getOperationId(), op.getHttpMethod(), uri));
      }
    }
  }

  /** No body, except a small file where only multipart is taken (the upload route checks the body type first). */
  private ContractCheck.Call probe(Operation op, String uri, JsonObject raw) {
    ContractCheck.Call call = contract.call(op.getOperationId(), op.getHttpMethod(), uri);
    JsonObject body = raw.getJsonObject("requestBody");
    if (body != null && body.getJsonObject("content", new JsonObject()).fieldNames()
        .equals(java.util.Set.of("multipart/form-data"))) {
      call.multipart("file", "probe.pdf", "application/pdf", pdf(1000), Map.of());
    }
    return call;
  }

  private void endOfSessions(Tokens tokens) {
    // Password reset by mail link: request, confirm with the mailed token, used again
    String teacher = tokens.teacherRegistration().nip();
    contract.post("requestPasswordReset", "/api/recovery/password-reset", new JsonObject().put("nip", teacher)
        .mergeIn(captcha()), null).expect(202);
    contract.post("requestPasswordReset", "/api/recovery/password-reset", new JsonObject().put("nip", teacher)
        .mergeIn(captcha()).put("captchaAnswer", "ZZZZZ"), null).expect(422);
    contract.post("requestPasswordReset", "/api/recovery/password-reset", new JsonObject(), null).expect(400);
    String mail = smtp.await(m -> m.recipients().contains("pns" + teacher + "@example.go.id")
        && m.text().contains("reset-sandi.html?token="), "with a reset link").text();
    Matcher link = Pattern.compile("reset-sandi\\.html\\?token=([A-Za-z0-9_\\-]+)").matcher(mail);
    assertTrue(link.find(), mail);
    JsonObject confirm = new JsonObject().put("token", link.group(1)).put("password", "teh manis hangat sekali")
        .put("passwordConfirmation", "teh manis hangat sekali");
    contract.post("confirmPasswordReset", "/api/recovery/password-reset/confirm", confirm.copy()
        .put("passwordConfirmation", "lain"), null).expect(400);
    contract.post("confirmPasswordReset", "/api/recovery/password-reset/confirm", confirm, null).expect(200);
    contract.post("confirmPasswordReset", "/api/recovery/password-reset/confirm", confirm, null).expect(410);
    contract.get("me", "/api/auth/me", tokens.teacher()).expect(401);

    // Reset by the bureau ends the PNS's sessions
    String asepPath = "/api/admin/registrations/" + DemoData.DEMO_PNS_NIP + "/reset";
    contract.post("decideRegistration", asepPath, new JsonObject().put("reason", "Didaftarkan orang lain."),
        tokens.adminKota()).expect(200);
    contract.get("me", "/api/auth/me", tokens.asep()).expect(401);
    contract.get("downloadProof", tokens.asepRegistration().proofUrl(), null).expect(404);
    contract.get("getMyForm", "/api/me/form", tokens.asep()).expect(401);
    contract.get("registrationStatus", statusUri(DemoData.DEMO_PNS_NIP), null).expect(200);
  }

  /** The operation's path with sample values (example, enum, a demo NIP, 1) and its required query parameters. */
  private String sampleUri(Operation op) {
    JsonObject rawPath = contract.raw().getJsonObject("paths").getJsonObject(op.getOpenAPIPath());
    JsonObject raw = rawPath.getJsonObject(op.getHttpMethod().name().toLowerCase());
    List<Object> params = new ArrayList<>();
    rawPath.getJsonArray("parameters", new JsonArray()).forEach(params::add);
    raw.getJsonArray("parameters", new JsonArray()).forEach(params::add);
    String uri = op.getOpenAPIPath();
    List<String> query = new ArrayList<>();
    for (Object p : params) {
      JsonObject param = contract.resolve(p);
      JsonObject schema = contract.resolve(param.getJsonObject("schema", new JsonObject()));
      String value;
      if (param.containsKey("example")) {
        value = String.valueOf(param.getValue("example"));
      } else if (schema.containsKey("example")) {
        value = String.valueOf(schema.getValue("example"));
      } else if (schema.containsKey("enum")) {
        value = String.valueOf(schema.getJsonArray("enum").getValue(0));
      } else if (String.valueOf(schema.getString("pattern")).contains("{18}")) {
        value = DemoData.DEMO_PNS_FEMALE_NIP;
      } else if ("integer".equals(schema.getValue("type"))) {
        value = "1";
      } else {
        value = "x";
      }
      if ("path".equals(param.getString("in"))) {
        uri = uri.replace("{" + param.getString("name") + "}", enc(value));
      } else if ("query".equals(param.getString("in")) && param.getBoolean("required", false)) {
        query.add(param.getString("name") + "=" + enc(value));
      }
    }
    return query.isEmpty() ? uri : uri + "?" + String.join("&", query);
  }

  // ---------------------------------------------------------------------------------------------- routes

  @Test
  @Order(2)
  void everyServedRouteIsDocumentedAndEveryDocumentedOperationIsServed() {
    List<ServedRoutes.Served> served = ServedRoutes.of(service);
    List<String> problems = new ArrayList<>();
    for (ServedRoutes.Served route : served) {
      if (documented(route) == null) {
        problems.add("served but not in the contract: " + route);
      }
    }
    for (Operation op : contract.contract().operations()) {
      boolean found = served.stream().anyMatch(route -> route.method() == op.getHttpMethod()
          && matches(op.getOpenAPIPath(), route.path()));
      if (!found) {
        problems.add("in the contract but not served: " + op.getHttpMethod() + " " + op.getOpenAPIPath()
            + " (" + op.getOperationId() + ")");
      }
    }
    assertTrue(served.size() > 30, "the router lists its routes: " + served);
    if (!problems.isEmpty()) {
      fail(String.join("\n", problems));
    }
  }

  private Operation documented(ServedRoutes.Served route) {
    for (Operation op : contract.contract().operations()) {
      if (op.getHttpMethod() == route.method() && matches(op.getOpenAPIPath(), route.path())) {
        return op;
      }
    }
    return null;
  }

  /** An OpenAPI template covers a router path: {param} stands for a :param or any literal, literals are equal. */
  private static boolean matches(String template, String routerPath) {
    String[] t = template.split("/");
    String[] r = routerPath.split("/");
    if (t.length != r.length) {
      return false;
    }
    for (int i = 0; i < t.length; i++) {
      boolean templateParam = t[i].startsWith("{");
      if (r[i].startsWith(":") ? !templateParam : !templateParam && !t[i].equals(r[i])) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------------- helpers

  private static JsonObject allCorrect(JsonObject section) {
    JsonObject fields = new JsonObject();
    for (Object f : section.getJsonArray("fields")) {
      fields.put(((JsonObject) f).getString("name"), new JsonObject().put("mark", "CORRECT"));
    }
    return fields;
  }

  private static byte[] pdf(int size) {
    byte[] bytes = new byte[size];
    byte[] head = "%PDF-1.4\n%contract\n".getBytes(StandardCharsets.US_ASCII);
    Arrays.fill(bytes, (byte) ' ');
    System.arraycopy(head, 0, bytes, 0, head.length);
    bytes[size - 1] = '\n';
    return bytes;
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}

package id.go.bkn.epupns.registration;

import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.SapkFixture.Person;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Row;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lookup, registration, status and the proof of registration, over HTTP against real PostgreSQL and Redis. */
@ExtendWith(VertxExtension.class)
class RegistrationApiTest {

  static TestService service;
  static SapkFixture sapk;
  static RegistrationSteps steps;

  @BeforeAll
  static void start() {
    service = TestService.start(RegistrationApiTest.class, Map.of(
        "EPUPNS_CAPTCHA_EXPOSE_ANSWER", "true",
        "EPUPNS_RATE_LIMIT_CAPTCHA_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_LOOKUP_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_REGISTRATION_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_STATUS_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_PROOF_PER_IP", "100000",
        // The production address: the proof's check URL must fit between the margins with it.
        "EPUPNS_HTTP_PUBLIC_BASE_URL", "https://pupns.bkn.go.id"), false);
    sapk = new SapkFixture(service);
    steps = new RegistrationSteps(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  // --- lookup (cari) ---

  @Test
  void lookupShowsNameAndAgency() {
    Person person = sapk.pns(SapkFixture.SATKER_BKN, true);
    HttpResponse<Buffer> response = service.get("/api/pns/" + person.nip());
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals(new JsonObject().put("nip", person.nip()).put("nama", person.nama())
        .put("instansi", "Badan Kepegawaian Negara"), response.bodyAsJsonObject());
  }

  @Test
  void lookupOfMalformedNipSaysWhy() {
    HttpResponse<Buffer> shortNip = service.get("/api/pns/19860712200603100");
    assertEquals(400, shortNip.statusCode());
    assertTrue(shortNip.bodyAsJsonObject().getJsonObject("fields").getString("nip").contains("18 angka"));
    HttpResponse<Buffer> badGender = service.get("/api/pns/198607122006033002");
    assertEquals(400, badGender.statusCode());
    assertTrue(badGender.bodyAsJsonObject().getJsonObject("fields").getString("nip").contains("jenis kelamin"));
  }

  @Test
  void lookupOfUnknownNipGuidesToAComplaint() {
    HttpResponse<Buffer> response = service.get("/api/pns/197001011995031009");
    assertEquals(404, response.statusCode());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals("NIP_NOT_FOUND", body.getString("error"));
    assertTrue(body.getString("message").contains("2003"), body.getString("message"));
    assertTrue(body.getString("message").contains("pensiun"));
    assertTrue(body.getString("message").contains("instansi lain"));
    assertEquals("/pengaduan.html?nip=197001011995031009", body.getString("complaintUrl"));
  }

  // --- registration ---

  @Test
  void registrationCreatesAPendingRegistrationWithAMailAndItsSecretsProtected() {
    double hashesBefore = steps.metric("epupns_blocking_work_seconds_count{job=\"password-hash\"}");
    double registrationsBefore = steps.metric("epupns_registrations_total");
    Person person = sapk.pns(SapkFixture.SATKER_BKN, false);
    JsonObject created = steps.registered(person);
    String number = created.getString("registrationNumber");
    assertEquals(number, RegistrationNumbers.canonical(number));
    assertEquals("PENDING_APPROVAL", created.getString("status"));
    assertTrue(created.getString("proofUrl").startsWith("/api/proofs/" + number + ".pdf?expires="));

    Row row = service.sql("select * from registration where nip = $1", person.nip()).iterator().next();
    assertEquals(number, row.getString("registration_number"));
    assertEquals("PENDING_APPROVAL", row.getString("status"));
    assertTrue(row.getString("password_hash").startsWith("$argon2id$"));
    String motherHash = row.getString("mother_name_hash");
    assertFalse(motherHash.toLowerCase().contains("nurhayati"), "mother's name must not be stored");
    assertFalse(motherHash.toLowerCase().contains("siti"));
    byte[] answer = row.getBuffer("security_answer_enc").getBytes();
    assertFalse(new String(answer, StandardCharsets.ISO_8859_1).contains("Cibeunying"), "answer must be encrypted");
    assertEquals(1, steps.mails(RegistrationSteps.email(person), number));
    assertTrue(steps.metric("epupns_blocking_work_seconds_count{job=\"password-hash\"}") > hashesBefore);
    assertTrue(steps.metric("epupns_registrations_total") > registrationsBefore);

    HttpResponse<Buffer> again = steps.register(steps.form(person, RegistrationSteps.PASSWORD));
    assertEquals(409, again.statusCode());
    assertEquals("ALREADY_REGISTERED", again.bodyAsJsonObject().getString("error"));
    assertEquals("/lupa-nomor.html", again.bodyAsJsonObject().getString("recoveryUrl"));
  }

  @Test
  void motherNameIsComparedNormalised() {
    PersonalSecrets secrets = new PersonalSecrets(service.running().config().string("secrets.dataKey"));
    String hash = secrets.motherNameHash("Siti Nurhayati");
    assertTrue(secrets.motherNameMatches("  SITI   nurhayatí ", hash));
    assertFalse(secrets.motherNameMatches("Siti Nurhayat", hash));
  }

  @Test
  void everyFieldErrorComesAtOnce() {
    JsonObject form = new JsonObject()
        .put("nip", "12345")
        .put("nik", "32730512078600171234")
        .put("email", "bukan-email")
        .put("password", "pendek")
        .put("passwordConfirmation", "lain")
        .put("motherName", "")
        .put("securityQuestion", "x".repeat(201))
        .put("securityAnswer", " ");
    HttpResponse<Buffer> response = steps.register(form);
    assertEquals(400, response.statusCode());
    JsonObject fields = response.bodyAsJsonObject().getJsonObject("fields");
    for (String field : List.of("nip", "nik", "email", "password", "passwordConfirmation", "motherName",
        "securityQuestion", "securityAnswer", "captchaId", "captchaAnswer")) {
      assertNotNull(fields.getString(field), "missing error for " + field + " in " + fields);
    }
    assertTrue(fields.getString("nik").contains("16 angka"), fields.getString("nik"));
  }

  @Test
  void eachNipAndNikRuleNamesTheProblem() {
    Person person = sapk.pns(SapkFixture.SATKER_BKN, false);
    Map<String, String> badNips = Map.of(
        "19860712200603100A", "hanya boleh berisi angka",
        "198602302006031002", "Tanggal lahir",
        "198607122006131002", "Bulan CPNS",
        "198607122000031002", "usia 16 tahun",
        "198607122999031002", "masa depan",
        "198607122006033002", "jenis kelamin",
        "198607122006031000", "Nomor urut");
    badNips.forEach((nip, expected) -> {
      JsonObject fields = steps.register(steps.form(person, RegistrationSteps.PASSWORD).put("nip", nip))
          .bodyAsJsonObject().getJsonObject("fields");
      assertTrue(fields.getString("nip").contains(expected), nip + " -> " + fields);
    });
    Map<String, String> badNiks = Map.of(
        "0973050101800001", "provinsi",
        "3200050101800001", "kabupaten",
        "3273053202800001", "Tanggal lahir",
        "3273050101800000", "Nomor urut",
        "327305010180001", "16 angka");
    badNiks.forEach((nik, expected) -> {
      JsonObject fields = steps.register(steps.form(person, RegistrationSteps.PASSWORD).put("nik", nik))
          .bodyAsJsonObject().getJsonObject("fields");
      assertTrue(fields.getString("nik").contains(expected), nik + " -> " + fields);
    });
    // A well-formed NIK of someone else: birth date and gender must agree with the NIP.
    String otherBirthday = "3273051503750001";
    JsonObject fields = steps.register(steps.form(person, RegistrationSteps.PASSWORD).put("nik", otherBirthday))
        .bodyAsJsonObject().getJsonObject("fields");
    assertTrue(fields.getString("nik").contains("tidak sama dengan tanggal lahir dalam NIP"), fields.toString());
    String femaleNik = person.nik().substring(0, 6) + (Integer.parseInt(person.nik().substring(6, 8)) + 40)
        + person.nik().substring(8);
    fields = steps.register(steps.form(person, RegistrationSteps.PASSWORD).put("nik", femaleNik))
        .bodyAsJsonObject().getJsonObject("fields");
    assertTrue(fields.getString("nik").contains("Jenis kelamin"), fields.toString());
    assertEquals(0, service.sql("select count(*) as n from registration where nip = $1", person.nip())
        .iterator().next().getLong("n"));
  }

  @Test
  void nikMustMatchTheOneSapkHolds() {
    Person person = sapk.pns(SapkFixture.SATKER_BKN, true);
    // Same birth date and gender, another serial: valid and agreeing with the NIP, but not the SAPK NIK.
    String other = person.nik().substring(0, 12) + "9999";
    HttpResponse<Buffer> response = steps.register(steps.form(person, RegistrationSteps.PASSWORD).put("nik", other));
    assertEquals(400, response.statusCode());
    assertTrue(response.bodyAsJsonObject().getJsonObject("fields").getString("nik").contains("SAPK"));
    // SAPK without a NIK accepts any agreeing NIK.
    service.sql("update pns set nik = null where nip = $1", person.nip());
    assertEquals(201, steps.register(steps.form(person, RegistrationSteps.PASSWORD).put("nik", other)).statusCode());
  }

  @Test
  void commonPasswordsAndPasswordsWithTheNipAreRefused() {
    Person person = sapk.pns(SapkFixture.SATKER_BKN, false);
    for (String common : List.of("password123", "bismillah", "Indonesia", "12345678", "rahasia123", "sayangku")) {
      JsonObject fields = steps.register(steps.form(person, common)).bodyAsJsonObject().getJsonObject("fields");
      assertTrue(fields.getString("password").contains("paling sering"), common + " -> " + fields);
    }
    JsonObject fields = steps.register(steps.form(person, "aku-" + person.nip() + "-ok")).bodyAsJsonObject()
        .getJsonObject("fields");
    assertTrue(fields.getString("password").contains("NIP"), fields.toString());
    assertTrue(PasswordPolicy.load().size() >= 5000);
  }

  @Test
  void passwordsUpTo128CharactersAreKeptWhole() {
    Person person = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, false);
    String tooLong = "a".repeat(128) + "b";
    JsonObject fields = steps.register(steps.form(person, tooLong)).bodyAsJsonObject().getJsonObject("fields");
    assertTrue(fields.getString("password").contains("128"), fields.toString());

    String longest = "kata sandi yang sangat panjang ".repeat(5).substring(0, 127) + "X";
    assertEquals(128, longest.length());
    HttpResponse<Buffer> created = steps.register(steps.form(person, longest));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    String number = created.bodyAsJsonObject().getString("registrationNumber");
    // Bandung needs no approval: the PNS logs in at once, with exactly those 128 characters.
    assertEquals(200, steps.login(number, longest).statusCode());
    assertEquals(401, steps.login(number, longest.substring(0, 127) + "Y").statusCode());
    assertEquals(401, steps.login(number, longest.substring(0, 127)).statusCode());
  }

  @Test
  void parallelRegistrationsOfOneNipLetExactlyOneWin(VertxTestContext test) throws InterruptedException {
    Person person = sapk.pns(SapkFixture.SATKER_BKN, true);
    List<JsonObject> forms = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      forms.add(steps.form(person, RegistrationSteps.PASSWORD + " " + i));
    }
    List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
    for (JsonObject form : forms) {
      answers.add(service.http().post("/api/registrations").sendJsonObject(form));
    }
    Future.all(answers).onComplete(test.succeeding(all -> test.verify(() -> {
      int created = 0;
      int conflicts = 0;
      for (Future<HttpResponse<Buffer>> answer : answers) {
        int status = answer.result().statusCode();
        if (status == 201) {
          created++;
        } else if (status == 409) {
          conflicts++;
          assertEquals("ALREADY_REGISTERED", answer.result().bodyAsJsonObject().getString("error"));
        }
      }
      assertEquals(1, created, "exactly one registration wins");
      assertEquals(19, conflicts, "every other attempt gets 409");
      test.completeNow();
    })));
    assertTrue(test.awaitCompletion(60, java.util.concurrent.TimeUnit.SECONDS));
    assertEquals(1, service.sql("select count(*) as n from registration where nip = $1", person.nip())
        .iterator().next().getLong("n"), "one row in the database");
  }

  @Test
  void unknownNipIs404AfterTheCaptcha() {
    Person ghost = new Person("197001011995031009", "3273050101700001", "Tidak Ada");
    HttpResponse<Buffer> response = steps.register(steps.form(ghost, RegistrationSteps.PASSWORD));
    assertEquals(404, response.statusCode());
    assertEquals("NIP_NOT_FOUND", response.bodyAsJsonObject().getString("error"));
  }

  @Test
  void captchaIsCheckedBeforeAnythingIsStored() {
    Person person = sapk.pns(SapkFixture.SATKER_BKN, false);
    HttpResponse<Buffer> response = steps.register(steps.form(person, RegistrationSteps.PASSWORD)
        .put("captchaAnswer", "ZZZZZ"));
    assertEquals(422, response.statusCode());
    assertEquals("CAPTCHA_WRONG", response.bodyAsJsonObject().getString("error"));
    assertEquals(0, service.sql("select count(*) as n from registration where nip = $1", person.nip())
        .iterator().next().getLong("n"));
  }

  // --- status ---

  @Test
  void statusFollowsTheRegistration() {
    Person person = sapk.pns(SapkFixture.SATKER_BKN, false);
    assertEquals("NOT_REGISTERED", status(person));
    steps.registered(person);
    assertEquals("PENDING_APPROVAL", status(person));
    service.sql("update registration set status = 'APPROVED' where nip = $1", person.nip());
    assertEquals("APPROVED", status(person));
    service.sql("update registration set status = 'REJECTED', status_reason = 'Bukan pegawai kami' where nip = $1",
        person.nip());
    HttpResponse<Buffer> rejected = service.get(statusPath(person.nip()));
    assertEquals("REJECTED", rejected.bodyAsJsonObject().getString("status"));
    assertEquals("Bukan pegawai kami", rejected.bodyAsJsonObject().getString("reason"));
    // A rejected or reset registration frees the NIP for a new one.
    steps.registered(person);
    assertEquals("PENDING_APPROVAL", status(person));
    service.sql("update registration set status = 'RESET' where nip = $1", person.nip());
    assertEquals("NOT_REGISTERED", status(person));
    assertEquals(400, service.get(statusPath("123")).statusCode());
    assertEquals(400, service.get("/api/registrations/status").statusCode());
  }

  /** The status query with a freshly solved captcha (the status is behind one). */
  private String statusPath(String nip) {
    JsonObject captcha = steps.solvedCaptcha();
    return "/api/registrations/status?nip=" + nip + "&captchaId=" + captcha.getString("captchaId")
        + "&captchaAnswer=" + captcha.getString("captchaAnswer");
  }

  private String status(Person person) {
    HttpResponse<Buffer> response = service.get(statusPath(person.nip()));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getString("status");
  }

  // --- proof ---

  @Test
  void proofDownloadsAsAPdfWithTheNumberAndAVerifiableCode() throws Exception {
    double pdfBefore = steps.metric("epupns_blocking_work_seconds_count{job=\"pdf\"}");
    double captchaBefore = steps.metric("epupns_blocking_work_seconds_count{job=\"captcha-image\"}");
    Person person = sapk.pns(SapkFixture.SATKER_DINKES_BANDUNG, true);
    JsonObject created = steps.registered(person);
    String number = created.getString("registrationNumber");
    HttpResponse<Buffer> pdf = service.get(created.getString("proofUrl"));
    assertEquals(200, pdf.statusCode(), pdf.bodyAsString());
    assertEquals("application/pdf", pdf.getHeader("Content-Type"));
    assertTrue(pdf.getHeader("Content-Disposition").contains("tanda-bukti-" + number + ".pdf"));
    String text;
    try (PDDocument document = Loader.loadPDF(pdf.body().getBytes())) {
      text = new PDFTextStripper().getText(document);
    }
    assertTrue(text.contains("TANDA BUKTI REGISTRASI"), text);
    assertTrue(text.contains(number), text);
    assertTrue(text.contains(person.nip()));
    assertTrue(text.contains(person.nama()));
    assertTrue(text.contains("Pemerintah Kota Bandung"));
    assertTrue(text.contains("Dinas Kesehatan"));
    // Kota Bandung needs no approval: the proof says so, with no step to hand it in.
    assertEquals("APPROVED", created.getString("status"));
    assertTrue(text.contains("Anda dapat masuk ke e-PUPNS sekarang"), text);
    assertFalse(text.contains("untuk disetujui"), text);
    assertTrue(steps.metric("epupns_blocking_work_seconds_count{job=\"pdf\"}") > pdfBefore);
    assertTrue(steps.metric("epupns_blocking_work_seconds_count{job=\"captcha-image\"}") > captchaBefore);

    // The printed check code (also in the QR) verifies, and says who and what.
    String code = checkCode(text);
    HttpResponse<Buffer> verified = service.get("/api/proofs/verify?code=" + code);
    assertEquals(200, verified.statusCode(), verified.bodyAsString());
    JsonObject body = verified.bodyAsJsonObject();
    assertEquals(true, body.getBoolean("valid"), body.encode());
    assertEquals(number, body.getString("registrationNumber"));
    assertEquals(person.nip(), body.getString("nip"));
    assertEquals(person.nama(), body.getString("nama"));
    assertEquals("Pemerintah Kota Bandung", body.getString("instansi"));
    assertEquals("APPROVED", body.getString("status"));
    assertTrue(body.getString("registeredAt").endsWith("+07:00"), "in the campaign's zone: " + body.getString("registeredAt"));

    // A forged signature, or another NIP under the same signature, is not genuine.
    String forgedSig = code.substring(0, code.length() - 3) + (code.endsWith("AAA") ? "BBB" : "AAA");
    JsonObject forged = service.get("/api/proofs/verify?code=" + forgedSig).bodyAsJsonObject();
    assertEquals(false, forged.getBoolean("valid"));
    assertNotNull(forged.getString("reason"));
    String[] parts = code.split("\\.");
    String otherNip = parts[0] + ".198607122006031002." + parts[2] + "." + parts[3];
    assertEquals(false, service.get("/api/proofs/verify?code=" + otherNip).bodyAsJsonObject().getBoolean("valid"));
    assertEquals(400, service.get("/api/proofs/verify?code=bukan-kode").statusCode());
    assertEquals(400, service.get("/api/proofs/verify").statusCode());

    // Once reset, the genuine proof no longer stands for an active registration.
    service.sql("update registration set status = 'RESET' where nip = $1", person.nip());
    JsonObject reset = service.get("/api/proofs/verify?code=" + code).bodyAsJsonObject();
    assertEquals(false, reset.getBoolean("valid"));
    assertEquals("RESET", reset.getString("status"));
    assertEquals(404, service.get(created.getString("proofUrl")).statusCode());
  }

  /** The check code printed under the QR: the last text of the page, possibly wrapped over lines. */
  private static String checkCode(String text) {
    String label = "Kode pemeriksaan (isi kode QR):";
    assertTrue(text.contains(label), text);
    String url = text.substring(text.indexOf(label) + label.length()).replaceAll("\\s+", "");
    assertTrue(url.startsWith("https://pupns.bkn.go.id/cek-bukti.html?code="), url);
    return url.substring(url.indexOf("code=") + "code=".length());
  }

  @Test
  void everyLineOfTheProofStaysBetweenTheMarginsAndItsTimeSaysWib() throws Exception {
    Person person = sapk.pns(SapkFixture.SATKER_BKN, false);
    JsonObject created = steps.registered(person);
    assertEquals("PENDING_APPROVAL", created.getString("status"));
    byte[] pdf = service.get(created.getString("proofUrl")).body().getBytes();
    float[] extent = {Float.MAX_VALUE, 0};
    StringBuilder glyphs = new StringBuilder();
    float pageWidth;
    try (PDDocument document = Loader.loadPDF(pdf)) {
      pageWidth = document.getPage(0).getMediaBox().getWidth();
      PDFTextStripper positions = new PDFTextStripper() {
        @Override
        protected void writeString(String line, List<org.apache.pdfbox.text.TextPosition> text) {
          for (org.apache.pdfbox.text.TextPosition p : text) {
            extent[0] = Math.min(extent[0], p.getXDirAdj());
            extent[1] = Math.max(extent[1], p.getXDirAdj() + p.getWidthDirAdj());
          }
          glyphs.append(line).append('\n');
        }
      };
      positions.getText(document);
    }
    float margin = ProofPdf.MARGIN;
    assertTrue(extent[0] >= margin - 0.5f, "text starts at the left margin: " + extent[0]);
    assertTrue(extent[1] <= pageWidth - margin + 0.5f,
        "no text runs past the rule (" + (pageWidth - margin) + " pt): rightmost glyph ends at " + extent[1]);
    String text = glyphs.toString();
    assertTrue(text.contains("untuk disetujui"), "approval still needed: " + text);
    assertTrue(text.matches("(?s).*Tanggal registrasi\\s+\\d{1,2} \\p{L}+ \\d{4}, \\d{2}\\.\\d{2} WIB.*"), text);
    // The wrapped code is still the whole, genuine code.
    JsonObject verified = service.get("/api/proofs/verify?code=" + checkCode(text)).bodyAsJsonObject();
    assertEquals(true, verified.getBoolean("valid"), verified.encode());
  }

  @Test
  void aLongCheckUrlWrapsAtItsPunctuationWithinTheWidth() throws Exception {
    var font = new org.apache.pdfbox.pdmodel.font.PDType1Font(
        org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA);
    String url = "https://pendataan-ulang-pns.kantor-regional-iii.bkn.go.id/layanan/cek-bukti.html?code="
        + "K7QM3XRT9WD2H.198005142005031001.20150901.XOj0l77uNE7jk7RsuboTDg";
    float width = 200;
    List<String> lines = ProofPdf.wrap(font, 8, url, width);
    assertTrue(lines.size() >= 3, lines.toString());
    for (String line : lines) {
      assertTrue(font.getStringWidth(line) / 1000 * 8 <= width, line);
    }
    assertEquals(url, String.join("", lines), "nothing lost or added");
    assertTrue(lines.get(0).endsWith("/") || lines.get(0).endsWith(".") || lines.get(0).endsWith("-") || lines.get(0).endsWith("?"),
        "broken after punctuation where it can: " + lines);
  }

  @Test
  void expiredAndForgedProofLinksAreRefused() {
    Person person = sapk.pns(SapkFixture.SATKER_BKN, true);
    JsonObject created = steps.registered(person);
    String number = created.getString("registrationNumber");
    ProofSigner signer = new ProofSigner(service.running().config().string("secrets.proofSigningKey"),
        Duration.ofMinutes(30));
    HttpResponse<Buffer> expired = service.get(signer.link(number, Instant.now().minusSeconds(5)));
    assertEquals(410, expired.statusCode());
    assertEquals("PROOF_LINK_EXPIRED", expired.bodyAsJsonObject().getString("error"));
    assertEquals("/lupa-nomor.html", expired.bodyAsJsonObject().getString("recoveryUrl"));

    String url = created.getString("proofUrl");
    String longer = url.replaceFirst("expires=(\\d+)", "expires=" + (Instant.now().getEpochSecond() + 86_400 * 365));
    assertEquals(403, service.get(longer).statusCode(), "the expiry is signed");
    String otherNumber = RegistrationNumbers.generate();
    assertEquals(403, service.get(url.replace(number, otherNumber)).statusCode(), "the number is signed");
    assertEquals(403, service.get("/api/proofs/" + number + ".pdf").statusCode());
    String sig = URLDecoder.decode(url.substring(url.indexOf("sig=") + 4), StandardCharsets.UTF_8);
    assertArrayEquals(sig.getBytes(), sig.getBytes());
  }
}

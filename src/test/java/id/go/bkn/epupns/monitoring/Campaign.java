package id.go.bkn.epupns.monitoring;

import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import id.go.bkn.epupns.verification.VerificationTesting;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static id.go.bkn.epupns.verification.VerificationTesting.decision;
import static id.go.bkn.epupns.verification.VerificationTesting.item;
import static id.go.bkn.epupns.verification.VerificationTesting.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A scripted campaign through the HTTP API on the {@link SapkFixture} organisation: registrations
 * (approved, rejected, reset and registered again, an approval undone; Kota Bandung needs no
 * approval), submissions over one, two or three tiers, decisions MS / TMS / RETURN at each tier, and
 * resubmits of returned items. The expected counts are written next to each step.
 */
final class Campaign {

  /** Settings for a service the campaign can run on (captcha answers exposed, limits out of the way). */
  static final Map<String, String> SETTINGS = Map.of(
      "EPUPNS_CAPTCHA_EXPOSE_ANSWER", "true",
      "EPUPNS_RATE_LIMIT_CAPTCHA_PER_IP", "100000",
      "EPUPNS_RATE_LIMIT_REGISTRATION_PER_IP", "100000",
      "EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "100000",
      "EPUPNS_RATE_LIMIT_AUTOCOMPLETE_PER_IP", "100000",
      "EPUPNS_RATE_LIMIT_DOCUMENTS_PER_IP", "100000",
      "EPUPNS_RATE_LIMIT_DOCUMENTS_PER_ACCOUNT", "1000");
  static final String PASSWORD = "kopi tubruk di pagi hari";

  final TestService service;
  final VerificationTesting t;
  final SapkFixture sapk;
  // Officers: BKN agency (instansi 1, work unit 10, BKN Pusat) and Kota Bandung (instansi 2, work units 20/21, Kanreg III).
  final String adminBknAgency;
  final String adminBandung;
  final String adminNational;
  final String skpdBkn;
  final String bkdBkn;
  final String bknPusat;
  final String skpdDisdik;
  final String skpdDinkes;
  final String bkdBandung;
  final String verifierPerson;
  final List<SapkFixture.Person> bknPns = new ArrayList<>();
  final List<SapkFixture.Person> disdikPns = new ArrayList<>();
  final List<SapkFixture.Person> dinkesPns = new ArrayList<>();

  Campaign(TestService service) {
    this.service = service;
    this.t = new VerificationTesting(service);
    this.sapk = t.sapk;
    adminBknAgency = t.officerToken(sapk.officer(Role.ADMIN_INSTANSI, SapkFixture.SATKER_BKN));
    adminBandung = t.officerToken(sapk.officer(Role.ADMIN_INSTANSI, SapkFixture.SATKER_DISDIK_BANDUNG));
    adminNational = t.officerToken(sapk.officer(Role.ADMIN_BKN, SapkFixture.SATKER_BKN));
    SapkFixture.Person skpd = sapk.officer(Role.VERIFIER_SKPD, SapkFixture.SATKER_BKN);
    verifierPerson = skpd.nip();
    skpdBkn = t.officerToken(skpd);
    bkdBkn = t.officerToken(sapk.officer(Role.VERIFIER_BKD, SapkFixture.SATKER_BKN));
    bknPusat = t.officerToken(sapk.officer(Role.VERIFIER_BKN, SapkFixture.SATKER_BKN));
    skpdDisdik = t.officerToken(sapk.officer(Role.VERIFIER_SKPD, SapkFixture.SATKER_DISDIK_BANDUNG));
    skpdDinkes = t.officerToken(sapk.officer(Role.VERIFIER_SKPD, SapkFixture.SATKER_DINKES_BANDUNG));
    bkdBandung = t.officerToken(sapk.officer(Role.VERIFIER_BKD, SapkFixture.SATKER_DISDIK_BANDUNG));
    for (int i = 0; i < 10; i++) {
      bknPns.add(sapk.pns(SapkFixture.SATKER_BKN, i % 2 == 0));
    }
    for (int i = 0; i < 6; i++) {
      disdikPns.add(sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, i % 2 == 1));
    }
    for (int i = 0; i < 4; i++) {
      dinkesPns.add(sapk.pns(SapkFixture.SATKER_DINKES_BANDUNG, i % 2 == 1));
    }
  }

  /** The whole script. Afterwards, agency 1: 9 registered (6 approved), 6 submitted, 2 completed... (see the test). */
  void run() {
    // Registrations: BKN (approval required)
    List<String> numbers = new ArrayList<>();
    for (SapkFixture.Person p : bknPns) {
      numbers.add(register(p));
    }
    for (int i = 0; i < 7; i++) {
      decide(adminBknAgency, bknPns.get(i), "approve", null);
    }
    decide(adminBknAgency, bknPns.get(6), "undo-approve", null);          // p7 back to pending
    decide(adminBknAgency, bknPns.get(7), "reject", "Bukan PNS instansi ini.");
    decide(adminBknAgency, bknPns.get(8), "reset", "Didaftarkan orang lain.");
    register(bknPns.get(8));                                               // p9 registers again: pending
    // Kota Bandung approves at once; one PNS never registers.
    List<String> bandung = new ArrayList<>();
    for (SapkFixture.Person p : disdikPns) {
      bandung.add(register(p));
    }
    for (int i = 0; i < 3; i++) {
      bandung.add(register(dinkesPns.get(i)));
    }

    // Submissions and decisions, BKN agency
    long s1 = threeTiers(login(numbers.get(0)));
    long s2 = threeTiers(login(numbers.get(1)));
    String p3 = login(numbers.get(2));
    long s3 = addressOnly(p3, 3);
    long s4 = addressOnly(login(numbers.get(3)), 4);
    long s5 = threeTiers(login(numbers.get(4)));
    String p6 = login(numbers.get(5));
    long s6 = addressOnly(p6, 6);

    decideAll(skpdBkn, s1, Map.of("alamat", "MS", "lokasi_kerja", "MS", "tmt_cpns", "MS"));
    decideAll(bkdBkn, s1, Map.of("lokasi_kerja", "MS", "tmt_cpns", "MS"));
    decideAll(bknPusat, s1, Map.of("tmt_cpns", "MS"));                    // s1 completed: 3 applied
    String p2 = login(numbers.get(1));
    decideAll(skpdBkn, s2, Map.of("alamat", "TMS", "lokasi_kerja", "RETURN", "tmt_cpns", "MS"));
    resubmit(p2, "posisi", "lokasi_kerja", "Jakarta Selatan", "SURAT_TUGAS");
    decideAll(skpdBkn, s2, Map.of("lokasi_kerja", "MS"));
    decideAll(bkdBkn, s2, Map.of("lokasi_kerja", "MS", "tmt_cpns", "MS")); // s2 waits at BKN
    decideAll(skpdBkn, s3, Map.of("alamat", "TMS"));                      // s3 completed: refused
    ok(service.post("/api/submissions/" + s5 + "/accept-all", new JsonObject(), skpdBkn)); // s5 waits at BKD (2 items)
    decideAll(skpdBkn, s6, Map.of("alamat", "RETURN"));                   // s6 returned to the PNS
    // s4 waits at SKPD

    // Kota Bandung: alamat only
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ids.add(addressOnly(login(bandung.get(i)), 20 + i));
    }
    for (int i = 0; i < 4; i++) {
      decideAll(skpdDisdik, ids.get(i), Map.of("alamat", "MS"));
    }
    decideAll(skpdDisdik, ids.get(4), Map.of("alamat", "TMS"));
    decideAll(skpdDisdik, ids.get(5), Map.of("alamat", "RETURN"));
    resubmit(login(bandung.get(5)), "utama", "alamat", "Jl. Dago No. 99", null);          // waits at SKPD again
    decideAll(skpdDinkes, ids.get(6), Map.of("alamat", "MS"));
    // ids 7 waits at SKPD (Dinas Kesehatan)
  }

  String register(SapkFixture.Person person) {
    HttpResponse<Buffer> captcha = service.post("/api/captcha", new JsonObject());
    JsonObject c = ok(captcha);
    JsonObject form = new JsonObject()
        .put("nip", person.nip()).put("nik", person.nik()).put("email", "pns" + person.nip() + "@example.go.id")
        .put("password", PASSWORD).put("passwordConfirmation", PASSWORD)
        .put("motherName", "Siti Nurhayati").put("securityQuestion", "Apa nama sekolah dasar pertama Anda?")
        .put("securityAnswer", "SD Negeri 3 Cibeunying")
        .put("captchaId", c.getString("id")).put("captchaAnswer", c.getString("answer"));
    HttpResponse<Buffer> response = service.post("/api/registrations", form);
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getString("registrationNumber");
  }

  void decide(String admin, SapkFixture.Person person, String decision, String reason) {
    JsonObject body = reason == null ? new JsonObject() : new JsonObject().put("reason", reason);
    ok(service.post("/api/admin/registrations/" + person.nip() + "/" + decision, body, admin));
  }

  String login(String number) {
    return ok(service.post("/api/auth/login", new JsonObject().put("username", number).put("password", PASSWORD)))
        .getString("token");
  }

  long addressOnly(String token, int n) {
    return t.submit(token, new JsonObject().put("utama", new JsonObject().put("alamat", wrong("Jl. Merdeka No. " + n))));
  }

  long threeTiers(String token) {
    long cpns = t.uploadPdf(token, "SK_CPNS");
    long tugas = t.uploadPdf(token, "SURAT_TUGAS");
    return t.submit(token, new JsonObject()
        .put("utama", new JsonObject().put("alamat", wrong("Jl. Asia Afrika No. 8")).put("tmt_cpns", wrong("2005-04-01", cpns)))
        .put("posisi", new JsonObject().put("lokasi_kerja", wrong("Jakarta Timur", tugas))));
  }

  /** Verdicts by field name at the officer's tier (a reason for TMS and RETURN). */
  void decideAll(String officer, long submission, Map<String, String> verdicts) {
    JsonObject view = t.submission(officer, submission);
    JsonArray decisions = new JsonArray();
    verdicts.forEach((field, verdict) -> decisions.add(decision(item(view, field).getLong("id"), verdict,
        "MS".equals(verdict) ? null : "Dokumen pendukung tidak sesuai")));
    ok(t.decide(officer, submission, decisions));
  }

  /** The PNS corrects a returned field again (a record section, the rest as it was: correct) and submits. */
  void resubmit(String token, String section, String field, Object value, String documentKind) {
    JsonObject current = VerificationTesting.section(t.form(token), section);
    JsonObject fields = new JsonObject();
    current.getJsonArray("fields").forEach(f -> fields.put(((JsonObject) f).getString("name"), new JsonObject().put("mark", "CORRECT")));
    fields.put(field, documentKind == null ? wrong(value) : wrong(value, t.uploadPdf(token, documentKind)));
    ok(service.put("/api/me/form/" + section, new JsonObject().put("version", current.getInteger("version")).put("fields", fields), token));
    ok(service.post("/api/me/form/submit", new JsonObject(), token));
  }

  static JsonObject ok(HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }
}

package id.go.bkn.epupns.auth;

import id.go.bkn.epupns.registration.ProofCodes;
import id.go.bkn.epupns.testing.FakeSmtp;
import id.go.bkn.epupns.testing.OpenApiOperations;
import id.go.bkn.epupns.testing.OpenApiOperations.Operation;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import id.go.bkn.epupns.verification.VerificationTesting;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.LinkedHashSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

import static id.go.bkn.epupns.verification.VerificationTesting.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The access matrix: every operation of openapi.yaml called without a token and as every role, inside and outside
 * the caller's scope, compared with the declared table src/test/resources/security/access-matrix.tsv. An
 * operation missing from the table (or a table line naming no operation) fails the test, and the failure prints
 * the observed line to review and paste. Then every operation that needs a token is called with forged or
 * unusable ones (alg none, HS256 keyed with the public key, another key's signature, wrong issuer or audience,
 * expired, a disabled officer's, a refresh token as access token): all 401; and an access token is refused where a
 * refresh token is expected.
 *
 * <p>What a cell means: "yes" is a 2xx inside and outside, "scope" a 2xx inside and 403/404 outside, "no" 403
 * both, a number that status both times, "in/out" anything else as seen; a 5xx anywhere fails the test whatever
 * the table says. The bodies are realistic (new targets per call where an operation uses its target up), so a
 * "yes" is an operation served, not one refused for its body.
 *
 * <p>Scope: every officer is appointed over PNS "A" (work unit Dinas Pendidikan of Kota Bandung, Kanreg III), the
 * PNS caller is A. "Outside" is called in up to four ways ({@link Variant}): everything of PNS "B" of another agency
 * and BKN office (ids, bodies and the optional scope selectors instansiId, instansi, satuanKerjaId); B's ids with
 * the caller's own selectors; the caller's agency but another agency's work unit; and, for the roles scoped by work
 * unit, PNS "C" of the same agency in another work unit (Dinas Kesehatan). Every 2xx answer of a guarded operation
 * to a role other than ADMIN_BKN must not name B, B's officers, pending registrations, complaints or unregistered
 * PNS (and not C, for the work-unit roles): the list GETs are checked by content, not only by status.
 */
class AccessMatrixTest {

  static final Path TABLE = Path.of("src/test/resources/security/access-matrix.tsv");
  static final String PASSWORD = VerificationTesting.PASSWORD;
  /** Optional query parameters that pick a scope: sent with the variant's value whenever an operation declares one. */
  static final List<String> SELECTORS = List.of("instansiId", "instansi", "satuanKerjaId");

  /** The ways a call is made: inside the caller's scope, and the outside cases. */
  enum Variant {
    IN, OUT, OUT_IDS_OWN_SELECTORS, OUT_WORK_UNIT, SIBLING_WORK_UNIT
  }

  static TestService service;
  static VerificationTesting t;
  /** Each role's current token; called from the callers' threads (one role's calls on one thread at a time). */
  static final Map<Role, String> tokens = new ConcurrentHashMap<>();
  /** Where the calls run: the anonymous one and every role's at once for an operation that only reads. */
  static final ExecutorService callers = Executors.newFixedThreadPool(Role.values().length + 1);
  static final Map<Role, SapkFixture.Person> officers = new EnumMap<>(Role.class);
  static String pnsRefresh;
  static String pnsNumber;
  /** Parameter values of each variant: by "path prefix{param}" first, then by "{param}". */
  static final Map<Variant, Map<String, String>> VALUES = new EnumMap<>(Variant.class);
  /** Parameters made anew for each call ("operationId.param"): operations that use their target up. */
  static final Map<String, BiFunction<Variant, Role, String>> FRESH = new LinkedHashMap<>();
  /** Request bodies by operation (else an empty object), made for each call. */
  static final Map<String, BiFunction<Variant, Role, JsonObject>> BODIES = new LinkedHashMap<>();
  /** What no role but ADMIN_BKN may see: the other agency's NIPs (and, for work-unit roles, the sibling's). */
  static final Set<String> OTHER_AGENCY = ConcurrentHashMap.newKeySet();
  static final Set<String> OTHER_WORK_UNIT = ConcurrentHashMap.newKeySet();
  /** What the PNS caller may not see besides: a colleague's record. */
  static final Set<String> OTHER_PERSON = ConcurrentHashMap.newKeySet();
  /** The PNS caller's own values where they differ from the officers' (its own record is P's, not A's). */
  static final Map<Variant, Map<String, String>> PNS_VALUES = new EnumMap<>(Variant.class);
  /** Required query parameters made anew for each call, by operation (a solved captcha). */
  static final Map<String, BiFunction<Variant, Role, Map<String, String>>> REQUIRED_QUERY = new LinkedHashMap<>();
  static final Map<Role, String> otherVerifiers = new EnumMap<>(Role.class);
  static final Map<Role, String> siblingVerifiers = new EnumMap<>(Role.class);
  /** The bodies of the answers that were neither 2xx nor a refusal, for the failure message. */
  static final Map<String, String> answers = new ConcurrentHashMap<>();
  /** Found while calling: 5xx answers and answers naming what the caller may not see. */
  static final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
  /** Answers to ADMIN_BKN that name the other agency: the content check can see what it looks for. */
  static final Set<String> nationalSightings = java.util.Collections.synchronizedSet(new TreeSet<>());
  static final AtomicInteger calls = new AtomicInteger();
  static SapkFixture sapk;
  static FakeSmtp smtp;
  /** PNS made early (their NIPs pass the checks): to register, and to appoint as officers. */
  static final List<SapkFixture.Person> newcomers = new ArrayList<>();
  static final List<SapkFixture.Person> appointees = new ArrayList<>();
  /** Officers to remove: inside (true) and of the other agency (false). */
  static final Map<Boolean, List<SapkFixture.Person>> removable = Map.of(true, new ArrayList<>(), false, new ArrayList<>());
  /** Where the PNS caller is not P: deleting a document needs an open form, and P has submitted by then. */
  static final Map<String, String> PNS_TOKEN = new LinkedHashMap<>();

  @BeforeAll
  static void start() throws IOException {
    // Every call comes from one address and names few NIPs: the limits are raised so that none answers 429.
    smtp = FakeSmtp.start();
    Map<String, String> settings = new LinkedHashMap<>(smtp.settings());
    settings.put("EPUPNS_CAPTCHA_EXPOSE_ANSWER", "true");
    settings.put("EPUPNS_RATE_LIMIT_DOCUMENTS_PER_ACCOUNT", "1000");
    for (String flow : List.of("LOGIN", "DOCUMENTS", "CAPTCHA", "REGISTRATION", "STATUS", "RECOVERY_NUMBER",
        "RECOVERY_ANSWER", "PASSWORD_RESET", "COMPLAINT", "PROOF", "LOOKUP", "AUTOCOMPLETE")) {
      settings.put("EPUPNS_RATE_LIMIT_" + flow + "_PER_IP", "100000");
    }
    settings.put("EPUPNS_RATE_LIMIT_PASSWORD_RESET_PER_NIP", "100000");
    settings.put("EPUPNS_RATE_LIMIT_COMPLAINT_PER_NIP", "100000");
    settings.put("EPUPNS_RATE_LIMIT_RECOVERY_ANSWER_FAILURES_PER_NIP", "100000");
    settings.put("EPUPNS_RATE_LIMIT_RECOVERY_NUMBER_FAILURES_PER_NIP", "100000");
    service = TestService.start(AccessMatrixTest.class, settings, false);
    t = new VerificationTesting(service);
    sapk = t.sapk;
    SapkFixture.Person a = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, false);
    // The fixture's NIPs age with each person made (a later birth date): those whose NIPs are checked are made first.
    for (int i = 0; i < 16; i++) {
      newcomers.add(sapk.pns(SapkFixture.SATKER_DINKES_BANDUNG, i % 2 == 0));
      appointees.add(sapk.pns(SapkFixture.SATKER_DINKES_BANDUNG, false));
      appointees.add(sapk.pns(SapkFixture.SATKER_BKN, false));
    }
    for (int i = 0; i < 3; i++) {
      removable.get(true).add(sapk.officer(Role.VERIFIER_SKPD, SapkFixture.SATKER_DINKES_BANDUNG));
      removable.get(false).add(sapk.officer(Role.VERIFIER_SKPD, SapkFixture.SATKER_BKN));
    }
    SapkFixture.Person b = sapk.pns(SapkFixture.SATKER_BKN, true);
    SapkFixture.Person c = sapk.pns(SapkFixture.SATKER_DINKES_BANDUNG, true);
    String tokenA = t.pnsToken(a.nip());
    String tokenB = t.pnsToken(b.nip());
    String tokenC = t.pnsToken(c.nip());
    long docA = t.uploadPdf(tokenA, "SK_CPNS");
    long docB = t.uploadPdf(tokenB, "SK_CPNS");
    long docC = t.uploadPdf(tokenC, "SK_CPNS");
    long subA = t.submit(tokenA, correction(a, docA));
    long subB = t.submit(tokenB, correction(b, docB));
    long subC = t.submit(tokenC, correction(c, docC));
    // The PNS caller: P, a colleague of A (same work unit) with a filled, unsubmitted form; A and C are others.
    SapkFixture.Person p = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, true);
    String tokenP = t.pnsToken(p.nip());
    long docP = t.uploadPdf(tokenP, "SK_CPNS");
    t.fill(tokenP, correction(p, docP));
    tokens.put(Role.PNS, tokenP);
    SapkFixture.Person p2 = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, false);
    PNS_TOKEN.put("deleteDocument", t.pnsToken(p2.nip()));
    for (Role role : Role.values()) {
      if (role.isOfficer()) {
        officers.put(role, sapk.officer(role, SapkFixture.SATKER_DISDIK_BANDUNG));
        tokens.put(role, t.officerToken(officers.get(role)));
      }
    }
    pnsNumber = service.sql("select registration_number from registration where nip = $1", p.nip())
        .iterator().next().getString(0);
    JsonObject pnsLogin = login(pnsNumber, PASSWORD);
    pnsRefresh = pnsLogin.getString("refreshToken");
    SapkFixture.Person officerIn = sapk.officer(Role.VERIFIER_SKPD, SapkFixture.SATKER_DINKES_BANDUNG);
    SapkFixture.Person officerOut = sapk.officer(Role.VERIFIER_SKPD, SapkFixture.SATKER_BKN);
    SapkFixture.Person unregisteredOut = sapk.pns(SapkFixture.SATKER_BKN, false);
    long complaintA = complaint(a, SapkFixture.INSTANSI_BANDUNG);
    long complaintB = complaint(b, SapkFixture.INSTANSI_BKN);
    long entryA = referenceEntry(SapkFixture.INSTANSI_BANDUNG, "SD Negeri Matriks Bandung");
    long entryB = referenceEntry(SapkFixture.INSTANSI_BKN, "SD Negeri Matriks Jakarta");
    // Pending registrations (the approval list's default) of A's agency and of B's.
    pending(sapk.pns(SapkFixture.SATKER_DINKES_BANDUNG, true));
    SapkFixture.Person pendingOut = pending(sapk.pns(SapkFixture.SATKER_BKN, false));
    OTHER_AGENCY.addAll(List.of(b.nip(), officerOut.nip(), unregisteredOut.nip(), pendingOut.nip()));
    OTHER_WORK_UNIT.add(c.nip());
    OTHER_PERSON.add(a.nip());
    // R registers as a PNS would (through the API): a proof to download and check, a mother's name to recover with.
    SapkFixture.Person r = newcomers.remove(0);
    HttpResponse<Buffer> registered = service.post("/api/registrations", registration(r));
    assertEquals(201, registered.statusCode(), registered.bodyAsString());
    String proofUrl = registered.bodyAsJsonObject().getString("proofUrl");
    String rNumber = registered.bodyAsJsonObject().getString("registrationNumber");
    java.time.LocalDate rDay = service.sql("select (created_at at time zone 'Asia/Jakarta')::date from registration"
        + " where nip = $1", r.nip()).iterator().next().getLocalDate(0);
    String proofCode = ProofCodes.code(service.running().config().string("secrets.proofSigningKey"), rNumber, r.nip(), rDay);
    // Verifiers of B's work unit, agency and office, who move B's fresh submissions up to a caller's tier.
    for (Role verifier : List.of(Role.VERIFIER_SKPD, Role.VERIFIER_BKD)) {
      SapkFixture.Person officer = sapk.officer(verifier, SapkFixture.SATKER_BKN);
      OTHER_AGENCY.add(officer.nip());
      otherVerifiers.put(verifier, t.officerToken(officer));
      SapkFixture.Person sibling = sapk.officer(verifier, SapkFixture.SATKER_DINKES_BANDUNG);
      siblingVerifiers.put(verifier, t.officerToken(sibling));
    }

    Map<String, String> in = new LinkedHashMap<>();
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, String> sibling = new LinkedHashMap<>();
    BiConsumer<String, String[]> put = (key, values) -> {
      in.put(key, values[0]);
      out.put(key, values[1]);
      sibling.put(key, values.length > 2 ? values[2] : values[0]);
    };
    put.accept("/api/admin/officers/{nip}", new String[] {officerIn.nip(), officerOut.nip()});
    put.accept("/api/pns/{nip}", new String[] {a.nip(), b.nip(), c.nip()});
    put.accept("/api/submissions/{id}", new String[] {Long.toString(subA), Long.toString(subB), Long.toString(subC)});
    put.accept("/api/documents/{id}", new String[] {Long.toString(docA), Long.toString(docB), Long.toString(docC)});
    put.accept("/api/me/documents/{id}", new String[] {Long.toString(docA), Long.toString(docB)});
    put.accept("/api/admin/instansi/{id}", ids(SapkFixture.INSTANSI_BANDUNG, SapkFixture.INSTANSI_BKN));
    put.accept("/api/admin/complaints/{id}", new String[] {Long.toString(complaintA), Long.toString(complaintB)});
    put.accept("/api/admin/referensi/{table}/{id}", new String[] {Long.toString(entryA), Long.toString(entryB)});
    put.accept("/api/admin/schedule/{window}/{target}/{id}", ids(SapkFixture.INSTANSI_BANDUNG, SapkFixture.INSTANSI_BKN));
    put.accept("{instansiId}", ids(SapkFixture.INSTANSI_BANDUNG, SapkFixture.INSTANSI_BKN));
    put.accept("{instansi}", ids(SapkFixture.INSTANSI_BANDUNG, SapkFixture.INSTANSI_BKN));
    put.accept("{satuanKerjaId}", new String[] {Integer.toString(SapkFixture.SATKER_DISDIK_BANDUNG),
        Integer.toString(SapkFixture.SATKER_BKN), Integer.toString(SapkFixture.SATKER_DINKES_BANDUNG)});
    put.accept("{nip}", new String[] {a.nip(), b.nip(), c.nip()});
    // Harmless choices of the enumerated path parameters: enabling an officer, restoring an entry.
    put.accept("{action}", new String[] {"enable", "enable"});
    put.accept("/api/admin/referensi/{table}/{id}/{action}", new String[] {"restore", "restore"});
    put.accept("{section}", new String[] {"utama", "utama"});
    put.accept("{field}", new String[] {"alamat", "alamat"});
    put.accept("{q}", new String[] {"kota", "kota"});
    String proofFile = proofUrl.substring(proofUrl.lastIndexOf('/') + 1, proofUrl.indexOf('?'));
    put.accept("{file}", new String[] {proofFile, proofFile});
    VALUES.put(Variant.IN, in);
    VALUES.put(Variant.OUT, out);
    Map<String, String> outIds = new LinkedHashMap<>(out);
    for (String selector : SELECTORS) {
      outIds.put("{" + selector + "}", in.get("{" + selector + "}"));
    }
    VALUES.put(Variant.OUT_IDS_OWN_SELECTORS, outIds);
    Map<String, String> otherUnit = new LinkedHashMap<>(in);
    otherUnit.put("{satuanKerjaId}", out.get("{satuanKerjaId}"));
    VALUES.put(Variant.OUT_WORK_UNIT, otherUnit);
    VALUES.put(Variant.SIBLING_WORK_UNIT, sibling);
    // The PNS caller's own record is P's; its "sibling" is A, a colleague of the same work unit.
    Map<String, String> pnsIn = new LinkedHashMap<>(in);
    pnsIn.put("/api/documents/{id}", Long.toString(docP));
    pnsIn.put("/api/me/documents/{id}", Long.toString(docP));
    pnsIn.put("/api/pns/{nip}", p.nip());
    pnsIn.put("{nip}", p.nip());
    PNS_VALUES.put(Variant.IN, pnsIn);
    Map<String, String> pnsColleague = new LinkedHashMap<>(in);
    pnsColleague.put("/api/me/documents/{id}", Long.toString(docA));
    PNS_VALUES.put(Variant.SIBLING_WORK_UNIT, pnsColleague);
    Map<String, String> proofQuery = new LinkedHashMap<>();
    for (String pair : proofUrl.substring(proofUrl.indexOf('?') + 1).split("&")) {
      proofQuery.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }
    REQUIRED_QUERY.put("downloadProof", (v, role) -> proofQuery);
    REQUIRED_QUERY.put("verifyProof", (v, role) -> Map.of("code", proofCode));
    REQUIRED_QUERY.put("registrationStatus", (v, role) -> {
      JsonObject captcha = captcha();
      return Map.of("nip", a.nip(), "captchaId", captcha.getString("captchaId"),
          "captchaAnswer", captcha.getString("captchaAnswer"));
    });

    // Operations that use their target up get a new one for every call.
    FRESH.put("decideRegistration.nip", (v, role) -> {
      SapkFixture.Person pns = pending(sapk.pns(v == Variant.IN ? SapkFixture.SATKER_DINKES_BANDUNG
          : SapkFixture.SATKER_BKN, true));
      if (v != Variant.IN) {
        OTHER_AGENCY.add(pns.nip());
      }
      return pns.nip();
    });
    // Only the admins get a new officer to remove each time; the others are refused before any lookup.
    FRESH.put("removeOfficer.nip", (v, role) -> role == Role.ADMIN_INSTANSI || role == Role.ADMIN_BKN
        ? removable.get(v == Variant.IN).remove(0).nip() : (v == Variant.IN ? officerIn : officerOut).nip());
    FRESH.put("handleComplaint.id", (v, role) -> Long.toString(complaint(v == Variant.IN ? a : b,
        v == Variant.IN ? SapkFixture.INSTANSI_BANDUNG : SapkFixture.INSTANSI_BKN)));
    FRESH.put("retireReferenceEntry.id", (v, role) -> Long.toString(v == Variant.IN
        ? referenceEntry(SapkFixture.INSTANSI_BANDUNG, "SD Pensiun " + System.nanoTime())
        : v == Variant.OUT_IDS_OWN_SELECTORS || v == Variant.OUT
        ? referenceEntry(SapkFixture.INSTANSI_BKN, "SD Pensiun " + System.nanoTime()) : entryA));
    // A verifier's call gets a new submission at its own tier (so neither a tier nor an earlier call decides the
    // answer); the other roles get A's, B's or C's.
    for (String op : List.of("claimSubmission", "decideSubmission", "acceptAllPending", "releaseClaim")) {
      FRESH.put(op + ".id", (v, role) -> role != null && role.tier().isPresent()
          ? Long.toString(freshSubmission(v, role.tier().get()))
          : v == Variant.IN ? Long.toString(subA) : v == Variant.SIBLING_WORK_UNIT ? Long.toString(subC) : Long.toString(subB));
    }
    FRESH.put("deleteDocument.id", (v, role) -> role == Role.PNS && v == Variant.IN
        ? Long.toString(t.uploadPdf(PNS_TOKEN.get("deleteDocument"), "SK_CPNS")) : values(v, role).get("/api/me/documents/{id}"));

    BODIES.put("login", (v, role) -> new JsonObject().put("username", pnsNumber).put("password", PASSWORD));
    BODIES.put("refresh", (v, role) -> new JsonObject().put("refreshToken", login(pnsNumber, PASSWORD)
        .getString("refreshToken")));
    BODIES.put("logout", (v, role) -> new JsonObject().put("refreshToken", login(pnsNumber, PASSWORD)
        .getString("refreshToken")));
    BODIES.put("setAgencyApproval", (v, role) -> new JsonObject().put("required", v != Variant.IN)); // as they are
    BODIES.put("appointOfficer", (v, role) -> {
      int unit = v == Variant.IN ? SapkFixture.SATKER_DINKES_BANDUNG : SapkFixture.SATKER_BKN;
      SapkFixture.Person person = appointee(unit);
      return new JsonObject().put("nip", person.nip()).put("nama", person.nama()).put("role", "VERIFIER_SKPD")
          .put("satuanKerjaId", unit).put("email", "petugas" + person.nip() + "@example.go.id");
    });
    BODIES.put("setOfficerPassword", (v, role) -> new JsonObject().put("token", officerPasswordLink())
        .put("password", "petugas baru kuat 2015").put("passwordConfirmation", "petugas baru kuat 2015"));
    BODIES.put("changeOfficer", (v, role) -> new JsonObject().put("role", "VERIFIER_SKPD").put("satuanKerjaId",
        v == Variant.IN ? SapkFixture.SATKER_DINKES_BANDUNG : SapkFixture.SATKER_BKN));
    BODIES.put("addReferenceEntry", (v, role) -> new JsonObject().put("nama", "SD Baru " + System.nanoTime())
        .put("jenjang", "SD"));
    BODIES.put("editReferenceEntry", (v, role) -> new JsonObject().put("nama", "SD Diubah " + System.nanoTime())
        .put("jenjang", "SD"));
    BODIES.put("importReferenceEntries", (v, role) -> new JsonObject().put("csv", "nama,jenjang\nSD Impor "
        + System.nanoTime() + ",SD\n"));
    BODIES.put("setScheduleWindow", (v, role) -> new JsonObject().put("start", "2000-01-01").put("end", "2099-12-31"));
    BODIES.put("setStaggeredWindow", (v, role) -> new JsonObject().put("start", "2000-01-01").put("end", "2099-12-31"));
    BODIES.put("enterWaitingRoom", (v, role) -> new JsonObject().put("flow", "registration"));
    BODIES.put("register", (v, role) -> registration(newcomers.remove(0)));
    BODIES.put("recoverRegistrationNumber", (v, role) -> captcha().put("nip", a.nip()));
    BODIES.put("recoverSecurityAnswer", (v, role) -> captcha().put("nip", r.nip()).put("motherName", "Siti Nurhayati"));
    BODIES.put("confirmPasswordReset", (v, role) -> new JsonObject().put("token", resetLink(r))
        .put("password", "kopi luwak di sore hari").put("passwordConfirmation", "kopi luwak di sore hari"));
    BODIES.put("requestPasswordReset", (v, role) -> captcha().put("nip", a.nip()));
    // A complaint is for a NIP SAPK does not know (a NIP it knows is 409 NIP_IN_SAPK).
    String notInSapk = id.go.bkn.epupns.sapk.Nip.format(java.time.LocalDate.of(1979, 5, 5), java.time.YearMonth.of(2004, 3),
        false, 988);
    BODIES.put("fileComplaint", (v, role) -> captcha().put("nip", notInSapk).put("nama", a.nama()).put("nik", a.nik())
        .put("instansiId", SapkFixture.INSTANSI_BANDUNG).put("description", "Data golongan saya tidak sesuai SK.")
        .put("contact", "pengadu@example.org"));
    BODIES.put("assignComplaint", (v, role) -> new JsonObject().put("nip", v == Variant.IN
        ? officers.get(Role.VERIFIER_BKD).nip() : officerOut.nip()));
    BODIES.put("handleComplaint", (v, role) -> new JsonObject().put("note", "Sudah dibetulkan di SAPK."));
    BODIES.put("saveFormSection", (v, role) -> {
      if (role != Role.PNS) {
        return new JsonObject().put("version", 0).put("fields", new JsonObject());
      }
      // The section as it was filled (every field checked, the address corrected), saved again.
      JsonObject section = VerificationTesting.section(t.form(tokens.get(Role.PNS)), "utama");
      JsonObject fields = new JsonObject();
      section.getJsonArray("fields").forEach(f -> fields.put(((JsonObject) f).getString("name"),
          new JsonObject().put("mark", "CORRECT")));
      fields.mergeIn(correction(p, docP).getJsonObject("utama"));
      return new JsonObject().put("version", section.getInteger("version")).put("fields", fields);
    });
    BODIES.put("decideSubmission", (v, role) -> new JsonObject()); // filled in call(): needs the submission's item
    BODIES.put("changeRouting", (v, role) -> new JsonObject().put("finalAuthority", "SKPD")); // alamat's, as it is
  }

  private static String[] ids(int in, int out) {
    return new String[] {Integer.toString(in), Integer.toString(out)};
  }

  private static JsonObject correction(SapkFixture.Person pns, long document) {
    return new JsonObject().put("utama", new JsonObject()
        .put("alamat", wrong("Jl. Matriks No. " + pns.nip().substring(15)))
        .put("tmt_cpns", wrong("2005-04-01", document)));
  }

  /**
   * A new submission of a new PNS, at the tier given: inside (the callers' work unit), of the other agency, or of
   * the sibling work unit. Its TMT CPNS (BKN's to decide) is moved up by accept-alls of the lower tiers' verifiers
   * of its own work unit and agency.
   */
  private static long freshSubmission(Variant v, id.go.bkn.epupns.sapk.Tier tier) {
    int unit = v == Variant.IN ? SapkFixture.SATKER_DISDIK_BANDUNG
        : v == Variant.SIBLING_WORK_UNIT ? SapkFixture.SATKER_DINKES_BANDUNG : SapkFixture.SATKER_BKN;
    SapkFixture.Person pns = sapk.pns(unit, unit != SapkFixture.SATKER_DISDIK_BANDUNG);
    if (unit != SapkFixture.SATKER_DISDIK_BANDUNG) {
      (unit == SapkFixture.SATKER_BKN ? OTHER_AGENCY : OTHER_WORK_UNIT).add(pns.nip());
    }
    String token = t.pnsToken(pns.nip());
    long submission = t.submit(token, correction(pns, t.uploadPdf(token, "SK_CPNS")));
    Map<Role, String> lower = v == Variant.IN ? Map.of(Role.VERIFIER_SKPD, tokens.get(Role.VERIFIER_SKPD),
        Role.VERIFIER_BKD, tokens.get(Role.VERIFIER_BKD)) : v == Variant.SIBLING_WORK_UNIT ? siblingVerifiers : otherVerifiers;
    for (id.go.bkn.epupns.sapk.Tier below : id.go.bkn.epupns.sapk.Tier.values()) {
      if (below.ordinal() >= tier.ordinal()) {
        break;
      }
      HttpResponse<Buffer> accepted = service.post("/api/submissions/" + submission + "/accept-all", new JsonObject(),
          lower.get(Role.verifierOf(below)));
      assertEquals(200, accepted.statusCode(), "moving up " + below + ": " + accepted.bodyAsString());
    }
    return submission;
  }

  private static SapkFixture.Person appointee(int unit) {
    SapkFixture.Person person = appointees.stream().filter(x -> service.sql("select 1 from pns where nip = $1 and "
        + "satuan_kerja_id = $2", x.nip(), unit).size() > 0).findFirst().orElseThrow();
    appointees.remove(person);
    return person;
  }

  /** The token of a new officer's set-password link: appointed by ADMIN_BKN, read from the mail. */
  private static String officerPasswordLink() {
    SapkFixture.Person person = appointee(SapkFixture.SATKER_DINKES_BANDUNG);
    String email = "baru" + person.nip() + "@example.go.id";
    HttpResponse<Buffer> appointed = service.post("/api/admin/officers", new JsonObject().put("nip", person.nip())
        .put("nama", person.nama()).put("role", "VERIFIER_SKPD").put("satuanKerjaId", SapkFixture.SATKER_DINKES_BANDUNG)
        .put("email", email), tokens.get(Role.ADMIN_BKN));
    assertEquals(201, appointed.statusCode(), appointed.bodyAsString());
    return mailedToken(email, "atur-sandi-petugas.html");
  }

  /** The token of a new password-reset link for the PNS, read from the mail. */
  private static String resetLink(SapkFixture.Person pns) {
    String email = "matriks" + pns.nip() + "@example.org";
    java.util.function.Supplier<Long> links = () -> smtp.messages().stream().filter(m -> m.recipients().contains(email)
        && m.text().contains("reset-sandi.html?token=")).count();
    long before = links.get();
    HttpResponse<Buffer> requested = service.post("/api/recovery/password-reset", captcha().put("nip", pns.nip()));
    assertEquals(202, requested.statusCode(), requested.bodyAsString());
    smtp.await(m -> links.get() > before, "with a new reset link to " + email);
    return mailedToken(email, "reset-sandi.html");
  }

  private static String mailedToken(String email, String page) {
    smtp.await(m -> m.recipients().contains(email) && m.text().contains(page + "?token="), "with a link to " + email);
    List<FakeSmtp.Message> mails = smtp.messages().stream().filter(m -> m.recipients().contains(email)
        && m.text().contains(page + "?token=")).toList();
    Matcher link = Pattern.compile(Pattern.quote(page) + "\\?token=([A-Za-z0-9_-]{43})")
        .matcher(mails.get(mails.size() - 1).text());
    assertTrue(link.find(), mails.get(mails.size() - 1).text());
    return link.group(1);
  }

  private static long complaint(SapkFixture.Person pns, int instansi) {
    return service.sql("""
        insert into complaint (nip, nama, nik, instansi_id, description, contact)
        values ($1, $2, $3, $4, 'Golongan saya di SAPK keliru.', 'pengadu@example.org') returning id""",
        pns.nip(), pns.nama(), pns.nik(), instansi).iterator().next().getLong(0);
  }

  private static long referenceEntry(int instansi, String nama) {
    return service.sql("insert into ref_sekolah (instansi_id, nama, jenjang) values ($1, $2, 'SD') returning id",
        instansi, nama).iterator().next().getLong(0);
  }

  private static JsonObject captcha() {
    HttpResponse<Buffer> response = service.post("/api/captcha", new JsonObject());
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonObject captcha = response.bodyAsJsonObject();
    return new JsonObject().put("captchaId", captcha.getString("id")).put("captchaAnswer", captcha.getString("answer"));
  }

  private static JsonObject registration(SapkFixture.Person pns) {
    return captcha().put("nip", pns.nip()).put("nik", pns.nik()).put("email", "matriks" + pns.nip() + "@example.org")
        .put("password", "kopi tubruk di pagi hari").put("passwordConfirmation", "kopi tubruk di pagi hari")
        .put("motherName", "Siti Nurhayati").put("securityQuestion", "Apa nama sekolah dasar pertama Anda?")
        .put("securityAnswer", "SD Negeri 3 Cibeunying");
  }

  private static SapkFixture.Person pending(SapkFixture.Person pns) {
    service.sql("""
        insert into registration (nip, registration_number, nik, email, password_hash, mother_name_hash,
          security_question, security_answer_enc, status)
        values ($1, $2, $3, 'pending@example.org', 'x', 'x', 'q', '\\x00'::bytea, 'PENDING_APPROVAL')""",
        pns.nip(), id.go.bkn.epupns.registration.RegistrationNumbers.generate(), pns.nik());
    return pns;
  }

  @AfterAll
  static void stop() {
    callers.shutdownNow();
    try {
      service.close();
    } finally {
      smtp.close();
    }
  }

  private static JsonObject login(String username, String password) {
    HttpResponse<Buffer> response = service.post("/api/auth/login", new JsonObject().put("username", username)
        .put("password", password));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  // --- the operations of the contract ---

  /** The value of a parameter: by the path up to it (longest prefix first), else by its name. */
  static String value(Map<String, String> values, Operation op, String param) {
    int at = op == null ? -1 : op.path().indexOf("{" + param + "}");
    if (at >= 0) {
      String prefix = op.path().substring(0, at + param.length() + 2);
      String best = null;
      for (String key : values.keySet()) {
        if (key.startsWith("/") && prefix.endsWith(key) && (best == null || key.length() > best.length())) {
          best = key;
        }
      }
      if (best != null) {
        return values.get(best);
      }
    }
    String byName = values.get("{" + param + "}");
    List<String> allowed = op == null ? null : op.enums().get(param);
    if (allowed != null && (byName == null || !allowed.contains(byName))) {
      return allowed.get(0);
    }
    return byName == null ? "1" : byName;
  }

  /** The scope selectors the operation takes (optional query parameters). */
  static List<String> selectors(Operation op) {
    return SELECTORS.stream().filter(op.optionalQuery()::contains).toList();
  }

  /** The values of a variant for the role (the PNS caller's own record is P's). */
  static Map<String, String> values(Variant variant, Role role) {
    return role == Role.PNS && PNS_VALUES.containsKey(variant) ? PNS_VALUES.get(variant) : VALUES.get(variant);
  }

  /**
   * The variants an operation is called in as the role: inside first, then the outside cases that apply. The mixed
   * ones (another agency's ids under the caller's own selectors, the caller's agency with another agency's work
   * unit) are for the roles with an agency or narrower: for ADMIN_BKN they are only contradictory requests.
   */
  static List<Variant> variants(Operation op, Role role) {
    List<Variant> variants = new ArrayList<>(List.of(Variant.IN));
    boolean ids = !op.pathParams().isEmpty() || !op.requiredQuery().isEmpty() || BODIES.containsKey(op.id());
    List<String> selectors = selectors(op);
    if (role == null || !op.secured() || (!ids && selectors.isEmpty())) { // an open operation has no scope
      return variants;
    }
    variants.add(Variant.OUT);
    boolean national = role.scopeLevel() == id.go.bkn.epupns.sapk.Scope.Level.NATIONAL;
    boolean ownIds = op.pathParams().stream().anyMatch(param -> FRESH.containsKey(op.id() + "." + param)
        || !value(VALUES.get(Variant.IN), op, param).equals(value(VALUES.get(Variant.OUT), op, param)));
    if (!national && ownIds && !selectors.isEmpty()) {
      variants.add(Variant.OUT_IDS_OWN_SELECTORS);
    }
    if (!national && selectors.contains("satuanKerjaId") && selectors.size() > 1) {
      variants.add(Variant.OUT_WORK_UNIT);
    }
    if (role.scopeLevel() == id.go.bkn.epupns.sapk.Scope.Level.WORK_UNIT || role == Role.PNS) {
      variants.add(Variant.SIBLING_WORK_UNIT);
    }
    return variants;
  }

  /** The path params filled for one call (fresh targets made once per call). */
  static Map<String, String> params(Operation op, Variant variant, Role role) {
    Map<String, String> values = values(variant, role);
    Map<String, String> filled = new LinkedHashMap<>();
    for (String param : op.pathParams()) {
      BiFunction<Variant, Role, String> fresh = FRESH.get(op.id() + "." + param);
      if (fresh != null) {
        synchronized (FRESH) { // the fixture that makes them counts on one caller at a time
          filled.put(param, fresh.apply(variant, role));
        }
      } else {
        filled.put(param, value(values, op, param));
      }
    }
    return filled;
  }

  static String uri(Operation op, Variant variant, Role role, Map<String, String> params) {
    Map<String, String> values = values(variant, role);
    String uri = op.path();
    for (Map.Entry<String, String> param : params.entrySet()) {
      uri = uri.replace("{" + param.getKey() + "}", param.getValue());
    }
    List<String> query = new ArrayList<>();
    BiFunction<Variant, Role, Map<String, String>> fresh = REQUIRED_QUERY.get(op.id());
    Map<String, String> made = fresh == null ? Map.of() : fresh.apply(variant, role);
    for (String param : op.requiredQuery()) {
      query.add(param + "=" + java.net.URLEncoder.encode(made.getOrDefault(param, value(values, op, param)),
          StandardCharsets.UTF_8));
    }
    for (String selector : selectors(op)) {
      query.add(selector + "=" + values.get("{" + selector + "}"));
    }
    return query.isEmpty() ? uri : uri + "?" + String.join("&", query);
  }

  static HttpResponse<Buffer> call(Operation op, Variant variant, Role role, String token) {
    Map<String, String> params = params(op, variant, role);
    HttpRequest<Buffer> request = service.withToken(service.http().request(op.method(), uri(op, variant, role, params)), token);
    calls.incrementAndGet();
    if (op.multipart()) {
      byte[] pdf = ("%PDF-1.4\n%" + System.nanoTime() + "\n" + " ".repeat(2000)).getBytes(StandardCharsets.US_ASCII);
      return TestService.await(request.sendMultipartForm(MultipartForm.create()
          .binaryFileUpload("file", "scan.pdf", Buffer.buffer(pdf), "application/pdf").attribute("kind", "SK_CPNS")));
    }
    if (!op.body()) {
      return TestService.await(request.send());
    }
    BiFunction<Variant, Role, JsonObject> maker = BODIES.get(op.id());
    JsonObject body;
    synchronized (FRESH) {
      body = maker == null ? new JsonObject() : maker.apply(variant, role);
      if (op.id().equals("decideSubmission")) {
        long item = VerificationTesting.item(t.submission(tokens.get(Role.ADMIN_BKN), Long.parseLong(params.get("id"))),
            "tmt_cpns").getLong("id");
        body = new JsonObject().put("decisions", new JsonArray().add(VerificationTesting.decision(item, "MS", null)));
      }
    }
    return TestService.await(request.sendJsonObject(body));
  }

  /**
   * What the caller got: 2xx, 401, 403 (refused for its role), 404, or the status (400, 409, 422, ...). A 5xx is
   * noted as a failure; a 2xx whose body names what the role may not see as well.
   */
  static String outcome(Operation op, Variant variant, Role role, HttpResponse<Buffer> response) {
    int status = response.statusCode();
    String text = response.body() == null ? "" : response.bodyAsString();
    String error = status >= 400 && text.startsWith("{") ? new JsonObject(text).getString("error") : null;
    String where = op.id() + " as " + (role == null ? "anonymous" : role) + " " + variant;
    if (status >= 500) {
      failures.add(where + ": " + status + " " + text);
      return "5xx";
    }
    if (status >= 200 && status < 300) {
      if (role != null && op.secured()) {
        for (String nip : OTHER_AGENCY) {
          if (text.contains(nip)) {
            if (role == Role.ADMIN_BKN) {
              nationalSightings.add(op.id());
            } else {
              failures.add(where + ": the answer names " + nip + " of another agency");
            }
          }
        }
        if (role.scopeLevel() == id.go.bkn.epupns.sapk.Scope.Level.WORK_UNIT || role == Role.PNS) {
          for (String nip : role == Role.PNS ? union(OTHER_WORK_UNIT, OTHER_PERSON) : OTHER_WORK_UNIT) {
            if (text.contains(nip)) {
              failures.add(where + ": the answer names " + nip + " of another work unit");
            }
          }
        }
      }
      return "2xx";
    }
    if (status != 401 && status != 403 && status != 404) {
      answers.put(where, status + " " + (text.length() > 300 ? text.substring(0, 300) : text));
    }
    if (status == 403 && !"FORBIDDEN".equals(error)) {
      return "403:" + error;
    }
    if (status == 404 && !("NOT_FOUND".equals(error) || error == null)) {
      return "404:" + error;
    }
    return Integer.toString(status);
  }

  private static Set<String> union(Set<String> one, Set<String> other) {
    Set<String> all = new LinkedHashSet<>(one);
    all.addAll(other);
    return all;
  }

  /**
   * A role's cell from its calls: yes (2xx inside and in every outside case), no (403 every time), scope (2xx
   * inside, 403 or 404 in every outside case), a status (that status every time); anything else printed as seen,
   * inside/outside (the outside cases joined with + where they differ).
   */
  static String cell(String inside, List<String> outside) {
    Set<String> distinct = new LinkedHashSet<>(outside);
    boolean refused = !outside.isEmpty() && outside.stream().allMatch(o -> o.equals("403") || o.equals("404"));
    if (inside.equals("2xx") && (outside.isEmpty() || distinct.equals(Set.of("2xx")))) {
      return "yes";
    }
    if (inside.equals("2xx") && refused) {
      return "scope";
    }
    if (inside.equals("403") && (outside.isEmpty() || distinct.equals(Set.of("403")))) {
      return "no";
    }
    if (outside.isEmpty() || distinct.equals(Set.of(inside))) {
      return inside;
    }
    return inside + "/" + String.join("+", distinct);
  }

  static Map<String, List<String>> table() throws IOException {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    List<String> header = null;
    for (String line : Files.readAllLines(TABLE)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> cells = List.of(line.trim().split("\\s+"));
      if (header == null) {
        header = cells;
        List<String> expected = new ArrayList<>(List.of("operation", "anonymous"));
        for (Role role : Role.values()) {
          expected.add(role.name());
        }
        assertEquals(expected, header, "the table's columns: operation, anonymous and every Role");
        continue;
      }
      assertEquals(header.size(), cells.size(), "cells of " + line);
      rows.put(cells.get(0), cells.subList(1, cells.size()));
    }
    return rows;
  }

  /** A new token for the role (its session was ended: logout). */
  private static void renew(Role role) {
    tokens.put(role, role == Role.PNS
        ? login(pnsNumber, PASSWORD).getString("token")
        : t.officerToken(officers.get(role)));
  }

  /**
   * The outcome of a call with the role's token. Logging out ends the caller's session: a 401 whose token no longer
   * opens GET /api/auth/me is not the operation's answer, so the token is renewed and the call made again.
   */
  private static String outcomeAs(Operation op, Variant variant, Role role) {
    String token = role == Role.PNS && PNS_TOKEN.containsKey(op.id()) ? PNS_TOKEN.get(op.id()) : tokens.get(role);
    HttpResponse<Buffer> response = call(op, variant, role, token);
    if (response.statusCode() == 401 && service.get("/api/auth/me", token).statusCode() == 401) {
      renew(role);
      response = call(op, variant, role, tokens.get(role));
    }
    return outcome(op, variant, role, response);
  }

  private static String cellOf(Operation op, Role role) {
    List<Variant> variants = variants(op, role);
    String inside = outcomeAs(op, Variant.IN, role);
    List<String> outside = new ArrayList<>();
    for (Variant variant : variants.subList(1, variants.size())) {
      outside.add(outcomeAs(op, variant, role));
    }
    return cell(inside, outside);
  }

  private static <T> T result(Future<T> future) {
    try {
      return future.get(300, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e.getCause() != null ? e.getCause() : e);
    }
  }

  /**
   * An operation that only reads is called as every role at once (each role's own calls in order); one that
   * changes something as one role after the other, in the order of {@link Role}, so what one role's call changed is
   * there for the next one's as it always was.
   */
  @Test
  void everyOperationAnswersEveryRoleAsTheTableSays() throws IOException {
    Map<String, List<String>> table = table();
    List<String> mismatches = new ArrayList<>();
    List<String> observedLines = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    int cells = 0;
    for (Operation op : OpenApiOperations.all()) {
      seen.add(op.id());
      List<String> observed = new ArrayList<>();
      boolean reads = op.method() == HttpMethod.GET;
      Future<String> anonymousCall = callers.submit(() -> outcome(op, Variant.IN, null, call(op, Variant.IN, null, null)));
      if (!reads) {
        result(anonymousCall); // the anonymous call first, then one role after the other
      }
      Map<Role, Future<String>> roleCells = new EnumMap<>(Role.class);
      for (Role role : Role.values()) {
        Future<String> cell = callers.submit(() -> cellOf(op, role));
        roleCells.put(role, cell);
        if (!reads) {
          result(cell);
        }
      }
      String anonymous = result(anonymousCall);
      observed.add(anonymous.equals("2xx") ? "open" : anonymous);
      for (Role role : Role.values()) {
        String cell = result(roleCells.get(role));
        observed.add(!op.secured() && cell.equals("yes") && observed.get(0).equals("open") ? "open" : cell);
      }
      cells += observed.size();
      String line = String.format("%-28s %s", op.id(), String.join(" ", observed.stream()
          .map(c -> String.format("%-14s", c)).toList())).stripTrailing();
      observedLines.add(line);
      List<String> declared = table.get(op.id());
      if (declared == null) {
        mismatches.add("missing from the table: " + line);
      } else if (!declared.equals(observed)) {
        mismatches.add(op.method() + " " + op.path() + "\n    declared " + declared + "\n    observed " + observed);
      }
    }
    for (String declared : table.keySet()) {
      if (!seen.contains(declared)) {
        mismatches.add("in the table but not in openapi.yaml: " + declared);
      }
    }
    // Leave every role signed in (the last operation may have logged one out).
    for (Role role : Role.values()) {
      if (service.get("/api/auth/me", tokens.get(role)).statusCode() == 401) {
        renew(role);
      }
    }
    System.out.println("ACCESS-MATRIX operations=" + seen.size() + " cells=" + cells + " calls=" + calls.get()
        + " national answers naming the other agency: " + nationalSightings);
    assertTrue(mismatches.isEmpty(), String.join("\n", mismatches) + "\n\nobserved table:\n"
        + String.join("\n", observedLines) + "\n\nfailures:\n" + String.join("\n", failures)
        + "\n\nanswers neither 2xx nor refused:\n" + String.join("\n", new TreeMap<>(answers).entrySet().stream()
            .map(e -> e.getKey() + ": " + e.getValue()).toList()));
    assertEquals(List.of(), failures, "5xx answers, or answers naming what the caller may not see");
    // The content check can see: ADMIN_BKN's lists (national) name the other agency's PNS, officers, registrations.
    assertTrue(nationalSightings.containsAll(List.of("listRegistrations", "listOfficers", "listComplaints",
        "nonParticipantList", "getPnsHistory")), "national answers naming B: " + nationalSightings);
  }

  // --- tokens that must never be accepted ---

  /** The operation with the inside values and an empty body: enough for a call refused before any handler. */
  static HttpResponse<Buffer> plainCall(Operation op, String token) {
    Map<String, String> params = new LinkedHashMap<>();
    op.pathParams().forEach(p -> params.put(p, value(VALUES.get(Variant.IN), op, p)));
    HttpRequest<Buffer> request = service.withToken(service.http().request(op.method(),
        uri(op, Variant.IN, null, params)), token);
    if (op.multipart()) {
      return TestService.await(request.sendMultipartForm(MultipartForm.create()
          .binaryFileUpload("file", "scan.pdf", Buffer.buffer("%PDF-1.4\n"), "application/pdf")));
    }
    return TestService.await(op.body() ? request.sendJsonObject(new JsonObject()) : request.send());
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonObject payload(String token) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  private static String hs256WithThePublicKey(String token) throws Exception {
    String signed = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + token.split("\\.")[1];
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Files.readAllBytes(Path.of(service.running().config().string("jwt.publicKeyFile"))),
        "HmacSHA256"));
    return signed + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
  }

  /** The token's claims changed as given, signed with the PEM private key (the service's own or another). */
  private static String resigned(String token, String privateKeyPem, java.util.function.UnaryOperator<JsonObject> change) {
    String algorithm = service.running().config().string("jwt.algorithm");
    JWTAuth jwt = JWTAuth.create(service.vertx(), new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
        .setAlgorithm(algorithm).setBuffer(privateKeyPem)));
    JsonObject claims = change.apply(payload(token));
    return jwt.generateToken(claims, new JWTOptions().setAlgorithm(algorithm).setNoTimestamp(true));
  }

  private static String ownKey() throws IOException {
    return Files.readString(Path.of(service.running().config().string("jwt.privateKeyFile")));
  }

  /** A valid P-256 key (ES256), but not the service's: PKCS#8 PEM. */
  private static String anotherKey() throws Exception {
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
    generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
    return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
  }

  /** Properly signed with the service's own key, but expired a while ago. */
  private static String expired(String token) throws IOException {
    long now = System.currentTimeMillis() / 1000;
    return resigned(token, ownKey(), claims -> claims.put("iat", now - 7200).put("exp", now - 3600));
  }

  @Test
  void forgedExpiredDisabledAndWrongTypeTokensAreRefusedEverywhere() throws Exception {
    String access = tokens.get(Role.VERIFIER_SKPD);
    SapkFixture.Person disabledOfficer = t.sapk.officer(Role.VERIFIER_BKD, SapkFixture.SATKER_DISDIK_BANDUNG);
    String disabled = t.officerToken(disabledOfficer);
    assertEquals(200, service.get("/api/auth/me", disabled).statusCode());
    service.sql("update officer set disabled = true where nip = $1", disabledOfficer.nip());
    String pnsAccess = tokens.get(Role.PNS);
    assertEquals(200, service.get("/api/auth/me", pnsAccess).statusCode());
    String fresh = expired(access);
    assertEquals(payload(access).getString("sub"), payload(fresh).getString("sub"), "same claims, only expired");

    Map<String, String> forged = new LinkedHashMap<>();
    forged.put("alg none", b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + access.split("\\.")[1] + ".");
    forged.put("alg none, signature kept", b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + access.split("\\.")[1]
        + "." + access.split("\\.")[2]);
    forged.put("HS256 keyed with the public key", hs256WithThePublicKey(access));
    forged.put("another signature", access.substring(0, access.lastIndexOf('.') + 1)
        + new StringBuilder(access.substring(access.lastIndexOf('.') + 1)).reverse());
    String otherKey = anotherKey();
    forged.put("signed with another valid ES256 key", resigned(access, otherKey, claims -> claims));
    forged.put("another key, as ADMIN_BKN", resigned(access, otherKey, claims -> claims.put("role", "ADMIN_BKN")));
    String issuer = service.running().config().string("jwt.issuer");
    String audience = service.running().config().string("jwt.audience");
    forged.put("own key, another issuer", resigned(access, ownKey(), claims -> claims.put("iss", "https://penyerang.example")));
    forged.put("own key, no issuer", resigned(access, ownKey(), claims -> { claims.remove("iss"); return claims; }));
    forged.put("own key, another audience", resigned(access, ownKey(), claims -> claims.put("aud", "aplikasi-lain")));
    forged.put("own key, no audience", resigned(access, ownKey(), claims -> { claims.remove("aud"); return claims; }));
    // The claims the service sets, so the changed ones above are the only difference (and its own re-signed token works).
    assertEquals(issuer, payload(access).getString("iss"));
    assertTrue(payload(access).getValue("aud").toString().contains(audience), payload(access).encode());
    assertEquals("https://penyerang.example", payload(forged.get("own key, another issuer")).getString("iss"));
    assertEquals("aplikasi-lain", payload(forged.get("own key, another audience")).getValue("aud").toString());
    assertEquals(200, service.get("/api/auth/me", resigned(access, ownKey(), claims -> claims)).statusCode(),
        "the same claims re-signed with the service's key are accepted: the refusals are for the key, issuer, audience");
    forged.put("claims changed under the signature", access.split("\\.")[0] + "."
        + b64(payload(access).put("role", "ADMIN_BKN").encode()) + "." + access.split("\\.")[2]);
    forged.put("expired", fresh);
    forged.put("disabled officer", disabled);
    forged.put("refresh token as access token", pnsRefresh);
    forged.put("garbage", "not-a-token");

    // Refused before any handler runs, so every call is independent of the others: all at once (8 in flight).
    List<Future<String>> answers = new ArrayList<>();
    for (Operation op : OpenApiOperations.all()) {
      if (!op.secured() || op.id().equals("metrics")) {
        continue;
      }
      for (Map.Entry<String, String> token : forged.entrySet()) {
        answers.add(callers.submit(() -> {
          HttpResponse<Buffer> response = plainCall(op, token.getValue());
          return response.statusCode() == 401 ? null
              : op.id() + " with " + token.getKey() + ": " + response.statusCode() + " " + response.bodyAsString();
        }));
      }
    }
    List<String> accepted = new ArrayList<>();
    for (Future<String> answer : answers) {
      String refusal = result(answer);
      if (refusal != null) {
        accepted.add(refusal);
      }
    }
    assertTrue(answers.size() > 100, "called " + answers.size());
    System.out.println("ACCESS-MATRIX bad tokens: " + forged.size() + " kinds, " + answers.size() + " calls");
    assertEquals(List.of(), accepted);

    // The other way round: an access token where a refresh token is expected.
    HttpResponse<Buffer> refresh = service.post("/api/auth/refresh", new JsonObject().put("refreshToken", pnsAccess));
    assertEquals(401, refresh.statusCode(), refresh.bodyAsString());
    assertEquals(200, service.get("/api/auth/me", pnsAccess).statusCode(), "the genuine tokens still work");
    assertEquals(200, service.get("/api/auth/me", access).statusCode());
  }
}

package id.go.bkn.epupns.auth;

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
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static id.go.bkn.epupns.verification.VerificationTesting.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The access matrix: every operation of openapi.yaml called without a token and as every role, inside and outside
 * the caller's scope, compared with the declared table src/test/resources/security/access-matrix.tsv. An
 * operation missing from the table (or a table line naming no operation) fails the test, and the failure prints
 * the observed line to review and paste. Then every operation that needs a token is called with forged or
 * unusable ones (alg none, HS256 keyed with the public key, another signature, expired, a disabled officer's, a
 * refresh token as access token): all 401; and an access token is refused where a refresh token is expected.
 *
 * <p>Scope: every officer is appointed over PNS "A" (a work unit of Kota Bandung, Kanreg III), the PNS caller is
 * A; "outside" is PNS "B" of another agency and BKN office. Path and query parameters are filled from {@link #IN}
 * and {@link #OUT} by the path before the parameter (the longest matching prefix), then by the parameter's name.
 */
class AccessMatrixTest {

  static final Path TABLE = Path.of("src/test/resources/security/access-matrix.tsv");
  static final String PASSWORD = VerificationTesting.PASSWORD;

  static TestService service;
  static VerificationTesting t;
  /** Each role's current token; called from the callers' threads (one role's calls on one thread at a time). */
  static final Map<Role, String> tokens = new ConcurrentHashMap<>();
  /** Where the calls run: the anonymous one and every role's at once for an operation that only reads. */
  static final ExecutorService callers = Executors.newFixedThreadPool(Role.values().length + 1);
  static final Map<Role, SapkFixture.Person> officers = new EnumMap<>(Role.class);
  static String pnsRefresh;
  static String pnsNumber;
  /** Parameter values inside the callers' scope: by "path prefix{param}" first, then by "{param}". */
  static final Map<String, String> IN = new LinkedHashMap<>();
  static final Map<String, String> OUT = new LinkedHashMap<>();
  /** Parameters made anew for each call ("operationId.param"): operations that use their target up. */
  static final Map<String, Function<Boolean, String>> FRESH = new LinkedHashMap<>();
  /** Request bodies that get past validation to the scope check, inside and outside (else an empty object). */
  static final Map<String, JsonObject[]> BODIES = new LinkedHashMap<>();

  @BeforeAll
  static void start() throws IOException {
    service = TestService.start(AccessMatrixTest.class, Map.of(
        "EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_DOCUMENTS_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_DOCUMENTS_PER_ACCOUNT", "1000"), false);
    t = new VerificationTesting(service);
    SapkFixture sapk = t.sapk;
    SapkFixture.Person a = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, false);
    SapkFixture.Person b = sapk.pns(SapkFixture.SATKER_BKN, true);
    String tokenA = t.pnsToken(a.nip());
    String tokenB = t.pnsToken(b.nip());
    long docA = t.uploadPdf(tokenA, "SK_CPNS");
    long docB = t.uploadPdf(tokenB, "SK_CPNS");
    long subA = t.submit(tokenA, correction(a, docA));
    long subB = t.submit(tokenB, correction(b, docB));
    tokens.put(Role.PNS, tokenA);
    for (Role role : Role.values()) {
      if (role.isOfficer()) {
        officers.put(role, sapk.officer(role, SapkFixture.SATKER_DISDIK_BANDUNG));
        tokens.put(role, t.officerToken(officers.get(role)));
      }
    }
    pnsNumber = service.sql("select registration_number from registration where nip = $1", a.nip())
        .iterator().next().getString(0);
    JsonObject pnsLogin = login(pnsNumber, PASSWORD);
    pnsRefresh = pnsLogin.getString("refreshToken");
    SapkFixture.Person officerIn = sapk.officer(Role.VERIFIER_SKPD, SapkFixture.SATKER_DINKES_BANDUNG);
    SapkFixture.Person officerOut = sapk.officer(Role.VERIFIER_SKPD, SapkFixture.SATKER_BKN);
    SapkFixture.Person pendingIn = pending(sapk.pns(SapkFixture.SATKER_DINKES_BANDUNG, true));
    SapkFixture.Person pendingOut = pending(sapk.pns(SapkFixture.SATKER_BKN, false));

    both("/api/admin/registrations/{nip}", pendingIn.nip(), pendingOut.nip());
    both("/api/admin/officers/{nip}", officerIn.nip(), officerOut.nip());
    both("/api/pns/{nip}", a.nip(), b.nip());
    both("/api/submissions/{id}", Long.toString(subA), Long.toString(subB));
    both("/api/documents/{id}", Long.toString(docA), Long.toString(docB));
    both("/api/me/documents/{id}", Long.toString(docA), Long.toString(docB));
    both("/api/admin/instansi/{id}", Integer.toString(SapkFixture.INSTANSI_BANDUNG), Integer.toString(SapkFixture.INSTANSI_BKN));
    both("{instansiId}", Integer.toString(SapkFixture.INSTANSI_BANDUNG), Integer.toString(SapkFixture.INSTANSI_BKN));
    both("{satuanKerjaId}", Integer.toString(SapkFixture.SATKER_DISDIK_BANDUNG), Integer.toString(SapkFixture.SATKER_BKN));
    both("{nip}", a.nip(), b.nip());
    // Harmless choices of the enumerated path parameters: approving a pending registration, enabling an officer.
    both("{decision}", "approve", "approve");
    both("{action}", "enable", "enable");
    both("{section}", "utama", "utama");
    both("{field}", "alamat", "alamat");
    both("{file}", "bukti.pdf", "bukti.pdf");
    both("{q}", "a", "a");

    SapkFixture.Person appointIn = sapk.pns(SapkFixture.SATKER_DINKES_BANDUNG, false);
    SapkFixture.Person appointOut = sapk.pns(SapkFixture.SATKER_BKN, false);
    BODIES.put("appointOfficer", new JsonObject[] {
        new JsonObject().put("nip", appointIn.nip()).put("nama", appointIn.nama()).put("role", "VERIFIER_SKPD")
            .put("satuanKerjaId", SapkFixture.SATKER_DINKES_BANDUNG),
        new JsonObject().put("nip", appointOut.nip()).put("nama", appointOut.nama()).put("role", "VERIFIER_SKPD")
            .put("satuanKerjaId", SapkFixture.SATKER_BKN)});
    BODIES.put("changeOfficer", new JsonObject[] {
        new JsonObject().put("role", "VERIFIER_SKPD").put("satuanKerjaId", SapkFixture.SATKER_DINKES_BANDUNG),
        new JsonObject().put("role", "VERIFIER_SKPD").put("satuanKerjaId", SapkFixture.SATKER_BKN)});
    FRESH.put("removeOfficer.nip", inside -> sapk.officer(Role.VERIFIER_SKPD,
        inside ? SapkFixture.SATKER_DINKES_BANDUNG : SapkFixture.SATKER_BKN).nip());
    String national = tokens.get(Role.ADMIN_BKN);
    BODIES.put("decideSubmission", new JsonObject[] {
        decisions(VerificationTesting.item(t.submission(national, subA), "alamat").getLong("id")),
        decisions(VerificationTesting.item(t.submission(national, subB), "alamat").getLong("id"))});
  }

  private static JsonObject decisions(long item) {
    return new JsonObject().put("decisions", new JsonArray().add(VerificationTesting.decision(item, "MS", null)));
  }

  private static JsonObject correction(SapkFixture.Person pns, long document) {
    return new JsonObject().put("utama", new JsonObject()
        .put("alamat", wrong("Jl. Matriks No. " + pns.nip().substring(15)))
        .put("tmt_cpns", wrong("2005-04-01", document)));
  }

  private static SapkFixture.Person pending(SapkFixture.Person pns) {
    service.sql("""
        insert into registration (nip, registration_number, nik, email, password_hash, mother_name_hash,
          security_question, security_answer_enc, status)
        values ($1, $2, $3, 'pending@example.org', 'x', 'x', 'q', '\\x00'::bytea, 'PENDING_APPROVAL')""",
        pns.nip(), id.go.bkn.epupns.registration.RegistrationNumbers.generate(), pns.nik());
    return pns;
  }

  private static void both(String key, String in, String out) {
    IN.put(key, in);
    OUT.put(key, out);
  }

  @AfterAll
  static void stop() {
    callers.shutdownNow();
    service.close();
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
    int at = op.path().indexOf("{" + param + "}");
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
    List<String> allowed = op.enums().get(param);
    if (allowed != null && (byName == null || !allowed.contains(byName))) {
      return allowed.get(0);
    }
    return byName == null ? "1" : byName;
  }

  static String uri(Operation op, boolean inside) {
    Map<String, String> values = inside ? IN : OUT;
    String uri = op.path();
    for (String param : op.pathParams()) {
      Function<Boolean, String> fresh = FRESH.get(op.id() + "." + param);
      String filled;
      if (fresh != null) {
        synchronized (FRESH) { // the fixture that makes them counts on one caller at a time
          filled = fresh.apply(inside);
        }
      } else {
        filled = value(values, op, param);
      }
      uri = uri.replace("{" + param + "}", filled);
    }
    List<String> query = new ArrayList<>();
    for (String param : op.requiredQuery()) {
      query.add(param + "=" + value(values, op, param));
    }
    return query.isEmpty() ? uri : uri + "?" + String.join("&", query);
  }

  static HttpResponse<Buffer> call(Operation op, boolean inside, String token) {
    HttpRequest<Buffer> request = service.withToken(service.http().request(op.method(), uri(op, inside)), token);
    if (op.multipart()) {
      byte[] pdf = ("%PDF-1.4\n%" + System.nanoTime() + "\n" + " ".repeat(2000)).getBytes(StandardCharsets.US_ASCII);
      return TestService.await(request.sendMultipartForm(MultipartForm.create()
          .binaryFileUpload("file", "scan.pdf", Buffer.buffer(pdf), "application/pdf").attribute("kind", "SK_CPNS")));
    }
    JsonObject[] body = BODIES.get(op.id());
    return TestService.await(!op.body() ? request.send()
        : request.sendJsonObject(body == null ? new JsonObject() : body[inside ? 0 : 1].copy()));
  }

  /** What the caller got: 401, 403 (refused for its role), 404, or "pass" (through the guards: any other answer). */
  static String outcome(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    String error = status >= 400 && response.body() != null && response.body().length() > 0
        && response.bodyAsString().startsWith("{") ? response.bodyAsJsonObject().getString("error") : null;
    if (status == 401) {
      return "401";
    }
    if (status == 403 && "FORBIDDEN".equals(error)) {
      return "403";
    }
    if (status == 404 && ("NOT_FOUND".equals(error) || error == null)) {
      return "404";
    }
    return "pass";
  }

  /**
   * A role's cell from its two calls: yes (through both), no (403 both), scope (through inside, 403 or 404
   * outside), 404 (both: served on the management port only, or the placeholder resource is none of the role's);
   * anything else is printed as it was seen.
   */
  static String cell(String inside, String outside) {
    if (inside.equals("pass") && outside.equals("pass")) {
      return "yes";
    }
    if (inside.equals("403") && outside.equals("403")) {
      return "no";
    }
    if (inside.equals("pass") && (outside.equals("403") || outside.equals("404"))) {
      return "scope";
    }
    if (inside.equals("404") && outside.equals("404")) {
      return "404";
    }
    return inside + "/" + outside;
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
  private static String outcomeAs(Operation op, boolean inside, Role role) {
    String token = tokens.get(role);
    HttpResponse<Buffer> response = call(op, inside, token);
    if (response.statusCode() == 401 && service.get("/api/auth/me", token).statusCode() == 401) {
      renew(role);
      response = call(op, inside, tokens.get(role));
    }
    return outcome(response);
  }

  private static String cellOf(Operation op, Role role, boolean scoped) {
    String inside = outcomeAs(op, true, role);
    String outside = scoped ? outcomeAs(op, false, role) : inside;
    return cell(inside, outside);
  }

  private static <T> T result(Future<T> future) {
    try {
      return future.get(120, TimeUnit.SECONDS);
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
    for (Operation op : OpenApiOperations.all()) {
      seen.add(op.id());
      List<String> observed = new ArrayList<>();
      boolean reads = op.method() == HttpMethod.GET;
      boolean scoped = !op.pathParams().isEmpty() || !op.requiredQuery().isEmpty() || BODIES.containsKey(op.id());
      Future<String> anonymousCall = callers.submit(() -> outcome(call(op, true, null)));
      if (!reads) {
        result(anonymousCall); // the anonymous call first, then one role after the other
      }
      Map<Role, Future<String>> cells = new EnumMap<>(Role.class);
      for (Role role : Role.values()) {
        Future<String> cell = callers.submit(() -> cellOf(op, role, scoped));
        cells.put(role, cell);
        if (!reads) {
          result(cell);
        }
      }
      String anonymous = result(anonymousCall);
      observed.add(anonymous.equals("401") ? "401" : anonymous.equals("404") ? "404" : "open");
      for (Role role : Role.values()) {
        String cell = result(cells.get(role));
        observed.add(!op.secured() && cell.equals("yes") && observed.get(0).equals("open") ? "open" : cell);
      }
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
    assertTrue(mismatches.isEmpty(), String.join("\n", mismatches) + "\n\nobserved table:\n"
        + String.join("\n", observedLines));
  }

  // --- tokens that must never be accepted ---

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

  /** Properly signed with the service's own key, but expired a while ago. */
  private static String expired(String token) throws IOException {
    var config = service.running().config();
    JWTAuth jwt = JWTAuth.create(service.vertx(), new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
        .setAlgorithm(config.string("jwt.algorithm"))
        .setBuffer(Files.readString(Path.of(config.string("jwt.privateKeyFile"))))));
    long now = System.currentTimeMillis() / 1000;
    JsonObject claims = payload(token).put("iat", now - 7200).put("exp", now - 3600);
    return jwt.generateToken(claims, new JWTOptions().setAlgorithm(config.string("jwt.algorithm")).setNoTimestamp(true));
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
          HttpResponse<Buffer> response = call(op, true, token.getValue());
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
    assertEquals(List.of(), accepted);

    // The other way round: an access token where a refresh token is expected.
    HttpResponse<Buffer> refresh = service.post("/api/auth/refresh", new JsonObject().put("refreshToken", pnsAccess));
    assertEquals(401, refresh.statusCode(), refresh.bodyAsString());
    assertEquals(200, service.get("/api/auth/me", pnsAccess).statusCode(), "the genuine tokens still work");
    assertEquals(200, service.get("/api/auth/me", access).statusCode());
  }
}

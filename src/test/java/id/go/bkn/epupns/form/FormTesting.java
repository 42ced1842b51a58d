package id.go.bkn.epupns.form;

import id.go.bkn.epupns.auth.PasswordHasher;
import id.go.bkn.epupns.registration.RegistrationNumbers;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Arranging a logged-in PNS and talking to the form API, for the form tests; {@link #start} is the set-up
 * the form API tests share (a service of their own with the tiny SAPK of {@link SapkFixture}).
 */
final class FormTesting implements AutoCloseable {

  static final String PASSWORD = "kata-sandi-pns-2015";

  private final TestService service;
  private final SapkFixture sapk;
  private final String hash;

  FormTesting(TestService service) {
    this(service, null);
  }

  private FormTesting(TestService service, SapkFixture sapk) {
    this.service = service;
    this.sapk = sapk;
    this.hash = new PasswordHasher(service.running().config(), null).hashNow(PASSWORD);
  }

  /**
   * A test class's own service without demo data (with the settings given, EPUPNS_...) and the tiny SAPK of
   * {@link SapkFixture} in it; {@link #close} stops it and drops its database.
   */
  static FormTesting start(Class<?> testClass, Map<String, String> settings) {
    TestService service = TestService.start(testClass, settings, false);
    try {
      return new FormTesting(service, new SapkFixture(service));
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
  }

  TestService service() {
    return service;
  }

  /** The SAPK of {@link #start}. */
  SapkFixture sapk() {
    return sapk;
  }

  /** A new PNS of the BKN work unit, registered and logged in: the access token. */
  String newPns() {
    return login(sapk.pns(SapkFixture.SATKER_BKN, false).nip());
  }

  @Override
  public void close() {
    service.close();
  }

  /** An approved registration for the NIP, logged in: the access token. */
  String login(String nip) {
    String number = RegistrationNumbers.generate();
    service.sql("""
        insert into registration (nip, registration_number, nik, email, password_hash, mother_name_hash,
          security_question, security_answer_enc, status)
        values ($1, $2, '3273051207860017', 'pns@example.org', $3, 'x', 'q', '\\x00'::bytea, 'APPROVED')""",
        nip, number, hash);
    HttpResponse<Buffer> login = service.post("/api/auth/login",
        new JsonObject().put("username", number).put("password", PASSWORD));
    assertEquals(200, login.statusCode(), login.bodyAsString());
    return login.bodyAsJsonObject().getString("token");
  }

  JsonObject form(String token) {
    HttpResponse<Buffer> response = service.get("/api/me/form", token);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  static JsonObject section(JsonObject form, String id) {
    return form.getJsonArray("sections").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("id").equals(id)).findFirst().orElse(null);
  }

  HttpResponse<Buffer> save(String token, String section, int version, JsonObject fields) {
    return service.put("/api/me/form/" + section, new JsonObject().put("version", version).put("fields", fields), token);
  }

  HttpResponse<Buffer> saveRows(String token, String section, int version, JsonArray rows) {
    return service.put("/api/me/form/" + section, new JsonObject().put("version", version).put("rows", rows), token);
  }

  /** Saves one field change on top of the section's current version. */
  HttpResponse<Buffer> saveField(String token, String section, String field, JsonObject item) {
    int version = section(form(token), section).getInteger("version");
    return save(token, section, version, new JsonObject().put(field, item));
  }

  /** Every field of a record section marked CORRECT. */
  static JsonObject allCorrect(JsonObject section) {
    JsonObject fields = new JsonObject();
    for (Object f : section.getJsonArray("fields")) {
      fields.put(((JsonObject) f).getString("name"), new JsonObject().put("mark", "CORRECT"));
    }
    return fields;
  }

  static JsonObject wrong(Object correction, Long... documents) {
    return new JsonObject().put("mark", "WRONG").put("correction", correction)
        .put("documents", new JsonArray(Arrays.asList(documents)));
  }

  static JsonObject value(Object value, Long... documents) {
    return new JsonObject().put("correction", value).put("documents", new JsonArray(Arrays.asList(documents)));
  }

  HttpResponse<Buffer> upload(String token, String fileName, byte[] bytes, String declaredType, String kind) {
    MultipartForm form = MultipartForm.create().binaryFileUpload("file", fileName, Buffer.buffer(bytes), declaredType);
    if (kind != null) {
      form.attribute("kind", kind);
    }
    return TestService.await(service.withToken(service.http().post("/api/me/documents"), token).sendMultipartForm(form));
  }

  long uploadPdf(String token, String kind) {
    HttpResponse<Buffer> response = upload(token, "scan-" + System.nanoTime() + ".pdf", pdf(2000 + (int) (System.nanoTime() % 1000)),
        "application/pdf", kind);
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getLong("id");
  }

  /** A (minimal) PDF of exactly the given size, different for different sizes. */
  static byte[] pdf(int size) {
    byte[] bytes = new byte[size];
    byte[] head = "%PDF-1.4\n%test\n".getBytes(StandardCharsets.US_ASCII);
    Arrays.fill(bytes, (byte) ' ');
    System.arraycopy(head, 0, bytes, 0, head.length);
    bytes[size - 1] = '\n';
    return bytes;
  }
}

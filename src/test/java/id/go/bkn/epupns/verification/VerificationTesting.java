package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.auth.PasswordHasher;
import id.go.bkn.epupns.registration.RegistrationNumbers;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * PNS that submit real forms over the API, and officers that log in, for the verification tests.
 * Registrations are arranged with SQL (another feature's flow); everything else goes through HTTP.
 */
public final class VerificationTesting {

  public static final String PASSWORD = "kata-sandi-pns-2015";

  final TestService service;
  public final SapkFixture sapk;
  private final String hash;

  public VerificationTesting(TestService service) {
    this(service, true);
  }

  public VerificationTesting(TestService service, boolean organisation) {
    this.service = service;
    this.sapk = new SapkFixture(service, organisation);
    this.hash = new PasswordHasher(service.running().config(), null).hashNow(PASSWORD);
  }

  public static String email(String nip) {
    return "pns" + nip + "@example.org";
  }

  /** An approved registration for the NIP (mail address {@link #email}), logged in: the access token. */
  public String pnsToken(String nip) {
    String number = RegistrationNumbers.generate();
    service.sql("""
        insert into registration (nip, registration_number, nik, email, password_hash, mother_name_hash,
          security_question, security_answer_enc, status)
        values ($1, $2, '3273051207860017', $3, $4, 'x', 'q', '\\x00'::bytea, 'APPROVED')""", nip, number, email(nip), hash);
    return login(number, PASSWORD);
  }

  public String officerToken(SapkFixture.Person officer) {
    return login(officer.nip(), SapkFixture.OFFICER_PASSWORD);
  }

  private String login(String username, String password) {
    HttpResponse<Buffer> login = service.post("/api/auth/login", new JsonObject().put("username", username).put("password", password));
    assertEquals(200, login.statusCode(), login.bodyAsString());
    return login.bodyAsJsonObject().getString("token");
  }

  public JsonObject form(String token) {
    return form(service.http(), token);
  }

  public JsonObject form(WebClient client, String token) {
    HttpResponse<Buffer> response = TestService.await(client.get("/api/me/form").bearerTokenAuthentication(token).send());
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  public static JsonObject section(JsonObject form, String id) {
    return form.getJsonArray("sections").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("id").equals(id)).findFirst().orElseThrow();
  }

  public static JsonObject wrong(Object correction, Long... documents) {
    return new JsonObject().put("mark", "WRONG").put("correction", correction)
        .put("documents", new JsonArray(Arrays.asList(documents)));
  }

  /** The saved draft of every section: all fields and rows CORRECT, then {@code changes} on top. */
  public void fill(String token, JsonObject changes) {
    fill(service.http(), token, changes);
  }

  /** As above, through the given client (a browser session with its cookies). */
  public void fill(WebClient client, String token, JsonObject changes) {
    JsonObject form = form(client, token);
    for (Object s : form.getJsonArray("sections")) {
      JsonObject section = (JsonObject) s;
      String id = section.getString("id");
      HttpResponse<Buffer> saved = null;
      if ("record".equals(section.getString("kind"))) {
        JsonObject fields = new JsonObject();
        section.getJsonArray("fields").forEach(f -> fields.put(((JsonObject) f).getString("name"),
            new JsonObject().put("mark", "CORRECT")));
        fields.mergeIn(changes.getJsonObject(id, new JsonObject()));
        saved = TestService.await(client.put("/api/me/form/" + id).bearerTokenAuthentication(token)
            .sendJsonObject(new JsonObject().put("version", section.getInteger("version")).put("fields", fields)));
      } else if ("rows".equals(section.getString("kind"))) {
        JsonArray rows = changes.getJsonArray(id);
        if (rows == null) {
          rows = new JsonArray();
          for (Object r : section.getJsonArray("rows")) {
            rows.add(new JsonObject().put("ref", ((JsonObject) r).getString("ref")).put("mark", "CORRECT"));
          }
        }
        if (!rows.isEmpty()) {
          saved = TestService.await(client.put("/api/me/form/" + id).bearerTokenAuthentication(token)
              .sendJsonObject(new JsonObject().put("version", section.getInteger("version")).put("rows", rows)));
        }
      }
      if (saved != null) {
        assertEquals(200, saved.statusCode(), id + ": " + saved.bodyAsString());
      }
    }
  }

  /** Fills the form with the changes and submits it: the submission id. */
  public long submit(String token, JsonObject changes) {
    fill(token, changes);
    HttpResponse<Buffer> submitted = service.post("/api/me/form/submit", new JsonObject(), token);
    assertEquals(200, submitted.statusCode(), submitted.bodyAsString());
    return submitted.bodyAsJsonObject().getLong("submissionId");
  }

  public long uploadPdf(String token, String kind) {
    byte[] bytes = new byte[2000 + (int) (System.nanoTime() % 5000)];
    Arrays.fill(bytes, (byte) ' ');
    byte[] head = ("%PDF-1.4\n%" + System.nanoTime() + "\n").getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, bytes, 0, head.length);
    MultipartForm form = MultipartForm.create()
        .binaryFileUpload("file", "scan.pdf", Buffer.buffer(bytes), "application/pdf").attribute("kind", kind);
    HttpResponse<Buffer> response = TestService.await(service.withToken(service.http().post("/api/me/documents"), token)
        .sendMultipartForm(form));
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getLong("id");
  }

  public JsonObject submission(String token, long id) {
    HttpResponse<Buffer> response = service.get("/api/submissions/" + id, token);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  public static JsonObject item(JsonObject view, String field) {
    return view.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(i -> i.getString("field").equals(field)).findFirst().orElseThrow();
  }

  public HttpResponse<Buffer> decide(String token, long submission, JsonArray decisions) {
    return service.post("/api/submissions/" + submission + "/decisions", new JsonObject().put("decisions", decisions), token);
  }

  public static JsonObject decision(long item, String verdict, String reason) {
    return new JsonObject().put("item", item).put("verdict", verdict).put("reason", reason);
  }

  HttpResponse<Buffer> inbox(String token, String query) {
    return service.get("/api/inbox" + (query == null ? "" : "?" + query), token);
  }

  /** The submission ids of the caller's inbox (first page, large). */
  public java.util.List<Long> inboxIds(String token) {
    HttpResponse<Buffer> response = inbox(token, "size=200");
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getJsonArray("items").stream()
        .map(i -> ((JsonObject) i).getLong("submissionId")).toList();
  }
}

package id.go.bkn.epupns.form;

import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static id.go.bkn.epupns.form.FormTesting.wrong;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Uploading, reading and deleting supporting documents over HTTP: limits, type sniffing, access. */
class DocumentApiTest {

  static final int MAX = 2 * 1024 * 1024;
  static FormTesting form;
  static TestService service;

  @BeforeAll
  static void start() {
    form = FormTesting.start(DocumentApiTest.class, Map.of());
    service = form.service();
  }

  @AfterAll
  static void stop() {
    form.close();
  }

  @Test
  void fileExactlyAtTheLimitIsStoredUnderItsHashAndOneByteMoreIs413() throws Exception {
    String token = form.newPns();
    byte[] atLimit = FormTesting.pdf(MAX);
    HttpResponse<Buffer> ok = form.upload(token, "sk-cpns.pdf", atLimit, "application/pdf", "SK_CPNS");
    assertEquals(201, ok.statusCode(), ok.bodyAsString());
    JsonObject doc = ok.bodyAsJsonObject();
    String sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(atLimit));
    assertEquals(sha, doc.getString("sha256"));
    assertEquals(MAX, doc.getInteger("size"));
    assertEquals("SK_CPNS", doc.getString("kind"));
    assertEquals("application/pdf", doc.getString("contentType"));
    Path stored = Path.of(service.running().config().string("uploads.directory"), "objects", sha.substring(0, 2), sha);
    assertArrayEquals(atLimit, Files.readAllBytes(stored), "complete file stored under its SHA-256");

    HttpResponse<Buffer> tooBig = form.upload(token, "besar.pdf", FormTesting.pdf(MAX + 1), "application/pdf", null);
    assertEquals(413, tooBig.statusCode());
    assertEquals("PAYLOAD_TOO_LARGE", tooBig.bodyAsJsonObject().getString("error"));
    assertTrue(tooBig.bodyAsJsonObject().getString("message").contains("2 MB"));
    assertEquals(0L, service.sql("select count(*) from document where name = 'besar.pdf'").iterator().next().getLong(0));
  }

  @Test
  void typeIsDecidedByTheBytesNotTheNameOrDeclaredType() {
    String token = form.newPns();
    HttpResponse<Buffer> pdfNamedPng = form.upload(token, "foto.png", FormTesting.pdf(3000), "image/png", null);
    assertEquals(201, pdfNamedPng.statusCode(), pdfNamedPng.bodyAsString());
    assertEquals("application/pdf", pdfNamedPng.bodyAsJsonObject().getString("contentType"));

    byte[] exe = new byte[4000];
    exe[0] = 'M';
    exe[1] = 'Z';
    HttpResponse<Buffer> exeNamedPdf = form.upload(token, "ijazah.pdf", exe, "application/pdf", null);
    assertEquals(415, exeNamedPdf.statusCode());
    assertEquals("UNSUPPORTED_MEDIA_TYPE", exeNamedPdf.bodyAsJsonObject().getString("error"));
    assertTrue(exeNamedPdf.bodyAsJsonObject().getString("message").contains("Hanya PDF, JPG atau PNG"));

    byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
    assertEquals(415, form.upload(token, "akta.pdf", html, "application/pdf", null).statusCode());

    byte[] png = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 500);
    HttpResponse<Buffer> pngOk = form.upload(token, "ktp", png, "application/octet-stream", "KTP");
    assertEquals(201, pngOk.statusCode());
    assertEquals("image/png", pngOk.bodyAsJsonObject().getString("contentType"));
    byte[] jpeg = Arrays.copyOf(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, 700);
    assertEquals("image/jpeg", form.upload(token, "x.jpg", jpeg, "image/jpeg", null).bodyAsJsonObject().getString("contentType"));

    HttpResponse<Buffer> badKind = form.upload(token, "x.pdf", FormTesting.pdf(3001), "application/pdf", "RAHASIA");
    assertEquals(400, badKind.statusCode());
    assertTrue(badKind.bodyAsJsonObject().getJsonObject("fields").containsKey("kind"));
    HttpResponse<Buffer> json = service.post("/api/me/documents", new JsonObject().put("file", "x"), token);
    assertEquals(415, json.statusCode());
  }

  @Test
  void onlyTheOwnerCanReadADocumentAndAStrangerGets404() {
    String owner = form.newPns();
    String stranger = form.newPns();
    byte[] bytes = FormTesting.pdf(5000);
    long id = form.upload(owner, "akta kelahiran.pdf", bytes, "application/pdf", "AKTA_KELAHIRAN").bodyAsJsonObject().getLong("id");

    HttpResponse<Buffer> mine = service.get("/api/documents/" + id, owner);
    assertEquals(200, mine.statusCode());
    assertEquals("application/pdf", mine.getHeader("Content-Type"));
    assertArrayEquals(bytes, mine.body().getBytes());
    assertTrue(mine.getHeader("Content-Disposition").contains("akta"));

    HttpResponse<Buffer> theirs = service.get("/api/documents/" + id, stranger);
    assertEquals(404, theirs.statusCode());
    assertEquals(404, service.get("/api/documents/99999999", stranger).statusCode());
    assertEquals(404, service.get("/api/documents/abc", owner).statusCode());
    assertEquals(401, service.get("/api/documents/" + id).statusCode());
    assertEquals(0, service.get("/api/me/documents", stranger).bodyAsJsonObject().getJsonArray("documents").size());
    assertEquals(404, TestService.await(service.withToken(service.http().delete("/api/me/documents/" + id), stranger).send())
        .statusCode());
  }

  @Test
  void sameBytesTwiceAreOneDocumentAndALinkedDocumentCannotBeDeleted() {
    String token = form.newPns();
    byte[] bytes = FormTesting.pdf(6000);
    long first = form.upload(token, "a.pdf", bytes, "application/pdf", null).bodyAsJsonObject().getLong("id");
    long again = form.upload(token, "b.pdf", bytes, "application/pdf", "AKTA_KELAHIRAN").bodyAsJsonObject().getLong("id");
    assertEquals(first, again);

    assertEquals(200, form.save(token, "utama", 0, new JsonObject().put("nama", wrong("Budi Santoso Putra", first))).statusCode());
    HttpResponse<Buffer> linked = TestService.await(service.withToken(service.http().delete("/api/me/documents/" + first), token).send());
    assertEquals(409, linked.statusCode());
    assertEquals("DOCUMENT_LINKED", linked.bodyAsJsonObject().getString("error"));

    // Unlinked by the next save: now it can go.
    assertEquals(200, form.save(token, "utama", 1, new JsonObject().put("nama", wrong("Budi Santoso Putra"))).statusCode());
    assertEquals(204, TestService.await(service.withToken(service.http().delete("/api/me/documents/" + first), token).send())
        .statusCode());
    assertEquals(404, service.get("/api/documents/" + first, token).statusCode());
  }

  @Test
  void aDocumentOfTheWrongKindOrOfSomeoneElseCannotBeLinked() {
    String token = form.newPns();
    String other = form.newPns();
    long ktp = form.uploadPdf(token, "KTP");
    long theirs = form.uploadPdf(other, null);
    HttpResponse<Buffer> wrongKind = form.save(token, "utama", 0, new JsonObject().put("tmt_cpns", wrong("2005-04-01", ktp)));
    assertEquals(400, wrongKind.statusCode());
    assertTrue(wrongKind.bodyAsJsonObject().getJsonObject("fields").getString("tmt_cpns").contains("SK CPNS"));
    HttpResponse<Buffer> notMine = form.save(token, "utama", 0, new JsonObject().put("tmt_cpns", wrong("2005-04-01", theirs)));
    assertEquals(400, notMine.statusCode());
  }

  @Test
  void linksFollowEachSaveWhetherKeptMovedOrDropped() {
    String token = form.newPns();
    long akta = form.uploadPdf(token, "AKTA_KELAHIRAN");
    long ijazah = form.uploadPdf(token, "IJAZAH");
    String links = "select item || ':' || document_id from form_document_link where document_id in ($1, $2) order by 1";
    assertEquals(200, form.save(token, "utama", 0, new JsonObject()
        .put("nama", wrong("Budi Santoso Putra", akta, ijazah))).statusCode());
    assertEquals(List.of("nama:" + akta, "nama:" + ijazah), column(service.sql(links, akta, ijazah)));
    // Same documents, another correction: the links stay as they are.
    assertEquals(200, form.save(token, "utama", 1, new JsonObject()
        .put("nama", wrong("Budi Santoso Putro", akta, ijazah))).statusCode());
    assertEquals(List.of("nama:" + akta, "nama:" + ijazah), column(service.sql(links, akta, ijazah)));
    // One kept, one moved to another field, in the same save.
    assertEquals(200, form.save(token, "utama", 2, new JsonObject()
        .put("nama", wrong("Budi Santoso Putro", akta))
        .put("tempat_lahir", wrong("Cimahi", akta))
        .put("pendidikan_nama", wrong("S-1 Teknik Informatika", ijazah))).statusCode());
    assertEquals(List.of("nama:" + akta, "pendidikan_nama:" + ijazah, "tempat_lahir:" + akta),
        column(service.sql(links, akta, ijazah)));
    // A stale save changes nothing, links included.
    assertEquals(409, form.save(token, "utama", 2, new JsonObject().put("nama", wrong("Budi Santoso"))).statusCode());
    assertEquals(3, column(service.sql(links, akta, ijazah)).size());
    // Confirmed as correct: no documents any more.
    assertEquals(200, form.save(token, "utama", 3, new JsonObject()
        .put("nama", new JsonObject().put("mark", "CORRECT"))).statusCode());
    assertEquals(List.of(), column(service.sql(links, akta, ijazah)));
  }

  private static List<String> column(io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> rows) {
    List<String> out = new java.util.ArrayList<>();
    rows.forEach(r -> out.add(r.getString(0)));
    return out;
  }
}

package id.go.bkn.epupns.form;

import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static id.go.bkn.epupns.form.FormTesting.wrong;
import static id.go.bkn.epupns.testing.TestService.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the outside probe broke in drafts and documents: a mark of the wrong JSON type (a 500 before), a save
 * linking a document while it is deleted (FK 23503, a 500 before), a document's kind changed after it was linked
 * by uploading the same bytes again with another kind, and names with bidi overrides or lone surrogates.
 */
class DocumentIntegrityTest {

  static FormTesting form;
  static TestService service;

  @BeforeAll
  static void start() {
    form = FormTesting.start(DocumentIntegrityTest.class, Map.of(
        "EPUPNS_RATE_LIMIT_DOCUMENTS_PER_ACCOUNT", "1000",
        "EPUPNS_RATE_LIMIT_DOCUMENTS_PER_IP", "1000"));
    service = form.service();
  }

  @AfterAll
  static void stop() {
    form.close();
  }

  @Test
  void aMarkOfAnotherJsonTypeIs400NamingTheField() {
    String token = form.newPns();
    for (Object mark : new Object[] {5, true, new JsonObject(), new JsonArray().add("WRONG"), 1.5}) {
      HttpResponse<Buffer> response = form.save(token, "utama", 0, new JsonObject().put("alamat",
          new JsonObject().put("mark", mark)));
      assertEquals(400, response.statusCode(), mark + ": " + response.bodyAsString());
      assertTrue(response.bodyAsJsonObject().getJsonObject("fields").containsKey("alamat"), response.bodyAsString());
    }
    HttpResponse<Buffer> row = form.saveRows(token, "riwayat_golongan", 0, new JsonArray()
        .add(new JsonObject().put("mark", 5).put("ref", "x")));
    assertEquals(400, row.statusCode(), row.bodyAsString());
    assertTrue(row.bodyAsJsonObject().getJsonObject("fields").containsKey("rows[0].mark"), row.bodyAsString());
    assertEquals(0L, service.sql("select count(*) from form_section").iterator().next().getLong(0), "nothing stored");
  }

  @Test
  void linkingADocumentWhileItIsDeletedIsNeverA500() {
    String token = form.newPns();
    int version = 0;
    Set<Integer> saves = new java.util.TreeSet<>();
    Set<Integer> deletes = new java.util.TreeSet<>();
    for (int i = 0; i < 15; i++) {
      long document = form.uploadPdf(token, "AKTA_KELAHIRAN");
      JsonObject body = new JsonObject().put("version", version)
          .put("fields", new JsonObject().put("nama", wrong("Budi Santoso Putra " + (char) ('A' + i), document)));
      Future<HttpResponse<Buffer>> save = service.withToken(service.http().put("/api/me/form/utama"), token).sendJsonObject(body);
      Future<HttpResponse<Buffer>> delete = service.withToken(service.http().delete("/api/me/documents/" + document), token).send();
      HttpResponse<Buffer> saved = await(save);
      HttpResponse<Buffer> deleted = await(delete);
      saves.add(saved.statusCode());
      deletes.add(deleted.statusCode());
      // 400: the document was already gone when the save was checked; 409: it went between check and write.
      assertTrue(Set.of(200, 400, 409).contains(saved.statusCode()), "save: " + saved.bodyAsString());
      assertTrue(deleted.statusCode() == 204 || deleted.statusCode() == 409, "delete: " + deleted.bodyAsString());
      assertFalse(saved.statusCode() == 200 && deleted.statusCode() == 204, "a linked document cannot be deleted");
      long rows = service.sql("select count(*) from document where id = $1", document).iterator().next().getLong(0);
      long links = service.sql("select count(*) from form_document_link where document_id = $1", document).iterator().next().getLong(0);
      if (saved.statusCode() == 200) {
        version = saved.bodyAsJsonObject().getInteger("version");
        assertEquals(1, links, "saved with its link");
      } else {
        assertEquals(0, links, "a refused save wrote nothing");
      }
      assertEquals(deleted.statusCode() == 204 ? 0 : 1, rows);
    }
    System.out.println("link vs delete: saves " + saves + ", deletes " + deletes);
  }

  @Test
  void aLinkedDocumentKeepsItsKindWhenTheSameBytesAreUploadedWithAnotherKind() {
    String token = form.newPns();
    byte[] scan = FormTesting.pdf(5123);
    HttpResponse<Buffer> first = form.upload(token, "ijazah.pdf", scan, "application/pdf", "IJAZAH");
    assertEquals(201, first.statusCode(), first.bodyAsString());
    long id = first.bodyAsJsonObject().getLong("id");
    // Not linked yet: the kind may still be corrected by uploading again.
    HttpResponse<Buffer> corrected = form.upload(token, "ijazah.pdf", scan, "application/pdf", "AKTA_KELAHIRAN");
    assertEquals(201, corrected.statusCode(), corrected.bodyAsString());
    assertEquals("AKTA_KELAHIRAN", corrected.bodyAsJsonObject().getString("kind"));
    assertEquals(id, corrected.bodyAsJsonObject().getLong("id"));

    // nama accepts AKTA_KELAHIRAN and IJAZAH, not KTP.
    assertEquals(200, form.save(token, "utama", 0, new JsonObject().put("nama", wrong("Budi Santoso Putra", id))).statusCode());
    HttpResponse<Buffer> swapped = form.upload(token, "ktp.pdf", scan, "application/pdf", "KTP");
    assertEquals(409, swapped.statusCode(), swapped.bodyAsString());
    assertEquals("DOCUMENT_KIND_FIXED", swapped.bodyAsJsonObject().getString("error"));
    assertEquals("AKTA_KELAHIRAN", swapped.bodyAsJsonObject().getJsonObject("document").getString("kind"));
    assertEquals("AKTA_KELAHIRAN", service.sql("select kind from document where id = $1", id).iterator().next().getString(0));
    // The same bytes without a kind, or with the same kind, are the same document, as before.
    HttpResponse<Buffer> again = form.upload(token, "akta.pdf", scan, "application/pdf", null);
    assertEquals(201, again.statusCode(), again.bodyAsString());
    assertEquals("AKTA_KELAHIRAN", again.bodyAsJsonObject().getString("kind"));
    assertEquals(201, form.upload(token, "akta.pdf", scan, "application/pdf", "AKTA_KELAHIRAN").statusCode());
  }

  /** A multipart upload whose file name is these raw bytes (what a client that does not encode UTF-8 sends). */
  private HttpResponse<Buffer> uploadNamed(String token, byte[] name) {
    String boundary = "----batas" + System.nanoTime();
    Buffer body = Buffer.buffer().appendString("--" + boundary + "\r\n")
        .appendString("Content-Disposition: form-data; name=\"file\"; filename=\"").appendBytes(name)
        .appendString("\"\r\nContent-Type: application/pdf\r\n\r\n").appendBytes(FormTesting.pdf(4321 + name.length))
        .appendString("\r\n--" + boundary + "--\r\n");
    return await(service.withToken(service.http().post("/api/me/documents"), token)
        .putHeader("Content-Type", "multipart/form-data; boundary=" + boundary).sendBuffer(body));
  }

  @Test
  void bidiControlsAreStrippedFromDocumentNamesAndLoneSurrogatesRefused() {
    String token = form.newPns();
    HttpResponse<Buffer> rtl = form.upload(token, "scan\u202Efdp.exe", FormTesting.pdf(3001), "application/pdf", null);
    assertEquals(201, rtl.statusCode(), rtl.bodyAsString());
    assertEquals("scanfdp.exe", rtl.bodyAsJsonObject().getString("name"));
    for (String name : List.of("a\u2066b\u2069.pdf", "\u200Fx.pdf", "\u061Cy.pdf")) {
      String stored = form.upload(token, name, FormTesting.pdf(3002 + name.length()), "application/pdf", null)
          .bodyAsJsonObject().getString("name");
      assertTrue(stored.codePoints().noneMatch(c -> Character.getType(c) == Character.FORMAT), stored);
    }
    List<String> refused = new ArrayList<>();
    for (String name : List.of("nul\u0000.pdf", "x\uFFFF.pdf")) {
      // Raw bytes: an HTTP client library refuses to write NUL into a header itself.
      HttpResponse<Buffer> response = uploadNamed(token, name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      // Refused naming the file, or (Netty's multipart decoder turns some controls into spaces) stored without them.
      boolean refusedByUs = response.statusCode() == 400 && response.bodyAsJsonObject().getJsonObject("fields").containsKey("file");
      boolean storedClean = response.statusCode() == 201 && response.bodyAsJsonObject().getString("name").chars()
          .noneMatch(c -> c < 0x20 || c == 0xFFFF);
      if (!refusedByUs && !storedClean) {
        refused.add(name + " -> " + response.statusCode() + " " + response.bodyAsString());
      }
    }
    assertEquals(List.of(), refused);
    // U+D800 as a client that encodes each UTF-16 unit would send it (CESU-8): never stored as '?'.
    HttpResponse<Buffer> raw = uploadNamed(token, new byte[] {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'b', '.', 'p', 'd', 'f'});
    System.out.println("raw lone surrogate name: " + raw.statusCode() + " " + raw.bodyAsString());
    assertTrue(raw.statusCode() == 400 || !raw.bodyAsJsonObject().getString("name").contains("?"), raw.bodyAsString());
    HttpResponse<Buffer> kind = form.upload(token, "ok.pdf", FormTesting.pdf(4100), "application/pdf", "KTP\u0000");
    assertEquals(400, kind.statusCode(), kind.bodyAsString());
    assertTrue(kind.bodyAsJsonObject().getJsonObject("fields").containsKey("kind"));
  }
}

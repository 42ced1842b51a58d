package id.go.bkn.epupns.monitoring;

import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import id.go.bkn.epupns.verification.VerificationTesting;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lists' download links (GET .../link, then the list with ?...&unduh=token and no Authorization header): a
 * link opens its one list once within its lifetime; a tampered token, another path or query, an access token in
 * its place, an expired link and the link of an officer removed since are refused with a clear 4xx; a link for
 * another agency's list, a work unit of another agency or a PDF too large is refused when asked for, on the page.
 */
class DownloadLinkTest {

  /** Short, so that the expired case waits only this plus the verifier's leeway (5 s). */
  static final int LINK_SECONDS = 2;
  static TestService service;
  static VerificationTesting t;
  static String adminBandung;
  static String adminBkn;

  @BeforeAll
  static void start() {
    Map<String, String> settings = new HashMap<>(Campaign.SETTINGS);
    settings.put("EPUPNS_JWT_DOWNLOAD_LINK_SECONDS", Integer.toString(LINK_SECONDS));
    settings.put("EPUPNS_MONITORING_PDF_MAX_ROWS", "2");
    service = TestService.start(DownloadLinkTest.class, settings, false);
    t = new VerificationTesting(service);
    adminBandung = t.officerToken(t.sapk.officer(Role.ADMIN_INSTANSI, SapkFixture.SATKER_DISDIK_BANDUNG));
    adminBkn = t.officerToken(t.sapk.officer(Role.ADMIN_BKN, SapkFixture.SATKER_BKN));
    for (int i = 0; i < 3; i++) {
      t.sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, false);
    }
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  static String link(String pathAndQuery, String token) {
    HttpResponse<Buffer> answer = service.get(pathAndQuery, token);
    assertEquals(200, answer.statusCode(), answer.bodyAsString());
    assertEquals("no-store", answer.getHeader("Cache-Control"));
    return answer.bodyAsJsonObject().getString("url");
  }

  static void refused(int status, String error, HttpResponse<Buffer> answer) {
    assertEquals(status, answer.statusCode(), answer.bodyAsString());
    assertEquals(error, answer.bodyAsJsonObject().getString("error"), answer.bodyAsString());
    assertTrue(answer.bodyAsJsonObject().getString("message").length() > 20, answer.bodyAsString());
  }

  @Test
  void aLinkOpensItsListOnceWithoutTheBearerToken() {
    String url = link("/api/admin/nominatif/link?instansi=" + SapkFixture.INSTANSI_BANDUNG + "&format=csv", adminBandung);
    assertTrue(url.startsWith("/api/admin/nominatif?instansi=" + SapkFixture.INSTANSI_BANDUNG + "&format=csv&unduh="), url);
    HttpResponse<Buffer> list = service.get(url);
    assertEquals(200, list.statusCode(), list.bodyAsString());
    assertEquals("attachment; filename=\"nominatif-3273.csv\"", list.getHeader("Content-Disposition"));
    String csv = list.bodyAsString(StandardCharsets.UTF_8.name());
    assertTrue(csv.startsWith("\uFEFFNo,NIP,"), csv);
    assertTrue(csv.split("\r\n").length >= 1 + 3, csv);
    refused(410, "DOWNLOAD_LINK_USED", service.get(url));

    // The national admin's link for any agency; the non-participants (the admin's own agency by default).
    String bkn = link("/api/admin/nominatif/link?instansi=" + SapkFixture.INSTANSI_BANDUNG, adminBkn);
    assertEquals(200, service.get(bkn).statusCode());
    String absent = link("/api/admin/nonpeserta/link?status=NOT_REGISTERED&satuanKerjaId="
        + SapkFixture.SATKER_DISDIK_BANDUNG, adminBandung);
    HttpResponse<Buffer> absentList = service.get(absent);
    assertEquals(200, absentList.statusCode(), absentList.bodyAsString());
    assertEquals("attachment; filename=\"belum-ikut-3273.csv\"", absentList.getHeader("Content-Disposition"));
    assertTrue(absentList.bodyAsString().contains("Belum mendaftar"), absentList.bodyAsString());
  }

  @Test
  void aTamperedTokenOrAnotherPathOrQueryIsRefused() {
    String url = link("/api/admin/nominatif/link?instansi=" + SapkFixture.INSTANSI_BANDUNG + "&format=csv", adminBandung);
    String token = url.substring(url.indexOf("&unduh=") + 7);
    char last = token.charAt(token.length() - 2);
    String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
    refused(401, "DOWNLOAD_LINK_INVALID", service.get(url.replace(token, tampered)));
    refused(401, "DOWNLOAD_LINK_INVALID", service.get(url.replace("format=csv", "format=pdf")));
    refused(401, "DOWNLOAD_LINK_INVALID", service.get("/api/admin/nominatif?instansi=" + SapkFixture.INSTANSI_BKN
        + "&format=csv&unduh=" + token));
    refused(401, "DOWNLOAD_LINK_INVALID", service.get("/api/admin/nonpeserta?instansi=" + SapkFixture.INSTANSI_BANDUNG
        + "&format=csv&unduh=" + token));
    // An access token is no download token (and a list is no place for one in the URL).
    refused(401, "DOWNLOAD_LINK_INVALID", service.get("/api/admin/nominatif?instansi=" + SapkFixture.INSTANSI_BANDUNG
        + "&format=csv&unduh=" + adminBandung));
    // The token must come last: a parameter added after it is not signed, so there is no link at all.
    assertEquals(401, service.get(url + "&format=pdf").statusCode());
    // None of these used the link up.
    assertEquals(200, service.get(url).statusCode());
  }

  @Test
  void anotherAgencysListAWorkUnitOfAnotherAgencyOrAPdfTooLargeIsRefusedWhenAskedFor() {
    refused(403, "FORBIDDEN", service.get("/api/admin/nominatif/link?instansi=" + SapkFixture.INSTANSI_BKN, adminBandung));
    refused(403, "FORBIDDEN", service.get("/api/admin/nonpeserta/link?instansi=" + SapkFixture.INSTANSI_BKN, adminBandung));
    refused(400, "VALIDATION_FAILED", service.get("/api/admin/nonpeserta/link?satuanKerjaId=" + SapkFixture.SATKER_BKN,
        adminBandung));
    refused(400, "VALIDATION_FAILED", service.get("/api/admin/nominatif/link?format=xls", adminBandung));
    refused(409, "LIST_TOO_LARGE", service.get("/api/admin/nominatif/link?format=pdf", adminBandung));
    String verifier = t.officerToken(t.sapk.officer(Role.VERIFIER_BKD, SapkFixture.SATKER_DISDIK_BANDUNG));
    refused(403, "FORBIDDEN", service.get("/api/admin/nominatif/link", verifier));
    assertEquals(401, service.get("/api/admin/nominatif/link").statusCode());
  }

  @Test
  void theLinkOfAnOfficerRemovedSinceIsRefused() {
    SapkFixture.Person officer = t.sapk.officer(Role.ADMIN_INSTANSI, SapkFixture.SATKER_DINKES_BANDUNG);
    String url = link("/api/admin/nominatif/link", t.officerToken(officer));
    HttpResponse<Buffer> removed = service.delete("/api/admin/officers/" + officer.nip(), adminBkn);
    assertEquals(200, removed.statusCode(), removed.bodyAsString());
    refused(401, "SESSION_EXPIRED", service.get(url));
  }

  @Test
  void anExpiredLinkIsRefused() throws InterruptedException {
    String url = link("/api/admin/nominatif/link", adminBandung);
    // The lifetime and the verifier's leeway on expiry (AuthTokens: 5 s), and a second of margin.
    Thread.sleep((LINK_SECONDS + 5 + 1) * 1000L);
    refused(401, "DOWNLOAD_LINK_INVALID", service.get(url));
  }
}

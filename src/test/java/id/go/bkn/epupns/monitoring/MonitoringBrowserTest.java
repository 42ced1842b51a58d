package id.go.bkn.epupns.monitoring;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.testing.Browser;
import id.go.bkn.epupns.testing.PnsLogin;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import id.go.bkn.epupns.verification.VerificationTesting;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monitoring pages in Chromium at 390 px: the national admin picks an agency by name (no id asked or
 * shown), sees its counts and queues, downloads its nominative list; an agency's admin sees its own; the
 * backlog page draws its charts. Screenshots in target/screenshots/.
 */
class MonitoringBrowserTest {

  static TestService service;
  static Browser browser;
  static VerificationTesting t;
  static SapkFixture.Person nationalAdmin;
  static SapkFixture.Person agencyAdmin;
  static SapkFixture.Person submitted;

  @BeforeAll
  static void start() {
    service = TestService.start(MonitoringBrowserTest.class, Campaign.SETTINGS, false);
    t = new VerificationTesting(service);
    nationalAdmin = t.sapk.officer(Role.ADMIN_BKN, SapkFixture.SATKER_BKN);
    agencyAdmin = t.sapk.officer(Role.ADMIN_INSTANSI, SapkFixture.SATKER_DISDIK_BANDUNG);
    for (int i = 0; i < 5; i++) {
      t.pnsToken(t.sapk.pns(SapkFixture.SATKER_DINKES_BANDUNG, i % 2 == 0).nip());
    }
    submitted = t.sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, true);
    t.submit(t.pnsToken(submitted.nip()), new JsonObject().put("utama", new JsonObject()
        .put("alamat", VerificationTesting.wrong("Jl. Braga No. 7"))));
    browser = Browser.launch();
  }

  @AfterAll
  static void stop() {
    browser.close();
    service.close();
  }

  private static Page signedIn(SapkFixture.Person officer, String path) {
    Page page = Browser.signIn(browser.phonePage(), service.baseUrl(),
        new PnsLogin(service).login(officer.nip(), SapkFixture.OFFICER_PASSWORD));
    page.navigate(service.baseUrl() + path);
    return page;
  }

  private static void shot(Page page, String name) {
    page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(Path.of("target/screenshots/" + name + ".png")));
    Object overflow = page.evaluate("() => document.documentElement.scrollWidth");
    assertTrue(((Number) overflow).intValue() <= 390, name + " is wider than the phone: " + overflow);
  }

  @Test
  void theNationalAdminPicksAnAgencyByNameAndDownloadsItsNominativeList() throws Exception {
    Page page = signedIn(nationalAdmin, "/admin/");
    assertThat(page.locator("#cakupan")).hasText("· Nasional");
    assertThat(page.locator("#ringkasan")).containsText("PNS di SAPK");
    // Per BKN office, by name: Kota Bandung's 5 + 1 PNS and its admin are Kanreg III's.
    assertThat(page.locator("#kanreg")).containsText("BKN Pusat");
    assertThat(page.locator("#kanreg tbody tr", new Page.LocatorOptions().setHasText("Kantor Regional III")).locator("td").first())
        .hasText("7");
    shot(page, "admin-dashboard-nasional-390");
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Daftar nominatif (CSV)"))).isDisabled();
    assertTrue(page.locator("text=ID instansi").count() == 0, "no id asked");

    page.getByLabel("Instansi").first().fill("Kota Band");
    assertThat(page.locator("#daftar-instansi option[value='Pemerintah Kota Bandung']")).hasCount(1);
    page.getByLabel("Instansi").first().fill("Pemerintah Kota Bandung");
    assertThat(page.locator("#cakupan")).hasText("· Pemerintah Kota Bandung");
    assertThat(page.locator("#ringkasan")).containsText("Mengirim formulir");
    assertThat(page.locator("#tingkat")).containsText("SKPD");
    assertThat(page.locator("#rincian")).containsText("Dinas Pendidikan");
    assertThat(page.locator("#instansi-rincian")).containsText("Pemerintah Kota Bandung");
    String body = page.locator("main").innerText();
    assertTrue(!body.matches("(?s).*\\bID\\b.*"), "no internal id shown: " + body);
    shot(page, "admin-dashboard-390");

    // The PNS who have not taken part: one work unit picked by name, one state ticked.
    page.getByLabel("Satuan kerja (kosong = seluruh instansi)").fill("Dinas Kes");
    assertThat(page.locator("#satker-pilihan option[value='Dinas Kesehatan']")).hasCount(1);
    page.getByLabel("Satuan kerja (kosong = seluruh instansi)").fill("Dinas Kesehatan");
    assertThat(page.locator("#belum-ikut-form")).containsText("Dipilih: Dinas Kesehatan");
    page.getByLabel("Belum mendaftar").uncheck();
    page.getByLabel("Belum mengirim formulir").uncheck();
    page.getByLabel("Belum selesai diverifikasi").uncheck();
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Unduh PNS yang belum ikut (CSV)")).click();
    assertThat(page.locator("#belum-ikut-form")).containsText("Centang sedikitnya satu keadaan.");
    page.getByLabel("Belum mengirim formulir").check();
    Download absent = page.waitForDownload(() -> page.getByRole(AriaRole.BUTTON,
        new Page.GetByRoleOptions().setName("Unduh PNS yang belum ikut (CSV)")).click());
    // Saved by the browser from a one-use link (streamed to disk), not built in the page's memory (a blob: URL).
    assertTrue(absent.url().contains("/api/admin/nonpeserta?") && absent.url().contains("&unduh="), absent.url());
    assertEquals("belum-ikut-3273.csv", absent.suggestedFilename());
    assertThat(page.locator("#unduh-status")).containsText("Unduhan dimulai");
    String absentCsv = Files.readString(absent.path(), StandardCharsets.UTF_8);
    String[] absentLines = absentCsv.split("\r\n");
    assertEquals(1 + 5, absentLines.length, "header and the 5 registered PNS of Dinas Kesehatan, none submitted: " + absentCsv);
    for (int i = 1; i < absentLines.length; i++) {
      assertTrue(absentLines[i].contains("Dinas Kesehatan") && absentLines[i].contains("Belum mengirim"), absentLines[i]);
    }
    assertTrue(!absentCsv.contains(submitted.nip()), "Dinas Pendidikan's PNS left out");
    shot(page, "admin-dashboard-belum-ikut-390");

    Download download = page.waitForDownload(() -> page.getByRole(AriaRole.BUTTON,
        new Page.GetByRoleOptions().setName("Daftar nominatif (CSV)")).click());
    assertEquals("nominatif-3273.csv", download.suggestedFilename());
    assertTrue(download.url().contains("/api/admin/nominatif?") && download.url().contains("format=csv&unduh="), download.url());
    String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
    assertTrue(csv.contains(submitted.nip()), csv);
    assertTrue(csv.contains("Belum selesai diverifikasi"));
    assertEquals(1 + 5 + 1 + 1, csv.split("\r\n").length, "header, 5 + 1 PNS of Kota Bandung, its admin");
    assertThat(page.locator("#unduh-status")).containsText("Unduhan dimulai");
    Download pdf = page.waitForDownload(() -> page.getByRole(AriaRole.BUTTON,
        new Page.GetByRoleOptions().setName("Daftar nominatif (PDF)")).click());
    assertEquals("nominatif-3273.pdf", pdf.suggestedFilename());
    assertTrue(pdf.url().contains("format=pdf&unduh="), pdf.url());
    assertTrue(new String(Files.readAllBytes(pdf.path()), 0, 5, StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
    // The link opened one download: used again (e.g. from the browser's history), it is refused.
    assertEquals(410, service.get(pdf.url().substring(pdf.url().indexOf("/api/"))).statusCode());
  }

  /** Gap 1: the approvals page has the national admin pick an agency by name, as the other admin pages do. */
  @Test
  void theNationalAdminNarrowsTheApprovalListToAnAgencyPickedByName() {
    SapkFixture.Person bknPns = t.sapk.pns(SapkFixture.SATKER_BKN, false);
    t.pnsToken(bknPns.nip());
    Page page = signedIn(nationalAdmin, "/admin/pendaftaran.html");
    assertEquals(0, page.getByText("ID instansi").count(), "no id asked");
    page.locator("#status").selectOption("APPROVED");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cari").setExact(true)).click();
    assertThat(page.locator("li[data-nip='" + bknPns.nip() + "']")).isVisible();

    page.getByLabel("Instansi (kosong = semua)").fill("Kota Bandungx");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cari").setExact(true)).click();
    assertThat(page.locator("[data-error-for=instansiId]")).hasText("Pilih instansi dari daftar (ketik sebagian namanya).");
    page.getByLabel("Instansi (kosong = semua)").fill("Kota Band");
    assertThat(page.locator("#daftar-instansi option[value='Pemerintah Kota Bandung']")).hasCount(1);
    page.getByLabel("Instansi (kosong = semua)").fill("Pemerintah Kota Bandung");
    assertThat(page.locator("#pilih-instansi")).containsText("Dipilih: Pemerintah Kota Bandung");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cari").setExact(true)).click();
    assertThat(page.locator("#ringkasan")).hasText("6 pendaftaran ditemukan.");
    assertThat(page.locator("li[data-nip='" + bknPns.nip() + "']")).hasCount(0);
    assertThat(page.locator("li[data-nip='" + submitted.nip() + "']")).containsText("Pemerintah Kota Bandung");
    String body = page.locator("main").innerText();
    assertTrue(!body.matches("(?s).*\\bID\\b.*") && !body.contains("harus berupa angka"), "no internal id asked or shown: " + body);
    assertEquals(0, page.locator("input[inputmode=numeric][name=instansiId]").count());
    shot(page, "admin-pendaftaran-nasional-390");
  }

  /** Gap 5: the national dashboard asks for its top agencies only; the full list stays available. */
  @Test
  void theStatsCutTheAgencyListToTheTopOnRequest() {
    String token = new PnsLogin(service).login(nationalAdmin.nip(), SapkFixture.OFFICER_PASSWORD).getString("token");
    JsonObject all = service.get("/api/admin/stats", token).bodyAsJsonObject();
    assertEquals(2, all.getJsonArray("instansi").size());
    JsonObject top = service.get("/api/admin/stats?top=1", token).bodyAsJsonObject();
    assertEquals(1, top.getJsonArray("instansi").size());
    assertEquals(2, top.getInteger("instansiCount"));
    assertEquals("Pemerintah Kota Bandung", top.getJsonArray("instansi").getJsonObject(0).getString("nama"),
        "the agency with a submission waiting comes first");
    assertEquals(all.getJsonObject("total"), top.getJsonObject("total"), "the totals and offices count every agency");
    assertEquals(all.getJsonArray("kanreg"), top.getJsonArray("kanreg"));
    for (String bad : new String[] {"0", "1001", "x"}) {
      var refused = service.get("/api/admin/stats?top=" + bad, token);
      assertEquals(400, refused.statusCode(), bad);
      assertTrue(refused.bodyAsJsonObject().getJsonObject("fields").containsKey("top"), refused.bodyAsString());
    }
  }

  @Test
  void anAgencyAdminSeesItsOwnAgencyAndTheBacklogCharts() {
    Page page = signedIn(agencyAdmin, "/admin/");
    assertThat(page.locator("#cakupan")).hasText("· Pemerintah Kota Bandung");
    assertThat(page.locator("#pilih-instansi")).isHidden();
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Daftar nominatif (CSV)"))).isEnabled();
    page.locator("#ke-antrean").click();
    assertThat(page.locator("#cakupan")).hasText("Pemerintah Kota Bandung");
    assertThat(page.locator("#tingkat svg.chart")).hasCount(3);
    assertThat(page.locator("#tingkat")).containsText("Menunggu");
    assertThat(page.locator("#rincian")).containsText("Dinas Pendidikan");
    shot(page, "admin-antrean-390");
  }
}

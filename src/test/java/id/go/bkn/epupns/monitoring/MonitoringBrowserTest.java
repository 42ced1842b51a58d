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

    Download download = page.waitForDownload(() -> page.getByRole(AriaRole.BUTTON,
        new Page.GetByRoleOptions().setName("Daftar nominatif (CSV)")).click());
    assertEquals("nominatif-3273.csv", download.suggestedFilename());
    String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
    assertTrue(csv.contains(submitted.nip()), csv);
    assertTrue(csv.contains("Belum selesai diverifikasi"));
    assertEquals(1 + 5 + 1 + 1, csv.split("\r\n").length, "header, 5 + 1 PNS of Kota Bandung, its admin");
    assertThat(page.locator("#unduh-status")).containsText("Terunduh: nominatif-3273.csv");
    Download pdf = page.waitForDownload(() -> page.getByRole(AriaRole.BUTTON,
        new Page.GetByRoleOptions().setName("Daftar nominatif (PDF)")).click());
    assertTrue(new String(Files.readAllBytes(pdf.path()), 0, 5, StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
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

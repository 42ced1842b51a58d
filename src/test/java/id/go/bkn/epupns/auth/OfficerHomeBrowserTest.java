package id.go.bkn.epupns.auth;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import id.go.bkn.epupns.testing.Browser;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Officers after login: verifiers land on the officer home, which says who they are and what they may do;
 * GET /api/auth/me names the scope; "Keluar" ends the session in the tab.
 */
class OfficerHomeBrowserTest {

  static TestService service;
  static SapkFixture sapk;
  static Browser browser;

  @BeforeAll
  static void start() {
    service = TestService.start(OfficerHomeBrowserTest.class, Map.of(), false);
    sapk = new SapkFixture(service);
    browser = Browser.launch();
  }

  @AfterAll
  static void stop() {
    browser.close();
    service.close();
  }

  private static String token(SapkFixture.Person officer) {
    var response = service.post("/api/auth/login", new JsonObject().put("username", officer.nip())
        .put("password", SapkFixture.OFFICER_PASSWORD));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getString("token");
  }

  private static Page logIn(Page page, String path, SapkFixture.Person officer) {
    page.navigate(service.baseUrl() + path);
    page.getByLabel("Nomor registrasi (PNS) atau NIP (petugas)").fill(officer.nip());
    page.getByLabel("Kata sandi").fill(SapkFixture.OFFICER_PASSWORD);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Masuk").setExact(true)).click();
    return page;
  }

  @Test
  void meNamesTheCallerAndTheScopeOfEachRole() {
    SapkFixture.Person skpd = sapk.officer("VERIFIER_SKPD", SapkFixture.SATKER_DISDIK_BANDUNG);
    JsonObject me = service.get("/api/auth/me", token(skpd)).bodyAsJsonObject();
    assertEquals(skpd.nama(), me.getString("nama"));
    assertEquals("VERIFIER_SKPD", me.getString("role"));
    assertEquals("Dinas Pendidikan", me.getJsonObject("satuanKerja").getString("nama"));
    assertEquals("Pemerintah Kota Bandung", me.getJsonObject("instansi").getString("nama"));
    assertNull(me.getJsonObject("kanreg"));

    SapkFixture.Person bkd = sapk.officer("VERIFIER_BKD", SapkFixture.SATKER_BKN);
    me = service.get("/api/auth/me", token(bkd)).bodyAsJsonObject();
    assertEquals("Badan Kepegawaian Negara", me.getJsonObject("instansi").getString("nama"));
    assertEquals(SapkFixture.INSTANSI_BKN, me.getInteger("instansiId"));
    assertNull(me.getJsonObject("satuanKerja"));

    SapkFixture.Person bkn = sapk.officer("VERIFIER_BKN", SapkFixture.SATKER_DINKES_BANDUNG);
    me = service.get("/api/auth/me", token(bkn)).bodyAsJsonObject();
    assertEquals("Kantor Regional III", me.getJsonObject("kanreg").getString("nama"));
    assertEquals(3, me.getInteger("kanregId"));
    assertNull(me.getJsonObject("instansi"));
  }

  @Test
  void aVerifierLandsOnTheOfficerHomeSeesWhoTheyAreAndLogsOut() {
    SapkFixture.Person verifier = sapk.officer("VERIFIER_SKPD", SapkFixture.SATKER_DINKES_BANDUNG);
    Page page = logIn(browser.phonePage(), "/masuk.html", verifier);
    page.waitForURL(Pattern.compile(".*/beranda-petugas\\.html$"));
    assertThat(page).hasTitle("Beranda petugas — e-PUPNS");
    assertThat(page.locator("#siapa")).containsText(verifier.nama());
    assertThat(page.locator("#siapa")).containsText(verifier.nip());
    assertThat(page.locator("#siapa")).containsText("Verifikator SKPD");
    assertThat(page.locator("#siapa")).containsText("Dinas Kesehatan, Pemerintah Kota Bandung");
    assertThat(page.locator("#peran-uraian")).containsText("satuan kerja Dinas Kesehatan");
    assertThat(page.locator("#verifikasi")).containsText("Jadwal verifikasi");
    // What they can do today are real pages.
    assertThat(page.locator("#daftar-tugas a[href='/status.html']")).isVisible();
    assertThat(page.locator("#daftar-tugas a[href='/cek-bukti.html']")).isVisible();
    int width = ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
    assertTrue(width <= 390, "no horizontal scrolling on a phone: " + width);

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Keluar")).click();
    page.waitForURL(service.baseUrl() + "/");
    assertEquals(0, ((Number) page.evaluate("sessionStorage.length")).intValue(), "tokens are gone");
    // Back on the officer home without a session: the login page.
    page.navigate(service.baseUrl() + "/beranda-petugas.html");
    page.waitForURL(Pattern.compile(".*/masuk\\.html\\?kembali=.*"));
    page.context().close();
  }

  @Test
  void anAdminSentToLoginComesBackToThePageItWantedAndLogsOutThere() {
    SapkFixture.Person admin = sapk.officer("ADMIN_INSTANSI", SapkFixture.SATKER_BKN);
    Page page = browser.phonePage();
    page.navigate(service.baseUrl() + "/admin/petugas.html");
    page.waitForURL(Pattern.compile(".*/masuk\\.html\\?kembali=.*"));
    logIn(page, page.url().substring(service.baseUrl().length()), admin);
    page.waitForURL(service.baseUrl() + "/admin/petugas.html");
    assertThat(page.locator("#daftar li").first()).isVisible();
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Keluar")).click();
    page.waitForURL(service.baseUrl() + "/");
    assertEquals(0, ((Number) page.evaluate("sessionStorage.length")).intValue(), "tokens are gone");
    page.context().close();
  }

  @Test
  void aNationalAdminOnTheOfficerHomeSeesANationalScopeAndTheAdminPages() {
    SapkFixture.Person officer = sapk.officer("VERIFIER_BKD", SapkFixture.SATKER_BKN);
    service.sql("update officer set role = 'ADMIN_BKN', instansi_id = null where nip = $1", officer.nip());
    Page page = logIn(browser.phonePage(), "/masuk.html", officer);
    page.waitForURL(Pattern.compile(".*/admin/$"));
    page.navigate(service.baseUrl() + "/beranda-petugas.html");
    assertThat(page.locator("#siapa")).containsText("Admin BKN");
    assertThat(page.locator("#siapa")).containsText("Seluruh Indonesia");
    assertThat(page.locator("#daftar-tugas a[href='/admin/']")).isVisible();
    assertThat(page.locator("#verifikasi")).isHidden();
    page.context().close();
  }
}

package id.go.bkn.epupns.web;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.LoadState;
import id.go.bkn.epupns.testing.Accessibility;
import id.go.bkn.epupns.testing.Browser;
import id.go.bkn.epupns.testing.PnsLogin;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * axe-core on every page, signed in and not, in the states people meet (errors shown, lists
 * filled): no serious or critical violation. And the form used with the keyboard alone.
 */
class AccessibilityBrowserTest {

  static final List<String> PUBLIC = List.of("/", "/daftar.html", "/status.html", "/masuk.html", "/lupa-nomor.html",
      "/lupa-jawaban.html", "/lupa-sandi.html", "/reset-sandi.html", "/pengaduan.html", "/cek-bukti.html");

  static TestService service;
  static Browser browser;
  static SapkFixture sapk;
  static PnsLogin pns;

  @BeforeAll
  static void start() {
    service = TestService.start(AccessibilityBrowserTest.class, Map.of("EPUPNS_CAPTCHA_EXPOSE_ANSWER", "true"), false);
    sapk = new SapkFixture(service);
    pns = new PnsLogin(service);
    browser = Browser.launch();
  }

  @AfterAll
  static void stop() {
    browser.close();
    service.close();
  }

  private static void check(Page page, String what, List<String> problems) {
    page.waitForLoadState(LoadState.NETWORKIDLE);
    for (String v : Accessibility.seriousViolations(page)) {
      problems.add(what + ": " + v);
    }
  }

  private static Page open(Page page, String path) {
    page.navigate(service.baseUrl() + path);
    return page;
  }

  private static JsonObject officer(String role) {
    SapkFixture.Person person = sapk.officer(role, SapkFixture.SATKER_BKN);
    return pns.login(person.nip(), SapkFixture.OFFICER_PASSWORD);
  }

  @Test
  void everyPublicPageSignedInOrNotAndWithItsErrorsShownHasNoSeriousViolation() {
    List<String> problems = new ArrayList<>();
    Page anonymous = browser.phonePage();
    for (String path : PUBLIC) {
      check(open(anonymous, path), path, problems);
    }
    // Error states: the registration form with every field in error, a wrong NIP on cek status.
    SapkFixture.Person person = sapk.pns(SapkFixture.SATKER_BKN, true);
    open(anonymous, "/daftar.html?nip=" + person.nip());
    anonymous.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cari")).click();
    assertThat(anonymous.locator("#daftar")).isVisible();
    anonymous.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Daftar").setExact(true)).click();
    assertThat(anonymous.locator("#daftar [data-message] a").first()).isVisible();
    check(anonymous, "/daftar.html with errors", problems);
    open(anonymous, "/status.html");
    anonymous.getByLabel("NIP (18 angka)").fill("1");
    anonymous.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cek status")).click();
    assertThat(anonymous.locator("[data-error-for=nip]")).not().isEmpty();
    check(anonymous, "/status.html with an error", problems);
    anonymous.context().close();

    Page signedIn = Browser.signIn(browser.phonePage(), service.baseUrl(),
        pns.registerAndLogin(sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, false).nip()));
    for (String path : PUBLIC) {
      check(open(signedIn, path), path + " (signed in)", problems);
    }
    signedIn.context().close();
    assertEquals(List.of(), problems);
  }

  @Test
  void everySignedInPageOfEachRoleHasNoSeriousViolation() {
    List<String> problems = new ArrayList<>();
    SapkFixture.Person person = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, true);
    Page page = Browser.signIn(browser.phonePage(), service.baseUrl(), pns.registerAndLogin(person.nip()));
    for (String path : List.of("/formulir.html", "/kirim.html", "/progres.html")) {
      check(open(page, path), path, problems);
    }
    // A failed save: the summary with its links, each field's message beside it.
    open(page, "/formulir.html");
    page.locator("#f-utama-alamat input[value=WRONG]").check();
    page.locator("#c-utama-alamat").fill("x");
    page.locator("#s-utama button[type=submit]").click();
    assertThat(page.locator("#s-utama .alert a").first()).isVisible();
    check(page, "/formulir.html with a failed save", problems);
    page.context().close();

    Page admin = Browser.signIn(browser.phonePage(), service.baseUrl(), officer("ADMIN_INSTANSI"));
    for (String path : List.of("/admin/", "/admin/antrean.html", "/admin/pendaftaran.html", "/admin/petugas.html", "/admin/pengaduan.html",
        "/beranda-petugas.html")) {
      check(open(admin, path), path, problems);
    }
    admin.context().close();
    Page verifier = Browser.signIn(browser.phonePage(), service.baseUrl(), officer("VERIFIER_BKD"));
    check(open(verifier, "/beranda-petugas.html"), "/beranda-petugas.html (verifier)", problems);
    check(open(verifier, "/verifikasi/"), "/verifikasi/ (verifier)", problems);
    check(open(verifier, "/verifikasi/periksa.html?id=1"), "/verifikasi/periksa.html (verifier, no such submission)", problems);
    verifier.context().close();
    assertEquals(List.of(), problems);
  }

  /** Presses Tab until the focused element matches the selector (at most max times). */
  private static void tabTo(Page page, String selector, int max) {
    for (int i = 0; i <= max; i++) {
      if (Boolean.TRUE.equals(page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector))) {
        return;
      }
      page.keyboard().press("Tab");
    }
    fail("not reached with " + max + " Tab presses: " + selector + "; focus is on "
        + page.evaluate("document.activeElement && document.activeElement.outerHTML.slice(0, 120)"));
  }

  @Test
  void aPnsMarksCorrectsAndSavesDataUtamaWithTheKeyboardAlone() {
    SapkFixture.Person person = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, false);
    JsonObject login = pns.registerAndLogin(person.nip());
    Page page = Browser.signIn(browser.phonePage(), service.baseUrl(), login);
    open(page, "/formulir.html");
    assertThat(page.locator("#s-utama")).isVisible();
    // Skip link first, then into the tabs and the section.
    page.keyboard().press("Tab");
    assertThat(page.getByText("Langsung ke isi")).isFocused();
    page.keyboard().press("Enter");
    tabTo(page, "[role=tab][aria-selected=true]", 10);
    tabTo(page, "#s-utama .mark-all", 5);
    page.keyboard().press("Enter");
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Batalkan tandai semua"))).isFocused();
    assertEquals(0, page.locator("#s-utama fieldset.item:not([hidden]) .marks:not(:has(input:checked))").count(),
        "every shown field marked");
    // Alamat is wrong: from its ✓ the arrow key moves to ✗, the correction box opens, type, save.
    tabTo(page, "#f-utama-alamat input[value=CORRECT]", 60);
    page.keyboard().press("ArrowRight");
    assertThat(page.locator("#f-utama-alamat input[value=WRONG]")).isChecked();
    page.keyboard().press("Tab");
    assertThat(page.locator("#c-utama-alamat")).isFocused();
    page.keyboard().type("Jl. Braga No. 10, Bandung");
    tabTo(page, "#s-utama button[type=submit]", 20);
    page.keyboard().press("Enter");
    assertThat(page.locator("#s-utama .save-state")).containsText("Tersimpan");
    Map<String, JsonObject> saved = new java.util.HashMap<>();
    service.get("/api/me/form", login.getString("token")).bodyAsJsonObject().getJsonArray("sections").stream()
        .map(JsonObject.class::cast).filter(s -> s.getString("id").equals("utama"))
        .flatMap(s -> s.getJsonArray("fields").stream()).map(JsonObject.class::cast)
        .forEach(f -> saved.put(f.getString("name"), f));
    assertEquals("WRONG", saved.get("alamat").getString("mark"));
    assertEquals("Jl. Braga No. 10, Bandung", saved.get("alamat").getString("correction"));
    assertEquals("CORRECT", saved.get("nama").getString("mark"));
    page.context().close();
  }
}

package id.go.bkn.epupns.web;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import id.go.bkn.epupns.testing.Browser;
import id.go.bkn.epupns.testing.PnsLogin;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions on the pages, with access tokens of 3 s and refresh tokens of 4 s (plus the verifier's leeway): a lapsing token is
 * refreshed and a rejected one retried once, unsaved edits survive even a session that ended, the
 * login page sends back only to this site, and Keluar ends the session on the server too.
 */
class SessionBrowserTest {

  static final int ACCESS_SECONDS = 3;
  static final int REFRESH_SECONDS = 4;
  /** The verifier accepts a token this long after its exp (AuthTokens.LEEWAY). */
  static final int LEEWAY_SECONDS = 5;

  static TestService service;
  static Browser browser;
  static SapkFixture sapk;
  static PnsLogin pns;

  @BeforeAll
  static void start() {
    service = TestService.start(SessionBrowserTest.class, Map.of(
        "EPUPNS_JWT_ACCESS_TOKEN_SECONDS", Integer.toString(ACCESS_SECONDS),
        "EPUPNS_JWT_REFRESH_TOKEN_SECONDS", Integer.toString(REFRESH_SECONDS)), false);
    sapk = new SapkFixture(service);
    pns = new PnsLogin(service);
    browser = Browser.launch();
  }

  @AfterAll
  static void stop() {
    browser.close();
    service.close();
  }

  /** Logs in through the login page (from the path given, which may carry ?kembali=). */
  private static void logIn(Page page, String path, String number) {
    page.navigate(service.baseUrl() + path);
    page.getByLabel("Nomor registrasi (PNS) atau NIP (petugas)").fill(number);
    page.getByLabel("Kata sandi").fill(PnsLogin.PASSWORD);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Masuk").setExact(true)).click();
  }

  private static Page formFor(String number) {
    Page page = browser.phonePage();
    logIn(page, "/masuk.html", number);
    page.waitForURL(Pattern.compile(".*/formulir\\.html$"));
    assertThat(page.locator("#s-utama")).isVisible();
    return page;
  }

  /** Five fields of Data Utama: four ✓ and Alamat ✗ with a correction (focus ends in it). */
  private static void markFive(Page page, String address) {
    for (String field : List.of("nama", "tempat_lahir", "tanggal_lahir", "agama")) {
      page.locator("#f-utama-" + field + " input[value=CORRECT]").check();
    }
    page.locator("#f-utama-alamat input[value=WRONG]").check();
    page.locator("#c-utama-alamat").fill(address);
  }

  private static void save(Page page) {
    page.locator("#s-utama button[type=submit]").click();
    assertThat(page.locator("#s-utama .save-state")).containsText("Tersimpan");
  }

  private static JsonObject savedUtama(String nip) {
    var rows = service.sql("select version, content from form_section where nip = $1 and section = 'utama'", nip);
    assertTrue(rows.iterator().hasNext(), "Data Utama saved");
    var row = rows.iterator().next();
    return new JsonObject().put("version", row.getInteger("version")).put("content", row.getJson("content"));
  }

  private static Object storage(Page page, String store, String key) {
    return page.evaluate("([s, k]) => window[s].getItem(k)", Arrays.asList(store, key));
  }

  private static long drafts(Page page) {
    return ((Number) page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('epupns.draft.')).length")).longValue();
  }

  @Test
  void theAccessTokenIsRefreshedBeforeItLapsesSoASaveAfterALongPauseGoesThrough() {
    SapkFixture.Person person = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, false);
    Page page = formFor(pns.register(person.nip()));
    List<Response> refreshes = new ArrayList<>();
    page.onResponse(r -> { if (r.url().endsWith("/api/auth/refresh")) { refreshes.add(r); } });
    markFive(page, "Jl. Dago No. 1, Bandung");
    assertEquals(1, drafts(page), "the unsaved edits are kept in the browser");
    page.waitForTimeout((ACCESS_SECONDS + LEEWAY_SECONDS + 1) * 1000);
    save(page);
    assertTrue(page.url().endsWith("/formulir.html"), page.url());
    assertTrue(refreshes.size() >= 1, "refreshed before the token lapsed");
    // Every answer's refresh token is kept: a used one no longer works once tokens rotate.
    JsonObject last = new JsonObject(refreshes.get(refreshes.size() - 1).text());
    assertEquals(200, refreshes.get(refreshes.size() - 1).status());
    assertEquals(last.getString("refreshToken"), storage(page, "sessionStorage", "epupns.refreshToken"));
    JsonObject saved = savedUtama(person.nip());
    assertEquals(1, saved.getInteger("version"));
    assertTrue(saved.encode().contains("Jl. Dago No. 1, Bandung"), saved.encode());
    assertEquals(0, drafts(page), "the server has the edits: the browser's copy is gone");
    page.context().close();
  }

  @Test
  void aRejectedAccessTokenIsRefreshedAndTheSaveSentAgainOnce() {
    SapkFixture.Person person = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, true);
    Page page = formFor(pns.register(person.nip()));
    List<Request> puts = new ArrayList<>();
    page.onRequestFinished(r -> { if (r.method().equals("PUT")) { puts.add(r); } });
    markFive(page, "Jl. Riau No. 2, Bandung");
    // A token the server refuses although the page thinks it is fresh (revoked, clock skew).
    page.evaluate("sessionStorage.setItem('epupns.token', sessionStorage.getItem('epupns.token').slice(0, -4) + 'AAAA')");
    save(page);
    assertEquals(2, puts.size(), "one refused save, one retry");
    assertEquals(401, puts.get(0).response().status());
    assertEquals(200, puts.get(1).response().status());
    assertEquals(1, savedUtama(person.nip()).getInteger("version"));
    page.context().close();
  }

  @Test
  void whenTheWholeSessionLapsedThePnsIsToldWhyLogsInAgainAndFindsTheEditsWhereTheyLeftThem() {
    SapkFixture.Person person = sapk.pns(SapkFixture.SATKER_DINKES_BANDUNG, false);
    String number = pns.register(person.nip());
    Page page = formFor(number);
    markFive(page, "Jl. Cihampelas No. 3, Bandung");
    // The phone loses its connection for longer than the refresh token lives.
    page.context().setOffline(true);
    page.waitForTimeout((REFRESH_SECONDS + LEEWAY_SECONDS + 1) * 1000);
    page.context().setOffline(false);
    page.locator("#s-utama button[type=submit]").click();
    page.waitForURL(Pattern.compile(".*/masuk\\.html\\?.*"));
    assertTrue(page.url().contains("kembali=%2Fformulir.html%23f-utama-alamat"), page.url());
    assertThat(page.locator("#sesi")).containsText("Sesi Anda sudah berakhir");
    assertThat(page.locator("#sesi")).containsText("belum tersimpan masih ada di perangkat ini");
    assertNull(storage(page, "sessionStorage", "epupns.refreshToken"));

    page.getByLabel("Nomor registrasi (PNS) atau NIP (petugas)").fill(number);
    page.getByLabel("Kata sandi").fill(PnsLogin.PASSWORD);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Masuk").setExact(true)).click();
    page.waitForURL(Pattern.compile(".*/formulir\\.html#f-utama-alamat$"));
    assertThat(page.locator("#pulih")).containsText("dipulihkan dari perangkat ini: Data Utama");
    assertThat(page.locator("#c-utama-alamat")).hasValue("Jl. Cihampelas No. 3, Bandung");
    assertThat(page.locator("#c-utama-alamat")).isFocused();
    assertThat(page.locator("#f-utama-agama input[value=CORRECT]")).isChecked();
    assertThat(page.locator("#s-utama .save-state")).containsText("dipulihkan");
    save(page);
    assertTrue(savedUtama(person.nip()).encode().contains("Jl. Cihampelas No. 3, Bandung"));
    assertEquals(0, drafts(page));
    page.context().close();
  }

  @Test
  void afterLoginTheKembaliParameterLeadsOnlyToPathsOfThisSite() {
    Page page = browser.phonePage();
    page.navigate(service.baseUrl() + "/masuk.html");
    List<String> refused = List.of("//evil.example/x", "/\\evil.example", "\\/evil.example", "/\t/evil.example",
        "/\n/evil.example", "/\r\n/evil.example", "\t//evil.example", " /x", "/.//evil.example", "/..//evil.example",
        "https://evil.example/", "http:evil.example", "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x",
        "formulir.html", "");
    for (String value : refused) {
      assertNull(page.evaluate("v => Api.safeReturnPath(v)", value), "refused: " + value.replace("\t", "\\t")
          .replace("\n", "\\n").replace("\r", "\\r"));
    }
    assertEquals("/formulir.html#f-utama-alamat", page.evaluate("v => Api.safeReturnPath(v)", "/formulir.html#f-utama-alamat"));
    assertEquals("/admin/petugas.html?q=1", page.evaluate("v => Api.safeReturnPath(v)", "/admin/petugas.html?q=1"));
    // Still encoded it is a path of this site: the browser does not strip %09.
    assertEquals("/%09/evil.example", page.evaluate("v => Api.safeReturnPath(v)", "/%09/evil.example"));

    // The probe's own form: a tab that the browser would strip to //host. Login lands on the role's page.
    SapkFixture.Person person = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, false);
    logIn(page, "/masuk.html?kembali=/%09/evil.example/health", pns.register(person.nip()));
    page.waitForURL(Pattern.compile(".*/formulir\\.html$"));
    assertTrue(page.url().startsWith(service.baseUrl() + "/"), page.url());
    page.context().close();
  }

  @Test
  void keluarAsksBeforeDroppingUnsavedEditsThenEndsTheSessionOnTheServerAndInTheTab() {
    SapkFixture.Person person = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, true);
    Page page = formFor(pns.register(person.nip()));
    markFive(page, "Jl. Merdeka No. 4, Bandung");
    // Unsaved edits: cancelling the question keeps everything.
    page.onceDialog(dialog -> dialog.dismiss());
    page.locator("#keluar").click();
    assertTrue(page.url().endsWith("/formulir.html"));
    assertEquals(1, drafts(page));

    List<Request> logouts = new ArrayList<>();
    page.onRequest(r -> { if (r.url().endsWith("/api/auth/logout")) { logouts.add(r); } });
    Object refreshToken = storage(page, "sessionStorage", "epupns.refreshToken");
    page.onceDialog(dialog -> dialog.accept());
    page.locator("#keluar").click();
    page.waitForURL(service.baseUrl() + "/");
    assertEquals(1, logouts.size(), "POST /api/auth/logout");
    assertEquals("POST", logouts.get(0).method());
    assertEquals(refreshToken, new JsonObject(logouts.get(0).postData()).getString("refreshToken"));
    assertEquals(0, ((Number) page.evaluate("sessionStorage.length")).intValue(), "tokens are gone");
    assertEquals(0, drafts(page), "a deliberate logout leaves no edits on a shared device");
    page.context().close();
  }
}

package id.go.bkn.epupns.registration;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import id.go.bkn.epupns.testing.Browser;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.SapkFixture.Person;
import id.go.bkn.epupns.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A PNS walks from registration to first login in real Chromium, on a phone-sized screen. */
class RegistrationBrowserTest {

  static TestService service;
  static SapkFixture sapk;
  static Browser browser;

  @BeforeAll
  static void start() {
    service = TestService.start(RegistrationBrowserTest.class, Map.of("EPUPNS_CAPTCHA_EXPOSE_ANSWER", "true"), false);
    sapk = new SapkFixture(service);
    browser = Browser.launch();
  }

  @AfterAll
  static void stop() {
    browser.close();
    service.close();
  }

  /** The answer of the captcha on screen (the page keeps it in data-answer only when the server exposes it). */
  private static String captchaAnswer(Page page) {
    String answer = page.locator("#daftar [data-captcha] img[data-answer]").getAttribute("data-answer");
    assertNotNull(answer);
    return answer;
  }

  private static String captchaId(Page page) {
    return page.locator("#daftar input[name=captchaId]").inputValue();
  }

  /** The page renews the captcha after a failure (id, image and data-answer are set together). */
  private static void waitForNewCaptcha(Page page, String oldId) {
    assertThat(page.locator("#daftar input[name=captchaId]")).not().hasValue(oldId);
  }

  @Test
  void pnsRegistersDownloadsTheProofAndLogsIn() throws Exception {
    Person person = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, true);
    String password = "teh poci gula batu 2015";
    Page page = browser.phonePage();
    page.navigate(service.baseUrl() + "/daftar.html");

    // Cari: the name and agency SAPK holds.
    page.getByLabel("NIP (18 angka)").fill(person.nip());
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cari")).click();
    assertThat(page.locator("#ditemukan")).containsText(person.nama());
    assertThat(page.locator("#ditemukan")).containsText("Pemerintah Kota Bandung");

    // The form, with a mistake: the confirmation differs.
    page.getByLabel("NIK (16 angka, sesuai KTP)").fill(person.nik());
    page.getByLabel("Email aktif").fill("siti@example.go.id");
    page.getByLabel("Kata sandi", new Page.GetByLabelOptions().setExact(true)).fill(password);
    page.getByLabel("Ulangi kata sandi").fill(password + "x");
    page.getByLabel("Nama gadis ibu kandung").fill("Nyai Dasimah");
    // The questions are radio buttons, so that long ones wrap on a phone instead of being cut off.
    page.locator("#pertanyaan input[type=radio]").first().check();
    page.getByLabel("Jawaban pertanyaan keamanan").fill("Bu Euis");
    String firstCaptcha = captchaId(page);
    page.getByLabel("Ketik huruf/angka pada gambar").fill(captchaAnswer(page));
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Daftar")).click();
    assertThat(page.locator("#daftar [data-error-for=passwordConfirmation]")).containsText("tidak sama");
    assertThat(page.getByLabel("Ulangi kata sandi")).hasAttribute("aria-invalid", "true");
    waitForNewCaptcha(page, firstCaptcha);

    // Fixed, but a wrong captcha: the page says so and shows a new one.
    page.getByLabel("Ulangi kata sandi").fill(password);
    String secondCaptcha = captchaId(page);
    page.getByLabel("Ketik huruf/angka pada gambar").fill("00000");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Daftar")).click();
    assertThat(page.locator("#daftar [data-error-for=captchaAnswer]")).containsText("captcha salah");
    assertThat(page.locator("#daftar [data-error-for=passwordConfirmation]")).isEmpty();
    waitForNewCaptcha(page, secondCaptcha);

    // Right captcha: registered.
    page.getByLabel("Ketik huruf/angka pada gambar").fill(captchaAnswer(page).toLowerCase());
    var answer = page.waitForResponse(r -> r.url().endsWith("/api/registrations") && r.request().method().equals("POST"),
        () -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Daftar")).click());
    assertThat(page.locator("#berhasil")).isVisible();
    String number = page.locator(".regnum").textContent().trim();
    assertEquals(number, RegistrationNumbers.canonical(number));
    // Approval is off in this agency: approved on creation, and the page says the PNS can log in now.
    assertEquals("APPROVED", new io.vertx.core.json.JsonObject(answer.text()).getString("status"));
    assertThat(page.locator("#langkah")).hasAttribute("data-status", "APPROVED");
    assertThat(page.locator("#langkah")).containsText("sudah dapat masuk");
    assertThat(page.locator("#langkah")).not().containsText("menunggu");
    numberFitsOnOneLineAndCopies(page, number);
    assertEquals(1, service.sql("select count(*) as n from registration where registration_number = $1", number)
        .iterator().next().getLong("n"));

    // The proof downloads as a PDF.
    Download download = page.waitForDownload(() -> page.getByText("Unduh tanda bukti (PDF)").click());
    byte[] pdf = Files.readAllBytes(download.path());
    assertTrue(new String(pdf, 0, 5).startsWith("%PDF-"), "a PDF");
    assertEquals("tanda-bukti-" + number + ".pdf", download.suggestedFilename());

    // First login: Kota Bandung needs no approval, so the PNS goes straight to the form.
    page.navigate(service.baseUrl() + "/masuk.html");
    page.getByLabel("Nomor registrasi (PNS) atau NIP (petugas)").fill(number.toLowerCase());
    page.getByLabel("Kata sandi").fill("salah sandi sekali");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Masuk").setExact(true)).click();
    assertThat(page.locator("#masuk [data-message]")).containsText("salah");
    page.getByLabel("Kata sandi").fill(password);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Masuk").setExact(true)).click();
    page.waitForURL(Pattern.compile(".*/formulir\\.html$"));
    assertNotNull(page.evaluate("sessionStorage.getItem('epupns.token')"));
    assertEquals("PNS", page.evaluate("sessionStorage.getItem('epupns.role')"));
    page.context().close();
  }

  /** Item 13: the number never breaks at 390 px, and "Salin nomor" puts it on the clipboard. */
  private static void numberFitsOnOneLineAndCopies(Page page, String number) {
    Object lines = page.evaluate("""
        () => { const r = document.createRange(); r.selectNodeContents(document.querySelector('.regnum'));
                return new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top))).size; }""");
    assertEquals(1, ((Number) lines).intValue(), "the registration number is on one line");
    Object overflow = page.evaluate("() => { const e = document.querySelector('.regnum'); return e.scrollWidth - e.clientWidth; }");
    assertTrue(((Number) overflow).intValue() <= 0, "the number is not cut off");
    page.context().grantPermissions(java.util.List.of("clipboard-read", "clipboard-write"));
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Salin nomor")).click();
    assertThat(page.getByText("Nomor tersalin.")).isVisible();
    assertEquals(number, page.evaluate("navigator.clipboard.readText()"));
  }

  @Test
  void whereApprovalIsRequiredTheSuccessPageAndCekStatusSayItWaitsAndOnceApprovedThatItCanLogIn() {
    Person person = sapk.pns(SapkFixture.SATKER_BKN, false);
    Page page = browser.phonePage();
    page.navigate(service.baseUrl() + "/daftar.html?nip=" + person.nip());
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cari")).click();
    page.getByLabel("NIK (16 angka, sesuai KTP)").fill(person.nik());
    page.getByLabel("Email aktif").fill("bkn@example.go.id");
    page.getByLabel("Kata sandi", new Page.GetByLabelOptions().setExact(true)).fill("kopi tubruk pagi hari");
    page.getByLabel("Ulangi kata sandi").fill("kopi tubruk pagi hari");
    page.getByLabel("Nama gadis ibu kandung").fill("Ratna");
    page.locator("#pertanyaan input[type=radio]").nth(1).check();
    page.getByLabel("Jawaban pertanyaan keamanan").fill("Pak Darmo");
    page.getByLabel("Ketik huruf/angka pada gambar").fill(captchaAnswer(page));
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Daftar")).click();
    assertThat(page.locator("#langkah")).hasAttribute("data-status", "PENDING_APPROVAL");
    assertThat(page.locator("#langkah")).containsText("menunggu persetujuan");
    assertThat(page.locator("#langkah")).not().containsText("sudah dapat masuk");

    page.navigate(service.baseUrl() + "/status.html?nip=" + person.nip());
    checkStatus(page);
    assertThat(page.locator("#hasil [data-status]")).hasAttribute("data-status", "PENDING_APPROVAL");
    assertThat(page.locator("#hasil")).containsText("menunggu persetujuan");

    service.sql("update registration set status = 'APPROVED' where nip = $1", person.nip());
    checkStatus(page);
    assertThat(page.locator("#hasil [data-status]")).hasAttribute("data-status", "APPROVED");
    assertThat(page.locator("#hasil")).containsText("sudah dapat masuk");
    assertThat(page.locator("#hasil")).not().containsText("menunggu");
    page.context().close();
  }

  /** Cek status with the captcha solved; waits for the answer (the page then shows a new captcha). */
  private static void checkStatus(Page page) {
    String id = page.locator("#status input[name=captchaId]").inputValue();
    solveCaptcha(page, "#status");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cek status")).click();
    assertThat(page.locator("#status input[name=captchaId]")).not().hasValue(id);
    assertThat(page.locator("#status img[data-answer]")).isVisible();
  }

  /** Item 6: a field's message stands once, beside the field; the alert names the field and links to it. */
  @Test
  void aFieldErrorIsShownOnceBesideItsFieldAndTheAlertLinksToIt() {
    Page page = browser.phonePage();
    page.navigate(service.baseUrl() + "/status.html");
    page.getByLabel("NIP (18 angka)").fill("12345");
    solveCaptcha(page, "#status");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cek status")).click();
    assertThat(page.locator("[data-error-for=nip]")).not().isEmpty();
    String message = page.locator("[data-error-for=nip]").textContent();
    assertThat(page.locator("#status [data-message]")).not().containsText(message);
    assertThat(page.locator("#status [data-message] a")).hasText("NIP (18 angka)");
    assertThat(page.getByLabel("NIP (18 angka)")).isFocused();
    assertThat(page.getByLabel("NIP (18 angka)")).hasAttribute("aria-invalid", "true");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cek status")).focus();
    page.locator("#status [data-message] a").click();
    assertThat(page.getByLabel("NIP (18 angka)")).isFocused();
    page.context().close();
  }

  /** Types the answer of the captcha shown in the form (exposed in data-answer by this test service). */
  private static void solveCaptcha(Page page, String form) {
    String answer = page.locator(form + " [data-captcha] img[data-answer]").getAttribute("data-answer");
    assertNotNull(answer);
    page.locator(form + " input[name=captchaAnswer]").fill(answer);
  }

  @Test
  void statusPageAndUnknownNipGuidance() {
    Page page = browser.phonePage();
    Person person = sapk.pns(SapkFixture.SATKER_BKN, false);
    page.navigate(service.baseUrl() + "/status.html?nip=" + person.nip());
    // Behind a captcha: a wrong one is refused and replaced, the right one answers.
    String first = page.locator("#status input[name=captchaId]").inputValue();
    page.locator("#status input[name=captchaAnswer]").fill("00000");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cek status")).click();
    assertThat(page.locator("#status [data-error-for=captchaAnswer]")).containsText("captcha salah");
    assertThat(page.locator("#hasil")).isHidden();
    assertThat(page.locator("#status input[name=captchaId]")).not().hasValue(first);
    solveCaptcha(page, "#status");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cek status")).click();
    assertThat(page.locator("#hasil [data-status]")).hasAttribute("data-status", "NOT_REGISTERED");

    page.navigate(service.baseUrl() + "/daftar.html");
    page.getByLabel("NIP (18 angka)").fill("197001011995031009");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cari")).click();
    assertThat(page.locator("#cari [data-message]")).containsText("tidak ditemukan");
    assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sampaikan pengaduan")).first())
        .hasAttribute("href", "/pengaduan.html?nip=197001011995031009");
    Object scrollWidth = page.evaluate("document.documentElement.scrollWidth");
    assertTrue(((Number) scrollWidth).intValue() <= 390, "no horizontal scrolling on a phone");
    page.context().close();
  }

  @Test
  void forgottenNumberAsksTheQuestionBehindACaptchaThenShowsTheNumber() {
    Person person = sapk.pns(SapkFixture.SATKER_BKN, true);
    RegistrationSteps steps = new RegistrationSteps(service);
    String number = steps.registered(person).getString("registrationNumber");
    Page page = browser.phonePage();
    page.navigate(service.baseUrl() + "/lupa-nomor.html");
    page.getByLabel("NIP (18 angka)").fill(person.nip());
    solveCaptcha(page, "#tanya");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lanjut")).click();
    assertThat(page.locator("#pertanyaan")).containsText(RegistrationSteps.QUESTION);
    page.getByLabel("Jawaban pertanyaan keamanan").fill(RegistrationSteps.ANSWER);
    solveCaptcha(page, "#jawab");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Tampilkan nomor registrasi")).click();
    assertThat(page.locator("#nomor .regnum")).hasText(number);
    Object scrollWidth = page.evaluate("document.documentElement.scrollWidth");
    assertTrue(((Number) scrollWidth).intValue() <= 390, "no horizontal scrolling on a phone");
    page.context().close();
  }
}

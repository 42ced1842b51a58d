package id.go.bkn.epupns.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import id.go.bkn.epupns.testing.Browser;
import id.go.bkn.epupns.testing.PnsLogin;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A teacher and a doctor fill the whole form in real Chromium on a phone-sized screen, submit, see progress. */
class FormPagesBrowserTest {

  static TestService service;
  static Browser browser;
  static SapkFixture sapk;
  static PnsLogin pns;

  @BeforeAll
  static void start() {
    service = TestService.start(FormPagesBrowserTest.class, Map.of(), false);
    sapk = new SapkFixture(service);
    pns = new PnsLogin(service);
    service.sql("select form_seed_reference($1, 'Bandung', 20, 6)", SapkFixture.INSTANSI_BANDUNG);
    browser = Browser.launch();
  }

  @AfterAll
  static void stop() {
    browser.close();
    service.close();
  }

  private String login(String nip) {
    return pns.registerAndLogin(nip).getString("token");
  }

  private Page open(String token) {
    Page page = browser.phonePage();
    page.navigate(service.baseUrl() + "/");
    page.evaluate("t => sessionStorage.setItem('epupns.token', t)", token);
    page.navigate(service.baseUrl() + "/formulir.html");
    assertThat(page.locator("#identitas")).containsText("NIP");
    return page;
  }

  private static FilePayload pdf(String name) {
    byte[] bytes = new byte[30_000 + name.length()];
    Arrays.fill(bytes, (byte) ' ');
    byte[] head = ("%PDF-1.4\n%" + name + "\n").getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, bytes, 0, head.length);
    return new FilePayload(name, "application/pdf", bytes);
  }

  private static void tab(Page page, String name) {
    page.getByRole(com.microsoft.playwright.options.AriaRole.TAB, new Page.GetByRoleOptions().setName(name)).click();
  }

  /** Checks ✓ on every visible field of a record section. */
  private static void confirmAll(Page page, String section) {
    Locator radios = page.locator("#s-" + section + " fieldset.item:not([hidden]) input[type=radio][value=CORRECT]");
    for (int i = 0; i < radios.count(); i++) {
      radios.nth(i).check();
    }
  }

  private static void save(Page page, String section) {
    page.locator("#s-" + section + " button[type=submit]").click();
    assertThat(page.locator("#s-" + section + " .save-state")).containsText("Tersimpan");
  }

  private static void wrong(Page page, String section, String field, String value) {
    page.locator("#f-" + section + "-" + field + " input[value=WRONG]").check();
    page.locator("#c-" + section + "-" + field).fill(value);
  }

  private static void choose(Page page, String inputId, String typed, String option) {
    page.locator("#" + inputId).pressSequentially(typed);
    page.locator("#" + inputId + "-list li", new Page.LocatorOptions().setHasText(option)).first().click();
  }

  private static void upload(Page page, String inputId, String name) {
    page.locator("#" + inputId + "-unggah").setInputFiles(pdf(name));
    assertThat(page.locator("#f-" + inputId.substring(2) + " .docs li")).containsText(name);
    // Item 5: success reads as success (green, not the error style).
    Locator said = page.locator("#f-" + inputId.substring(2) + " .upload-state");
    assertThat(said).containsText("Terunggah: " + name);
    assertThat(said).hasClass(java.util.regex.Pattern.compile(".*\\bdone-text\\b.*"));
    assertThat(said).not().hasClass(java.util.regex.Pattern.compile(".*\\berror\\b.*"));
  }

  /** Every section but Data Guru/Dokter; in Data Posisi the PNS picks another work unit of the agency. */
  private static void commonSections(Page page, String otherWorkUnit) {
    confirmAll(page, "utama");
    wrong(page, "utama", "alamat", "Jl. Asia Afrika No. 8, Bandung");
    save(page, "utama");
    tab(page, "Data Posisi");
    confirmAll(page, "posisi");
    page.locator("#f-posisi-satuan_kerja input[value=WRONG]").check();
    choose(page, "c-posisi-satuan_kerja", "Dinas", otherWorkUnit);
    assertThat(page.locator("#c-posisi-satuan_kerja")).hasValue(otherWorkUnit);
    upload(page, "c-posisi-satuan_kerja", "sk-mutasi.pdf");
    save(page, "posisi");
    tab(page, "Data Riwayat");
    page.locator("#s-riwayat_golongan input[type=radio][value=CORRECT]").first().check();
    save(page, "riwayat_golongan");
    tab(page, "Stakeholder");
    confirmAll(page, "stakeholder");
    wrong(page, "stakeholder", "bpjs_nomor", "0001234567890");
    upload(page, "c-stakeholder-bpjs_nomor", "kartu-bpjs.pdf");
    save(page, "stakeholder");
  }

  private static void submitAndSeeProgress(Page page, int changes) {
    page.navigate(page.url().replaceAll("/formulir.html.*", "/kirim.html"));
    assertThat(page.locator("#ringkasan")).containsText(changes + " perbaikan");
    page.locator("#kirim").click();
    page.waitForURL("**/progres.html?terkirim=1");
    assertThat(page.locator("#progres")).containsText("Formulir berhasil dikirim");
    assertThat(page.locator(".progress-table tbody tr")).hasCount(changes);
    assertThat(page.locator(".progress-table")).containsText("Menunggu");
    // Item 7: values as the form shows them, SAPK value → correction; item 16: the time with its zone.
    assertThat(page.locator(".progress-table")).containsText("→ Jl. Asia Afrika No. 8, Bandung");
    String table = page.locator(".progress-table").textContent();
    assertTrue(!table.matches("(?s).*\\d{4}-\\d{2}-\\d{2}.*"), "no ISO dates: " + table);
    assertTrue(!table.matches("(?s).*\\b(true|false)\\b.*"), "no raw booleans: " + table);
    assertThat(page.locator("#progres")).containsText(java.util.regex.Pattern.compile("Dikirim \\d{1,2}\\W[A-Za-z]+\\W\\d{4}\\W\\d{2}\\.\\d{2}\\WWIB"));
    Object scrollWidth = page.evaluate("document.documentElement.scrollWidth");
    assertTrue(((Number) scrollWidth).intValue() <= 390, "no horizontal scrolling on a phone");
    assertEquals(java.util.List.of(), id.go.bkn.epupns.testing.Accessibility.seriousViolations(page));

    // Item 17: after submitting, no upload widgets; the PNS opens their own documents.
    page.navigate(page.url().replaceAll("/progres.html.*", "/formulir.html"));
    tab(page, "Data Posisi");
    assertThat(page.locator("#f-posisi-satuan_kerja .docs li")).containsText("sk-mutasi.pdf");
    assertEquals(0, page.locator("input[type=file], .docs select").count(), "no upload widgets after submitting");
    var download = page.waitForDownload(() -> page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Page.GetByRoleOptions().setName("Buka sk-mutasi.pdf")).click());
    assertEquals("sk-mutasi.pdf", download.suggestedFilename());
    try {
      assertTrue(new String(java.nio.file.Files.readAllBytes(download.path()), StandardCharsets.US_ASCII).startsWith("%PDF-1.4\n%sk-mutasi.pdf"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertEquals(java.util.List.of(), id.go.bkn.epupns.testing.Accessibility.seriousViolations(page));
    // Logging out from the form pages ends the session in this browser.
    page.locator("#keluar").click();
    page.waitForURL(service.baseUrl() + "/");
    assertTrue(page.evaluate("sessionStorage.getItem('epupns.token')") == null, "token cleared on logout");
  }

  @Test
  void teacherFillsTheWholeFormUploadsLinksSavesSubmitsAndSeesProgress() {
    SapkFixture.Person teacher = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, true);
    service.sql("update pns set guru = true where nip = $1", teacher.nip());
    service.sql("insert into riwayat_golongan (nip, golongan, tmt) values ($1, 'III/a', date '2005-03-01')", teacher.nip());
    Page page = open(login(teacher.nip()));
    assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.TAB)).hasCount(5);
    commonSections(page, "Dinas Kesehatan");

    tab(page, "Data Guru");
    page.locator("#c-guru-jenjang").selectOption("SD");
    page.locator("#c-guru-bidang_studi").selectOption("Guru Kelas");
    assertThat(page.locator("#f-guru-mata_pelajaran")).isHidden();
    choose(page, "c-guru-sekolah", "Negeri 2", "SD Negeri 2 Bandung");
    upload(page, "c-guru-sekolah", "surat-tugas.pdf");
    page.locator("#c-guru-tunjangan_sertifikasi").selectOption("false");
    assertThat(page.locator("#f-guru-tanggal_sk_sertifikasi")).isHidden();
    page.locator("#c-guru-jumlah_kelas").fill("2");
    page.locator("#c-guru-murid_per_kelas").fill("101");
    page.locator("#c-guru-jam_per_minggu").fill("24");
    page.locator("#s-guru button[type=submit]").click();
    // A value out of range is named next to its field; fixed, the save goes through.
    assertThat(page.locator("#e-c-guru-murid_per_kelas")).containsText("antara 1 dan 100");
    page.locator("#c-guru-murid_per_kelas").fill("32");
    save(page, "guru");

    // Same form in a second tab, saved meanwhile in the first: the second is told to reload.
    Page other = browser.phonePage();
    other.navigate(service.baseUrl() + "/");
    other.evaluate("t => sessionStorage.setItem('epupns.token', t)", page.evaluate("sessionStorage.getItem('epupns.token')"));
    other.navigate(service.baseUrl() + "/formulir.html");
    assertThat(other.locator("#identitas")).containsText("NIP");
    page.locator("#c-guru-jam_per_minggu").fill("26");
    save(page, "guru");
    other.getByRole(com.microsoft.playwright.options.AriaRole.TAB, new Page.GetByRoleOptions().setName("Data Guru")).click();
    other.locator("#c-guru-jam_per_minggu").fill("30");
    other.locator("#s-guru button[type=submit]").click();
    assertThat(other.locator("#s-guru .alert")).containsText("diubah di tab lain");
    other.context().close();

    submitAndSeeProgress(page, 3 + 7);
    assertEquals("26", service.sql("select corrected_value::text from submission_field where field = 'jam_per_minggu'")
        .iterator().next().getString(0));
    page.context().close();
  }

  /** Item 4: a failed save lists each field in error as a link, focus goes to the first, each link focuses its field. */
  @Test
  void aFailedSaveNamesEveryFieldInErrorLinksToItAndFocusesTheFirst() {
    SapkFixture.Person person = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, true);
    Page page = open(login(person.nip()));
    // Item 14: a long text wraps on a phone.
    assertEquals("TEXTAREA", page.evaluate("document.getElementById('c-utama-alamat').tagName"));
    wrong(page, "utama", "tempat_lahir", "X");
    wrong(page, "utama", "alamat", "Jl");
    page.locator("#s-utama button[type=submit]").click();
    Locator links = page.locator("#s-utama .alert a");
    assertThat(links).hasCount(2);
    assertThat(links.nth(0)).hasText("Tempat lahir");
    assertThat(links.nth(1)).hasText("Alamat");
    assertThat(page.locator("#c-utama-tempat_lahir")).isFocused();
    assertThat(page.locator("#c-utama-tempat_lahir")).hasAttribute("aria-invalid", "true");
    // The field's own message stands beside it, once.
    String message = page.locator("#e-c-utama-alamat").textContent();
    assertTrue(!message.isBlank());
    assertThat(page.locator("#s-utama .alert")).not().containsText(message);
    links.nth(1).click();
    assertThat(page.locator("#c-utama-alamat")).isFocused();
    Object inView = page.evaluate("() => { const r = document.getElementById('c-utama-alamat').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }");
    assertEquals(Boolean.TRUE, inView, "the field is scrolled into view");
    page.context().close();
  }

  /** Item 8: "Tandai semua benar" marks only fields not yet marked, and can be undone before saving. */
  @Test
  void markAllConfirmsOnlyUnmarkedFieldsAndIsUndoneBeforeSaving() {
    SapkFixture.Person person = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, false);
    service.sql("insert into riwayat_golongan (nip, golongan, tmt) values ($1, 'III/a', date '2005-03-01')", person.nip());
    Page page = open(login(person.nip()));
    wrong(page, "utama", "alamat", "Jl. Braga No. 5, Bandung");
    int shown = page.locator("#s-utama fieldset.item:not([hidden]) .marks").count();
    page.locator("#s-utama").getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Locator.GetByRoleOptions().setName("✓ Tandai semua benar")).click();
    assertThat(page.locator("#s-utama .mark-all-bar")).containsText((shown - 1) + " data ditandai benar");
    assertThat(page.locator("#s-utama input[value=CORRECT]:checked")).hasCount(shown - 1);
    assertThat(page.locator("#f-utama-alamat input[value=WRONG]")).isChecked();
    page.locator("#s-utama").getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Locator.GetByRoleOptions().setName("Batalkan tandai semua")).click();
    assertThat(page.locator("#s-utama input[value=CORRECT]:checked")).hasCount(0);
    assertThat(page.locator("#f-utama-alamat input[value=WRONG]")).isChecked();
    assertThat(page.locator("#c-utama-alamat")).hasValue("Jl. Braga No. 5, Bandung");
    page.locator("#s-utama .mark-all").click();
    save(page, "utama");
    JsonObject content = service.sql("select content from form_section where nip = $1 and section = 'utama'", person.nip())
        .iterator().next().getJsonObject(0);
    assertEquals(shown - 1, content.encode().split("\"CORRECT\"", -1).length - 1, content.encode());
    // History rows too.
    tab(page, "Data Riwayat");
    page.locator("#s-riwayat_golongan .mark-all").click();
    assertThat(page.locator("#s-riwayat_golongan input[value=CORRECT]:checked")).hasCount(1);
    save(page, "riwayat_golongan");
    page.context().close();
  }

  @Test
  void doctorFillsDataDokterWithConditionalFieldsAndSubmits() {
    SapkFixture.Person doctor = sapk.pns(SapkFixture.SATKER_DINKES_BANDUNG, false);
    service.sql("update pns set dokter = true where nip = $1", doctor.nip());
    service.sql("insert into riwayat_golongan (nip, golongan, tmt) values ($1, 'III/a', date '2005-03-01')", doctor.nip());
    Page page = open(login(doctor.nip()));
    commonSections(page, "Dinas Pendidikan");

    tab(page, "Data Dokter");
    page.locator("#c-dokter-jenis_unit").selectOption("Puskesmas");
    assertThat(page.locator("#f-dokter-tipe_rumah_sakit")).isHidden();
    assertThat(page.locator("#f-dokter-jenis_puskesmas")).isVisible();
    choose(page, "c-dokter-unit_kesehatan", "Bandung 3", "Puskesmas Bandung 3");
    upload(page, "c-dokter-unit_kesehatan", "surat-tugas-dokter.pdf");
    page.locator("#c-dokter-jenis_dokter").selectOption("Umum");
    assertThat(page.locator("#f-dokter-spesialis")).isHidden();
    page.locator("#c-dokter-jenis_dokter").selectOption("Spesialis");
    assertThat(page.locator("#f-dokter-spesialis")).isVisible();
    upload(page, "c-dokter-jenis_dokter", "str.pdf");
    choose(page, "c-dokter-spesialis", "anak", "Anak");
    page.locator("#c-dokter-spesialis-pilih").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("str.pdf"));
    page.locator("#c-dokter-jenis_puskesmas").selectOption("Perawatan");
    page.locator("#c-dokter-tipe_puskesmas").selectOption("Utama (Kecamatan)");
    page.locator("#c-dokter-kunjungan_per_hari").fill("60");
    page.locator("#c-dokter-kemampuan_per_hari").fill("40");
    save(page, "dokter");

    submitAndSeeProgress(page, 3 + 8);
    page.context().close();
  }
}

package id.go.bkn.epupns.admin;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import id.go.bkn.epupns.testing.Browser;
import id.go.bkn.epupns.testing.FakeSmtp;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin pages in real headless Chromium on a phone-sized screen. */
class AdminPagesBrowserTest {

  static TestService service;
  static FakeSmtp smtp;
  static Browser browser;
  static SapkFixture sapk;
  static Accounts accounts;
  static String adminToken;
  static SapkFixture.Person admin;

  @BeforeAll
  static void start() {
    smtp = FakeSmtp.start();
    service = TestService.start(AdminPagesBrowserTest.class, smtp.settings(), false);
    sapk = new SapkFixture(service);
    accounts = new Accounts(service);
    admin = sapk.officer("ADMIN_INSTANSI", SapkFixture.SATKER_BKN);
    adminToken = accounts.officerToken(admin);
    browser = Browser.launch();
  }

  @AfterAll
  static void stop() {
    browser.close();
    service.close();
    smtp.close();
  }

  /** Signed in as the login page would leave it: the token in sessionStorage. */
  private Page signedIn(String path) {
    Page page = browser.phonePage();
    page.navigate(service.baseUrl() + "/");
    page.evaluate("t => sessionStorage.setItem('epupns.token', t)", adminToken);
    page.navigate(service.baseUrl() + path);
    return page;
  }

  @Test
  void anAgencyAdminRejectsOneRegistrationWithAReasonAndApprovesAnother() {
    SapkFixture.Person first = sapk.pns(SapkFixture.SATKER_BKN, true);
    SapkFixture.Person second = sapk.pns(SapkFixture.SATKER_BKN, false);
    String firstNumber = accounts.registration(first, "PENDING_APPROVAL");
    accounts.registration(second, "PENDING_APPROVAL");

    Page page = signedIn("/admin/pendaftaran.html");
    assertThat(page).hasTitle("Persetujuan pendaftaran — e-PUPNS");
    Locator firstCard = page.locator("li[data-nip='" + first.nip() + "']");
    Locator secondCard = page.locator("li[data-nip='" + second.nip() + "']");
    assertThat(firstCard).containsText(firstNumber);
    assertThat(secondCard).isVisible();
    assertThat(page.locator("#ringkasan")).hasText("2 pendaftaran ditemukan.");
    // Item 16: times in the campaign's zone, with its label.
    assertThat(firstCard).containsText(Pattern.compile("\\d{2}\\.\\d{2}\\WWIB"));
    // Item 18: on a phone the header takes two rows at most.
    Object rows = page.evaluate("() => new Set(Array.from(document.querySelectorAll('header.top .brand, header.top #keluar, header.top nav a'))"
        + ".map(e => Math.round(e.getBoundingClientRect().top / 8))).size");
    assertTrue(((Number) rows).intValue() <= 2, "header rows: " + rows);

    // Reject: the dialog asks for a reason, and says so when it is missing.
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
        .setName("Tolak " + first.nama() + " (" + first.nip() + ")")).click();
    Locator dialog = page.locator("#dialog-alasan");
    assertThat(dialog).isVisible();
    assertThat(page.locator("#reason")).isFocused();
    page.locator("#dialog-kirim").click();
    assertThat(page.locator("#reason-error")).hasText("Alasan wajib diisi.");
    assertThat(page.locator("#reason")).hasAttribute("aria-invalid", "true");
    page.locator("#reason").fill("Tanda bukti registrasi tidak sesuai.");
    page.locator("#dialog-kirim").click();
    assertThat(dialog).isHidden();
    assertThat(page.locator("#pesan")).containsText("ditolak");
    assertThat(firstCard).hasCount(0);

    // Approve the other one: one tap, and the message offers to undo it.
    secondCard.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Setujui"))).click();
    assertThat(page.locator("#pesan")).containsText("disetujui");
    assertThat(secondCard).hasCount(0);
    assertThat(page.locator("#ringkasan")).hasText("Tidak ada pendaftaran yang cocok.");
    page.locator("#batalkan").click();
    assertThat(page.locator("#pesan")).containsText("kembali menunggu persetujuan");
    assertThat(secondCard).isVisible();
    assertEquals("PENDING_APPROVAL", service.sql("select status from registration where nip = $1", second.nip())
        .iterator().next().getString(0));
    secondCard.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Setujui"))).click();
    assertThat(secondCard).hasCount(0);

    // The approved list says who approved and when (campaign time), and still offers the undo today.
    page.locator("#status").selectOption("APPROVED");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cari").setExact(true)).click();
    assertThat(secondCard).containsText(Pattern.compile("Disetujui oleh\\s*" + admin.nama() + ", NIP " + admin.nip()));
    // The campaign's wall-clock time (WIB), whatever zone the browser is in.
    String wib = service.sql("select to_char(decided_at at time zone 'Asia/Jakarta', 'HH24.MI') from registration "
        + "where nip = $1 and status = 'APPROVED'", second.nip()).iterator().next().getString(0);
    assertThat(secondCard).containsText(Pattern.compile("Disetujui pada\\s*\\d{1,2} [A-Za-z]{3} \\d{4}, " + wib.replace(".", "\\.") + " WIB"));
    assertThat(secondCard.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
        .setName("Batalkan persetujuan " + second.nama() + " (" + second.nip() + ")"))).isVisible();

    assertEquals("REJECTED", service.sql("select status from registration where nip = $1", first.nip())
        .iterator().next().getString(0));
    assertEquals("APPROVED", service.sql("select status from registration where nip = $1", second.nip())
        .iterator().next().getString(0));

    // The decided ones are still there under their status.
    page.locator("#status").selectOption("REJECTED");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cari").setExact(true)).click();
    assertThat(firstCard).containsText("Tanda bukti registrasi tidak sesuai.");
    Object scrollWidth = page.evaluate("document.documentElement.scrollWidth");
    assertTrue(((Number) scrollWidth).intValue() <= 390, "no horizontal scrolling on a phone");
    page.context().close();
  }

  /** Item 18: the approval checkbox sits beside its label, on its first line. */
  @Test
  void theApprovalSwitchHasItsCheckboxBesideItsLabel() {
    Page page = signedIn("/admin/");
    assertThat(page.locator("#saklar")).isVisible();
    var box = page.locator("#required").boundingBox();
    Object text = page.evaluate("""
        () => { const label = document.querySelector('#saklar label');
                const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT, { acceptNode: n => n.textContent.trim() ? 1 : 3 });
                const r = document.createRange(); r.selectNodeContents(walker.nextNode()); const first = r.getClientRects()[0];
                return { left: first.left, top: first.top, bottom: first.bottom }; }""");
    @SuppressWarnings("unchecked")
    Map<String, Number> first = (Map<String, Number>) text;
    assertTrue(box.y < first.get("bottom").doubleValue() && box.y + box.height > first.get("top").doubleValue(),
        "checkbox on the label's first line: " + box.y + " vs " + first);
    assertTrue(box.width < 40, "checkbox not stretched: " + box.width);
    page.context().close();
  }

  @Test
  void theApprovalSwitchSitsBeforeItsLabelOnOneLine() {
    Page page = signedIn("/admin/");
    Locator box = page.locator("#required");
    assertThat(box).isVisible();
    Locator text = page.locator("#saklar label.check span");
    var boxArea = box.boundingBox();
    var textArea = text.boundingBox();
    assertTrue(boxArea.x + boxArea.width <= textArea.x, "the checkbox is left of its text");
    assertTrue(boxArea.y < textArea.y + textArea.height && textArea.y < boxArea.y + boxArea.height,
        "on the same line, not above it: box " + boxArea.y + ", text " + textArea.y);
    assertTrue(boxArea.width < 40, "a checkbox, not a full-width field: " + boxArea.width);
    // Clicking the text toggles it (the label holds the input).
    boolean before = box.isChecked();
    text.click();
    assertEquals(!before, box.isChecked());
    page.context().close();
  }

  @Test
  void withoutASessionTheAdminPagesSendToTheLoginPage() {
    Page page = browser.phonePage();
    page.navigate(service.baseUrl() + "/admin/pendaftaran.html");
    page.waitForURL(Pattern.compile(".*/masuk\\.html.*"));
    assertTrue(page.url().contains("kembali=%2Fadmin%2Fpendaftaran.html"), page.url());
    page.context().close();
  }

  @Test
  void anAppointedVerifierSetsAPasswordFromTheMailAndLogsIn() {
    SapkFixture.Person pns = sapk.pns(SapkFixture.SATKER_BKN, true);
    Page page = signedIn("/admin/petugas.html");
    assertThat(page.locator("#daftar li").first()).isVisible();
    // No internal id is asked: the work unit is picked by name.
    assertEquals(0, page.getByText("ID satuan kerja").count());
    page.getByLabel("NIP", new Page.GetByLabelOptions().setExact(true)).fill(pns.nip());
    page.getByLabel("Nama lengkap (sesuai SAPK)").fill("Orang Lain");
    page.getByLabel("Peran").selectOption("VERIFIER_SKPD");
    page.getByLabel("Satuan kerja").fill("Direktorat Pengolahan Data");
    assertThat(page.locator("#pilih-satker")).containsText("Dipilih: Direktorat Pengolahan Data");
    page.getByLabel("Email petugas").fill(Accounts.officerEmail(pns));
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Angkat")).click();
    assertThat(page.locator("#nama-error")).containsText("SAPK");

    page.getByLabel("Nama lengkap (sesuai SAPK)").fill(pns.nama());
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Angkat")).click();
    assertThat(page.locator("#hasil")).containsText("Tautan untuk membuat kata sandi dikirim ke p***");
    Locator card = page.locator("li[data-nip='" + pns.nip() + "']");
    assertThat(card).containsText("Direktorat Pengolahan Data");
    assertThat(card).containsText("Belum dibuat");
    page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target/screenshots/admin-petugas-390.png"))
        .setFullPage(true));

    // The officer opens the mailed link on its phone, sets a password and logs in with its NIP.
    String link = Accounts.passwordLinkToken(smtp, pns, 0);
    Page officer = browser.phonePage();
    officer.navigate(service.baseUrl() + "/atur-sandi-petugas.html?token=" + link);
    assertThat(officer).hasTitle("Buat kata sandi petugas — e-PUPNS");
    officer.getByLabel("Kata sandi", new Page.GetByLabelOptions().setExact(true)).fill("verifikator-baru-2015");
    officer.getByLabel("Ulangi kata sandi").fill("verifikator-baru-2015");
    officer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Simpan kata sandi")).click();
    assertThat(officer.locator("#pesan")).containsText("Kata sandi telah dibuat");
    officer.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Masuk").setExact(true)).last().click();
    officer.getByLabel("Nomor registrasi (PNS) atau NIP (petugas)").fill(pns.nip());
    officer.getByLabel("Kata sandi").fill("verifikator-baru-2015");
    officer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Masuk")).click();
    officer.waitForURL(Pattern.compile(".*/beranda-petugas\\.html.*"));
    assertThat(officer.locator("main")).containsText("Direktorat Pengolahan Data");
    officer.context().close();

    page.reload();
    assertThat(card).containsText("Sudah dibuat");
    page.context().close();
  }

  @Test
  void anAgencyAdminEditsAndImportsItsSchoolTable() {
    Page page = signedIn("/admin/referensi.html");
    assertThat(page.locator("#ringkasan")).containsText("entri");
    page.getByLabel("Nama", new Page.GetByLabelOptions().setExact(true)).fill("SD Negeri Uji 1");
    page.getByLabel("Jenjang").selectOption("SD");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Tambah")).click();
    Locator card = page.locator("li[data-nama='SD Negeri Uji 1']");
    assertThat(card).isVisible();

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ubah SD Negeri Uji 1")).click();
    assertThat(page.getByLabel("Nama", new Page.GetByLabelOptions().setExact(true))).hasValue("SD Negeri Uji 1");
    page.getByLabel("Nama", new Page.GetByLabelOptions().setExact(true)).fill("SD Negeri Uji 01");
    page.getByLabel("Alamat").fill("Jl. Uji No. 1");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Simpan perubahan")).click();
    Locator edited = page.locator("li[data-nama='SD Negeri Uji 01']");
    assertThat(edited).containsText("Jl. Uji No. 1");

    page.getByLabel("Berkas CSV").setInputFiles(new com.microsoft.playwright.options.FilePayload("sekolah.csv", "text/csv",
        "nama,jenjang,npsn,alamat\nSMP Negeri Uji 2,SMP,20200002,Jl. Dua\nTK Uji,TK,,\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Impor")).click();
    assertThat(page.locator("#hasil-impor")).containsText("1 entri baru");
    assertThat(page.locator("#baris-salah")).containsText("Baris 3: jenjang harus salah satu dari");
    assertThat(page.locator("li[data-nama='SMP Negeri Uji 2']")).isVisible();
    page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target/screenshots/admin-referensi-390.png"))
        .setFullPage(true));

    edited.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Nonaktifkan SD Negeri Uji 01")).click();
    assertThat(page.locator("#pesan")).containsText("dinonaktifkan");
    assertThat(edited).hasCount(0);
    page.context().close();
  }

  @Test
  void theComplaintsPageListsTheAgencysComplaintsOnlyAndIsLinkedFromTheAdminHome() {
    service.sql("""
        insert into complaint (nip, nama, nik, instansi_id, description, contact)
        values ('198001012005031999', 'Pengadu Milik BKN', '3273050101800001', $1,
                'NIP saya tidak ditemukan padahal saya PNS aktif sejak 2005.', '081234567890'),
               ('198001012005031998', 'Pengadu Instansi Lain', '3273050101800002', $2,
                'NIP saya tercatat di instansi lain.', 'lain@example.org')""",
        SapkFixture.INSTANSI_BKN, SapkFixture.INSTANSI_BANDUNG);
    Page page = signedIn("/admin/");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Pengaduan NIP tidak ditemukan")).click();
    page.waitForURL(service.baseUrl() + "/admin/pengaduan.html");
    assertThat(page).hasTitle("Pengaduan — e-PUPNS");
    assertThat(page.locator("#ringkasan")).hasText("1 pengaduan.");
    assertThat(page.locator("#daftar")).containsText("Pengadu Milik BKN");
    assertThat(page.locator("#daftar")).containsText("NIP saya tidak ditemukan padahal saya PNS aktif sejak 2005.");
    assertThat(page.locator("#daftar")).containsText("081234567890");
    assertThat(page.locator("#daftar")).not().containsText("Pengadu Instansi Lain");
    // Only ADMIN_BKN filters by agency.
    assertThat(page.locator("#pilih-instansi")).isHidden(); // no agency to pick: its own only (state and NIP/name filters stay)
    assertThat(page.locator("#daftar")).containsText(Pattern.compile("\\d{2}\\.\\d{2}\\WWIB"));
    Object scrollWidth = page.evaluate("document.documentElement.scrollWidth");
    assertTrue(((Number) scrollWidth).intValue() <= 390, "no horizontal scrolling on a phone");
    page.context().close();
  }
}

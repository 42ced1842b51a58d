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
  void theNationalAdminClosesTheFormWindowAndAPnsIsRefusedOutsideIt() {
    SapkFixture.Person nationalAdmin = sapk.officer("ADMIN_BKN", SapkFixture.SATKER_BKN);
    String pnsToken = accounts.token(accounts.registration(sapk.pns(SapkFixture.SATKER_BKN, false), "APPROVED"),
        Accounts.PNS_PASSWORD);
    assertEquals(422, service.post("/api/me/form/submit", new io.vertx.core.json.JsonObject(), pnsToken).statusCode());
    Page page = browser.phonePage();
    page.navigate(service.baseUrl() + "/");
    page.evaluate("t => sessionStorage.setItem('epupns.token', t)", accounts.officerToken(nationalAdmin));
    page.navigate(service.baseUrl() + "/admin/jadwal.html");
    page.getByLabel("Dibuka (Pengisian formulir)").fill("2015-09-01");
    page.getByLabel("Ditutup (Pengisian formulir)").fill("2015-11-30");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Simpan jadwal pengisian formulir")).click();
    assertThat(page.locator("#pesan")).containsText("berlaku segera");
    assertThat(page.locator("li[data-window='form'] h3")).containsText("ditutup");
    // Who changed it and when, by name and in the campaign zone.
    Locator changed = page.locator("li[data-window='form'] .changed");
    assertThat(changed).containsText("Diubah oleh " + nationalAdmin.nama() + " (NIP " + nationalAdmin.nip() + ") pada ");
    String changedText = changed.innerText(); // matched here: Playwright's JS regex knows neither \\Q nor \\p without /u
    assertTrue(Pattern.compile("Diubah oleh " + Pattern.quote(nationalAdmin.nama()) + " \\(NIP " + nationalAdmin.nip()
        + "\\) pada \\d{1,2}\\p{Z}\\p{L}+\\p{Z}\\d{4}\\p{Z}\\d{2}\\.\\d{2}\\p{Z}WIB\\.").matcher(changedText).matches(),
        changedText);
    page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target/screenshots/admin-jadwal-390.png"))
        .setFullPage(true));

    // The PNS: refused with the dates, and the home page says the window is closed.
    io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> refused = service.post("/api/me/form/submit",
        new io.vertx.core.json.JsonObject(), pnsToken);
    assertEquals(403, refused.statusCode());
    assertTrue(refused.bodyAsJsonObject().getString("message").contains("30 November 2015"), refused.bodyAsString());
    Page home = browser.phonePage();
    home.navigate(service.baseUrl() + "/");
    assertThat(home.locator("#jadwal")).containsText(Pattern.compile("Pengisian formulir.*Ditutup"));
    // On the form page, in Chromium: the WINDOW_CLOSED message with its dates, before anything is typed.
    Page form = browser.phonePage();
    form.navigate(service.baseUrl() + "/");
    form.evaluate("t => sessionStorage.setItem('epupns.token', t)", pnsToken);
    form.navigate(service.baseUrl() + "/formulir.html");
    assertThat(form.locator("#status")).containsText(
        "Pengisian formulir hanya dibuka 1 September 2015 s.d. 30 November 2015.");
    assertThat(form.locator("#status")).hasClass(Pattern.compile("\\balert\\b"));
    form.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target/screenshots/formulir-ditutup-390.png")));
    form.context().close();

    // A staggered window for a province, picked and listed by name (no code typed or shown).
    assertEquals(0, page.getByText("Kode provinsi").count());
    page.getByLabel("Jadwal", new Page.GetByLabelOptions().setExact(true)).selectOption("form");
    page.getByLabel("Provinsi", new Page.GetByLabelOptions().setExact(true)).fill("jawa");
    assertThat(page.locator("#b-provinsi-pilihan option[value='Jawa Barat']")).hasCount(1);
    page.getByLabel("Provinsi", new Page.GetByLabelOptions().setExact(true)).fill("Jawa Barat");
    assertThat(page.locator("#tambah-bertahap")).containsText("Dipilih: Jawa Barat");
    page.locator("#b-start").fill("2015-10-01");
    page.locator("#b-end").fill("2015-10-31");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Tetapkan jadwal bertahap")).click();
    Locator staggered = page.locator("#daftar-bertahap li", new Page.LocatorOptions().setHasText("Provinsi Jawa Barat"));
    assertThat(staggered.locator("h3")).hasText("Pengisian formulir: Provinsi Jawa Barat");
    assertTrue(!page.locator("#daftar-bertahap").innerText().matches("(?s).*\\b32\\b.*"), "no province code shown");
    page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target/screenshots/admin-jadwal-bertahap-390.png"))
        .setFullPage(true));
    staggered.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^Hapus jadwal bertahap"))).click();
    assertThat(page.locator("#pesan")).containsText("Jadwal bertahap Provinsi Jawa Barat dihapus.");
    assertThat(staggered).hasCount(0);

    // Open again for the other tests of this class.
    page.getByLabel("Ditutup (Pengisian formulir)").fill("2099-12-31");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Simpan jadwal pengisian formulir")).click();
    assertThat(page.locator("li[data-window='form'] h3")).containsText("dibuka");
    home.context().close();
    page.context().close();
  }

  /** Gap 2: the audit log names what was acted on and words the details; the national admin picks an agency by name. */
  @Test
  void theAuditLogShowsNamesAndWordsNotIdsOrCodes() {
    SapkFixture.Person nationalAdmin = sapk.officer("ADMIN_BKN", SapkFixture.SATKER_BKN);
    String national = accounts.officerToken(nationalAdmin);
    SapkFixture.Person pns = sapk.pns(SapkFixture.SATKER_BKN, true);
    accounts.registration(pns, "PENDING_APPROVAL");
    io.vertx.core.json.JsonObject range = new io.vertx.core.json.JsonObject().put("start", "2015-10-01").put("end", "2015-10-31");
    assertEquals(200, service.post("/api/admin/registrations/" + pns.nip() + "/approve", new io.vertx.core.json.JsonObject(),
        adminToken).statusCode());
    assertEquals(200, service.put("/api/admin/instansi/" + SapkFixture.INSTANSI_BANDUNG + "/approval",
        new io.vertx.core.json.JsonObject().put("required", true), national).statusCode());
    assertEquals(200, service.put("/api/admin/schedule/verification/provinsi/32", range, national).statusCode());
    assertEquals(200, service.delete("/api/admin/schedule/verification/provinsi/32", national).statusCode());
    assertEquals(201, service.post("/api/admin/referensi/sekolah?instansiId=" + SapkFixture.INSTANSI_BANDUNG,
        new io.vertx.core.json.JsonObject().put("nama", "SD Negeri Log 1").put("jenjang", "SD"), national).statusCode());

    Page page = browser.phonePage();
    page.navigate(service.baseUrl() + "/");
    page.evaluate("t => sessionStorage.setItem('epupns.token', t)", national);
    page.navigate(service.baseUrl() + "/admin/log.html");
    Locator list = page.locator("#daftar");
    assertThat(list.locator("li[data-action=APPROVAL_SWITCH]").first()).containsText("Pengaturan persetujuan instansi");
    assertThat(list.locator("li[data-action=APPROVAL_SWITCH]").first()).containsText(Pattern.compile(
        "Sasaran\\s*Pemerintah Kota Bandung"));
    assertThat(list.locator("li[data-action=APPROVAL_SWITCH]").first()).containsText(
        "Pendaftaran tanpa persetujuan admin → harus disetujui admin");
    assertThat(list.locator("li[data-action=APPROVAL_SWITCH]").first()).containsText(nationalAdmin.nama() + " (NIP "
        + nationalAdmin.nip() + "), Admin BKN");
    assertThat(list.locator("li[data-action=AGENCY_WINDOW_SET]").first()).containsText("Jadwal verifikasi · Provinsi Jawa Barat");
    assertThat(list.locator("li[data-action=AGENCY_WINDOW_SET]").first()).containsText("Dibuka 1 Oktober 2015 s.d. 31 Oktober 2015");
    assertThat(list.locator("li[data-action=AGENCY_WINDOW_CLEAR]").first()).containsText("Kembali mengikuti jadwal nasional");
    assertThat(list.locator("li[data-action=REFERENCE_ADD]").first()).containsText("Sekolah: SD Negeri Log 1");
    Locator approved = list.locator("li[data-action=REGISTRATION_APPROVE]", new Locator.LocatorOptions().setHasText(pns.nip()));
    assertThat(approved).containsText(pns.nama() + " (NIP " + pns.nip() + ")");
    assertThat(approved).containsText("No. registrasi");
    assertThat(approved).containsText("Admin instansi");
    String text = list.innerText();
    for (String code : new String[] {"true", "false", "PENDING_APPROVAL", "APPROVED", "ADMIN_BKN", "ADMIN_INSTANSI", "sekolah/",
        "provinsi/", "instansi/", "verification", "REFERENCE_", "APPROVAL_SWITCH"}) {
      assertTrue(!text.contains(code), "no code or id on the page (" + code + "): " + text);
    }
    assertTrue(!text.matches("(?s).*Sasaran\\s*\\d+\\s.*"), "no bare id as a target: " + text);
    page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target/screenshots/admin-log-390.png"))
        .setFullPage(true));
    assertTrue(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue() <= 390, "no horizontal scrolling");

    // One agency, picked by name: the filter's choices are the API's labels.
    assertThat(page.locator("#action option[value=APPROVAL_SWITCH]")).hasText("Pengaturan persetujuan instansi");
    page.getByLabel("Instansi (kosong = semua)").fill("Kota Band");
    assertThat(page.locator("#daftar-instansi option[value='Pemerintah Kota Bandung']")).hasCount(1);
    page.getByLabel("Instansi (kosong = semua)").fill("Pemerintah Kota Bandung");
    assertThat(page.locator("#pilih-instansi")).containsText("Dipilih: Pemerintah Kota Bandung");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Tampilkan")).click();
    assertThat(list.locator("li[data-action=REGISTRATION_APPROVE]")).hasCount(0);
    assertThat(list.locator("li[data-action=AGENCY_WINDOW_SET]")).hasCount(0);
    assertThat(list.locator("li[data-action=REFERENCE_ADD]").first()).isVisible();
    for (String instansi : list.locator("li dd:nth-of-type(4)").allInnerTexts()) {
      assertEquals("Pemerintah Kota Bandung", instansi);
    }
    page.context().close();
  }

  @Test
  void theRoutingTableIsReadByOfficersAndChangedByTheNationalAdmin() {
    Page verifier = browser.phonePage();
    verifier.navigate(service.baseUrl() + "/");
    verifier.evaluate("t => sessionStorage.setItem('epupns.token', t)",
        accounts.officerToken(sapk.officer("VERIFIER_SKPD", SapkFixture.SATKER_BKN)));
    verifier.navigate(service.baseUrl() + "/admin/rute.html");
    verifier.getByLabel("Cari data").fill("alamat");
    Locator row = verifier.locator("li[data-item='utama.alamat']");
    assertThat(row).containsText("SKPD");
    assertEquals(0, row.locator("select").count(), "a verifier reads only");
    verifier.context().close();

    Page page = browser.phonePage();
    page.navigate(service.baseUrl() + "/");
    page.evaluate("t => sessionStorage.setItem('epupns.token', t)", accounts.officerToken(sapk.officer("ADMIN_BKN", SapkFixture.SATKER_BKN)));
    page.navigate(service.baseUrl() + "/admin/rute.html");
    page.getByLabel("Cari data").fill("alamat");
    Locator edit = page.locator("li[data-item='utama.alamat']");
    edit.locator("select").selectOption("BKD");
    edit.getByRole(AriaRole.BUTTON).click();
    assertThat(page.locator("#pesan")).containsText("kewenangan akhir kini BKD");
    assertThat(page.locator("li[data-item='utama.alamat']")).containsText("SKPD → BKD");
    page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target/screenshots/admin-rute-390.png"))
        .setFullPage(false));
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

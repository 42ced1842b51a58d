package id.go.bkn.epupns.web;

import com.microsoft.playwright.Page;
import id.go.bkn.epupns.testing.Browser;
import id.go.bkn.epupns.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a person sees on the home page, in real headless Chromium on a phone-sized screen. */
class HomePageBrowserTest {

  static TestService service;
  static Browser browser;

  @BeforeAll
  static void start() {
    service = TestService.start(HomePageBrowserTest.class, Map.of(), false);
    browser = Browser.launch();
  }

  @AfterAll
  static void stop() {
    browser.close();
    service.close();
  }

  @Test
  void homePageShowsPurposeScheduleAndWaysIn() {
    Page page = browser.phonePage();
    page.navigate(service.baseUrl() + "/");
    assertThat(page).hasTitle("e-PUPNS — Pendataan Ulang PNS Elektronik");
    assertThat(page.locator("h1")).hasText("Pendataan Ulang Pegawai Negeri Sipil");
    assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
        new Page.GetByRoleOptions().setName("Daftar sekarang"))).isVisible();
    // The schedule comes from the API: three windows, all open in the shipped settings.
    assertThat(page.locator("#jadwal tr")).hasCount(3);
    assertThat(page.locator("#jadwal")).containsText("Pendaftaran");
    assertThat(page.locator("#jadwal")).containsText("Dibuka");
    // Usable on a phone: nothing wider than the screen.
    Object scrollWidth = page.evaluate("document.documentElement.scrollWidth");
    assertTrue(((Number) scrollWidth).intValue() <= 390, "no horizontal scrolling on a phone");
    page.context().close();
  }
}

package id.go.bkn.epupns.web;

import com.microsoft.playwright.Page;
import id.go.bkn.epupns.testing.Browser;
import id.go.bkn.epupns.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

  /**
   * Follows every link of this site from the home page (plus the pages people reach from a mail or a
   * printed proof) and checks each page: it exists, runs without script errors, and meets the house
   * rules (lang="id", a title, one main, a label for every input, no horizontal scroll at 390 px).
   */
  @Test
  void everyPublicPageReachableFromTheHomePageExistsAndIsAccessibleOnAPhone() {
    Page page = browser.phonePage();
    List<String> scriptErrors = new ArrayList<>();
    page.onPageError(error -> scriptErrors.add(page.url() + ": " + error));
    List<String> missing = new ArrayList<>();
    page.onResponse(r -> { if (r.status() == 404) { missing.add(r.url()); } });
    Deque<String> queue = new ArrayDeque<>(List.of("/", "/cek-bukti.html", "/reset-sandi.html"));
    Set<String> seen = new LinkedHashSet<>(queue);
    List<String> problems = new ArrayList<>();
    while (!queue.isEmpty()) {
      String path = queue.poll();
      var response = page.navigate(service.baseUrl() + path);
      if (response == null || response.status() != 200) {
        problems.add(path + ": HTTP " + (response == null ? "none" : response.status()));
        continue;
      }
      page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
      if (!"id".equals(page.getAttribute("html", "lang"))) {
        problems.add(path + ": html lang is not \"id\"");
      }
      if (page.title().isBlank()) {
        problems.add(path + ": no title");
      }
      if (page.locator("main").count() != 1) {
        problems.add(path + ": " + page.locator("main").count() + " main elements");
      }
      @SuppressWarnings("unchecked")
      List<String> unlabelled = (List<String>) page.evaluate("""
          () => Array.from(document.querySelectorAll('input, select, textarea'))
            .filter(e => e.type !== 'hidden' && e.type !== 'submit' && e.type !== 'button')
            .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
            .map(e => e.id || e.name || e.outerHTML.slice(0, 60))""");
      if (!unlabelled.isEmpty()) {
        problems.add(path + ": inputs without a label " + unlabelled);
      }
      if (!"/favicon.svg".equals(page.getAttribute("link[rel=icon]", "href"))) {
        problems.add(path + ": no favicon link");
      }
      if (page.locator("header.top nav a").count() == 0) {
        problems.add(path + ": no shared header menu");
      }
      int width = ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
      if (width > 390) {
        problems.add(path + ": " + width + " px wide on a 390 px screen");
      }
      @SuppressWarnings("unchecked")
      List<String> links = (List<String>) page.evaluate("""
          () => Array.from(document.querySelectorAll('a[href]'))
            .map(a => new URL(a.getAttribute('href'), location.href))
            .filter(u => u.origin === location.origin && !u.pathname.startsWith('/api/'))
            .map(u => u.pathname)""");
      for (String link : links) {
        if (seen.add(link)) {
          queue.add(link);
        }
      }
    }
    assertTrue(seen.containsAll(List.of("/daftar.html", "/status.html", "/masuk.html", "/lupa-nomor.html",
        "/lupa-jawaban.html", "/lupa-sandi.html", "/pengaduan.html")), "walked: " + seen);
    assertEquals(List.of(), problems, "walked: " + seen);
    assertEquals(List.of(), scriptErrors);
    assertEquals(List.of(), missing, "nothing answered 404");
    page.context().close();
  }

  /** Item 19: the favicon exists in both forms browsers ask for. */
  @Test
  void theFaviconIsServed() {
    var svg = service.get("/favicon.svg");
    assertEquals(200, svg.statusCode());
    assertTrue(svg.getHeader("Content-Type").startsWith("image/svg+xml"), svg.getHeader("Content-Type"));
    var ico = service.get("/favicon.ico");
    assertEquals(200, ico.statusCode());
    assertTrue(ico.getHeader("Content-Type").startsWith("image/"), ico.getHeader("Content-Type"));
    assertTrue(ico.body().length() < 1024, "small");
  }
}

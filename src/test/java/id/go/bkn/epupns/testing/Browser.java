package id.go.bkn.epupns.testing;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright for Java; Playwright's
 * own browser download is switched off). One browser per test class; a phone-sized page per test.
 */
public final class Browser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("EPUPNS_CHROMIUM", "/usr/bin/chromium"));

  private final Playwright playwright;
  private final com.microsoft.playwright.Browser browser;

  private Browser() {
    if (!Files.isExecutable(CHROMIUM)) {
      throw new IllegalStateException("Chromium not found at " + CHROMIUM
          + ": install it with 'apt-get install -y chromium chromium-driver' (.ci/run does)");
    }
    playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(java.util.Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(CHROMIUM)
        .setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync")));
  }

  public static Browser launch() {
    // As long as an action may take (below): on a busy CI box a page's scans can take longer than the default 5 s.
    com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    return new Browser();
  }

  /** A fresh context (no cookies, no storage) with a phone-sized screen. */
  public Page phonePage() {
    BrowserContext context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
        .setViewportSize(390, 844)
        .setLocale("id-ID")
        .setAcceptDownloads(true));
    context.setDefaultTimeout(15_000);
    return context.newPage();
  }

  /**
   * Signed in as the login page leaves a tab: the answer of POST /api/auth/login kept in
   * sessionStorage (tokens, role, when the access token lapses). The page is left on the home page.
   */
  public static Page signIn(Page page, String baseUrl, io.vertx.core.json.JsonObject login) {
    page.navigate(baseUrl + "/");
    page.evaluate("a => { sessionStorage.setItem('epupns.token', a.token); sessionStorage.setItem('epupns.refreshToken', a.refreshToken);"
        + " sessionStorage.setItem('epupns.role', a.role); sessionStorage.setItem('epupns.expiresAt', String(Date.now() + a.expiresIn * 1000));"
        + " sessionStorage.setItem('epupns.lifetime', String(a.expiresIn * 1000)); }", login.getMap());
    return page;
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}

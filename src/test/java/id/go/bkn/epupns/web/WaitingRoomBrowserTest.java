package id.go.bkn.epupns.web;

import com.microsoft.playwright.Page;
import id.go.bkn.epupns.testing.Browser;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static id.go.bkn.epupns.testing.TestService.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The waiting room in a real browser, on a phone-sized screen: with the one place taken, the
 * registration page sends the visitor to the waiting page, which shows the position and, when the
 * place comes free, goes back to the registration page by itself, now admitted.
 */
class WaitingRoomBrowserTest {

  static TestService service;
  static Browser browser;

  @BeforeAll
  static void start() {
    service = TestService.start(WaitingRoomBrowserTest.class, Map.of(
        "EPUPNS_ADMISSION_ENABLED", "true",
        "EPUPNS_ADMISSION_INITIAL_LIMIT", "1",
        "EPUPNS_ADMISSION_MIN_LIMIT", "1",
        "EPUPNS_ADMISSION_CEILING", "1",
        "EPUPNS_ADMISSION_POLL_SECONDS", "1",
        "EPUPNS_CAPTCHA_EXPOSE_ANSWER", "true"));
    browser = Browser.launch();
  }

  @AfterAll
  static void stop() {
    browser.close();
    service.close();
  }

  @Test
  void theWaitingPageShowsThePlaceAndLetsTheVisitorInWhenItsTurnComes() throws Exception {
    WebClientSession someone = WebClientSession.create(WebClient.create(service.vertx(),
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(service.port())));
    assertEquals(200, await(someone.post("/api/admission").sendJsonObject(new JsonObject().put("flow", "registration")))
        .statusCode());

    Page page = browser.phonePage();
    page.navigate(service.baseUrl() + "/daftar.html");
    page.fill("#cari-nip", id.go.bkn.epupns.sapk.DemoData.DEMO_PNS_NIP);
    page.click("#cari button[type=submit]");
    page.waitForURL(url -> url.contains("/antrean.html"));
    assertTrue(page.url().endsWith("/antrean.html?flow=registration&next=%2Fdaftar.html"), page.url());
    page.waitForSelector("[data-position]:text('1')");
    assertTrue(page.textContent("#dari").contains("dari 1 orang"), page.textContent("#dari"));
    // One admission in the last minute (the rate is averaged over a minute): about one minute per place.
    assertEquals("sekitar 1 menit", page.textContent("[data-estimate]").trim());
    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/antrean-390.png")).setFullPage(true));

    await(someone.delete("/api/admission").send());
    page.waitForURL(url -> url.endsWith("/daftar.html"));
    page.fill("#cari-nip", id.go.bkn.epupns.sapk.DemoData.DEMO_PNS_NIP);
    page.click("#cari button[type=submit]");
    page.waitForSelector("#ditemukan:not([hidden])");
    // Admitted: the captcha (a gated request) loads.
    page.waitForSelector("[data-captcha] img[src^='data:image/png']");
  }
}

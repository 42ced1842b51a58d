package id.go.bkn.epupns.probe;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import id.go.bkn.epupns.auth.PasswordHasher;
import id.go.bkn.epupns.registration.RegistrationNumbers;
import id.go.bkn.epupns.testing.Browser;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Not a test: measures bytes transferred by the home and form pages, and takes screenshots. */
class PageWeightProbe {
  @Test
  void measure() throws Exception {
    try (TestService service = TestService.start(PageWeightProbe.class, Map.of("EPUPNS_CAPTCHA_EXPOSE_ANSWER", "true"), false);
         Browser browser = Browser.launch()) {
      SapkFixture sapk = new SapkFixture(service);
      String hash = new PasswordHasher(service.running().config(), null).hashNow("sandi-pns-browser");
      SapkFixture.Person p = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, true);
      String number = RegistrationNumbers.generate();
      service.sql("insert into registration (nip, registration_number, nik, email, password_hash, mother_name_hash, security_question, security_answer_enc, status) values ($1, $2, '3273051207860017', 'pns@example.org', $3, 'x', 'q', '\\x00'::bytea, 'APPROVED')", p.nip(), number, hash);
      String token = service.post("/api/auth/login", new JsonObject().put("username", number).put("password", "sandi-pns-browser")).bodyAsJsonObject().getString("token");
      String out = System.getProperty("probe.out", "target/probe");
      for (String path : List.of("/", "/formulir.html")) {
        Page page = browser.phonePage();
        if (!path.equals("/")) {
          page.navigate(service.baseUrl() + "/favicon-none");
          page.evaluate("t => sessionStorage.setItem('epupns.token', t)", token);
        }
        List<Request> requests = new ArrayList<>();
        page.onRequestFinished(requests::add);
        page.navigate(service.baseUrl() + path);
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        long total = 0;
        for (Request r : requests) {
          var s = r.sizes();
          long n = s.responseBodySize + s.responseHeadersSize;
          total += n;
          System.out.println("PROBE " + path + " " + r.url() + " " + (r.response() == null ? "-" : r.response().status()) + " " + n);
        }
        System.out.println("PROBE TOTAL " + path + " " + total + " bytes in " + requests.size() + " requests");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of(out, (path.equals("/") ? "home" : "form") + ".png")).setFullPage(true));
        page.context().close();
      }
    }
  }
}

package id.go.bkn.epupns.form;

import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Uploads are limited per account and per IP (rateLimit.documents) and by a daily quota of bytes
 * per account (uploads.dailyBytesPerAccount). One ordered scenario: the IP's count runs across
 * the three PNS (3 + 1, then 3, then 1 over perIp = 7).
 */
class UploadLimitsTest {

  static TestService service;
  static SapkFixture sapk;
  static FormTesting form;

  @BeforeAll
  static void start() {
    service = TestService.start(UploadLimitsTest.class, Map.of(
        "EPUPNS_RATE_LIMIT_DOCUMENTS_PER_ACCOUNT", "3",
        "EPUPNS_RATE_LIMIT_DOCUMENTS_PER_IP", "7",
        "EPUPNS_UPLOADS_DAILY_BYTES_PER_ACCOUNT", "10000"), false);
    sapk = new SapkFixture(service);
    form = new FormTesting(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private HttpResponse<Buffer> upload(String token, int size) {
    return form.upload(token, "scan.pdf", FormTesting.pdf(size), "application/pdf", "SK_PNS");
  }

  private static long retryAfter(HttpResponse<Buffer> response) {
    String header = response.getHeader("Retry-After");
    assertNotNull(header, response.headers().toString());
    return Long.parseLong(header);
  }

  @Test
  void uploadsAreLimitedPerAccountByADailyQuotaAndPerIp() {
    String first = form.login(sapk.pns(SapkFixture.SATKER_BKN, false).nip());
    for (int i = 0; i < 3; i++) {
      assertEquals(201, upload(first, 200 + i).statusCode());
    }
    HttpResponse<Buffer> fourth = upload(first, 300);
    assertEquals(429, fourth.statusCode(), fourth.bodyAsString());
    assertEquals("RATE_LIMITED", fourth.bodyAsJsonObject().getString("error"));
    long wait = retryAfter(fourth);
    // The limiter's sub-windows may refuse up to a tenth of the 10-minute window early (README, Limits).
    assertTrue(wait >= 1 && wait <= 660, "Retry-After within the window and its tenth: " + wait);
    assertEquals(3, service.sql("select count(*) from document").iterator().next().getLong(0), "the refused one is not stored");

    // 2 x 4000 bytes fit 10000; the third would make 12000: refused until midnight, nothing stored.
    String second = form.login(sapk.pns(SapkFixture.SATKER_BKN, true).nip());
    assertEquals(201, upload(second, 4000).statusCode());
    assertEquals(201, upload(second, 4001).statusCode());
    HttpResponse<Buffer> over = upload(second, 4002);
    assertEquals(429, over.statusCode(), over.bodyAsString());
    assertEquals("UPLOAD_QUOTA_EXCEEDED", over.bodyAsJsonObject().getString("error"));
    assertEquals(8001, over.bodyAsJsonObject().getLong("usedBytes"));
    assertTrue(over.bodyAsJsonObject().getString("message").contains("Batas unggah harian"));
    long untilMidnight = retryAfter(over);
    assertTrue(untilMidnight >= 1 && untilMidnight <= 24 * 3600, "Retry-After until the next day: " + untilMidnight);
    assertEquals(5, service.sql("select count(*) from document").iterator().next().getLong(0));

    // The limiter has let 6 uploads from this IP through in the window (one it refused counts
    // nowhere): a third PNS behind it gets the 7th, then is refused as well.
    String third = form.login(sapk.pns(SapkFixture.SATKER_BKN, false).nip());
    assertEquals(201, upload(third, 100).statusCode());
    HttpResponse<Buffer> shared = upload(third, 101);
    assertEquals(429, shared.statusCode(), shared.bodyAsString());
    assertEquals("RATE_LIMITED", shared.bodyAsJsonObject().getString("error"));
    retryAfter(shared);
  }
}

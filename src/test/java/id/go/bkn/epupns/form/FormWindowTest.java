package id.go.bkn.epupns.form;

import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Outside the form window (the 2015 campaign's dates) the form can be read but not changed. */
class FormWindowTest {

  static TestService service;
  static FormTesting form;
  static SapkFixture sapk;

  @BeforeAll
  static void start() {
    service = TestService.start(FormWindowTest.class, Map.of(
        "EPUPNS_SCHEDULE_FORM_START", "2015-09-01", "EPUPNS_SCHEDULE_FORM_END", "2015-11-30"), false);
    sapk = new SapkFixture(service);
    form = new FormTesting(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void savingSubmittingAndUploadingAreRefusedWithTheWindowDates() {
    String token = form.login(sapk.pns(SapkFixture.SATKER_BKN, false).nip());
    assertEquals(200, service.get("/api/me/form", token).statusCode());
    HttpResponse<Buffer> save = form.save(token, "utama", 0, new JsonObject());
    assertEquals(403, save.statusCode());
    JsonObject body = save.bodyAsJsonObject();
    assertEquals("WINDOW_CLOSED", body.getString("error"));
    assertEquals("2015-11-30", body.getString("closes"));
    HttpResponse<Buffer> submit = service.post("/api/me/form/submit", new JsonObject(), token);
    assertEquals(403, submit.statusCode());
    assertEquals("2015-09-01", submit.bodyAsJsonObject().getString("opens"));
    assertEquals(403, form.upload(token, "a.pdf", FormTesting.pdf(1000), "application/pdf", null).statusCode());
    assertEquals(0L, service.sql("select count(*) from form_section").iterator().next().getLong(0));
  }
}

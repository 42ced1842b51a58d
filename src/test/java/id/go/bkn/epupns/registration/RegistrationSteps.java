package id.go.bkn.epupns.registration;

import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The steps a PNS takes, over HTTP, for tests of a service started with EPUPNS_CAPTCHA_EXPOSE_ANSWER=true. */
final class RegistrationSteps {

  static final String PASSWORD = "kopi tubruk di pagi hari";
  static final String MOTHER = "Siti Nurhayati";
  static final String QUESTION = "Apa nama sekolah dasar pertama Anda?";
  static final String ANSWER = "SD Negeri 3 Cibeunying";

  private final TestService service;

  RegistrationSteps(TestService service) {
    this.service = service;
  }

  /** A fresh captcha, solved: {captchaId, captchaAnswer}. */
  JsonObject solvedCaptcha() {
    HttpResponse<Buffer> response = service.post("/api/captcha", new JsonObject());
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonObject captcha = response.bodyAsJsonObject();
    assertNotNull(captcha.getString("answer"), "the service must expose captcha answers");
    return new JsonObject().put("captchaId", captcha.getString("id")).put("captchaAnswer", captcha.getString("answer"));
  }

  JsonObject form(SapkFixture.Person person, String password) {
    return new JsonObject()
        .put("nip", person.nip())
        .put("nik", person.nik())
        .put("email", "pns" + person.nip() + "@example.go.id")
        .put("password", password)
        .put("passwordConfirmation", password)
        .put("motherName", MOTHER)
        .put("securityQuestion", QUESTION)
        .put("securityAnswer", ANSWER)
        .mergeIn(solvedCaptcha());
  }

  HttpResponse<Buffer> register(JsonObject form) {
    return service.post("/api/registrations", form);
  }

  /** Registers the person and returns the 201 body. */
  JsonObject registered(SapkFixture.Person person) {
    HttpResponse<Buffer> response = register(form(person, PASSWORD));
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  HttpResponse<Buffer> login(String username, String password) {
    return service.post("/api/auth/login", new JsonObject().put("username", username).put("password", password));
  }

  /** Rows in the outbox for a recipient whose subject contains the text. */
  long mails(String recipient, String subjectPart) {
    return service.sql("select count(*) as n from mail_outbox where recipient = $1 and subject like $2",
        recipient, "%" + subjectPart + "%").iterator().next().getLong("n");
  }

  static String email(SapkFixture.Person person) {
    return "pns" + person.nip() + "@example.go.id";
  }

  /** The metric's value in /metrics, 0 when absent. */
  double metric(String line) {
    String text = service.metrics();
    for (String l : text.split("\n")) {
      if (l.startsWith(line + " ")) {
        return Double.parseDouble(l.substring(line.length() + 1).trim());
      }
    }
    return 0;
  }
}

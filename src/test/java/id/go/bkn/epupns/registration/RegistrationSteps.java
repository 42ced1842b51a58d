package id.go.bkn.epupns.registration;

import id.go.bkn.epupns.testing.FakeSmtp;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The steps a PNS takes, over HTTP, for tests of a service started with EPUPNS_CAPTCHA_EXPOSE_ANSWER=true;
 * {@link #withMail} is the set-up the tests of mailed flows share (their own service, its mail delivered to a
 * {@link FakeSmtp}, the tiny SAPK of {@link SapkFixture}).
 */
final class RegistrationSteps implements AutoCloseable {

  static final String PASSWORD = "kopi tubruk di pagi hari";
  static final String MOTHER = "Siti Nurhayati";
  static final String QUESTION = "Apa nama sekolah dasar pertama Anda?";
  static final String ANSWER = "SD Negeri 3 Cibeunying";

  private final TestService service;
  private final SapkFixture sapk;
  private final FakeSmtp smtp;

  RegistrationSteps(TestService service) {
    this(service, null, null);
  }

  private RegistrationSteps(TestService service, SapkFixture sapk, FakeSmtp smtp) {
    this.service = service;
    this.sapk = sapk;
    this.smtp = smtp;
  }

  /**
   * A test class's own service without demo data whose mail goes to a new {@link FakeSmtp} (the only place
   * a mailed link's token can be read), with captcha answers exposed, the captcha and registration limits
   * per IP raised and the settings given (EPUPNS_...), and the tiny SAPK of {@link SapkFixture} in it;
   * {@link #close} stops both.
   */
  static RegistrationSteps withMail(Class<?> testClass, Map<String, String> settings) {
    FakeSmtp smtp = FakeSmtp.start();
    try {
      Map<String, String> env = new HashMap<>(smtp.settings());
      env.put("EPUPNS_CAPTCHA_EXPOSE_ANSWER", "true");
      env.put("EPUPNS_RATE_LIMIT_CAPTCHA_PER_IP", "100000");
      env.put("EPUPNS_RATE_LIMIT_REGISTRATION_PER_IP", "100000");
      env.putAll(settings);
      TestService service = TestService.start(testClass, env, false);
      try {
        return new RegistrationSteps(service, new SapkFixture(service), smtp);
      } catch (RuntimeException e) {
        service.close();
        throw e;
      }
    } catch (RuntimeException e) {
      smtp.close();
      throw e;
    }
  }

  TestService service() {
    return service;
  }

  /** The SAPK of {@link #withMail}. */
  SapkFixture sapk() {
    return sapk;
  }

  /** The SMTP server of {@link #withMail}. */
  FakeSmtp smtp() {
    return smtp;
  }

  @Override
  public void close() {
    try {
      service.close();
    } finally {
      if (smtp != null) {
        smtp.close();
      }
    }
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

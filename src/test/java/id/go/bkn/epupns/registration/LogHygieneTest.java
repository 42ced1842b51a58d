package id.go.bkn.epupns.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import id.go.bkn.epupns.testing.FakeSmtp;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.SapkFixture.Person;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the service writes to its log during a full scenario (register, login, the account page,
 * the public NIP lookup, both recoveries, a password reset by mailed link, logins with the old and
 * the new password), captured from the log as configured in production (INFO, the access log on):
 * no password, token, reset link, mother's maiden name or security answer appears in any line; no
 * NIP appears in an access line (paths are masked); and request paths with CR, LF or other line
 * breaks cannot forge a log line: every event stays on one line.
 */
class LogHygieneTest {

  static TestService service;
  static FakeSmtp smtp;
  static SapkFixture sapk;
  static RegistrationSteps steps;
  /** Each event as the console encoder writes it (the production pattern, with %kvp). */
  static final List<String> LOGGED = new CopyOnWriteArrayList<>();
  static AppenderBase<ILoggingEvent> capture;

  @BeforeAll
  static void start() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%-5level [%thread] %logger{20} - %msg %kvp%n");
    encoder.start();
    capture = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent event) {
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        // An exception's stack trace is many lines by design; the event's own text must be one.
        LOGGED.add(event.getThrowableProxy() == null ? line : line + "[exception] " + event.getThrowableProxy().getMessage());
      }
    };
    capture.setContext(context);
    capture.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(capture);

    steps = RegistrationSteps.withMail(LogHygieneTest.class, Map.of(
        "EPUPNS_LOG_ACCESS_LOG", "true",
        "EPUPNS_RATE_LIMIT_RECOVERY_NUMBER_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_RECOVERY_ANSWER_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_PASSWORD_RESET_PER_IP", "100000"));
    service = steps.service();
    sapk = steps.sapk();
    smtp = steps.smtp();
  }

  @AfterAll
  static void stop() {
    ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(capture);
    steps.close();
  }

  @Test
  void aFullScenarioLogsNoSecretsAndNoNipInPaths() throws Exception {
    // An agency that needs no approval before the first login.
    Person person = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, true);
    List<String> secrets = new ArrayList<>(List.of(RegistrationSteps.PASSWORD, RegistrationSteps.MOTHER,
        RegistrationSteps.ANSWER, "salah-sandi-rahasia-sekali"));
    int before = LOGGED.size();

    String number = steps.registered(person).getString("registrationNumber");
    assertEquals(401, steps.login(number, "salah-sandi-rahasia-sekali").statusCode());
    HttpResponse<Buffer> login = steps.login(number, RegistrationSteps.PASSWORD);
    assertEquals(200, login.statusCode(), login.bodyAsString());
    login.bodyAsJsonObject().forEach(e -> {
      if (e.getValue() instanceof String s && s.length() >= 20) {
        secrets.add(s); // the access and refresh tokens
      }
    });
    String token = login.bodyAsJsonObject().getString("token");
    assertEquals(200, service.get("/api/auth/me", token).statusCode());
    assertEquals(200, service.get("/api/pns/" + person.nip()).statusCode());

    assertEquals(200, service.post("/api/recovery/registration-number", new JsonObject().put("nip", person.nip())
        .put("answer", RegistrationSteps.ANSWER).mergeIn(steps.solvedCaptcha())).statusCode());
    HttpResponse<Buffer> wrongMother = service.post("/api/recovery/security-answer", new JsonObject()
        .put("nip", person.nip()).put("motherName", "Dewi Kartika Sari").mergeIn(steps.solvedCaptcha()));
    assertEquals(422, wrongMother.statusCode(), wrongMother.bodyAsString());
    secrets.add("Dewi Kartika Sari");
    assertEquals(200, service.post("/api/recovery/security-answer", new JsonObject().put("nip", person.nip())
        .put("motherName", RegistrationSteps.MOTHER).mergeIn(steps.solvedCaptcha())).statusCode());

    assertEquals(202, service.post("/api/recovery/password-reset", new JsonObject().put("nip", person.nip())
        .mergeIn(steps.solvedCaptcha())).statusCode());
    FakeSmtp.Message mail = smtp.await(m -> m.recipients().contains(RegistrationSteps.email(person))
        && m.text().contains("reset-sandi.html?token="), "the reset mail");
    Matcher link = Pattern.compile("(\\S*/reset-sandi\\.html\\?token=)([A-Za-z0-9_-]{43})").matcher(mail.text());
    assertTrue(link.find(), mail.text());
    secrets.add(link.group(2));
    secrets.add("reset-sandi.html?token=" + link.group(2));
    String newPassword = "rendang padang paling enak";
    secrets.add(newPassword);
    assertEquals(200, service.post("/api/recovery/password-reset/confirm", new JsonObject().put("token", link.group(2))
        .put("password", newPassword).put("passwordConfirmation", newPassword)).statusCode());
    assertEquals(401, steps.login(number, RegistrationSteps.PASSWORD).statusCode());
    assertEquals(200, steps.login(number, newPassword).statusCode());

    List<String> lines = awaitAccessLine("POST /api/auth/login 200", before);
    assertTrue(lines.stream().anyMatch(l -> l.contains("/api/recovery/password-reset/confirm")), "the scenario was logged");
    for (String line : lines) {
      String lower = line.toLowerCase(Locale.ROOT);
      for (String secret : secrets) {
        assertFalse(lower.contains(secret.toLowerCase(Locale.ROOT)), "a secret (" + secret + ") in the log: " + line);
      }
      if (line.contains(" access - ")) {
        assertFalse(line.contains(person.nip()), "a NIP in an access line: " + line);
      }
    }
    assertTrue(lines.stream().anyMatch(l -> l.contains(" access - GET /api/pns/")), "the lookup's access line: " + lines);
  }

  @Test
  void lineBreaksInARequestCannotForgeALogLine() throws Exception {
    int before = LOGGED.size();
    List<byte[]> requests = List.of(
        request("/api/schedule%0D%0AINFO%20access%20-%20GET%20/forged-encoded%20200"),
        request("/api/schedule\rINFO access - GET /forged-cr 200"),
        request("/api/schedule\u000bforged-vt"),
        // UTF-8 NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR, which some log viewers break lines at.
        utf8Request("/api/schedule\u0085forged-nel\u2028forged-ls\u2029forged-ps"),
        "GET /api/schedule HTTP/1.1\r\nHost: x\r\nX-Request-Id: abcdefgh%0d%0aforged-header\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    for (byte[] raw : requests) {
      send(raw);
    }
    List<String> lines = awaitAccessLine("GET /api/schedule 200", before);
    for (String line : lines) {
      String text = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
      assertFalse(text.contains("\n") || text.contains("\r") || text.contains("\u0085") || text.contains("\u2028")
          || text.contains("\u2029") || text.contains("\u000b"), "a line break inside one event: " + line);
    }
    assertTrue(lines.stream().noneMatch(l -> l.startsWith("INFO access - GET /forged")), lines.toString());
  }

  /** The events logged since {@code from}, once an access line with the text has been written. */
  static List<String> awaitAccessLine(String text, int from) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      List<String> lines = new ArrayList<>(LOGGED.subList(from, LOGGED.size()));
      if (lines.stream().anyMatch(l -> l.contains(" access - " + text))) {
        return lines;
      }
      Thread.sleep(20);
    }
    return new ArrayList<>(LOGGED.subList(from, LOGGED.size()));
  }

  static byte[] request(String target) {
    return ("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] utf8Request(String target) {
    return ("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Sends raw bytes (no client library would send these) and reads the answer to the end. */
  static void send(byte[] raw) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", service.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(raw);
      out.flush();
      InputStream in = socket.getInputStream();
      in.readAllBytes();
    }
  }
}

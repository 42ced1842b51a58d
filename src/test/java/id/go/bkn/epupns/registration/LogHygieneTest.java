package id.go.bkn.epupns.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import id.go.bkn.epupns.core.http.ErrorHandler;
import id.go.bkn.epupns.core.http.RequestIds;
import id.go.bkn.epupns.testing.FakeSmtp;
import id.go.bkn.epupns.testing.Poll;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.SapkFixture.Person;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
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
import java.time.Duration;
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
        // An exception's stack trace is many lines by design; the event's own text must be one. Every
        // message of the cause chain is kept with the line, so the secrets are looked for there too.
        StringBuilder causes = new StringBuilder();
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
          causes.append("[exception] ").append(t.getClassName()).append(": ").append(t.getMessage()).append(' ');
        }
        LOGGED.add(causes.isEmpty() ? line : line + causes);
      }
    };
    capture.setContext(context);
    capture.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(capture);

    steps = RegistrationSteps.withMail(LogHygieneTest.class, Map.of(
        "EPUPNS_LOG_ACCESS_LOG", "true",
        "EPUPNS_RATE_LIMIT_RECOVERY_NUMBER_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_RECOVERY_ANSWER_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_PASSWORD_RESET_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "100000"));
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

    JsonObject registered = steps.registered(person);
    String number = registered.getString("registrationNumber");
    // The proof's signed link: its signature and the number (the login username) stay out of the log.
    String proofUrl = registered.getString("proofUrl");
    HttpResponse<Buffer> proof = service.get(proofUrl);
    assertEquals(200, proof.statusCode(), proof.bodyAsString());
    assertEquals("application/pdf", proof.getHeader("Content-Type"));
    Matcher signature = Pattern.compile("[?&]sig=([^&]+)").matcher(proofUrl);
    assertTrue(signature.find(), proofUrl);
    secrets.add(signature.group(1));
    secrets.add(number);
    secrets.add(number.replace("-", ""));
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

    // An officer appointed by an agency administrator follows the mailed set-password link.
    SapkFixture.Person admin = sapk.officer("ADMIN_INSTANSI", SapkFixture.SATKER_BKN);
    HttpResponse<Buffer> adminLogin = steps.login(admin.nip(), SapkFixture.OFFICER_PASSWORD);
    assertEquals(200, adminLogin.statusCode(), adminLogin.bodyAsString());
    String adminToken = adminLogin.bodyAsJsonObject().getString("token");
    secrets.add(SapkFixture.OFFICER_PASSWORD);
    secrets.add(adminToken);
    // A list's download link carries its token in the query: neither the link nor the token is logged.
    HttpResponse<Buffer> linked = service.get("/api/admin/nominatif/link?format=csv", adminToken);
    assertEquals(200, linked.statusCode(), linked.bodyAsString());
    String downloadUrl = linked.bodyAsJsonObject().getString("url");
    secrets.add(downloadUrl);
    secrets.add(downloadUrl.substring(downloadUrl.indexOf("unduh=") + 6));
    assertEquals(200, service.get(downloadUrl).statusCode());
    assertEquals(410, service.get(downloadUrl).statusCode());
    Person verifier = sapk.pns(SapkFixture.SATKER_BKN, true);
    String verifierMail = "petugas" + verifier.nip().substring(12) + "@example.org";
    HttpResponse<Buffer> appointed = service.post("/api/admin/officers", new JsonObject().put("nip", verifier.nip())
        .put("nama", verifier.nama()).put("role", "VERIFIER_SKPD").put("satuanKerjaId", SapkFixture.SATKER_BKN)
        .put("email", verifierMail), adminToken);
    assertEquals(201, appointed.statusCode(), appointed.bodyAsString());
    FakeSmtp.Message officerMail = smtp.await(m -> m.recipients().contains(verifierMail)
        && m.text().contains("atur-sandi-petugas.html?token="), "the officer's set-password mail");
    Matcher officerLink = Pattern.compile("atur-sandi-petugas\\.html\\?token=([A-Za-z0-9_-]{43})").matcher(officerMail.text());
    assertTrue(officerLink.find(), officerMail.text());
    secrets.add(officerLink.group(1));
    String officerPassword = "nasi liwet solo sore hari";
    secrets.add(officerPassword);
    HttpResponse<Buffer> set = service.post("/api/officer-password", new JsonObject().put("token", officerLink.group(1))
        .put("password", officerPassword).put("passwordConfirmation", officerPassword));
    assertEquals(200, set.statusCode(), set.bodyAsString());
    HttpResponse<Buffer> officerLogin = steps.login(verifier.nip(), officerPassword);
    assertEquals(200, officerLogin.statusCode(), officerLogin.bodyAsString());
    secrets.add(officerLogin.bodyAsJsonObject().getString("token"));
    assertEquals(200, service.get("/api/auth/me", officerLogin.bodyAsJsonObject().getString("token")).statusCode());

    List<String> lines = awaitAccessLine("GET /api/auth/me 200", before, 2);
    assertTrue(lines.stream().anyMatch(l -> l.contains("/api/recovery/password-reset/confirm")), "the scenario was logged");
    assertTrue(lines.stream().anyMatch(l -> l.contains(" access - GET /api/proofs/{file} 200")), "the proof's line: " + lines);
    assertTrue(lines.stream().anyMatch(l -> l.contains(" access - POST /api/officer-password 200")), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.contains(" access - GET /api/admin/nominatif 410")), lines.toString());
    for (String line : lines) {
      String lower = line.toLowerCase(Locale.ROOT);
      for (String secret : secrets) {
        assertFalse(lower.contains(secret.toLowerCase(Locale.ROOT)), "a secret (" + secret + ") in the log: " + line);
      }
      if (line.contains(" access - ")) {
        assertFalse(line.contains(person.nip()) || line.contains(verifier.nip()), "a NIP in an access line: " + line);
      }
    }
    assertTrue(lines.stream().anyMatch(l -> l.contains(" access - GET /api/pns/")), "the lookup's access line: " + lines);
  }

  /**
   * An unexpected failure (a 500) is logged by {@link ErrorHandler} with the request id, the path as the access
   * log masks it and the failure's class, messages and stack, the messages masked too: a NIP in the path, a NIP or
   * NIK in a message, and a line break in a message stay out of the log. No route of the service fails on purpose,
   * so the test serves the service's two handlers on a router of its own.
   */
  @Test
  void anUnexpectedFailureIsLoggedWithoutTheNipItsPathOrMessageCarries() throws Exception {
    Person person = sapk.pns(SapkFixture.SATKER_DISDIK_BANDUNG, false);
    Router router = Router.router(service.vertx());
    router.route().handler(new RequestIds(true));
    router.get("/api/pns/:nip/gagal").handler(ctx -> {
      throw new IllegalStateException("no row for " + ctx.pathParam("nip") + "\nINFO access - GET /forged-500 200",
          new IllegalArgumentException("Key (nik)=(" + person.nik() + ") already exists"));
    });
    router.get("/api/proofs/:file").handler(ctx -> ctx.fail(new ArithmeticException("proof " + person.nip())));
    // A failure that is a database outage would need the service's DatabaseOutage: these are not.
    router.route().failureHandler(new ErrorHandler(null));
    HttpServer server = TestService.await(service.vertx().createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    try {
      int before = LOGGED.size();
      HttpResponse<Buffer> failed = TestService.await(service.http()
          .get(server.actualPort(), "127.0.0.1", "/api/pns/" + person.nip() + "/gagal").send());
      assertEquals(500, failed.statusCode(), failed.bodyAsString());
      assertEquals("INTERNAL_ERROR", failed.bodyAsJsonObject().getString("error"));
      assertFalse(failed.bodyAsString().contains(person.nip()) || failed.bodyAsString().contains("no row"),
          "nothing of the failure in the answer: " + failed.bodyAsString());
      HttpResponse<Buffer> proof = TestService.await(service.http()
          .get(server.actualPort(), "127.0.0.1", "/api/proofs/AB12CD34EF567.pdf?expires=1&sig=tanda-tangan").send());
      assertEquals(500, proof.statusCode(), proof.bodyAsString());

      awaitAccessLine("GET /api/pns/{nip}/gagal 500", before, 1);
      List<String> lines = awaitAccessLine("GET /api/proofs/{file} 500", before, 1);
      List<String> failures = lines.stream().filter(l -> l.contains("unhandled failure")).toList();
      assertEquals(2, failures.size(), lines.toString());
      String first = failures.get(0);
      assertTrue(first.contains("path=\"/api/pns/{nip}/gagal\""), first);
      assertTrue(first.contains("java.lang.IllegalStateException: no row for {nip}\\u000aINFO access"), first);
      assertTrue(first.contains("java.lang.IllegalArgumentException: Key (nik)=({nik}) already exists"), first);
      assertTrue(failures.get(1).contains("path=\"/api/proofs/{file}\""), failures.get(1));
      assertTrue(failures.get(1).contains("java.lang.ArithmeticException: proof {nip}"), failures.get(1));
      for (String line : lines) {
        for (String secret : List.of(person.nip(), person.nik(), "AB12CD34EF567", "tanda-tangan")) {
          assertFalse(line.contains(secret), "a secret (" + secret + ") in the log: " + line);
        }
        // The stack trace is lines of its own; none of them is the message's forged line.
        assertTrue(line.lines().noneMatch(l -> l.startsWith("INFO access - GET /forged")), line);
      }
    } finally {
      TestService.await(server.close());
    }
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
    List<String> lines = awaitAccessLine("GET /api/schedule 200", before, 1);
    for (String line : lines) {
      String text = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
      assertFalse(text.contains("\n") || text.contains("\r") || text.contains("\u0085") || text.contains("\u2028")
          || text.contains("\u2029") || text.contains("\u000b"), "a line break inside one event: " + line);
    }
    assertTrue(lines.stream().noneMatch(l -> l.startsWith("INFO access - GET /forged")), lines.toString());
  }

  /**
   * The events logged since {@code from}, once {@code count} access lines with the text have been written (the
   * access line is written when the answer's body has gone, possibly after the client read it); fails if not.
   */
  static List<String> awaitAccessLine(String text, int from, int count) {
    return Poll.until(count + " access line(s) '" + text + "'", Duration.ofSeconds(10),
        () -> new ArrayList<>(LOGGED.subList(from, LOGGED.size())),
        lines -> lines.stream().filter(l -> l.contains(" access - " + text)).count() >= count);
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

package id.go.bkn.epupns.core;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import id.go.bkn.epupns.testing.Poll;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No log forging: CR, LF, NEL and the Unicode line separators sent in a path, a query, a header, JSON fields and a
 * mail body (logged whole when no SMTP server is configured) never start a new line in the log. Every event the
 * service writes during the scenario, rendered with the console pattern's message and key-value parts, is one line.
 */
class LogForgingTest {

  static final String FORGED = "12:00:00.000 INFO  [main] a.Forged - PALSU";
  static TestService service;
  static final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeAll
  static void start() {
    logged.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logged);
    service = TestService.start(LogForgingTest.class, Map.of("EPUPNS_LOG_ACCESS_LOG", "true",
        "EPUPNS_MAIL_POLL_SECONDS", "1"), false);
  }

  @AfterAll
  static void stop() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logged);
    service.close();
  }

  @Test
  void nothingSentCanStartALogLine() {
    List<String> breaks = List.of("\r\n", "\n", "\r", "\u0085", "\u2028", "\u2029");
    List<String> encoded = List.of("%0D%0A", "%0A", "%0D", "%C2%85", "%E2%80%A8", "%E2%80%A9");
    long before = logged.list.size();
    for (int i = 0; i < breaks.size(); i++) {
      String lf = breaks.get(i);
      String enc = encoded.get(i);
      HttpResponse<Buffer> path = service.get("/api/pns/1980" + enc + FORGED.replace(" ", "%20"));
      assertTrue(path.statusCode() >= 400 && path.statusCode() < 500, path.statusCode() + " " + path.bodyAsString());
      service.get("/halaman" + enc + "PALSU.html");
      service.get("/api/instansi?q=a" + enc + "PALSU");
      TestService.await(service.http().get("/api/schedule").putHeader("X-Request-Id", "abcdefgh" + lf.replace("\n", "")
          .replace("\r", "") + "PALSU").putHeader("User-Agent", "x" + lf.replace("\n", "").replace("\r", "") + FORGED).send());
      service.post("/api/auth/login", new JsonObject().put("username", "a" + lf + FORGED).put("password", "b" + lf + FORGED));
      service.post("/api/recovery/password-reset", new JsonObject().put("nip", "1980" + lf + FORGED)
          .put("email", "x@example.org" + lf + FORGED));
      service.post("/api/complaints", new JsonObject().put("nip", "198005142005031001").put("nama", "Budi" + lf + FORGED)
          .put("nik", "3273051405800001").put("description", "ok" + lf + FORGED).put("contact", "c" + lf + FORGED)
          .put("captchaId", "x" + lf).put("captchaAnswer", "y"));
      service.sql("insert into mail_outbox (recipient, subject, body) values ($1, $2, $3)",
          "pns" + i + "@example.org", "Subjek" + lf + FORGED, "Yth. Budi" + lf + FORGED + lf + "Salam");
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.setPattern("%msg %kvp");
    layout.start();
    // The mail poller logs each mail (no SMTP server configured) within a poll or two, and each access line is
    // written once its answer has gone: wait for all of them, failing if they do not come.
    List<ILoggingEvent> events = Poll.until("the " + breaks.size() + " mails and " + breaks.size() * 7
        + " access lines logged", Duration.ofSeconds(30), () -> {
          synchronized (logged) {
            return new ArrayList<>(logged.list.subList((int) before, logged.list.size()));
          }
        }, evs -> mailsLogged(evs, layout) >= breaks.size()
            && evs.stream().filter(e -> e.getLoggerName().equals("access")).count() >= breaks.size() * 7L);
    List<String> multiLine = new ArrayList<>();
    int access = 0;
    int mails = 0;
    for (ILoggingEvent event : events) {
      String line = layout.doLayout(event);
      access += event.getLoggerName().equals("access") ? 1 : 0;
      mails += line.startsWith(MAIL_LOGGED) ? 1 : 0;
      if (line.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029)) {
        multiLine.add(event.getLoggerName() + ": " + line);
      }
    }
    assertTrue(access >= breaks.size() * 7, "the access lines were written: " + access);
    assertEquals(breaks.size(), mails, "the mails were logged");
    assertEquals(List.of(), multiLine);
  }

  private static final String MAIL_LOGGED = "mail (no SMTP configured)";

  private static long mailsLogged(List<ILoggingEvent> events, PatternLayout layout) {
    return events.stream().filter(e -> layout.doLayout(e).startsWith(MAIL_LOGGED)).count();
  }
}

package id.go.bkn.epupns.mail;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import id.go.bkn.epupns.testing.Poll;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without an SMTP host mails are only logged (development): a mail's secret (a reset link's token)
 * is never written to the log, and is erased from the table; the rest of the mail is logged as before.
 */
class MailWithoutSmtpTest {

  static TestService service;
  static final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeAll
  static void start() {
    Logger logger = (Logger) LoggerFactory.getLogger(MailSenderVerticle.class);
    logged.start();
    logger.addAppender(logged);
    service = TestService.start(MailWithoutSmtpTest.class, Map.of("EPUPNS_MAIL_POLL_SECONDS", "1"), false);
  }

  @AfterAll
  static void stop() {
    ((Logger) LoggerFactory.getLogger(MailSenderVerticle.class)).detachAppender(logged);
    service.close();
  }

  @Test
  void theSecretIsNeitherLoggedNorKept() throws InterruptedException {
    String to = "pns@example.go.id";
    String token = "Zm9vYmFyLXRva2VuLXlhbmctc2FuZ2F0LXJhaGFzaWEx";
    byte[] sealed = new MailSecrets(service.running().config().string("secrets.dataKey")).seal(token, to);
    long id = service.sql("insert into mail_outbox (recipient, subject, body, secret_enc) values "
        + "($1, 'Uji tanpa SMTP', 'Buka https://x/reset-sandi.html?token=" + MailOutbox.SECRET + " sekarang.', $2) returning id",
        to, Buffer.buffer(sealed)).iterator().next().getLong(0);
    Row row = Poll.until("the outbox handles the mail", Duration.ofSeconds(30),
        () -> service.sql("select body, secret_enc, sent_at from mail_outbox where id = $1", id).iterator().next(),
        r -> r.getValue("sent_at") != null);
    assertNull(row.getBuffer("secret_enc"), "erased");
    assertFalse(row.getString("body").contains(token));
    String log = String.join("\n", logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    assertTrue(log.contains("sekarang."), "the mail is logged: " + log);
    assertFalse(log.contains(token), "but never its secret: " + log);
    assertTrue(log.contains("tidak dicatat di log"), log);
  }
}

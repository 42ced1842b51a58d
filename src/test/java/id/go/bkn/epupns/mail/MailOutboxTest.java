package id.go.bkn.epupns.mail;

import id.go.bkn.epupns.testing.Poll;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static id.go.bkn.epupns.testing.TestService.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing is lost while the mail server is down: the row stays unsent and is retried later (attempts
 * and next_attempt_at grow); once the server answers, the sender delivers it and marks it sent.
 * The SMTP server is a minimal one in this test, on a port that is first closed.
 */
class MailOutboxTest {

  static TestService service;
  static int smtpPort;
  static final List<String> received = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    smtpPort = TestService.freePort();
    service = TestService.start(MailOutboxTest.class, Map.of(
        "EPUPNS_MAIL_SMTP_HOST", "127.0.0.1",
        "EPUPNS_MAIL_SMTP_PORT", Integer.toString(smtpPort),
        "EPUPNS_MAIL_START_TLS", "false",
        "EPUPNS_MAIL_POLL_SECONDS", "1"), false);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static Row row(long id) {
    return service.sql("select attempts, next_attempt_at, sent_at, last_error from mail_outbox where id = $1", id)
        .iterator().next();
  }

  /** Waits (polling, up to a generous deadline) until the row satisfies the condition, else fails. */
  private static Row awaitRow(long id, Predicate<Row> condition, String what) {
    return Poll.until("mail " + id + " " + what, Duration.ofSeconds(60), () -> row(id), condition);
  }

  @Test
  void aMailSurvivesAnUnreachableServerAndIsDeliveredWhenItAnswers() throws InterruptedException {
    long id = service.sql("insert into mail_outbox (recipient, subject, body) values "
        + "('pns@example.go.id', 'Uji kirim ulang', 'Isi surat uji.') returning id").iterator().next().getLong(0);

    // The server is down: the attempt fails, the row stays unsent and waits.
    Row first = awaitRow(id, r -> r.getInteger("attempts") >= 1, "attempted");
    assertNull(first.getOffsetDateTime("sent_at"), "not sent");
    assertNotNull(first.getString("last_error"));
    assertTrue(first.getOffsetDateTime("next_attempt_at").isAfter(OffsetDateTime.now()), "retried later, not at once");

    // Make it due again: the second failure waits longer than the first.
    service.sql("update mail_outbox set next_attempt_at = now() where id = $1", id);
    Row second = awaitRow(id, r -> r.getInteger("attempts") >= 2, "retried");
    assertNull(second.getOffsetDateTime("sent_at"), "still not sent, still kept");
    assertTrue(second.getOffsetDateTime("next_attempt_at").isAfter(first.getOffsetDateTime("next_attempt_at")),
        "the delay grows");

    // The server comes up: the next round delivers the mail.
    NetServer smtp = await(service.vertx().createNetServer().connectHandler(MailOutboxTest::smtp).listen(smtpPort));
    try {
      service.sql("update mail_outbox set next_attempt_at = now() where id = $1", id);
      Row sent = awaitRow(id, r -> r.getOffsetDateTime("sent_at") != null, "sent");
      assertEquals(3, sent.getInteger("attempts"));
      assertTrue(received.stream().anyMatch(l -> l.contains("Uji kirim ulang")), "the server got it: " + received);
      assertTrue(received.contains("RCPT TO:<pns@example.go.id>"), received.toString());
    } finally {
      await(smtp.close());
    }
  }

  @Test
  void aMailGivenUpKeepsNoSecret() throws InterruptedException {
    int max = service.running().config().integer("mail.maxAttempts");
    String to = "menyerah@example.go.id";
    byte[] sealed = new MailSecrets(service.running().config().string("secrets.dataKey")).seal("TOKEN-RAHASIA", to);
    // The server is down and this is the last attempt allowed.
    long id = service.sql("insert into mail_outbox (recipient, subject, body, secret_enc, attempts) values "
        + "($1, 'Uji rahasia', 'Tautan: https://x/reset-sandi.html?token={{rahasia}}', $2, $3) returning id",
        to, io.vertx.core.buffer.Buffer.buffer(sealed), max - 1).iterator().next().getLong(0);
    Row given = awaitRow(id, r -> r.getInteger("attempts") >= max, "given up");
    assertNull(given.getOffsetDateTime("sent_at"));
    assertNull(service.sql("select secret_enc from mail_outbox where id = $1", id).iterator().next()
        .getBuffer("secret_enc"), "a mail that will never be sent keeps no secret");
  }

  /** Just enough SMTP for the Vert.x mail client: greeting, EHLO, MAIL, RCPT, DATA, QUIT. */
  private static void smtp(NetSocket socket) {
    socket.write("220 uji.example ESMTP\r\n");
    boolean[] inData = {false};
    RecordParser lines = RecordParser.newDelimited("\r\n", line -> {
      String text = line.toString();
      received.add(text);
      if (inData[0]) {
        if (text.equals(".")) {
          inData[0] = false;
          socket.write("250 OK diterima\r\n");
        }
        return;
      }
      String verb = text.length() >= 4 ? text.substring(0, 4).toUpperCase() : text.toUpperCase();
      switch (verb) {
        case "EHLO", "HELO" -> socket.write("250-uji.example\r\n250 8BITMIME\r\n");
        case "DATA" -> {
          inData[0] = true;
          socket.write("354 lanjut\r\n");
        }
        case "QUIT" -> socket.write("221 sampai jumpa\r\n").onComplete(v -> socket.close());
        default -> socket.write("250 OK\r\n");
      }
    });
    socket.handler(lines);
  }
}

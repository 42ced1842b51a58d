package id.go.bkn.epupns.mail;

import id.go.bkn.epupns.testing.FakeSmtp;
import id.go.bkn.epupns.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mail server down for a while with mail queued and more coming: nothing in the outbox is lost (every row
 * stays, unsent, with its attempts counted), and once the server is back every mail goes out exactly once, even
 * after several more sender rounds. (MailOutboxTest covers the retry schedule of one mail.)
 */
class SmtpOutageTest {

  static final int MAILS = 30;
  static FakeSmtp smtp;
  static TestService service;

  @BeforeAll
  static void start() {
    smtp = FakeSmtp.start();
    service = TestService.start(SmtpOutageTest.class, smtp.settings(), false);
  }

  @AfterAll
  static void stop() {
    service.close();
    smtp.close();
  }

  private long count(String where) {
    return service.sql("select count(*) from mail_outbox where " + where).iterator().next().getLong(0);
  }

  private void awaitCount(String where, long expected) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline && count(where) != expected) {
      Thread.sleep(200);
    }
    assertEquals(expected, count(where), where);
  }

  @Test
  void mailsQueuedWhileTheServerIsDownGoOutOnceEachWhenItIsBack() throws InterruptedException {
    service.sql("insert into mail_outbox (recipient, subject, body) values ('a@example.org', 'Sebelum', 'Terkirim.')");
    smtp.await("a@example.org", "Sebelum");
    smtp.down();
    for (int i = 0; i < MAILS; i++) {
      service.sql("insert into mail_outbox (recipient, subject, body) values ($1, $2, 'Isi surat.')",
          "pns" + i + "@example.org", "Antrean " + i);
      if (i == MAILS / 2) {
        Thread.sleep(1500);
      }
    }
    // Down: every mail is tried, fails, and stays.
    awaitCount("subject like 'Antrean %' and attempts >= 1 and sent_at is null", MAILS);
    assertEquals(1, smtp.messages().size(), "nothing delivered while down");

    smtp.up();
    service.sql("update mail_outbox set next_attempt_at = now() where sent_at is null");
    awaitCount("subject like 'Antrean %' and sent_at is not null", MAILS);
    // More rounds pass: nothing is sent twice.
    Thread.sleep(3000);
    Map<String, Integer> delivered = new TreeMap<>();
    smtp.messages().forEach(m -> delivered.merge(m.subject(), 1, Integer::sum));
    Map<String, Integer> expected = new HashMap<>();
    expected.put("Sebelum", 1);
    for (int i = 0; i < MAILS; i++) {
      expected.put("Antrean " + i, 1);
    }
    assertEquals(new TreeMap<>(expected), delivered, "each mail exactly once");
    assertEquals(MAILS + 1, count("sent_at is not null"), "every row kept and marked sent");
    List<Integer> attempts = service.sql("select attempts from mail_outbox where subject like 'Antrean %'").stream()
        .map(r -> r.getInteger(0)).toList();
    assertTrue(attempts.stream().allMatch(a -> a >= 2), "tried while down, sent after: " + attempts);
  }
}

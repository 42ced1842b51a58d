package id.go.bkn.epupns.mail;

import id.go.bkn.epupns.testing.FakeSmtp;
import id.go.bkn.epupns.testing.Poll;
import id.go.bkn.epupns.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mail server failing while mail is queued and more comes: nothing in the outbox is lost, and every mail goes
 * out once, also after several more sender rounds (counted by {@code epupns_mail_rounds}, not waited for). Down (the
 * port refuses): every row stays, unsent, with its attempts counted, and is delivered once when the server is back.
 * The connection dropped after a whole message but before its 250: the sender cannot know that it arrived, so it
 * sends it again: exactly one duplicate per drop, the only one SMTP cannot avoid (README "Mail"). A 451 (try later)
 * after the message: retried, delivered once. Retries wait {@code mail.retrySeconds} (1 s here) × 2^attempts;
 * {@code MailOutboxTest} covers the schedule of one mail at the default.
 */
class SmtpOutageTest {

  static final int MAILS = 30;
  static final Duration DEADLINE = Duration.ofSeconds(60);
  static FakeSmtp smtp;
  static TestService service;

  @BeforeAll
  static void start() {
    smtp = FakeSmtp.start();
    Map<String, String> settings = new HashMap<>(smtp.settings());
    settings.put("EPUPNS_MAIL_RETRY_SECONDS", "1");
    service = TestService.start(SmtpOutageTest.class, settings, false);
  }

  @AfterAll
  static void stop() {
    service.close();
    smtp.close();
  }

  private long count(String where) {
    return service.sql("select count(*) from mail_outbox where " + where).iterator().next().getLong(0);
  }

  private void awaitCount(String where, long expected) {
    Poll.until(expected + " mails " + where, DEADLINE, () -> count(where), n -> n == expected);
  }

  private static double rounds() {
    return service.running().registry().get("epupns_mail_rounds").counter().count();
  }

  /** Waits until the sender has finished this many more rounds (counted from the call). */
  private static void awaitRounds(int more) {
    double before = rounds();
    Poll.until(more + " more mail sender rounds after " + before, DEADLINE, SmtpOutageTest::rounds,
        n -> n >= before + more);
  }

  /** Copies the server received, by subject, of the subjects that start with the text. */
  private static Map<String, Integer> delivered(String prefix) {
    Map<String, Integer> delivered = new TreeMap<>();
    smtp.messages().stream().filter(m -> m.subject().startsWith(prefix))
        .forEach(m -> delivered.merge(m.subject(), 1, Integer::sum));
    return delivered;
  }

  private void queue(String recipient, String subject) {
    service.sql("insert into mail_outbox (recipient, subject, body) values ($1, $2, 'Isi surat.')", recipient, subject);
  }

  @Test
  void mailsQueuedWhileTheServerIsDownGoOutOnceEachWhenItIsBack() {
    queue("a@example.org", "Antrean sebelum");
    smtp.await("a@example.org", "Antrean sebelum");
    smtp.down();
    try {
      for (int i = 0; i < MAILS; i++) {
        queue("pns" + i + "@example.org", "Antrean " + i);
        if (i == MAILS / 2) {
          // Half of them queued before a failing round, half after it.
          awaitRounds(1);
        }
      }
      // Down: every mail is tried, fails, and stays.
      awaitCount("subject like 'Antrean %' and subject <> 'Antrean sebelum' and attempts >= 1 and sent_at is null",
          MAILS);
      assertEquals(Map.of("Antrean sebelum", 1), delivered("Antrean "), "nothing delivered while down");
    } finally {
      smtp.up();
    }
    awaitCount("subject like 'Antrean %' and sent_at is not null", MAILS + 1);
    // More rounds pass: nothing is sent twice.
    awaitRounds(2);
    Map<String, Integer> expected = new TreeMap<>();
    expected.put("Antrean sebelum", 1);
    for (int i = 0; i < MAILS; i++) {
      expected.put("Antrean " + i, 1);
    }
    assertEquals(expected, delivered("Antrean "), "each mail exactly once");
    List<Integer> attempts = service.sql("select attempts from mail_outbox where subject like 'Antrean %'"
        + " and subject <> 'Antrean sebelum'").stream().map(r -> r.getInteger(0)).toList();
    assertTrue(attempts.stream().allMatch(a -> a >= 2), "tried while down, sent after: " + attempts);
  }

  @Test
  void aConnectionDroppedAfterTheMessageCostsOneDuplicateAndNothingElse() {
    smtp.dropAfterData(1);
    for (int i = 0; i < 5; i++) {
      queue("putus" + i + "@example.org", "Putus " + i);
    }
    awaitCount("subject like 'Putus %' and sent_at is not null", 5);
    awaitRounds(2);
    Map<String, Integer> copies = delivered("Putus ");
    assertEquals(5, copies.size(), "every mail arrived: " + copies);
    assertEquals(6, copies.values().stream().mapToInt(Integer::intValue).sum(),
        "one duplicate, of the mail whose 250 was lost: " + copies);
    assertEquals(1, copies.values().stream().filter(n -> n == 2).count(), copies.toString());
    // The one whose connection dropped was tried twice; its copies are the mail it is (one row, sent once).
    String twice = copies.entrySet().stream().filter(e -> e.getValue() == 2).findFirst().orElseThrow().getKey();
    assertEquals(1, count("subject = '" + twice + "' and attempts = 2 and sent_at is not null"), twice);
  }

  @Test
  void aTemporaryRefusalIsRetriedAndDeliveredOnce() {
    smtp.refuseWith451(1);
    queue("tunda@example.org", "Tunda 451");
    awaitCount("subject = 'Tunda 451' and sent_at is not null", 1);
    awaitRounds(1);
    assertEquals(Map.of("Tunda 451", 1), delivered("Tunda "), "refused once, then delivered once");
    assertEquals(1, count("subject = 'Tunda 451' and attempts = 2"), "the refusal counted as one failed attempt");
  }
}

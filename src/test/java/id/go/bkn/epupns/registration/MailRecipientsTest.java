package id.go.bkn.epupns.registration;

import id.go.bkn.epupns.testing.FakeSmtp;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.SapkFixture.Person;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which address gets which mail, as the README's table "Mail: who gets what" says: a PNS whose SAPK
 * record holds another address than the one registered goes through every flow that mails, and after
 * each the new outbox rows must be exactly what the table promises: the full mail to the registered
 * address, and to the SAPK address nothing, or only the security notice without personal data.
 */
class MailRecipientsTest {

  static RegistrationSteps steps;
  static TestService service;
  static SapkFixture sapk;
  static FakeSmtp smtp;
  static String adminToken;

  @BeforeAll
  static void start() {
    // The reset link's token reaches only the SMTP server (never the outbox text): read it there.
    steps = RegistrationSteps.withMail(MailRecipientsTest.class, Map.of(
        "EPUPNS_RATE_LIMIT_RECOVERY_PER_IP", "100000",
        "EPUPNS_RATE_LIMIT_RECOVERY_PER_NIP", "1000"));
    service = steps.service();
    sapk = steps.sapk();
    smtp = steps.smtp();
    Person admin = sapk.officer("ADMIN_INSTANSI", SapkFixture.SATKER_BKN);
    adminToken = steps.login(admin.nip(), SapkFixture.OFFICER_PASSWORD).bodyAsJsonObject().getString("token");
  }

  @AfterAll
  static void stop() {
    steps.close();
  }

  /** One row of the README table: subject start, to the registered address, and what the SAPK address gets. */
  record Rule(String subject, boolean registered, boolean sapkNotice) {
  }

  private static Map<String, Rule> readmeRules() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("README.md"));
    int i = 0;
    while (i < lines.size() && !lines.get(i).startsWith("| mail | subject |")) {
      i++;
    }
    assertTrue(i < lines.size(), "README has the table \"| mail | subject | ...\"");
    Map<String, Rule> rules = new LinkedHashMap<>();
    for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String[] cells = lines.get(i).substring(1, lines.get(i).length() - 1).split("\\|");
      String subject = cells[1].replace("`", "").replace("…", "").trim();
      String sapkCell = cells[3].trim();
      assertTrue(sapkCell.equals("no") || sapkCell.equals("security notice"), lines.get(i));
      rules.put(cells[0].trim(), new Rule(subject, cells[2].trim().equals("yes"), sapkCell.equals("security notice")));
    }
    return rules;
  }

  private long lastMail() {
    return service.sql("select coalesce(max(id), 0) from mail_outbox").iterator().next().getLong(0);
  }

  /** The mails queued since `after` are exactly what the README's rule for this mail says. */
  private void assertMails(Map<String, Rule> rules, String mail, long after, Person pns, String registered,
                           String sapkEmail, String number) {
    Rule rule = rules.get(mail);
    assertNotNull(rule, "README lists the mail \"" + mail + "\": " + rules.keySet());
    List<Row> rows = new ArrayList<>();
    service.sql("select recipient, subject, body from mail_outbox where id > $1 order by id", after).forEach(rows::add);
    long toRegistered = rows.stream().filter(r -> r.getString("recipient").equals(registered)
        && r.getString("subject").startsWith(rule.subject())).count();
    assertEquals(rule.registered() ? 1 : 0, toRegistered, mail + " to the registered address: " + rows);
    List<Row> toSapk = rows.stream().filter(r -> r.getString("recipient").equals(sapkEmail)).toList();
    assertEquals(rule.sapkNotice() ? 1 : 0, toSapk.size(), mail + " to the SAPK address: " + rows);
    for (Row notice : toSapk) {
      assertEquals(SecurityNotice.SUBJECT, notice.getString("subject"));
      String body = notice.getString("body");
      for (String personal : new String[] {pns.nip(), pns.nama(), number, registered}) {
        assertFalse(body.contains(personal), "no personal data in the notice (" + personal + "): " + body);
      }
    }
    assertEquals(rows.size(), toRegistered + toSapk.size(), "no other mail: " + rows);
  }

  private JsonObject captcha() {
    return steps.solvedCaptcha();
  }

  private HttpResponse<Buffer> decide(String nip, String decision, JsonObject body) {
    return service.post("/api/admin/registrations/" + nip + "/" + decision, body, adminToken);
  }

  @Test
  void everyMailGoesToTheRegisteredAddressAndTheSapkAddressGetsOnlySecurityNotices() throws IOException {
    Map<String, Rule> rules = readmeRules();
    Person pns = sapk.pns(SapkFixture.SATKER_BKN, true);
    String sapkEmail = "sapk." + pns.nip() + "@example.org";
    service.sql("update pns set email = $2 where nip = $1", pns.nip(), sapkEmail);
    String registered = RegistrationSteps.email(pns);

    long before = lastMail();
    String number = steps.registered(pns).getString("registrationNumber");
    assertMails(rules, "registration confirmation", before, pns, registered, sapkEmail, number);

    before = lastMail();
    assertEquals(200, decide(pns.nip(), "approve", null).statusCode());
    assertMails(rules, "registration approved", before, pns, registered, sapkEmail, number);

    before = lastMail();
    assertEquals(200, decide(pns.nip(), "undo-approve", null).statusCode());
    assertMails(rules, "approval undone", before, pns, registered, sapkEmail, number);

    before = lastMail();
    assertEquals(200, service.post("/api/recovery/registration-number", new JsonObject().put("nip", pns.nip())
        .put("answer", RegistrationSteps.ANSWER).mergeIn(captcha())).statusCode());
    assertMails(rules, "registration number shown", before, pns, registered, sapkEmail, number);

    before = lastMail();
    assertEquals(200, service.post("/api/recovery/security-answer", new JsonObject().put("nip", pns.nip())
        .put("motherName", RegistrationSteps.MOTHER).mergeIn(captcha())).statusCode());
    assertMails(rules, "security answer shown", before, pns, registered, sapkEmail, number);

    before = lastMail();
    assertEquals(202, service.post("/api/recovery/password-reset", new JsonObject().put("nip", pns.nip())
        .mergeIn(captcha())).statusCode());
    assertMails(rules, "password reset link", before, pns, registered, sapkEmail, number);
    String link = smtp.await(m -> m.recipients().contains(registered) && m.text().contains("reset-sandi.html?token="),
        "with a reset link").text();
    Matcher token = Pattern.compile("token=([A-Za-z0-9_-]{43})").matcher(link);
    assertTrue(token.find(), link);

    before = lastMail();
    String password = "rujak cireng di alun-alun";
    assertEquals(200, service.post("/api/recovery/password-reset/confirm", new JsonObject().put("token", token.group(1))
        .put("password", password).put("passwordConfirmation", password)).statusCode());
    assertMails(rules, "password changed", before, pns, registered, sapkEmail, number);

    before = lastMail();
    assertEquals(200, decide(pns.nip(), "reset", new JsonObject().put("reason", "Didaftarkan orang lain.")).statusCode());
    assertMails(rules, "registration reset", before, pns, registered, sapkEmail, number);

    // Registered again (another confirmation, another notice), then rejected.
    String again = steps.registered(pns).getString("registrationNumber");
    before = lastMail();
    assertEquals(200, decide(pns.nip(), "reject", new JsonObject().put("reason", "Tanda bukti tidak diserahkan."))
        .statusCode());
    assertMails(rules, "registration rejected", before, pns, registered, sapkEmail, again);

    // The same address in SAPK (in another case) gets each mail once, and no notice.
    Person same = sapk.pns(SapkFixture.SATKER_BKN, false);
    service.sql("update pns set email = $2 where nip = $1", same.nip(), " " + RegistrationSteps.email(same).toUpperCase());
    before = lastMail();
    steps.registered(same);
    assertEquals(1L, service.sql("select count(*) from mail_outbox where id > $1", before).iterator().next().getLong(0));
  }
}

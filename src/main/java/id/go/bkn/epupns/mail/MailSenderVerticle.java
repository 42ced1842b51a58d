package id.go.bkn.epupns.mail;

import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.database.Database;
import id.go.bkn.epupns.core.database.DatabaseSettings;
import id.go.bkn.epupns.core.logging.LogText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Delivers the mail outbox. Rows are claimed with SKIP LOCKED so several instances can run;
 * a failed delivery is retried with growing delays up to mail.maxAttempts. Without an SMTP host
 * the mail is written to the log and stays readable in the table. A mail's secret (a reset link's
 * token, see {@link MailOutbox#enqueueWithSecret}) is opened only to hand the mail to SMTP; it is
 * erased once sent or given up, and never logged: without SMTP it is not delivered at all.
 */
public final class MailSenderVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(MailSenderVerticle.class);
  private static final int BATCH = 50;

  private static final String CLAIM_DUE = """
      select id, recipient, subject, body, attempts, secret_enc from mail_outbox
       where sent_at is null and next_attempt_at <= now() and attempts < $1
       order by id
       limit $2
       for update skip locked""";
  private static final String MARK_SENT =
      "update mail_outbox set sent_at = now(), attempts = attempts + 1, last_error = $2, secret_enc = null where id = $1";
  // The last attempt also erases the secret: a mail given up is never sent, so nobody needs it. Delays of
  // mail.retrySeconds × 2^(attempts so far), at most an hour: with 30 s and 8 attempts a mail is given up about
  // 64 min after its first failure, whatever the failure (a refused connection counts like a 4xx).
  private static final String MARK_FAILED = """
      update mail_outbox set attempts = attempts + 1, last_error = $2,
             next_attempt_at = now() + make_interval(secs => least(3600, $4 * power(2, attempts))),
             secret_enc = case when attempts + 1 >= $3 then null else secret_enc end
       where id = $1""";
  private static final String NOT_LOGGED = "[tautan rahasia: tidak dicatat di log, hanya dikirim lewat SMTP]";

  private final AppConfig config;
  private final MailSecrets secrets;
  /** Rounds finished (delivered, failed or nothing due): how a test knows that more rounds have passed. */
  private final Counter rounds;
  private Pool pool;
  private MailClient mail;
  private long timer;
  private boolean running;

  public MailSenderVerticle(AppConfig config, MeterRegistry registry) {
    this.config = config;
    this.secrets = new MailSecrets(config.string("secrets.dataKey"));
    this.rounds = Counter.builder("epupns_mail_rounds").description("Rounds of the mail sender finished")
        .register(registry);
  }

  @Override
  public Future<?> start() {
    pool = Database.pool(vertx, DatabaseSettings.from(config));
    String host = config.string("mail.smtpHost");
    if (host != null && !host.isBlank()) {
      MailConfig mailConfig = new MailConfig()
          .setHostname(host)
          .setPort(config.integer("mail.smtpPort"))
          .setStarttls(config.bool("mail.startTls") ? StartTLSOptions.REQUIRED : StartTLSOptions.OPTIONAL);
      if (!config.string("mail.smtpUsername").isBlank()) {
        mailConfig.setUsername(config.string("mail.smtpUsername")).setPassword(config.string("mail.smtpPassword"));
      }
      mail = MailClient.createShared(vertx, mailConfig, "epupns-mail");
    } else {
      LOG.warn("mail.smtpHost is empty: mails are only written to the log and kept in mail_outbox");
    }
    timer = vertx.setPeriodic(config.integer("mail.pollSeconds") * 1000L, id -> deliverDue());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  /** Delivers what is due; public so that tests can trigger a round without waiting. */
  public Future<Integer> deliverDue() {
    if (running) {
      return Future.succeededFuture(0);
    }
    running = true;
    return pool.withTransaction(tx -> tx.preparedQuery(CLAIM_DUE)
            .execute(Tuple.of(config.integer("mail.maxAttempts"), BATCH))
            .compose(rows -> {
              List<Future<Void>> deliveries = new ArrayList<>();
              for (Row row : rows) {
                deliveries.add(deliver(row)
                    .compose(note -> tx.preparedQuery(MARK_SENT).execute(Tuple.of(row.getLong("id"), note)))
                    .recover(e -> tx.preparedQuery(MARK_FAILED)
                        .execute(Tuple.of(row.getLong("id"), String.valueOf(e.getMessage()),
                            config.integer("mail.maxAttempts"), config.integer("mail.retrySeconds"))))
                    .mapEmpty());
              }
              return Future.join(deliveries).map(all -> deliveries.size());
            }))
        .onFailure(e -> LOG.warn("mail round failed: {}", e.getMessage()))
        .eventually(() -> {
          running = false;
          rounds.increment();
          return Future.succeededFuture();
        });
  }

  private Future<String> deliver(Row row) {
    String to = row.getString("recipient");
    String body = row.getString("body");
    Buffer sealed = row.getBuffer("secret_enc");
    if (mail == null) {
      LOG.atInfo().addKeyValue("to", LogText.oneLine(to)).addKeyValue("subject", LogText.oneLine(row.getString("subject")))
          .log("mail (no SMTP configured): {}", LogText.oneLine(body.replace(MailOutbox.SECRET, NOT_LOGGED)));
      return Future.succeededFuture(sealed == null ? "no SMTP configured: logged only"
          : "no SMTP configured: logged without its secret, which is erased");
    }
    if (body.contains(MailOutbox.SECRET)) {
      if (sealed == null) {
        return Future.failedFuture(new IllegalStateException("the mail's secret is gone"));
      }
      try {
        body = body.replace(MailOutbox.SECRET, secrets.open(sealed.getBytes(), to));
      } catch (IllegalStateException e) {
        return Future.failedFuture(e);
      }
    }
    MailMessage message = new MailMessage()
        .setFrom(config.string("mail.from"))
        .setTo(to)
        .setSubject(row.getString("subject"))
        .setText(body);
    return mail.sendMail(message).map(r -> (String) null);
  }
}

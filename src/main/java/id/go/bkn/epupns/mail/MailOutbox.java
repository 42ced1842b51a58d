package id.go.bkn.epupns.mail;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.List;

/**
 * Queues a mail in the outbox. Call it with the transaction's connection so that the mail exists
 * exactly when the change it reports was committed; {@link MailSenderVerticle} delivers it.
 */
public final class MailOutbox {

  /** Where the secret goes in the text of a mail queued with {@link #enqueueWithSecret}. */
  public static final String SECRET = "{{rahasia}}";

  private static final String INSERT =
      "insert into mail_outbox (recipient, subject, body, secret_enc) values ($1, $2, $3, $4)";

  private MailOutbox() {
  }

  public static Future<Void> enqueue(SqlClient tx, String recipient, String subject, String body) {
    return tx.preparedQuery(INSERT).execute(Tuple.of(recipient, subject, body, null)).mapEmpty();
  }

  /**
   * A mail carrying a secret (a password-reset token): the text holds {@link #SECRET} in its place,
   * the secret is stored sealed ({@link MailSecrets}), filled in only when the mail is handed to SMTP
   * and erased once sent. Neither the table nor the log ever holds it readable.
   */
  public static Future<Void> enqueueWithSecret(SqlClient tx, MailSecrets secrets, String recipient, String subject,
                                               String body, String secret) {
    if (!body.contains(SECRET)) {
      throw new IllegalArgumentException("the mail text has no place for its secret");
    }
    return tx.preparedQuery(INSERT)
        .execute(Tuple.of(recipient, subject, body, Buffer.buffer(secrets.seal(secret, recipient)))).mapEmpty();
  }

  /** One mail of many (for {@link #enqueueAll}). */
  public record Message(String recipient, String subject, String body) {
  }

  /** Queues many mails in one batch (one round trip), in the caller's transaction. */
  public static Future<Void> enqueueAll(SqlClient tx, List<Message> messages) {
    if (messages.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(INSERT)
        .executeBatch(messages.stream().map(m -> Tuple.of(m.recipient(), m.subject(), m.body(), null)).toList())
        .mapEmpty();
  }
}

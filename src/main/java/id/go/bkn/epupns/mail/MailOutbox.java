package id.go.bkn.epupns.mail;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.List;

/**
 * Queues a mail in the outbox. Call it with the transaction's connection so that the mail exists
 * exactly when the change it reports was committed; {@link MailSenderVerticle} delivers it.
 */
public final class MailOutbox {

  private static final String INSERT =
      "insert into mail_outbox (recipient, subject, body) values ($1, $2, $3)";

  private MailOutbox() {
  }

  public static Future<Void> enqueue(SqlClient tx, String recipient, String subject, String body) {
    return tx.preparedQuery(INSERT).execute(Tuple.of(recipient, subject, body)).mapEmpty();
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
        .executeBatch(messages.stream().map(m -> Tuple.of(m.recipient(), m.subject(), m.body())).toList())
        .mapEmpty();
  }
}

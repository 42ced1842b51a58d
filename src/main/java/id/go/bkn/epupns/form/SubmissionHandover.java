package id.go.bkn.epupns.form;

import id.go.bkn.epupns.sapk.Placement;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;

import java.util.List;

/**
 * What the form feature sees of verification: it hands a submitted form over with one call inside
 * its own transaction (the way {@code MailOutbox.enqueue(tx, ...)} works), and shows each item's
 * progress with verification's SQL and routing. Verification owns the submission tables.
 */
public interface SubmissionHandover {

  /** One change of the PNS: a field, a history row's field, a row to add or remove. */
  record Item(String section, String field, String rowRef, Action action, String label, Object sapkValue,
              Object correctedValue, List<Long> documents) {
  }

  /** A submitted form: whose, where the PNS sits (the inboxes' scope), and exactly its changes. */
  record Submission(String nip, Placement placement, List<Item> items) {
  }

  /**
   * Stores the submission and its items, each routed (its final authority fixed now) and pending at
   * the first tier; with no items it is completed at once. Runs on the caller's transaction; fails
   * with {@code ALREADY_SUBMITTED} (409) when the PNS has a submission already.
   */
  Future<Long> submit(SqlClient tx, Submission submission);

  /**
   * A scalar subquery (the NIP is {@code $1}) giving the PNS's submitted items as a jsonb array of
   * {section, field, row, finalAuthority, status, decisions}, for the form's one-round-trip read.
   */
  String formItemsSql();

  /** Each tier's state of one item of {@link #formItemsSql()}: {SKPD: {status, reason?, decidedAt?}, ...}. */
  JsonObject tiers(JsonObject item);
}

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

  /** A submitted form: whose (NIP and name), where the PNS sits (the inboxes' scope), and exactly its changes. */
  record Submission(String nip, String nama, Placement placement, List<Item> items) {
  }

  /** An item a verifier returned to the PNS: its key in the form and why. */
  record Returned(long id, String section, String field, String rowRef, String reason, String tier) {
  }

  /**
   * Stores the submission and its items, each routed (its final authority fixed now) and pending at
   * the first tier; with no items it is completed at once. Runs on the caller's transaction; fails
   * with {@code ALREADY_SUBMITTED} (409) when the PNS has a submission already.
   */
  Future<Long> submit(SqlClient tx, Submission submission);

  /**
   * Submits the returned items again: each of {@code items} that matches a returned item (same
   * section, field, row) replaces its correction and documents and enters a new round at the first
   * tier; a returned item with no matching change is withdrawn (the PNS now confirms SAPK's value).
   * Fails with 409 NOTHING_RETURNED when no item is returned. Runs on the caller's transaction.
   */
  Future<Integer> resubmit(SqlClient tx, String nip, List<Item> items);

  /**
   * A scalar subquery (the NIP is {@code $1}) giving the PNS's submitted items as a jsonb array of
   * {id, section, field, row, finalAuthority, status, decisions, returned: {reason, tier}?}, for the
   * form's one-round-trip read (a RETURNED item is the one part of a submitted form the PNS may edit).
   */
  String formItemsSql();

  /** Each tier's state of one item of {@link #formItemsSql()}: {SKPD: {status, reason?, decidedAt?}, ...}. */
  JsonObject tiers(JsonObject item);
}

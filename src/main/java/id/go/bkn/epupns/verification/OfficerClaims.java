package id.go.bkn.epupns.verification;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * What verification lets the administration do about an officer's work in flight: release every
 * claim the officer holds (when it is removed or disabled), in the caller's transaction, so its
 * submissions go back to the inbox for the other verifiers at once instead of when the lease ends.
 */
public final class OfficerClaims {

  private static final String RELEASE_ALL = """
      update submission_tier set claimed_by = null, claim_expires_at = null where claimed_by = $1""";

  private OfficerClaims() {
  }

  /** The number of claims released. */
  public static Future<Integer> releaseAllOf(SqlClient tx, String officerNip) {
    return tx.preparedQuery(RELEASE_ALL).execute(Tuple.of(officerNip)).map(rows -> rows.rowCount());
  }
}

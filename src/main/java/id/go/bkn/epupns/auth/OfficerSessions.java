package id.go.bkn.epupns.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * Ends every open session of an officer account, in the caller's transaction: when the account is
 * removed or disabled its refresh tokens stop at once (its access tokens stop through the token
 * version the caller bumps in the same transaction, which {@link AuthGuard} checks on every request).
 */
public final class OfficerSessions {

  private static final String END_ALL = """
      update auth_session set ended_at = now(), end_reason = 'ACCOUNT_ENDED'
       where officer_id = (select id from officer where nip = $1) and ended_at is null""";

  private OfficerSessions() {
  }

  /** The number of sessions ended. */
  public static Future<Integer> endAll(SqlClient tx, String officerNip) {
    return tx.preparedQuery(END_ALL).execute(Tuple.of(officerNip)).map(rows -> rows.rowCount());
  }
}

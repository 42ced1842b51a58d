package id.go.bkn.epupns.audit;

import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.auth.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The one writer of the audit log of officers' actions (table admin_audit): every feature records
 * its officers' actions here, inside its own transaction, so an action and its entry commit together.
 * Domain histories (registration_decision, verification decisions, sapk_change) stay where they are;
 * this log is the one place to read who did what to the administration of the campaign.
 */
public final class AuditLog {

  /** What was done. Stored by name; readers filter by it. */
  public enum Action {
    OFFICER_CREATE, OFFICER_UPDATE, OFFICER_DISABLE, OFFICER_ENABLE, OFFICER_REMOVE, OFFICER_PASSWORD_SET,
    APPROVAL_SWITCH,
    REGISTRATION_APPROVE, REGISTRATION_REJECT, REGISTRATION_RESET, REGISTRATION_UNDO_APPROVE,
    ROUTE_CHANGE,
    SCHEDULE_CHANGE, AGENCY_WINDOW_SET, AGENCY_WINDOW_CLEAR,
    REFERENCE_ADD, REFERENCE_EDIT, REFERENCE_RETIRE, REFERENCE_RESTORE, REFERENCE_IMPORT,
    COMPLAINT_ASSIGN, COMPLAINT_HANDLE;

    /** The action of a name, or null. */
    public static Action of(String name) {
      for (Action a : values()) {
        if (a.name().equals(name)) {
          return a;
        }
      }
      return null;
    }
  }

  /** Who acted: an officer (NIP and role) or the command-line tool (neither). */
  public record Actor(String nip, Role role) {

    public static final Actor COMMAND_LINE = new Actor(null, null);

    public static Actor of(Caller caller) {
      return new Actor(caller.nip(), caller.role());
    }

    /** The stored actor_role: the role's name, COMMAND_LINE for the tools. */
    String storedRole() {
      return role == null ? "COMMAND_LINE" : role.name();
    }
  }

  static final String INSERT = """
      insert into admin_audit (actor_nip, actor_role, action, target, instansi_id, details)
      values ($1, $2, $3, $4, $5, $6)""";
  private static final String INSERT_JDBC = """
      insert into admin_audit (actor_nip, actor_role, action, target, instansi_id, details)
      values (?, ?, ?, ?, ?, ?::jsonb)""";

  private AuditLog() {
  }

  /**
   * Records an action in the caller's transaction. {@code target}: what it was done to (an officer's
   * NIP, an agency id, a route, a window); {@code instansiId}: the agency it concerns (its admins
   * read it), null for national actions.
   */
  public static Future<Void> record(SqlClient tx, Actor actor, Action action, String target, Integer instansiId,
                                    JsonObject details) {
    return tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] {actor.nip(), actor.storedRole(), action.name(), target,
        instansiId, details == null ? new JsonObject() : details})).mapEmpty();
  }

  public static Future<Void> record(SqlClient tx, Caller caller, Action action, String target, Integer instansiId,
                                    JsonObject details) {
    return record(tx, Actor.of(caller), action, target, instansiId, details);
  }

  /** The same for the command-line tools (JDBC, their own transaction). */
  public static void record(Connection c, Actor actor, Action action, String target, Integer instansiId,
                            JsonObject details) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT_JDBC)) {
      s.setString(1, actor.nip());
      s.setString(2, actor.storedRole());
      s.setString(3, action.name());
      s.setString(4, target);
      if (instansiId == null) {
        s.setNull(5, Types.INTEGER);
      } else {
        s.setInt(5, instansiId);
      }
      s.setString(6, (details == null ? new JsonObject() : details).encode());
      s.executeUpdate();
    }
  }
}

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

  /** What was done. Stored by name; readers filter by it; the pages show its label. */
  public enum Action {
    OFFICER_CREATE("Petugas diangkat"), OFFICER_UPDATE("Peran petugas diubah"), OFFICER_DISABLE("Petugas dinonaktifkan"),
    OFFICER_ENABLE("Petugas diaktifkan"), OFFICER_REMOVE("Petugas diberhentikan"),
    OFFICER_PASSWORD_SET("Kata sandi petugas dibuat"),
    APPROVAL_SWITCH("Pengaturan persetujuan instansi"),
    REGISTRATION_APPROVE("Pendaftaran disetujui"), REGISTRATION_REJECT("Pendaftaran ditolak"),
    REGISTRATION_RESET("Pendaftaran di-reset"), REGISTRATION_UNDO_APPROVE("Persetujuan pendaftaran dibatalkan"),
    ROUTE_CHANGE("Tabel rute diubah"),
    SCHEDULE_CHANGE("Jadwal diubah"), AGENCY_WINDOW_SET("Jadwal khusus ditetapkan"), AGENCY_WINDOW_CLEAR("Jadwal khusus dihapus"),
    REFERENCE_ADD("Referensi ditambah"), REFERENCE_EDIT("Referensi diubah"), REFERENCE_RETIRE("Referensi dinonaktifkan"),
    REFERENCE_RESTORE("Referensi diaktifkan kembali"), REFERENCE_IMPORT("Referensi diimpor"),
    COMPLAINT_ASSIGN("Pengaduan ditugaskan"), COMPLAINT_HANDLE("Pengaduan selesai ditangani");

    private final String label;

    Action(String label) {
      this.label = label;
    }

    /** For the pages, in Bahasa Indonesia. */
    public String label() {
      return label;
    }

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

  /**
   * The key of {@code details} under which a writer may give the target's name as the pages show it
   * ("Sekolah: SD Negeri 1 Bandung"), where only it knows the name; the reader names the rest itself.
   */
  public static final String TARGET_NAME = "targetNama";

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

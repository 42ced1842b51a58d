package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.audit.AuditLog;
import id.go.bkn.epupns.auth.Role;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Work-unit verifiers made in bulk for load tests (the loadtest-prepare command), sharing one
 * precomputed password hash; recorded in the audit log ({@link AuditLog}) like the command-line officer tool.
 */
public final class BulkOfficers {

  private static final String INSERT = """
      insert into officer (nip, nama, role, satuan_kerja_id, password_hash)
      select nip, nama, ?, ?, ? from pns where nip = ?
      on conflict (nip) do nothing
      returning (select instansi_id from satuan_kerja where id = satuan_kerja_id)""";

  private BulkOfficers() {
  }

  /** One verifier to appoint: a PNS of SAPK and the work unit it verifies. */
  public record Verifier(String nip, int satuanKerjaId) {
  }

  /** Appoints each verifier in the caller's transaction; returns how many were new. */
  public static int insertVerifiers(Connection c, List<Verifier> verifiers, String passwordHash) throws SQLException {
    int created = 0;
    JsonObject details = new JsonObject().put("role", Role.VERIFIER_SKPD.name()).put("loadTest", true);
    try (PreparedStatement insert = c.prepareStatement(INSERT)) {
      for (Verifier verifier : verifiers) {
        insert.setString(1, Role.VERIFIER_SKPD.name());
        insert.setInt(2, verifier.satuanKerjaId());
        insert.setString(3, passwordHash);
        insert.setString(4, verifier.nip());
        try (ResultSet rs = insert.executeQuery()) {
          if (rs.next()) {
            created++;
            AuditLog.record(c, AuditLog.Actor.COMMAND_LINE, AuditLog.Action.OFFICER_CREATE, verifier.nip(),
                (Integer) rs.getObject(1), details);
          }
        }
      }
    }
    return created;
  }
}

package id.go.bkn.epupns.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Work-unit verifiers made in bulk for load tests (the loadtest-prepare command), sharing one
 * precomputed password hash; recorded in admin_audit like the command-line officer tool.
 */
public final class BulkOfficers {

  private static final String INSERT = """
      insert into officer (nip, nama, role, satuan_kerja_id, password_hash)
      select nip, nama, 'VERIFIER_SKPD', ?, ? from pns where nip = ?
      on conflict (nip) do nothing""";
  private static final String AUDIT = """
      insert into admin_audit (actor_nip, actor_role, action, target, details)
      values (null, 'COMMAND_LINE', 'OFFICER_CREATE', ?, '{"role":"VERIFIER_SKPD","loadTest":true}'::jsonb)""";

  private BulkOfficers() {
  }

  /** One verifier to appoint: a PNS of SAPK and the work unit it verifies. */
  public record Verifier(String nip, int satuanKerjaId) {
  }

  /** Appoints each verifier in the caller's transaction; returns how many were new. */
  public static int insertVerifiers(Connection c, List<Verifier> verifiers, String passwordHash) throws SQLException {
    int created = 0;
    try (PreparedStatement insert = c.prepareStatement(INSERT); PreparedStatement audit = c.prepareStatement(AUDIT)) {
      for (Verifier verifier : verifiers) {
        insert.setInt(1, verifier.satuanKerjaId());
        insert.setString(2, passwordHash);
        insert.setString(3, verifier.nip());
        if (insert.executeUpdate() == 1) {
          created++;
          audit.setString(1, verifier.nip());
          audit.executeUpdate();
        }
      }
    }
    return created;
  }
}

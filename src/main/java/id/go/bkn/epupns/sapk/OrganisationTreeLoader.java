package id.go.bkn.epupns.sapk;

import id.go.bkn.epupns.sapk.OrganisationTree.Instansi;
import id.go.bkn.epupns.sapk.OrganisationTree.Kanreg;
import id.go.bkn.epupns.sapk.OrganisationTree.SatuanKerja;
import id.go.bkn.epupns.sapk.OrganisationTree.UnitOrganisasi;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes the organisation tree ({@link OrganisationTree}) into PostgreSQL: idempotent upserts
 * (COPY into a temporary table, then insert ... on conflict do update), so loading it again
 * changes nothing and a later full import keeps the ids of a demo load. An agency's
 * {@code approval_required} is the bureau's own setting and is never overwritten. Blocking JDBC.
 */
final class OrganisationTreeLoader {

  private OrganisationTreeLoader() {
  }

  /** Loads every Kanreg and agency, and the work units and units of the given agencies (null = all). */
  static void load(Connection c, Set<Integer> withUnitsOf) throws SQLException {
    OrganisationTree tree = OrganisationTree.get();
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.execute("""
          create temporary table if not exists sapk_tree_kanreg (like kanreg) on commit drop;
          create temporary table if not exists sapk_tree_instansi (like instansi) on commit drop;
          create temporary table if not exists sapk_tree_satuan_kerja (like satuan_kerja) on commit drop;
          create temporary table if not exists sapk_tree_unit (like unit_organisasi) on commit drop;
          """);
      copy(c, "sapk_tree_kanreg (id, kode, nama, kota)", tree.kanreg(),
          (Kanreg k) -> new Object[] {k.id(), k.kode(), k.nama(), k.kota()});
      copy(c, "sapk_tree_instansi (id, kode, nama, jenis, provinsi_kode, kanreg_id, approval_required)", tree.instansi(),
          (Instansi i) -> new Object[] {i.id(), i.kode(), i.nama(), i.jenis().name(), i.provinsiKode(), i.kanregId(), true});
      List<SatuanKerja> satker = tree.satuanKerja().stream()
          .filter(s -> withUnitsOf == null || withUnitsOf.contains(s.instansiId())).toList();
      copy(c, "sapk_tree_satuan_kerja (id, instansi_id, nama, lokasi)", satker,
          (SatuanKerja s) -> new Object[] {s.id(), s.instansiId(), s.nama(), s.lokasi()});
      List<UnitOrganisasi> units = tree.unitOrganisasi().stream()
          .filter(u -> withUnitsOf == null || withUnitsOf.contains(tree.satuanKerja(u.satuanKerjaId()).instansiId()))
          .toList();
      copy(c, "sapk_tree_unit (id, satuan_kerja_id, parent_id, eselon, nama)", units,
          (UnitOrganisasi u) -> new Object[] {u.id(), u.satuanKerjaId(), u.parentId(), u.eselon(), u.nama()});
      st.execute("""
          insert into kanreg (id, kode, nama, kota) select id, kode, nama, kota from sapk_tree_kanreg
          on conflict (id) do update set kode = excluded.kode, nama = excluded.nama, kota = excluded.kota
          where (kanreg.kode, kanreg.nama, kanreg.kota) is distinct from (excluded.kode, excluded.nama, excluded.kota);

          insert into instansi (id, kode, nama, jenis, provinsi_kode, kanreg_id)
          select id, kode, nama, jenis, provinsi_kode, kanreg_id from sapk_tree_instansi
          on conflict (id) do update set kode = excluded.kode, nama = excluded.nama, jenis = excluded.jenis,
            provinsi_kode = excluded.provinsi_kode, kanreg_id = excluded.kanreg_id
          where (instansi.kode, instansi.nama, instansi.jenis, instansi.provinsi_kode, instansi.kanreg_id)
            is distinct from (excluded.kode, excluded.nama, excluded.jenis, excluded.provinsi_kode, excluded.kanreg_id);

          insert into satuan_kerja (id, instansi_id, nama, lokasi)
          select id, instansi_id, nama, lokasi from sapk_tree_satuan_kerja
          on conflict (id) do update set instansi_id = excluded.instansi_id, nama = excluded.nama, lokasi = excluded.lokasi
          where (satuan_kerja.instansi_id, satuan_kerja.nama, satuan_kerja.lokasi)
            is distinct from (excluded.instansi_id, excluded.nama, excluded.lokasi);

          insert into unit_organisasi (id, satuan_kerja_id, parent_id, eselon, nama)
          select id, satuan_kerja_id, parent_id, eselon, nama from sapk_tree_unit
          on conflict (id) do update set satuan_kerja_id = excluded.satuan_kerja_id, parent_id = excluded.parent_id,
            eselon = excluded.eselon, nama = excluded.nama
          where (unit_organisasi.satuan_kerja_id, unit_organisasi.parent_id, unit_organisasi.eselon, unit_organisasi.nama)
            is distinct from (excluded.satuan_kerja_id, excluded.parent_id, excluded.eselon, excluded.nama);
          """);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  private static <T> void copy(Connection c, String target, List<T> rows, Function<T, Object[]> fields)
      throws SQLException {
    StringBuilder out = new StringBuilder(rows.size() * 64);
    for (T row : rows) {
      Object[] values = fields.apply(row);
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          out.append('\t');
        }
        CopyText.append(out, values[i] == null ? null : values[i].toString());
      }
      out.append('\n');
    }
    CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + target + " from stdin");
    byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
    in.writeToCopy(bytes, 0, bytes.length);
    in.endCopy();
  }
}

package id.go.bkn.epupns.sapk;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The importer's fast path for a first load into an empty {@code pns} table, the way pg_restore
 * does it: inside the import's single transaction, drop the foreign keys of pns and of the history
 * tables and the secondary indexes of pns, load, then re-create them exactly as they were
 * ({@code pg_get_constraintdef}, {@code pg_get_indexdef}, so later migrations are followed).
 *
 * <p>Why: measured on 100,000 rows, the four foreign keys of pns took 60% of the merge (a trigger
 * and a key-share lock of the referenced row per row and key) and its two indexes another 10%;
 * each history row checks pns the same way. Re-adding a foreign key validates it with one join
 * over the whole table, and an index is built by one sort: both far cheaper than millions of
 * single-row checks and inserts. Integrity is unchanged: a row that breaks a key fails the
 * re-creation and the whole transaction rolls back.
 *
 * <p>The price, and why only for an empty table: the tables stay locked (access exclusive) until
 * the import commits, and nothing is committed before the end. For a first load nobody can use
 * the tables anyway; re-imports into a live, full table take the chunked path with the keys in
 * place.
 */
final class BulkLoad {

  /** Foreign keys leaving pns or a history table. */
  private static final String FOREIGN_KEYS = """
      select format('alter table %s drop constraint %I', conrelid::regclass, conname),
             format('alter table %s add constraint %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid))
      from pg_constraint
      where contype = 'f'
        and conrelid in ('pns'::regclass, 'riwayat_golongan'::regclass, 'riwayat_pendidikan'::regclass,
                         'riwayat_diklat'::regclass, 'riwayat_jabatan'::regclass, 'keluarga'::regclass)
      order by conrelid::regclass::text, conname
      """;

  /**
   * Indexes of pns and the histories that back no constraint (the primary keys stay: the upsert
   * needs pns's). Without the nip index, a history lookup for a NIP that comes again in a later
   * chunk is one hash join over the history table, instead of an insert into a random place of a
   * large index for every history row (with histories the nip indexes were most of the load).
   */
  private static final String SECONDARY_INDEXES = """
      select format('drop index %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
      from pg_index i
      where i.indrelid in ('pns'::regclass, 'riwayat_golongan'::regclass, 'riwayat_pendidikan'::regclass,
                           'riwayat_diklat'::regclass, 'riwayat_jabatan'::regclass, 'keluarga'::regclass)
        and not exists (select from pg_constraint c where c.conindid = i.indexrelid)
      order by i.indexrelid::regclass::text
      """;

  private final Connection connection;
  private final List<String> restore;

  private BulkLoad(Connection connection, List<String> restore) {
    this.connection = connection;
    this.restore = restore;
  }

  /** Whether pns holds no row yet (then the fast path pays). */
  static boolean pnsIsEmpty(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery("select not exists (select from pns)")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /** Drops the keys and indexes in the current transaction (auto-commit must be off). */
  static BulkLoad begin(Connection connection) throws SQLException {
    List<String> drop = new ArrayList<>();
    List<String> restoreIndexes = new ArrayList<>();
    List<String> restoreKeys = new ArrayList<>();
    try (Statement st = connection.createStatement()) {
      collect(st, SECONDARY_INDEXES, drop, restoreIndexes);
      collect(st, FOREIGN_KEYS, drop, restoreKeys);
      for (String sql : drop) {
        st.execute(sql);
      }
    }
    List<String> restore = new ArrayList<>(restoreIndexes);
    restore.addAll(restoreKeys);
    return new BulkLoad(connection, restore);
  }

  /** What {@link #finish} will run, for the progress message. */
  int objects() {
    return restore.size();
  }

  /** Re-creates the indexes, then the foreign keys (each validated by one join); the caller commits. */
  void finish() throws SQLException {
    try (Statement st = connection.createStatement()) {
      // Server-side memory for the sorts of the index builds and the validation joins.
      st.execute("set local maintenance_work_mem = '256MB'");
      st.execute("set local work_mem = '64MB'");
      for (String sql : restore) {
        st.execute(sql);
      }
    }
  }

  private static void collect(Statement st, String query, List<String> first, List<String> second)
      throws SQLException {
    try (ResultSet rs = st.executeQuery(query)) {
      while (rs.next()) {
        first.add(rs.getString(1));
        second.add(rs.getString(2));
      }
    }
  }
}

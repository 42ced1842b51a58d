package id.go.bkn.epupns.sapk;

import id.go.bkn.epupns.sapk.SapkCsv.Column;
import id.go.bkn.epupns.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The importer's bulk load (empty pns: one transaction, foreign keys and secondary indexes dropped
 * and re-created) against the chunked path: same contents, same schema afterwards, all or nothing.
 */
class SapkBulkLoadTest {

  private static final int ROWS = 1200;
  /** Created and migrated by the command, dropped after the class. */
  @RegisterExtension
  static final TestDatabase database = TestDatabase.forClass(SapkBulkLoadTest.class);
  private static final String url = database.url();

  @TempDir
  static Path dir;

  @Test
  void bulkLoadAndChunkedImportGiveTheSameContentsAndSchema() throws Exception {
    Path csv = dir.resolve("pns.csv");
    List<String> lines = new ArrayList<>();
    PnsGenerator generator = new PnsGenerator(11);
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      rows.add(generator.next());
    }
    for (String[] row : rows) {
      lines.add(line(row));
    }
    // The same NIP again, later in the same chunk and in a later chunk (chunks of 400): the last
    // line wins for pns, its history rows are added to the earlier ones.
    String[] sameChunk = rows.get(5).clone();
    sameChunk[Column.NAMA.ordinal()] = "Nama Baru Satu";
    lines.add(300, line(sameChunk));
    String[] laterChunk = rows.get(7).clone();
    laterChunk[Column.NAMA.ordinal()] = "Nama Baru Dua";
    laterChunk[Column.RIWAYAT_DIKLAT.ordinal()] = "TEKNIS^Diklat Tambahan^2014^40";
    lines.add(1000, line(laterChunk));
    String[] bad = generator.next();
    bad[Column.TMT_PNS.ordinal()] = "2015-13-01";
    lines.add(600, line(bad));
    write(csv, lines);

    String schema = schema();
    assertEquals(3, SapkCommands.importFile(new String[] {"--db", url, "--chunk", "400", csv.toString()}),
        "done (bulk load into the empty table), one line rejected");
    List<String> errors = Files.readAllLines(Path.of(csv + ".errors.txt"));
    assertEquals(List.of("line 602: tmt_pns: not a date (yyyy-mm-dd): 2015-13-01"), errors);
    assertEquals(schema, schema(), "foreign keys and indexes re-created as they were");
    List<String> bulk = contents();
    assertTrue(bulk.contains("pns " + rows.get(5)[Column.NIP.ordinal()] + " Nama Baru Satu"));
    assertTrue(bulk.contains("pns " + rows.get(7)[Column.NIP.ordinal()] + " Nama Baru Dua"));

    assertEquals(3, SapkCommands.importFile(new String[] {"--db", url, "--chunk", "400", csv.toString()}));
    assertEquals(bulk, contents(), "re-importing (chunked path: pns is not empty) changes nothing");

    sql("delete from pns"); // the histories cascade
    assertEquals(3, SapkCommands.importFile(new String[] {"--db", url, "--chunk", "400", "--no-bulk",
        csv.toString()}));
    assertEquals(bulk, contents(), "the chunked path into an empty table gives the same contents");
    assertEquals(schema, schema());
  }

  @Test
  void aFailingBulkLoadLeavesNothingAndKeepsTheKeys() throws Exception {
    sql("delete from pns");
    String schema = schema();
    Path csv = dir.resolve("fails.csv");
    PnsGenerator generator = new PnsGenerator(12);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      String[] row = generator.next();
      if (i == 450) {
        row[Column.NIP_LAMA.ordinal()] = "1234567890"; // passes the line checks, too long for char(9)
      }
      lines.add(line(row));
    }
    write(csv, lines);
    assertEquals(1, SapkCommands.importFile(new String[] {"--db", url, "--chunk", "100", csv.toString()}));
    assertEquals(List.of("pns 0"), List.of("pns " + count("pns")), "nothing committed: one transaction");
    assertEquals(schema, schema(), "the dropped keys and indexes come back with the rollback");
    assertFalse(schema.isEmpty());
  }

  private static void write(Path csv, List<String> lines) throws Exception {
    try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      out.write(SapkCsv.header() + "\n");
      for (String l : lines) {
        out.write(l);
      }
    }
  }

  /** Every pns and history row without its generated id and timestamp, sorted. */
  private static List<String> contents() throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = database.connect(); Statement st = c.createStatement()) {
      query(st, "select 'pns ' || nip || ' ' || nama from pns", out);
      query(st, "select 'pns ' || (to_jsonb(p) - 'updated_at')::text from pns p", out);
      for (String table : new String[] {"riwayat_golongan", "riwayat_pendidikan", "riwayat_diklat",
          "riwayat_jabatan", "keluarga"}) {
        query(st, "select '" + table + " ' || (to_jsonb(h) - 'id')::text from " + table + " h", out);
      }
    }
    out.sort(null);
    return out;
  }

  /** The foreign keys and indexes of pns and the history tables, as definitions. */
  private static String schema() throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = database.connect(); Statement st = c.createStatement()) {
      query(st, """
          select conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) from pg_constraint
          where conrelid::regclass::text in ('pns', 'riwayat_golongan', 'riwayat_pendidikan', 'riwayat_diklat',
                                             'riwayat_jabatan', 'keluarga', 'registration')
          union all
          select indexdef from pg_indexes
          where tablename in ('pns', 'riwayat_golongan', 'riwayat_pendidikan', 'riwayat_diklat',
                              'riwayat_jabatan', 'keluarga')
          """, out);
    }
    out.sort(null);
    return String.join("\n", out);
  }

  private static void query(Statement st, String sql, List<String> out) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
  }

  private static long count(String table) throws SQLException {
    try (Connection c = database.connect(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("select count(*) from " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void sql(String sql) throws Exception {
    SapkCommands.importStream(SapkCommands.database(url), new java.io.ByteArrayInputStream(
        (SapkCsv.header() + "\n").getBytes(StandardCharsets.UTF_8)), 0, 0, 100, true, false, Writer.nullWriter(), null, null);
    try (Connection c = database.connect(); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static String line(String[] row) {
    StringBuilder out = new StringBuilder();
    SapkCsv.appendLine(out, row);
    return out.toString();
  }
}

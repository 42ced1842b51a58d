package id.go.bkn.epupns.sapk;

import id.go.bkn.epupns.sapk.SapkCsv.Column;
import id.go.bkn.epupns.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sapk-import command against its own real PostgreSQL database. */
class SapkImporterTest {

  private static final int GOOD = 1500;
  /** Created and migrated by the command, dropped after the class. */
  @RegisterExtension
  static final TestDatabase database = TestDatabase.forClass(SapkImporterTest.class);
  private static final String url = database.url();

  @TempDir
  static Path dir;

  @Test
  void importsGoodLinesReportsBadOnesAndDoesNotDuplicateOnReRun() throws Exception {
    Path csv = dir.resolve("pns.csv");
    PnsGenerator generator = new PnsGenerator(7);
    Map<Integer, String> expectedErrors = new LinkedHashMap<>();
    try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      out.write(SapkCsv.header() + "\n");
      int line = 1;
      for (int i = 0; i < GOOD; i++) {
        out.write(line(generator.next()));
        line++;
        if (i == 10) {
          String[] bad = generator.next();
          bad[Column.NIP.ordinal()] = bad[Column.NIP.ordinal()].substring(0, 17);
          out.write(line(bad));
          expectedErrors.put(++line, "nip: NIP harus 18 angka");
        } else if (i == 20) {
          String[] bad = generator.next();
          String nik = bad[Column.NIK.ordinal()];
          int day = Integer.parseInt(nik.substring(6, 8));
          bad[Column.NIK.ordinal()] = nik.substring(0, 6) + String.format("%02d", day > 40 ? day - 40 : day + 40)
              + nik.substring(8);
          out.write(line(bad));
          expectedErrors.put(++line, "nik: Jenis kelamin dalam NIK");
        } else if (i == 30) {
          String l = line(generator.next());
          out.write(l.substring(0, l.lastIndexOf(',')) + "\n");
          expectedErrors.put(++line, "expected 52 columns, found 51");
        } else if (i == 40) {
          String[] bad = generator.next();
          bad[Column.SATUAN_KERJA_ID.ordinal()] = "999999999";
          out.write(line(bad));
          expectedErrors.put(++line, "satuan_kerja_id: unknown work unit 999999999");
        } else if (i == 50) {
          String[] bad = generator.next();
          bad[Column.TMT_GOLONGAN.ordinal()] = "2015-02-30";
          out.write(line(bad));
          expectedErrors.put(++line, "tmt_golongan: not a date");
        } else if (i == 60) {
          String[] bad = generator.next();
          bad[Column.GOLONGAN.ordinal()] = "V/a";
          out.write(line(bad));
          expectedErrors.put(++line, "golongan: not one of");
        }
      }
    }

    int exit = SapkCommands.importFile(new String[] {"--db", url, "--chunk", "400", csv.toString()});
    assertEquals(3, exit, "done, with rejected lines");
    List<String> errors = Files.readAllLines(Path.of(csv + ".errors.txt"));
    assertEquals(expectedErrors.size(), errors.size(), errors.toString());
    int i = 0;
    for (Map.Entry<Integer, String> e : expectedErrors.entrySet()) {
      String reported = errors.get(i++);
      assertTrue(reported.startsWith("line " + e.getKey() + ": " + e.getValue()), reported);
    }
    Map<String, Long> first = counts();
    assertEquals(GOOD, first.get("pns"));
    assertTrue(first.get("riwayat_golongan") >= GOOD);
    assertTrue(first.get("riwayat_pendidikan") >= GOOD);
    assertTrue(first.get("keluarga") > 0);
    assertEquals(OrganisationTree.get().satuanKerja().size(), first.get("satuan_kerja"));

    assertEquals(3, SapkCommands.importFile(new String[] {"--db", url, csv.toString()}));
    assertEquals(first, counts(), "a second import adds nothing");
    assertSampleMatchesFile(csv);
  }

  @Test
  void refusesAFileWithoutTheHeader() throws IOException {
    Path csv = dir.resolve("no-header.csv");
    Files.writeString(csv, "nip,nama\n198005142005031001,Asep\n");
    assertEquals(1, SapkCommands.importFile(new String[] {"--db", url, csv.toString()}));
    assertEquals(2, SapkCommands.importFile(new String[] {"--db", url}));
    assertEquals(2, SapkCommands.generate(new String[] {"--count", "x", "--out", "y.csv"}));
  }

  private static void assertSampleMatchesFile(Path csv) throws Exception {
    String[] row = SapkCsv.split(Files.readAllLines(csv).get(1)).toArray(String[]::new);
    try (Connection c = database.connect(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("select nik, nama, golongan, tmt_cpns::text, guru, "
             + "(select count(*) from riwayat_golongan g where g.nip = p.nip) from pns p where nip = '"
             + row[Column.NIP.ordinal()] + "'")) {
      assertTrue(rs.next());
      assertEquals(row[Column.NIK.ordinal()], rs.getString(1));
      assertEquals(row[Column.NAMA.ordinal()], rs.getString(2));
      assertEquals(row[Column.GOLONGAN.ordinal()], rs.getString(3));
      assertEquals(row[Column.TMT_CPNS.ordinal()], rs.getString(4));
      assertEquals(Boolean.parseBoolean(row[Column.GURU.ordinal()]), rs.getBoolean(5));
      assertEquals(SapkCsv.splitRows(row[Column.RIWAYAT_GOLONGAN.ordinal()]).size(), rs.getLong(6));
    }
  }

  private static Map<String, Long> counts() throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection c = database.connect(); Statement st = c.createStatement()) {
      for (String table : new String[] {"instansi", "satuan_kerja", "unit_organisasi", "pns", "riwayat_golongan",
          "riwayat_pendidikan", "riwayat_diklat", "riwayat_jabatan", "keluarga"}) {
        try (ResultSet rs = st.executeQuery("select count(*) from " + table)) {
          rs.next();
          counts.put(table, rs.getLong(1));
        }
      }
    }
    return counts;
  }

  private static String line(String[] row) {
    StringBuilder out = new StringBuilder();
    SapkCsv.appendLine(out, row);
    return out.toString();
  }
}

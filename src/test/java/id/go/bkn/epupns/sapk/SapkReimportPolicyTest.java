package id.go.bkn.epupns.sapk;

import id.go.bkn.epupns.sapk.SapkCsv.Column;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A SAPK re-import never silently reverts what verification changed: with the real importer, a
 * verified pns column keeps its value and a history table with a verified change keeps its rows
 * (the file's rows for it are not merged), each case reported in {@code <file>.kept.txt}; values
 * nobody verified follow the file; a file whose snapshot is newer than the change wins.
 */
class SapkReimportPolicyTest {

  private static String database;
  private static String url;
  private static Vertx vertx;
  private static Pool pool;

  @TempDir
  static Path dir;

  @BeforeAll
  static void createDatabase() {
    database = ("t_sapkreimport_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    url = "postgresql://postgres@127.0.0.1:5432/" + database;
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void dropDatabase() throws SQLException {
    if (pool != null) {
      TestService.await(pool.close());
    }
    TestService.await(vertx.close());
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", null)) {
      c.createStatement().execute("drop database if exists \"" + database + "\" with (force)");
    }
  }

  @Test
  void verifiedValuesSurviveAReImportOfAnOlderSnapshot() throws Exception {
    PnsGenerator generator = new PnsGenerator(11);
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      rows.add(generator.next());
    }
    // Rows with histories to verify: a golongan history and a family.
    String[] a = rows.get(0);
    String[] b = rows.stream().filter(r -> SapkCsv.splitRows(r[Column.RIWAYAT_GOLONGAN.ordinal()]).size() >= 2).skip(1)
        .findFirst().orElseThrow();
    String[] c = rows.stream().filter(r -> !r[Column.KELUARGA.ordinal()].isEmpty() && r != b).skip(2)
        .findFirst().orElseThrow();
    String[] d = rows.get(5);
    Path csv = dir.resolve("pns.csv");
    write(csv, rows);
    assertEquals(0, SapkCommands.importFile(new String[] {"--db", url, csv.toString()}));
    pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(url)).using(vertx).build();

    // Verification changes: A's name, a golongan row of B (its TMT), removes a family row of C.
    SapkRecords records = new SapkRecords();
    String nipA = a[Column.NIP.ordinal()];
    String nipB = b[Column.NIP.ordinal()];
    String nipC = c[Column.NIP.ordinal()];
    long golonganRow = one("select min(id) from riwayat_golongan where nip = '" + nipB + "'");
    long keluargaRow = one("select min(id) from keluarga where nip = '" + nipC + "'");
    long golonganBefore = one("select count(*) from riwayat_golongan where nip = '" + nipB + "'");
    long keluargaBefore = one("select count(*) from keluarga where nip = '" + nipC + "'");
    apply(records, nipA, SapkRecords.Kind.SET, "pns", null, new JsonObject().put("nama", "Nama Terverifikasi"), 1);
    apply(records, nipB, SapkRecords.Kind.SET_ROW, "riwayat_golongan", golonganRow, new JsonObject().put("tmt", "1999-01-01"), 2);
    apply(records, nipC, SapkRecords.Kind.REMOVE_ROW, "keluarga", keluargaRow, new JsonObject(), 3);

    // SAPK sends the same old snapshot again, with unverified changes: A's address, D's address.
    a[Column.ALAMAT.ordinal()] = "Jl. Baru No. 1";
    d[Column.ALAMAT.ordinal()] = "Jl. Baru No. 4";
    write(csv, rows);
    assertEquals(0, SapkCommands.importFile(new String[] {"--db", url, "--chunk", "64", csv.toString()}));

    assertEquals("Nama Terverifikasi", text("select nama from pns where nip = '" + nipA + "'"), "verified: kept");
    assertEquals("Jl. Baru No. 1", text("select alamat from pns where nip = '" + nipA + "'"), "not verified: the file's");
    assertEquals("Jl. Baru No. 4", text("select alamat from pns where nip = '" + d[Column.NIP.ordinal()] + "'"));
    assertEquals(golonganBefore, one("select count(*) from riwayat_golongan where nip = '" + nipB + "'"),
        "the corrected row is not added back in its old form");
    assertEquals("1999-01-01", text("select tmt::text from riwayat_golongan where id = " + golonganRow));
    assertEquals(keluargaBefore - 1, one("select count(*) from keluarga where nip = '" + nipC + "'"),
        "the removed family row stays removed");

    List<String> kept = Files.readAllLines(Path.of(csv + ".kept.txt"));
    assertEquals(3, kept.size(), kept.toString());
    assertTrue(kept.stream().anyMatch(l -> l.contains("nip " + nipA + ": pns.nama kept as verified on ")
        && l.contains("SAPK keeps \"Nama Terverifikasi\"")), kept.toString());
    assertTrue(kept.stream().anyMatch(l -> l.contains("nip " + nipB + ": riwayat_golongan")), kept.toString());
    assertTrue(kept.stream().anyMatch(l -> l.contains("nip " + nipC + ": keluarga")), kept.toString());

    // A file produced after the verification carries it (or overrules it): its snapshot says so, it wins.
    // Two days on: verification dates are Jakarta days (UTC+7), so after 17:00 UTC this machine's "tomorrow" is
    // Jakarta's today (the test failed every evening, UTC).
    String later = LocalDate.now().plusDays(2).toString();
    assertEquals(0, SapkCommands.importFile(new String[] {"--db", url, "--snapshot", later, csv.toString()}));
    assertEquals(a[Column.NAMA.ordinal()], text("select nama from pns where nip = '" + nipA + "'"));
    assertEquals(List.of(), Files.readAllLines(Path.of(csv + ".kept.txt")));
    assertEquals(2, SapkCommands.importFile(new String[] {"--db", url, "--snapshot", "kemarin", csv.toString()}));
  }

  private static void apply(SapkRecords records, String nip, SapkRecords.Kind kind, String table, Long rowId,
                            JsonObject values, long item) {
    JsonObject done = TestService.await(pool.withTransaction(tx -> records.apply(tx, nip, kind, table, rowId, values,
        new SapkRecords.Author("197001011990031001", "VERIFIER_BKN", null, item, "CORRECT"))));
    assertTrue(done != null, "applied");
  }

  private static void write(Path csv, List<String[]> rows) throws Exception {
    try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      out.write(SapkCsv.header() + "\n");
      for (String[] row : rows) {
        StringBuilder line = new StringBuilder();
        SapkCsv.appendLine(line, row);
        out.write(line.toString());
      }
    }
  }

  private static long one(String sql) throws SQLException {
    return Long.parseLong(text(sql));
  }

  private static String text(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", null);
         Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}

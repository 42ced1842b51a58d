package id.go.bkn.epupns.sapk;

import id.go.bkn.epupns.sapk.SapkCsv.Column;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bulk import of a SAPK CSV file (format: README.md, "SAPK CSV format"; columns in {@link SapkCsv})
 * into the pns table and its five history tables.
 *
 * <p>The file is streamed: each line is read, validated in Java (column count, quoting, NIP via
 * {@link Nip#parse}, NIK via {@link Nik#parse} and agreeing with the NIP, birth date and sex
 * agreeing with the NIP, dates, golongan, education level, eselon, referenced agency, work unit and
 * unit existing and belonging together, every history row) and, when good, re-encoded into the
 * COPY text format and written straight into a COPY of a session-private staging table (a
 * temporary table: never WAL-logged, like an UNLOGGED one, and invisible to concurrent imports).
 * Every {@code chunkRows} rows the chunk is merged in one transaction: {@code insert ... select ...
 * on conflict (nip) do update} for pns (the file is SAPK's truth; the last line of a NIP wins), and
 * history rows are added only when the same row (natural key, e.g. NIP + golongan + TMT) is not
 * there yet, so importing a file twice changes nothing. Memory stays flat whatever the file size:
 * one line, one 1 MB COPY buffer, and the reference ids.
 *
 * <p>Bad lines are reported by line number (the header is line 1) and reason, to stderr and to the
 * errors writer (the command uses {@code <file>.errors.txt}); good lines are imported regardless.
 * Blocking: run it from the command line or on a worker thread.
 */
public final class SapkImporter {

  /** What an import did. */
  public record Result(long read, long imported, long rejected, double seconds) {
  }

  private static final int STDERR_ERROR_LIMIT = 200;
  private static final Set<Column> DATES = EnumSet.of(Column.TANGGAL_LAHIR, Column.TMT_CPNS, Column.TMT_PNS,
      Column.TMT_GOLONGAN, Column.TMT_JABATAN_STRUKTURAL, Column.TMT_ESELON, Column.TMT_JABATAN_FUNGSIONAL_TERTENTU,
      Column.TMT_JABATAN_FUNGSIONAL_UMUM, Column.BPJS_TANGGAL_LAHIR);
  private static final Set<Column> INTEGERS = EnumSet.of(Column.TAHUN_LULUS, Column.MASA_KERJA_TAHUN,
      Column.MASA_KERJA_BULAN, Column.INSTANSI_INDUK_ID, Column.INSTANSI_KERJA_ID, Column.SATUAN_KERJA_ID,
      Column.UNIT_ORGANISASI_ID);
  private static final Set<Column> BOOLEANS = EnumSet.of(Column.GURU, Column.DOKTER, Column.BAPERTARUM_PUNYA_RUMAH,
      Column.KPE_PUNYA);
  private static final Set<Column> REQUIRED = EnumSet.of(Column.NIP, Column.NAMA, Column.TEMPAT_LAHIR,
      Column.TANGGAL_LAHIR, Column.AGAMA, Column.JENIS_KELAMIN, Column.TMT_CPNS, Column.GOLONGAN, Column.TMT_GOLONGAN,
      Column.PENDIDIKAN_TINGKAT, Column.JENIS_PEGAWAI, Column.STATUS_PEGAWAI, Column.INSTANSI_INDUK_ID,
      Column.INSTANSI_KERJA_ID, Column.SATUAN_KERJA_ID, Column.LOKASI_KERJA, Column.JENIS_JABATAN, Column.GURU,
      Column.DOKTER);
  private static final List<Column> HISTORY = List.of(Column.RIWAYAT_GOLONGAN, Column.RIWAYAT_PENDIDIKAN,
      Column.RIWAYAT_DIKLAT, Column.RIWAYAT_JABATAN, Column.KELUARGA);
  /** The pns columns: every CSV column but the history lists. */
  private static final List<Column> PNS_COLUMNS = java.util.Arrays.stream(Column.values())
      .filter(c -> !HISTORY.contains(c)).toList();

  private final Connection connection;
  private final int chunkRows;
  private final boolean histories;
  private final YearMonth currentMonth;
  private final PrintStream console;
  private Map<Integer, Integer> satkerInstansi;
  private Map<Integer, Integer> unitSatker;
  private Set<Integer> instansi;

  /**
   * @param connection a JDBC connection to a migrated database (the importer manages its transactions)
   * @param chunkRows  rows per merge transaction
   * @param histories  whether to import the five history lists (false: the pns table only)
   * @param console    where progress and errors are shown (stderr), or null for none
   */
  public SapkImporter(Connection connection, int chunkRows, boolean histories, PrintStream console) {
    this.connection = connection;
    this.chunkRows = chunkRows;
    this.histories = histories;
    this.currentMonth = YearMonth.now();
    this.console = console;
  }

  /**
   * Imports a whole CSV stream. The progress bar follows {@code totalBytes}, or when that is
   * unknown (0, e.g. a pipe) {@code expectedRows}. The organisation tree must be loaded first
   * ({@link OrganisationTreeLoader}).
   */
  public Result run(InputStream input, long totalBytes, long expectedRows, Writer errors)
      throws IOException, SQLException {
    loadReferences();
    ProgressBar bar = new ProgressBar(console, "sapk-import");
    CountingStream counted = new CountingStream(input);
    BufferedReader reader = new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8), 1 << 16);
    long read = 0;
    long imported = 0;
    long rejected = 0;
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      prepareStaging();
      String header = reader.readLine();
      if (header != null && header.startsWith("\uFEFF")) {
        header = header.substring(1);
      }
      if (header == null || !header.trim().equals(SapkCsv.header())) {
        throw new IllegalArgumentException("line 1: the header row is not the SAPK CSV header (see README.md, "
            + "\"SAPK CSV format\"): expected " + SapkCsv.header());
      }
      long lineNumber = 1;
      Chunk chunk = new Chunk();
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        read++;
        String error = validateAndStage(line, lineNumber, chunk);
        if (error != null) {
          rejected++;
          String message = "line " + lineNumber + ": " + error;
          errors.write(message);
          errors.write('\n');
          if (rejected <= STDERR_ERROR_LIMIT) {
            bar.message(message);
          } else if (rejected == STDERR_ERROR_LIMIT + 1) {
            bar.message("... more rejected lines: see the errors file");
          }
        }
        if (chunk.rows >= chunkRows) {
          imported += chunk.merge();
          chunk = new Chunk();
        }
        if (totalBytes > 0) {
          bar.update(read, counted.count, totalBytes);
        } else {
          bar.update(read, read, expectedRows);
        }
      }
      imported += chunk.merge();
      bar.finish(read, 1, 1);
      errors.flush();
      return new Result(read, imported, rejected, bar.seconds());
    } catch (SQLException | IOException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      try (Statement st = connection.createStatement()) {
        st.execute("drop table if exists sapk_staging");
        connection.commit();
      }
      connection.setAutoCommit(autoCommit);
    }
  }

  private void loadReferences() throws SQLException {
    satkerInstansi = new HashMap<>();
    unitSatker = new HashMap<>();
    instansi = new java.util.HashSet<>();
    try (Statement st = connection.createStatement()) {
      try (ResultSet rs = st.executeQuery("select id from instansi")) {
        while (rs.next()) {
          instansi.add(rs.getInt(1));
        }
      }
      try (ResultSet rs = st.executeQuery("select id, instansi_id from satuan_kerja")) {
        while (rs.next()) {
          satkerInstansi.put(rs.getInt(1), rs.getInt(2));
        }
      }
      try (ResultSet rs = st.executeQuery("select id, satuan_kerja_id from unit_organisasi")) {
        while (rs.next()) {
          unitSatker.put(rs.getInt(1), rs.getInt(2));
        }
      }
    }
  }

  private void prepareStaging() throws SQLException {
    StringBuilder ddl = new StringBuilder("create temporary table if not exists sapk_staging (line bigint");
    for (Column c : Column.values()) {
      ddl.append(", ").append(c.header()).append(' ').append(sqlType(c));
    }
    ddl.append(')');
    try (Statement st = connection.createStatement()) {
      st.execute("drop table if exists sapk_staging");
      st.execute(ddl.toString());
    }
    connection.commit();
  }

  private static String sqlType(Column c) {
    if (DATES.contains(c)) {
      return "date";
    }
    if (INTEGERS.contains(c)) {
      return "integer";
    }
    if (BOOLEANS.contains(c)) {
      return "boolean";
    }
    return "text";
  }

  // ------------------------------------------------------------------ validation

  /** Validates one line; when good, appends it to the chunk's COPY; returns the reason when bad. */
  private String validateAndStage(String line, long lineNumber, Chunk chunk) throws SQLException {
    List<String> f = SapkCsv.split(line);
    if (f == null) {
      return "broken quoting (a field with a comma or quote must be in double quotes, inner quotes doubled)";
    }
    if (f.size() != SapkCsv.COLUMNS) {
      return "expected " + SapkCsv.COLUMNS + " columns, found " + f.size();
    }
    for (Column c : REQUIRED) {
      if (f.get(c.ordinal()).isBlank()) {
        return c.header() + ": required";
      }
    }
    Nip.Result nipResult = Nip.parse(f.get(Column.NIP.ordinal()), currentMonth);
    if (!nipResult.valid()) {
      return "nip: " + nipResult.error();
    }
    Nip nip = nipResult.get();
    String nikText = f.get(Column.NIK.ordinal());
    if (!nikText.isEmpty()) {
      Nik.Result nik = Nik.parse(nikText);
      if (!nik.valid()) {
        return "nik: " + nik.error();
      }
      String disagreement = nik.get().disagreementWith(nip);
      if (disagreement != null) {
        return "nik: " + disagreement;
      }
    }
    for (Column c : DATES) {
      String v = f.get(c.ordinal());
      if (!v.isEmpty() && !isDate(v)) {
        return c.header() + ": not a date (yyyy-mm-dd): " + v;
      }
    }
    for (Column c : INTEGERS) {
      String v = f.get(c.ordinal());
      if (!v.isEmpty() && !isInteger(v)) {
        return c.header() + ": not a number: " + v;
      }
    }
    for (Column c : BOOLEANS) {
      String v = f.get(c.ordinal());
      if (!v.isEmpty() && !v.equals("true") && !v.equals("false")) {
        return c.header() + ": must be true or false: " + v;
      }
    }
    if (!LocalDate.parse(f.get(Column.TANGGAL_LAHIR.ordinal())).equals(nip.birthDate())) {
      return "tanggal_lahir: differs from the birth date in the NIP";
    }
    String sex = f.get(Column.JENIS_KELAMIN.ordinal());
    if (!sex.equals("L") && !sex.equals("P")) {
      return "jenis_kelamin: must be L or P";
    }
    if (sex.equals("P") != nip.female()) {
      return "jenis_kelamin: differs from the sex digit of the NIP";
    }
    LocalDate tmtCpns = LocalDate.parse(f.get(Column.TMT_CPNS.ordinal()));
    if (!YearMonth.from(tmtCpns).equals(nip.cpnsStart())) {
      return "tmt_cpns: differs from the CPNS month in the NIP";
    }
    String tmtPns = f.get(Column.TMT_PNS.ordinal());
    if (!tmtPns.isEmpty() && LocalDate.parse(tmtPns).isBefore(tmtCpns)) {
      return "tmt_pns: before tmt_cpns";
    }
    if (!SapkCsv.GOLONGAN.contains(f.get(Column.GOLONGAN.ordinal()))) {
      return "golongan: not one of I/a .. IV/e: " + f.get(Column.GOLONGAN.ordinal());
    }
    if (!SapkCsv.PENDIDIKAN.contains(f.get(Column.PENDIDIKAN_TINGKAT.ordinal()))) {
      return "pendidikan_tingkat: not one of " + SapkCsv.PENDIDIKAN + ": " + f.get(Column.PENDIDIKAN_TINGKAT.ordinal());
    }
    String status = f.get(Column.STATUS_PEGAWAI.ordinal());
    if (!status.equals("CPNS") && !status.equals("PNS")) {
      return "status_pegawai: must be CPNS or PNS";
    }
    String jenis = f.get(Column.JENIS_JABATAN.ordinal());
    if (!jenis.equals("STRUKTURAL") && !jenis.equals("FUNGSIONAL_TERTENTU") && !jenis.equals("FUNGSIONAL_UMUM")) {
      return "jenis_jabatan: must be STRUKTURAL, FUNGSIONAL_TERTENTU or FUNGSIONAL_UMUM";
    }
    String eselon = f.get(Column.ESELON.ordinal());
    if (!eselon.isEmpty() && !SapkCsv.ESELON.contains(eselon)) {
      return "eselon: not one of " + SapkCsv.ESELON + ": " + eselon;
    }
    String bulan = f.get(Column.MASA_KERJA_BULAN.ordinal());
    if (!bulan.isEmpty() && (Integer.parseInt(bulan) < 0 || Integer.parseInt(bulan) > 11)) {
      return "masa_kerja_bulan: must be 0..11";
    }
    String reference = references(f);
    if (reference != null) {
      return reference;
    }
    if (histories) {
      String history = validateHistories(f);
      if (history != null) {
        return history;
      }
    }
    chunk.add(lineNumber, f);
    return null;
  }

  private String references(List<String> f) {
    int induk = Integer.parseInt(f.get(Column.INSTANSI_INDUK_ID.ordinal()));
    int kerja = Integer.parseInt(f.get(Column.INSTANSI_KERJA_ID.ordinal()));
    if (!instansi.contains(induk)) {
      return "instansi_induk_id: unknown agency " + induk;
    }
    if (!instansi.contains(kerja)) {
      return "instansi_kerja_id: unknown agency " + kerja;
    }
    int satker = Integer.parseInt(f.get(Column.SATUAN_KERJA_ID.ordinal()));
    Integer owner = satkerInstansi.get(satker);
    if (owner == null) {
      return "satuan_kerja_id: unknown work unit " + satker;
    }
    if (owner != kerja) {
      return "satuan_kerja_id: work unit " + satker + " belongs to agency " + owner + ", not " + kerja;
    }
    String unit = f.get(Column.UNIT_ORGANISASI_ID.ordinal());
    if (!unit.isEmpty()) {
      Integer unitOwner = unitSatker.get(Integer.parseInt(unit));
      if (unitOwner == null) {
        return "unit_organisasi_id: unknown unit " + unit;
      }
      if (unitOwner != satker) {
        return "unit_organisasi_id: unit " + unit + " belongs to work unit " + unitOwner + ", not " + satker;
      }
    }
    return null;
  }

  private String validateHistories(List<String> f) {
    for (String[] r : SapkCsv.splitRows(f.get(Column.RIWAYAT_GOLONGAN.ordinal()))) {
      if (r.length != SapkCsv.GOLONGAN_FIELDS) {
        return "riwayat_golongan: a row needs " + SapkCsv.GOLONGAN_FIELDS + " fields";
      }
      if (!SapkCsv.GOLONGAN.contains(r[0]) || !isDate(r[1]) || !(r[3].isEmpty() || isDate(r[3]))) {
        return "riwayat_golongan: bad golongan or date in " + String.join("^", r);
      }
    }
    for (String[] r : SapkCsv.splitRows(f.get(Column.RIWAYAT_PENDIDIKAN.ordinal()))) {
      if (r.length != SapkCsv.PENDIDIKAN_FIELDS) {
        return "riwayat_pendidikan: a row needs " + SapkCsv.PENDIDIKAN_FIELDS + " fields";
      }
      if (!SapkCsv.PENDIDIKAN.contains(r[0]) || r[1].isEmpty() || !isInteger(r[3])) {
        return "riwayat_pendidikan: bad level, school or year in " + String.join("^", r);
      }
    }
    for (String[] r : SapkCsv.splitRows(f.get(Column.RIWAYAT_DIKLAT.ordinal()))) {
      if (r.length != SapkCsv.DIKLAT_FIELDS) {
        return "riwayat_diklat: a row needs " + SapkCsv.DIKLAT_FIELDS + " fields";
      }
      if (!(r[0].equals("STRUKTURAL") || r[0].equals("FUNGSIONAL") || r[0].equals("TEKNIS")) || r[1].isEmpty()
          || !isInteger(r[2]) || !(r[3].isEmpty() || isInteger(r[3]))) {
        return "riwayat_diklat: bad kind, name, year or hours in " + String.join("^", r);
      }
    }
    for (String[] r : SapkCsv.splitRows(f.get(Column.RIWAYAT_JABATAN.ordinal()))) {
      if (r.length != SapkCsv.JABATAN_FIELDS) {
        return "riwayat_jabatan: a row needs " + SapkCsv.JABATAN_FIELDS + " fields";
      }
      if (r[0].isEmpty() || r[1].isEmpty() || !isDate(r[4])) {
        return "riwayat_jabatan: bad kind, title or date in " + String.join("^", r);
      }
    }
    for (String[] r : SapkCsv.splitRows(f.get(Column.KELUARGA.ordinal()))) {
      if (r.length != SapkCsv.KELUARGA_FIELDS) {
        return "keluarga: a row needs " + SapkCsv.KELUARGA_FIELDS + " fields";
      }
      if (!(r[0].equals("SUAMI") || r[0].equals("ISTRI") || r[0].equals("ANAK")) || r[1].isEmpty()
          || !(r[2].isEmpty() || isDate(r[2])) || !(r[3].isEmpty() || isDate(r[3]))) {
        return "keluarga: bad relation, name or date in " + String.join("^", r);
      }
    }
    return null;
  }

  private static boolean isDate(String v) {
    if (v.length() != 10 || v.charAt(4) != '-' || v.charAt(7) != '-') {
      return false;
    }
    try {
      LocalDate.parse(v);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean isInteger(String v) {
    if (v.isEmpty() || v.length() > 9) {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      if (ch < '0' || ch > '9') {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ COPY and merge

  /** The rows between two merges: one open COPY into the staging table. */
  private final class Chunk {
    private final StringBuilder buffer = new StringBuilder(1 << 20);
    private CopyIn copy;
    int rows;

    void add(long lineNumber, List<String> fields) throws SQLException {
      if (copy == null) {
        copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy sapk_staging from stdin");
      }
      buffer.append(lineNumber);
      for (Column c : Column.values()) {
        buffer.append('\t');
        CopyText.append(buffer, histories || !HISTORY.contains(c) ? fields.get(c.ordinal()) : null);
      }
      buffer.append('\n');
      rows++;
      if (buffer.length() >= (1 << 20)) {
        flush();
      }
    }

    private void flush() throws SQLException {
      byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
      copy.writeToCopy(bytes, 0, bytes.length);
      buffer.setLength(0);
    }

    /** Ends the COPY and merges the staged rows into pns and the histories; returns pns rows merged. */
    long merge() throws SQLException {
      if (copy == null) {
        return 0;
      }
      flush();
      copy.endCopy();
      long merged;
      try (Statement st = connection.createStatement()) {
        merged = st.executeUpdate(MERGE_PNS);
        if (histories) {
          for (String sql : MERGE_HISTORIES) {
            st.executeUpdate(sql);
          }
        }
        st.execute("truncate sapk_staging");
      }
      connection.commit();
      return merged;
    }
  }

  private static final String PNS_COLUMN_LIST = String.join(", ", PNS_COLUMNS.stream().map(Column::header).toList());

  /** Last line of a NIP wins; the file is SAPK's truth, so existing records are updated. */
  private static final String MERGE_PNS = "insert into pns (" + PNS_COLUMN_LIST + ")\n"
      + "select " + String.join(", ", PNS_COLUMNS.stream().map(c -> switch (c) {
        case KEDUDUKAN -> "coalesce(kedudukan, 'Aktif')";
        case MASA_KERJA_TAHUN, MASA_KERJA_BULAN -> "coalesce(" + c.header() + ", 0)";
        default -> c.header();
      }).toList()) + "\n"
      + "from (select distinct on (nip) * from sapk_staging order by nip, line desc) s\n"
      + "on conflict (nip) do update set "
      + String.join(", ", PNS_COLUMNS.stream().filter(c -> c != Column.NIP)
          .map(c -> c.header() + " = excluded." + c.header()).toList())
      + ", updated_at = now()";

  /**
   * One statement per history table: explode the list column (rows by '|', fields by '^') and add
   * the rows whose natural key is not there yet.
   */
  private static final List<String> MERGE_HISTORIES = List.of(
      history("riwayat_golongan", "golongan, tmt, nomor_sk, tanggal_sk",
          "f[1], f[2]::date, nullif(f[3], ''), nullif(f[4], '')::date",
          "h.golongan = f[1] and h.tmt = f[2]::date"),
      history("riwayat_pendidikan", "tingkat, nama_sekolah, jurusan, tahun_lulus, nomor_ijazah",
          "f[1], f[2], nullif(f[3], ''), f[4]::smallint, nullif(f[5], '')",
          "h.tingkat = f[1] and h.nama_sekolah = f[2] and h.tahun_lulus = f[4]::smallint"),
      history("riwayat_diklat", "jenis, nama, tahun, jam",
          "f[1], f[2], f[3]::smallint, nullif(f[4], '')::smallint",
          "h.jenis = f[1] and h.nama = f[2] and h.tahun = f[3]::smallint"),
      history("riwayat_jabatan", "jenis_jabatan, nama_jabatan, unit_kerja, eselon, tmt, nomor_sk",
          "f[1], f[2], nullif(f[3], ''), nullif(f[4], ''), f[5]::date, nullif(f[6], '')",
          "h.nama_jabatan = f[2] and h.tmt = f[5]::date"),
      history("keluarga", "hubungan, nama, tanggal_lahir, tanggal_nikah, pekerjaan",
          "f[1], f[2], nullif(f[3], '')::date, nullif(f[4], '')::date, nullif(f[5], '')",
          "h.hubungan = f[1] and h.nama = f[2]"));

  private static String history(String table, String columns, String values, String sameRow) {
    String column = table.equals("keluarga") ? "keluarga" : table;
    return "insert into " + table + " (nip, " + columns + ")\n"
        + "select distinct s.nip, " + values + "\n"
        + "from (select distinct on (nip) nip, " + column + " as list from sapk_staging order by nip, line desc) s\n"
        + "cross join lateral unnest(string_to_array(s.list, '|')) as r(item)\n"
        + "cross join lateral (select string_to_array(r.item, '^') as f) x\n"
        + "where s.list is not null\n"
        + "and not exists (select 1 from " + table + " h where h.nip = s.nip and " + sameRow + ")";
  }

  /** Counts the bytes read, for the progress bar's percentage and ETA. */
  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}

package id.go.bkn.epupns.sapk;

import id.go.bkn.epupns.sapk.SapkCsv.Column;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Checks one split SAPK CSV line (README.md, "SAPK CSV format"): column count, required fields,
 * NIP via {@link Nip#parse}, NIK via {@link Nik#parse} and agreeing with the NIP, birth date and sex
 * agreeing with the NIP, dates, numbers, booleans, golongan, education level, eselon, the referenced
 * agency, work unit and unit existing and belonging together, and every history row.
 *
 * <p>It runs once per line of a 4.5 M-line file, so the checks avoid the expensive general tools:
 * dates are checked digit by digit instead of {@code LocalDate.parse} (a formatter, a parsed-field
 * map and an exception per bad date), ISO dates are compared as strings (their order is the
 * calendar's), and the organisation tree is held in sorted {@code int} arrays instead of boxed
 * hash maps. The reasons are the importer's error messages.
 */
final class SapkLineValidator {

  static final Set<Column> DATES = EnumSet.of(Column.TANGGAL_LAHIR, Column.TMT_CPNS, Column.TMT_PNS,
      Column.TMT_GOLONGAN, Column.TMT_JABATAN_STRUKTURAL, Column.TMT_ESELON, Column.TMT_JABATAN_FUNGSIONAL_TERTENTU,
      Column.TMT_JABATAN_FUNGSIONAL_UMUM, Column.BPJS_TANGGAL_LAHIR);
  static final Set<Column> INTEGERS = EnumSet.of(Column.TAHUN_LULUS, Column.MASA_KERJA_TAHUN,
      Column.MASA_KERJA_BULAN, Column.INSTANSI_INDUK_ID, Column.INSTANSI_KERJA_ID, Column.SATUAN_KERJA_ID,
      Column.UNIT_ORGANISASI_ID);
  static final Set<Column> BOOLEANS = EnumSet.of(Column.GURU, Column.DOKTER, Column.BAPERTARUM_PUNYA_RUMAH,
      Column.KPE_PUNYA);
  private static final Set<Column> REQUIRED = EnumSet.of(Column.NIP, Column.NAMA, Column.TEMPAT_LAHIR,
      Column.TANGGAL_LAHIR, Column.AGAMA, Column.JENIS_KELAMIN, Column.TMT_CPNS, Column.GOLONGAN, Column.TMT_GOLONGAN,
      Column.PENDIDIKAN_TINGKAT, Column.JENIS_PEGAWAI, Column.STATUS_PEGAWAI, Column.INSTANSI_INDUK_ID,
      Column.INSTANSI_KERJA_ID, Column.SATUAN_KERJA_ID, Column.LOKASI_KERJA, Column.JENIS_JABATAN, Column.GURU,
      Column.DOKTER);
  // Arrays, not EnumSets, for the per-line loops: no iterator per loop.
  private static final Column[] REQUIRED_COLUMNS = REQUIRED.toArray(Column[]::new);
  private static final Column[] DATE_COLUMNS = DATES.toArray(Column[]::new);
  private static final Column[] INTEGER_COLUMNS = INTEGERS.toArray(Column[]::new);
  private static final Column[] BOOLEAN_COLUMNS = BOOLEANS.toArray(Column[]::new);
  private static final Set<String> GOLONGAN = Set.copyOf(SapkCsv.GOLONGAN);
  private static final Set<String> PENDIDIKAN = Set.copyOf(SapkCsv.PENDIDIKAN);
  private static final Set<String> ESELON = Set.copyOf(SapkCsv.ESELON);

  private final YearMonth currentMonth;
  private final boolean histories;
  /** Agency ids, sorted. */
  private final int[] instansi;
  /** Work unit ids, sorted, and the agency of each. */
  private final IdIndex satkerInstansi;
  /** Unit ids, sorted, and the work unit of each. */
  private final IdIndex unitSatker;

  private SapkLineValidator(YearMonth currentMonth, boolean histories, int[] instansi, IdIndex satkerInstansi,
                            IdIndex unitSatker) {
    this.currentMonth = currentMonth;
    this.histories = histories;
    this.instansi = instansi;
    this.satkerInstansi = satkerInstansi;
    this.unitSatker = unitSatker;
  }

  /** A validator for the organisation tree as the database holds it (load the tree first). */
  static SapkLineValidator of(Connection connection, boolean histories) throws SQLException {
    try (Statement st = connection.createStatement()) {
      IdIndex instansi = IdIndex.query(st, "select id, id from instansi order by id");
      return new SapkLineValidator(YearMonth.now(), histories, instansi.ids,
          IdIndex.query(st, "select id, instansi_id from satuan_kerja order by id"),
          IdIndex.query(st, "select id, satuan_kerja_id from unit_organisasi order by id"));
    }
  }

  /** A validator for the built-in organisation tree, without a database (the fuzz tests use it). */
  static SapkLineValidator of(OrganisationTree tree, YearMonth currentMonth, boolean histories) {
    int[] instansi = tree.instansi().stream().mapToInt(OrganisationTree.Instansi::id).sorted().toArray();
    List<OrganisationTree.SatuanKerja> satker = tree.satuanKerja().stream()
        .sorted(java.util.Comparator.comparingInt(OrganisationTree.SatuanKerja::id)).toList();
    List<OrganisationTree.UnitOrganisasi> units = tree.unitOrganisasi().stream()
        .sorted(java.util.Comparator.comparingInt(OrganisationTree.UnitOrganisasi::id)).toList();
    return new SapkLineValidator(currentMonth, histories, instansi,
        new IdIndex(satker.stream().mapToInt(OrganisationTree.SatuanKerja::id).toArray(),
            satker.stream().mapToInt(OrganisationTree.SatuanKerja::instansiId).toArray()),
        new IdIndex(units.stream().mapToInt(OrganisationTree.UnitOrganisasi::id).toArray(),
            units.stream().mapToInt(OrganisationTree.UnitOrganisasi::satuanKerjaId).toArray()));
  }

  /** Null when the line is good, else the reason (without the line number). */
  String validate(List<String> f) {
    if (f == null) {
      return "broken quoting (a field with a comma or quote must be in double quotes, inner quotes doubled)";
    }
    if (f.size() != SapkCsv.COLUMNS) {
      return "expected " + SapkCsv.COLUMNS + " columns, found " + f.size();
    }
    for (Column c : REQUIRED_COLUMNS) {
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
    for (Column c : DATE_COLUMNS) {
      String v = f.get(c.ordinal());
      if (!v.isEmpty() && !isDate(v)) {
        return c.header() + ": not a date (yyyy-mm-dd): " + v;
      }
    }
    for (Column c : INTEGER_COLUMNS) {
      String v = f.get(c.ordinal());
      if (!v.isEmpty() && !isInteger(v)) {
        return c.header() + ": not a number: " + v;
      }
    }
    for (Column c : BOOLEAN_COLUMNS) {
      String v = f.get(c.ordinal());
      if (!v.isEmpty() && !v.equals("true") && !v.equals("false")) {
        return c.header() + ": must be true or false: " + v;
      }
    }
    // The NIP is digits and was parsed, so its birth date yyyymmdd and CPNS month yyyymm can be
    // compared with the ISO dates' digits directly.
    String nipText = nip.value();
    String birth = f.get(Column.TANGGAL_LAHIR.ordinal());
    if (!sameDigits(birth, 0, nipText, 0, 4) || !sameDigits(birth, 5, nipText, 4, 2)
        || !sameDigits(birth, 8, nipText, 6, 2)) {
      return "tanggal_lahir: differs from the birth date in the NIP";
    }
    String sex = f.get(Column.JENIS_KELAMIN.ordinal());
    if (!sex.equals("L") && !sex.equals("P")) {
      return "jenis_kelamin: must be L or P";
    }
    if (sex.equals("P") != nip.female()) {
      return "jenis_kelamin: differs from the sex digit of the NIP";
    }
    String tmtCpns = f.get(Column.TMT_CPNS.ordinal());
    if (!sameDigits(tmtCpns, 0, nipText, 8, 4) || !sameDigits(tmtCpns, 5, nipText, 12, 2)) {
      return "tmt_cpns: differs from the CPNS month in the NIP";
    }
    String tmtPns = f.get(Column.TMT_PNS.ordinal());
    if (!tmtPns.isEmpty() && tmtPns.compareTo(tmtCpns) < 0) {
      return "tmt_pns: before tmt_cpns";
    }
    if (!GOLONGAN.contains(f.get(Column.GOLONGAN.ordinal()))) {
      return "golongan: not one of I/a .. IV/e: " + f.get(Column.GOLONGAN.ordinal());
    }
    if (!PENDIDIKAN.contains(f.get(Column.PENDIDIKAN_TINGKAT.ordinal()))) {
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
    if (!eselon.isEmpty() && !ESELON.contains(eselon)) {
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
    return histories ? validateHistories(f) : null;
  }

  private String references(List<String> f) {
    int induk = Integer.parseInt(f.get(Column.INSTANSI_INDUK_ID.ordinal()));
    int kerja = Integer.parseInt(f.get(Column.INSTANSI_KERJA_ID.ordinal()));
    if (Arrays.binarySearch(instansi, induk) < 0) {
      return "instansi_induk_id: unknown agency " + induk;
    }
    if (Arrays.binarySearch(instansi, kerja) < 0) {
      return "instansi_kerja_id: unknown agency " + kerja;
    }
    int satker = Integer.parseInt(f.get(Column.SATUAN_KERJA_ID.ordinal()));
    int owner = satkerInstansi.get(satker);
    if (owner == IdIndex.NONE) {
      return "satuan_kerja_id: unknown work unit " + satker;
    }
    if (owner != kerja) {
      return "satuan_kerja_id: work unit " + satker + " belongs to agency " + owner + ", not " + kerja;
    }
    String unit = f.get(Column.UNIT_ORGANISASI_ID.ordinal());
    if (!unit.isEmpty()) {
      int unitOwner = unitSatker.get(Integer.parseInt(unit));
      if (unitOwner == IdIndex.NONE) {
        return "unit_organisasi_id: unknown unit " + unit;
      }
      if (unitOwner != satker) {
        return "unit_organisasi_id: unit " + unit + " belongs to work unit " + unitOwner + ", not " + satker;
      }
    }
    return null;
  }

  private static String validateHistories(List<String> f) {
    for (String[] r : SapkCsv.splitRows(f.get(Column.RIWAYAT_GOLONGAN.ordinal()))) {
      if (r.length != SapkCsv.GOLONGAN_FIELDS) {
        return "riwayat_golongan: a row needs " + SapkCsv.GOLONGAN_FIELDS + " fields";
      }
      if (!GOLONGAN.contains(r[0]) || !isDate(r[1]) || !(r[3].isEmpty() || isDate(r[3]))) {
        return "riwayat_golongan: bad golongan or date in " + String.join("^", r);
      }
    }
    for (String[] r : SapkCsv.splitRows(f.get(Column.RIWAYAT_PENDIDIKAN.ordinal()))) {
      if (r.length != SapkCsv.PENDIDIKAN_FIELDS) {
        return "riwayat_pendidikan: a row needs " + SapkCsv.PENDIDIKAN_FIELDS + " fields";
      }
      if (!PENDIDIKAN.contains(r[0]) || r[1].isEmpty() || !isInteger(r[3])) {
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

  /** A real calendar date written {@code yyyy-mm-dd} (what PostgreSQL's date input then accepts). */
  static boolean isDate(String v) {
    if (v.length() != 10 || v.charAt(4) != '-' || v.charAt(7) != '-') {
      return false;
    }
    int year = digits(v, 0, 4);
    int month = digits(v, 5, 2);
    int day = digits(v, 8, 2);
    if (year < 1 || month < 1 || month > 12 || day < 1) {
      return false; // also a non-digit: digits() is then negative
    }
    return day <= YearMonth.of(year, month).lengthOfMonth();
  }

  /** The value of {@code length} decimal digits at {@code from}, or -1 when one is not a digit. */
  private static int digits(String s, int from, int length) {
    int value = 0;
    for (int i = from; i < from + length; i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      value = value * 10 + (ch - '0');
    }
    return value;
  }

  private static boolean sameDigits(String a, int aFrom, String b, int bFrom, int length) {
    return a.regionMatches(aFrom, b, bFrom, length);
  }

  static boolean isInteger(String v) {
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

  /** Sorted ids and a value per id: a compact, unboxed read-only map for the organisation tree. */
  private record IdIndex(int[] ids, int[] values) {

    static final int NONE = Integer.MIN_VALUE;

    static IdIndex query(Statement st, String sql) throws SQLException {
      int[] ids = new int[1024];
      int[] values = new int[1024];
      int n = 0;
      try (ResultSet rs = st.executeQuery(sql)) {
        while (rs.next()) {
          if (n == ids.length) {
            ids = Arrays.copyOf(ids, n * 2);
            values = Arrays.copyOf(values, n * 2);
          }
          ids[n] = rs.getInt(1);
          values[n++] = rs.getInt(2);
        }
      }
      return new IdIndex(Arrays.copyOf(ids, n), Arrays.copyOf(values, n));
    }

    int get(int id) {
      int at = Arrays.binarySearch(ids, id);
      return at < 0 ? NONE : values[at];
    }
  }
}

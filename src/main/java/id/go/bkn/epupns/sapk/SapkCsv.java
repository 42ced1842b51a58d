package id.go.bkn.epupns.sapk;

import java.util.ArrayList;
import java.util.List;

/**
 * The SAPK CSV format (README.md, "SAPK CSV format"): UTF-8, comma-separated, one header row,
 * one PNS per line, fields quoted with {@code "} when they contain a comma or a quote (a quote
 * inside is doubled), no line breaks inside fields, empty field = no value. Dates are ISO
 * {@code yyyy-mm-dd}, booleans {@code true}/{@code false}. The five history columns each hold a
 * list: rows separated by {@code |}, the fields of a row by {@code ^}.
 */
public final class SapkCsv {

  /** The columns, in file order; the header row holds their names in lower case. */
  public enum Column {
    NIP, NIP_LAMA, NIK, NAMA, NAMA_DUKCAPIL, GELAR_DEPAN, GELAR_BELAKANG, TEMPAT_LAHIR, TANGGAL_LAHIR, AGAMA,
    JENIS_KELAMIN, TMT_CPNS, TMT_PNS, GOLONGAN, TMT_GOLONGAN, PENDIDIKAN_TINGKAT, PENDIDIKAN_NAMA, TAHUN_LULUS,
    KEDUDUKAN, JENIS_PEGAWAI, STATUS_PEGAWAI, MASA_KERJA_TAHUN, MASA_KERJA_BULAN, ALAMAT, NOMOR_HP, EMAIL,
    INSTANSI_INDUK_ID, INSTANSI_KERJA_ID, SATUAN_KERJA_ID, UNIT_ORGANISASI_ID, LOKASI_KERJA, JENIS_JABATAN,
    JABATAN_STRUKTURAL, TMT_JABATAN_STRUKTURAL, ESELON, TMT_ESELON, JABATAN_FUNGSIONAL_TERTENTU,
    TMT_JABATAN_FUNGSIONAL_TERTENTU, JABATAN_FUNGSIONAL_UMUM, TMT_JABATAN_FUNGSIONAL_UMUM, GURU, DOKTER,
    BPJS_NOMOR, BPJS_NAMA, BPJS_TANGGAL_LAHIR, BAPERTARUM_PUNYA_RUMAH, KPE_PUNYA,
    RIWAYAT_GOLONGAN, RIWAYAT_PENDIDIKAN, RIWAYAT_DIKLAT, RIWAYAT_JABATAN, KELUARGA;

    public String header() {
      return name().toLowerCase();
    }
  }

  public static final int COLUMNS = Column.values().length;
  /** Separates the rows of a history list. */
  public static final char ROW = '|';
  /** Separates the fields of one history row. */
  public static final char FIELD = '^';

  /** Fields per history row, in order (see README.md). */
  public static final int GOLONGAN_FIELDS = 4;     // golongan ^ tmt ^ nomor_sk ^ tanggal_sk
  public static final int PENDIDIKAN_FIELDS = 5;   // tingkat ^ nama_sekolah ^ jurusan ^ tahun_lulus ^ nomor_ijazah
  public static final int DIKLAT_FIELDS = 4;       // jenis ^ nama ^ tahun ^ jam
  public static final int JABATAN_FIELDS = 6;      // jenis_jabatan ^ nama_jabatan ^ unit_kerja ^ eselon ^ tmt ^ nomor_sk
  public static final int KELUARGA_FIELDS = 5;     // hubungan ^ nama ^ tanggal_lahir ^ tanggal_nikah ^ pekerjaan

  public static final List<String> GOLONGAN = List.of("I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d",
      "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e");
  public static final List<String> PENDIDIKAN = List.of("SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3");
  public static final List<String> ESELON = List.of("I.a", "I.b", "II.a", "II.b", "III.a", "III.b", "IV.a", "IV.b");

  private SapkCsv() {
  }

  public static String header() {
    StringBuilder out = new StringBuilder();
    for (Column c : Column.values()) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(c.header());
    }
    return out.toString();
  }

  /** Appends one CSV line (with its newline) for a row of {@link #COLUMNS} values; null = empty. */
  public static void appendLine(StringBuilder out, String[] row) {
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      String v = row[i];
      if (v == null) {
        continue;
      }
      if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0) {
        out.append('"').append(v.replace("\"", "\"\"")).append('"');
      } else {
        out.append(v);
      }
    }
    out.append('\n');
  }

  /**
   * Splits one CSV line into its fields, or returns null when its quoting is broken.
   * Empty fields become empty strings.
   *
   * <p>Unquoted fields (nearly all of them) are cut out with {@code indexOf} and {@code substring},
   * not copied character by character: the importer splits millions of lines and this was its
   * hottest method.
   */
  public static List<String> split(String line) {
    List<String> fields = new ArrayList<>(COLUMNS);
    int i = 0;
    int n = line.length();
    int nextQuote = line.indexOf('"'); // found once, not once per field
    while (true) {
      if (nextQuote >= 0 && nextQuote < i) {
        nextQuote = line.indexOf('"', i);
      }
      if (i < n && line.charAt(i) == '"') {
        StringBuilder field = new StringBuilder();
        i++;
        while (true) {
          int quote = line.indexOf('"', i);
          if (quote < 0) {
            return null; // unterminated quote
          }
          field.append(line, i, quote);
          i = quote + 1;
          if (i < n && line.charAt(i) == '"') {
            field.append('"');
            i++;
          } else {
            break;
          }
        }
        if (i < n && line.charAt(i) != ',') {
          return null; // text after a closing quote
        }
        fields.add(field.toString());
      } else {
        int comma = line.indexOf(',', i);
        int end = comma < 0 ? n : comma;
        if (nextQuote >= 0 && nextQuote < end) {
          return null; // quote inside an unquoted field
        }
        fields.add(line.substring(i, end));
        i = end;
      }
      if (i >= n) {
        return fields;
      }
      i++; // the comma
    }
  }

  /** Joins history rows: fields by {@code ^}, rows by {@code |}; null fields become empty. */
  public static String joinRows(List<String[]> rows) {
    StringBuilder out = new StringBuilder();
    for (int row = 0; row < rows.size(); row++) {
      String[] r = rows.get(row);
      // By position, not by what was written: a leading row of one empty field must keep its '|'.
      if (row > 0) {
        out.append(ROW);
      }
      for (int i = 0; i < r.length; i++) {
        if (i > 0) {
          out.append(FIELD);
        }
        if (r[i] != null) {
          out.append(r[i]);
        }
      }
    }
    return out.toString();
  }

  /** Splits a history list into rows of fields (empty list for an empty value). */
  public static List<String[]> splitRows(String value) {
    List<String[]> rows = new ArrayList<>();
    if (value == null || value.isEmpty()) {
      return rows;
    }
    for (String r : value.split("\\|", -1)) {
      rows.add(r.split("\\^", -1));
    }
    return rows;
  }
}

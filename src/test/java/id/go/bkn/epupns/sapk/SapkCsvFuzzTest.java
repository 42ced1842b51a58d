package id.go.bkn.epupns.sapk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;
import id.go.bkn.epupns.sapk.SapkCsv.Column;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz tests of the SAPK importer's line handling (README "Fuzzing"): the CSV splitter, the history
 * lists and {@link SapkLineValidator}. Properties: nothing throws; a split line written back splits
 * to the same fields; any row written splits back to itself; the validator answers null or a reason,
 * and a line it accepts agrees with the NIP (birth date, sex, CPNS month) as the importer relies on.
 */
public class SapkCsvFuzzTest {

  static final YearMonth NOW = YearMonth.of(2026, 11);
  /** Valid lines to mutate: the fuzzer then reaches the checks deep in the validator. */
  static final List<String[]> TEMPLATES = new ArrayList<>();
  static final SapkLineValidator VALIDATOR = SapkLineValidator.of(OrganisationTree.get(), NOW, true);
  /** Values that are valid somewhere in a line, or nearly: the mutations splice them in. */
  static final List<String> TRICKY = List.of("", " ", "0", "-1", "999999999", "1000000000", "2020-02-29", "2021-02-29",
      "2020-13-01", "0000-01-01", "9999-12-31", "true", "false", "TRUE", "L", "P", "PNS", "CPNS", "III/a", "IV/e", "V/a",
      "S1", "S4", "II.a", "STRUKTURAL", "FUNGSIONAL_UMUM", "a^b", "a^b^c^d", "III/a^2010-01-01^^", "|", "^", "\"", "\"\"",
      ",", "1,2", "198001012005011001", "3273014101800001", "١٢٣");

  static {
    PnsGenerator generator = new PnsGenerator(2026);
    for (int i = 0; i < 40; i++) {
      // The generator writes null for an empty field; the importer's validator sees "" (split).
      TEMPLATES.add(Arrays.stream(generator.next()).map(v -> v == null ? "" : v).toArray(String[]::new));
    }
  }

  @FuzzTest
  public void splitThenWriteBack(FuzzedDataProvider data) {
    String line = data.consumeRemainingAsString();
    List<String> fields = SapkCsv.split(line);
    if (line.indexOf('"') < 0) {
      // Without quotes a line is plain comma-separated text.
      assertEquals(Arrays.asList(line.split(",", -1)), fields);
    }
    if (fields == null) {
      return;
    }
    assertEquals(fields, SapkCsv.split(written(fields.toArray(String[]::new))));
  }

  @FuzzTest
  public void anyRowRoundTrips(FuzzedDataProvider data) {
    String[] row = new String[data.consumeInt(1, SapkCsv.COLUMNS + 2)];
    for (int i = 0; i < row.length; i++) {
      row[i] = data.consumeBoolean() ? data.pickValue(TRICKY) : data.consumeString(24);
    }
    assertEquals(Arrays.asList(row), SapkCsv.split(written(row)));
  }

  @FuzzTest
  public void historyListsRoundTrip(FuzzedDataProvider data) {
    List<String[]> rows = new ArrayList<>();
    int count = data.consumeInt(1, 6);
    for (int r = 0; r < count; r++) {
      String[] fields = new String[data.consumeInt(1, 7)];
      for (int i = 0; i < fields.length; i++) {
        fields[i] = data.consumeString(12).replace("|", "").replace("^", "");
      }
      rows.add(fields);
    }
    String joined = SapkCsv.joinRows(rows);
    if (joined.isEmpty()) {
      return; // one row of one empty field: an empty value means "no rows"
    }
    List<String[]> back = SapkCsv.splitRows(joined);
    assertEquals(rows.size(), back.size(), joined);
    for (int r = 0; r < rows.size(); r++) {
      assertEquals(Arrays.asList(rows.get(r)), Arrays.asList(back.get(r)), joined);
    }
  }

  @FuzzTest
  public void validateMutatedLines(FuzzedDataProvider data) {
    String[] row = data.pickValue(TEMPLATES).clone();
    int mutations = data.consumeInt(0, 4);
    for (int m = 0; m < mutations; m++) {
      int column = data.consumeInt(0, row.length - 1);
      row[column] = switch (data.consumeInt(0, 3)) {
        case 0 -> data.pickValue(TRICKY);
        case 1 -> data.pickValue(TEMPLATES)[column]; // another PNS's value: valid alone, maybe not together
        case 2 -> row[column] + data.consumeString(4);
        default -> data.consumeString(30);
      };
    }
    List<String> fields = data.consumeBoolean() ? SapkCsv.split(written(row)) : Arrays.asList(row);
    if (data.consumeBoolean() && fields != null) {
      fields = new ArrayList<>(fields);
      if (data.consumeBoolean()) {
        fields.add(data.consumeString(8));
      } else {
        fields.remove(fields.size() - 1);
      }
    }
    String reason = VALIDATOR.validate(fields);
    if (reason != null) {
      assertTrue(!reason.isBlank(), "a reason names the problem");
      return;
    }
    // Accepted: what the importer then stores must agree with the NIP.
    Nip nip = Nip.parse(fields.get(Column.NIP.ordinal()), NOW).get();
    assertEquals(nip.birthDate(), LocalDate.parse(fields.get(Column.TANGGAL_LAHIR.ordinal())));
    assertEquals(nip.female() ? "P" : "L", fields.get(Column.JENIS_KELAMIN.ordinal()));
    assertEquals(nip.cpnsStart(), YearMonth.from(LocalDate.parse(fields.get(Column.TMT_CPNS.ordinal()))));
    for (Column c : SapkLineValidator.DATES) {
      String v = fields.get(c.ordinal());
      assertTrue(v.isEmpty() || LocalDate.parse(v) != null, c + ": " + v);
    }
  }

  /** Found by historyListsRoundTrip: a leading row of one empty field lost its '|' (and so a row). */
  @Test
  void leadingEmptyHistoryRowKeepsItsSeparator() {
    List<String[]> rows = List.of(new String[] {""}, new String[] {"]"}, new String[] {"]#"}, new String[] {""},
        new String[] {""});
    assertEquals("|]|]#||", SapkCsv.joinRows(rows));
    assertEquals(5, SapkCsv.splitRows(SapkCsv.joinRows(rows)).size());
  }

  /** One CSV line as the exporter writes it, without the newline. */
  static String written(String[] row) {
    StringBuilder out = new StringBuilder();
    SapkCsv.appendLine(out, row);
    return out.substring(0, out.length() - 1);
  }
}

package id.go.bkn.epupns.sapk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Fuzz tests of the NIP and NIK validators (README "Fuzzing"). Every build runs them on the kept
 * corpus (src/test/resources/.../IdentifiersFuzzTestInputs); with JAZZER_FUZZ=1 Jazzer mutates
 * inputs for a bounded time. Properties: parse never throws, answers either a value or a message,
 * agrees with a plain reference written from SPEC 3 (so an accepted NIP has real dates), and an
 * accepted identifier formats back to itself.
 */
public class IdentifiersFuzzTest {

  static final YearMonth NOW = YearMonth.of(2026, 11);

  @FuzzTest
  public void nip(FuzzedDataProvider data) {
    String text = data.consumeBoolean() ? structuredNip(data) : data.consumeRemainingAsString();
    Nip.Result result = Nip.parse(text, NOW);
    assertTrue(result.valid() != (result.error() != null), "either a NIP or a reason: " + result);
    assertEquals(referenceNipValid(text), result.valid(), "reference and Nip.parse disagree on '" + text + "': " + result);
    if (result.valid()) {
      Nip nip = result.get();
      assertEquals(text.trim(), nip.value());
      assertEquals(nip.value(), Nip.format(nip.birthDate(), nip.cpnsStart(), nip.female(), nip.sequence()));
    }
  }

  @FuzzTest
  public void nik(FuzzedDataProvider data) {
    String text = data.consumeBoolean() ? structuredNik(data) : data.consumeString(40);
    Nik.Result result = Nik.parse(text);
    assertTrue(result.valid() != (result.error() != null), "either a NIK or a reason: " + result);
    assertEquals(referenceNikValid(text), result.valid(), "reference and Nik.parse disagree on '" + text + "': " + result);
    if (!result.valid()) {
      return;
    }
    Nik nik = result.get();
    assertEquals(text.trim(), nik.value());
    // Against a NIP: agreement exactly when the birth date and sex agree.
    Nip.Result nipResult = Nip.parse(structuredNip(data), NOW);
    if (nipResult.valid()) {
      Nip nip = nipResult.get();
      boolean agrees = nip.birthDate().getDayOfMonth() == nik.day() && nip.birthDate().getMonthValue() == nik.month()
          && nip.birthDate().getYear() % 100 == nik.yearOfCentury() && nip.female() == nik.female();
      assertEquals(agrees, nik.disagreementWith(nip) == null, nik + " vs " + nip);
      if (agrees) {
        String formatted = Nik.format(nik.province(), Integer.parseInt(nik.value().substring(2, 4)),
            Integer.parseInt(nik.value().substring(4, 6)), nip.birthDate(), nik.female(),
            Integer.parseInt(nik.value().substring(12)));
        assertEquals(nik.value(), formatted);
      }
    }
  }

  /** SPEC 3, written plainly: the reference the parser must agree with. */
  static boolean referenceNipValid(String text) {
    if (text == null) {
      return false;
    }
    String s = text.trim();
    if (!s.matches("[0-9]{18}")) {
      return false;
    }
    LocalDate birth;
    try {
      birth = LocalDate.parse(s.substring(0, 4) + "-" + s.substring(4, 6) + "-" + s.substring(6, 8));
    } catch (DateTimeException e) {
      return false;
    }
    int cpnsYear = Integer.parseInt(s.substring(8, 12));
    int cpnsMonth = Integer.parseInt(s.substring(12, 14));
    if (birth.getYear() < 1900 || cpnsMonth < 1 || cpnsMonth > 12) {
      return false;
    }
    // After the 16th birthday's month, not in the future.
    int cpns = cpnsYear * 12 + cpnsMonth;
    int sixteen = (birth.getYear() + 16) * 12 + birth.getMonthValue();
    if (cpns <= sixteen || cpns > NOW.getYear() * 12 + NOW.getMonthValue()) {
      return false;
    }
    return (s.charAt(14) == '1' || s.charAt(14) == '2') && !s.endsWith("000");
  }

  static boolean referenceNikValid(String text) {
    if (text == null) {
      return false;
    }
    String s = text.trim();
    if (!s.matches("[0-9]{16}")) {
      return false;
    }
    int province = Integer.parseInt(s.substring(0, 2));
    int dayField = Integer.parseInt(s.substring(6, 8));
    int day = dayField > 40 ? dayField - 40 : dayField;
    int month = Integer.parseInt(s.substring(8, 10));
    int yy = Integer.parseInt(s.substring(10, 12));
    boolean realDate = false;
    for (int year : new int[] {1900 + yy, 2000 + yy}) {
      try {
        LocalDate.of(year, month, day);
        realDate = true;
      } catch (DateTimeException e) {
        // not in this century
      }
    }
    return province >= 11 && province <= 94 && !s.startsWith("00", 2) && !s.startsWith("00", 4) && realDate
        && !s.endsWith("0000");
  }

  /** Mostly well-formed NIPs with each part near its limits, so the fuzzer reaches every rule. */
  static String structuredNip(FuzzedDataProvider data) {
    String nip = pad(data.consumeInt(1890, 2030), 4) + pad(data.consumeInt(0, 13), 2) + pad(data.consumeInt(0, 32), 2)
        + pad(data.consumeInt(1900, 2035), 4) + pad(data.consumeInt(0, 13), 2) + data.consumeInt(0, 3)
        + pad(data.consumeInt(0, 999), 3);
    return data.consumeBoolean() ? " " + nip + "\t" : nip;
  }

  static String structuredNik(FuzzedDataProvider data) {
    return pad(data.consumeInt(0, 99), 2) + pad(data.consumeInt(0, 99), 2) + pad(data.consumeInt(0, 99), 2)
        + pad(data.consumeInt(0, 75), 2) + pad(data.consumeInt(0, 13), 2) + pad(data.consumeInt(0, 99), 2)
        + pad(data.consumeInt(0, 9999), 4);
  }

  static String pad(int value, int width) {
    StringBuilder out = new StringBuilder();
    Nip.zeroPadded(out, value, width);
    return out.toString();
  }
}

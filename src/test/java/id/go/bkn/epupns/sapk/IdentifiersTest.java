package id.go.bkn.epupns.sapk;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentifiersTest {

  private static final YearMonth NOW = YearMonth.of(2026, 11);

  @Test
  void seedNipIsValid() {
    Nip nip = Nip.parse("198607122006031002", NOW).get();
    assertEquals(LocalDate.of(1986, 7, 12), nip.birthDate());
    assertEquals(YearMonth.of(2006, 3), nip.cpnsStart());
    assertFalse(nip.female());
    assertEquals(2, nip.sequence());
  }

  @Test
  void nipErrorsSayWhatIsWrong() {
    assertTrue(Nip.parse("19860712200603100", NOW).error().contains("18 angka"));
    assertTrue(Nip.parse("1986071220060310A2", NOW).error().contains("angka"));
    assertTrue(Nip.parse("198602302006031002", NOW).error().contains("Tanggal lahir"));
    assertTrue(Nip.parse("198607122006131002", NOW).error().contains("Bulan CPNS"));
    assertTrue(Nip.parse("198607122000031002", NOW).error().contains("16 tahun"));
    assertTrue(Nip.parse("198607122027031002", NOW).error().contains("masa depan"));
    assertTrue(Nip.parse("198607122006033002", NOW).error().contains("jenis kelamin"));
    assertTrue(Nip.parse("198607122006031000", NOW).error().contains("urut"));
    assertTrue(Nip.parse(" ", NOW).error().contains("wajib"));
  }

  @Test
  void seedNikWithTwentyDigitsIsRefused() {
    assertTrue(Nik.parse("13540150120140123456").error().contains("16 angka"));
  }

  @Test
  void nikAgreesWithNipBirthDateAndGender() {
    Nip male = Nip.parse("198607122006031002", NOW).get();
    Nik nik = Nik.parse(Nik.format(32, 73, 5, male.birthDate(), false, 17)).get();
    assertNull(nik.disagreementWith(male));
    Nik femaleNik = Nik.parse(Nik.format(32, 73, 5, male.birthDate(), true, 17)).get();
    assertTrue(femaleNik.female());
    assertEquals(12, femaleNik.day());
    assertTrue(femaleNik.disagreementWith(male).contains("Jenis kelamin"));
    Nik otherDay = Nik.parse(Nik.format(32, 73, 5, male.birthDate().plusDays(1), false, 17)).get();
    assertTrue(otherDay.disagreementWith(male).contains("Tanggal lahir"));
  }

  @Test
  void nikFieldRules() {
    assertTrue(Nik.parse("1073051207860017").error().contains("provinsi"));
    assertTrue(Nik.parse("3200051207860017").error().contains("00"));
    assertTrue(Nik.parse("3273053207860017").error().contains("Tanggal lahir"));
    assertTrue(Nik.parse("3273051213860017").error().contains("Tanggal lahir"));
    assertTrue(Nik.parse("3273051207860000").error().contains("urut"));
    assertTrue(Nik.parse("3273055207860017").valid());
  }

  @Test
  void formatRoundTrips() {
    String nip = Nip.format(LocalDate.of(1990, 2, 28), YearMonth.of(2014, 12), true, 999);
    assertEquals("199002282014122999", nip);
    assertTrue(Nip.parse(nip, NOW).valid());
  }
}

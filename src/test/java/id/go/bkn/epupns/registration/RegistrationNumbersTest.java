package id.go.bkn.epupns.registration;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registration numbers catch every single mistyped symbol and forgive the usual look-alikes. */
class RegistrationNumbersTest {

  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  @RepeatedTest(20)
  void everySingleSymbolSubstitutionIsRejected() {
    String number = RegistrationNumbers.generate();
    assertTrue(number.matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]"), number);
    assertEquals(number, RegistrationNumbers.canonical(number));
    String symbols = number.replace("-", "");
    for (int position = 0; position < symbols.length(); position++) {
      for (char replacement : ALPHABET.toCharArray()) {
        if (replacement == symbols.charAt(position)) {
          continue;
        }
        String typo = symbols.substring(0, position) + replacement + symbols.substring(position + 1);
        assertNull(RegistrationNumbers.canonical(typo), "a typo must not pass: " + typo + " for " + number);
      }
    }
  }

  @Test
  void lookAlikesSpacesHyphensAndLowerCaseAreForgiven() {
    String number;
    do {
      number = RegistrationNumbers.generate();
    } while (!number.contains("0") || !number.contains("1"));
    String typed = number.replace('0', 'O').replaceFirst("1", "I").replace('1', 'l').toLowerCase().replace("-", " ");
    assertEquals(number, RegistrationNumbers.canonical(typed));
    assertEquals(number, RegistrationNumbers.canonical(number.replace("-", "")));
    assertEquals(number, RegistrationNumbers.canonical(" " + number.toLowerCase() + " "));
  }

  @Test
  void otherShapesAreRejected() {
    String number = RegistrationNumbers.generate();
    assertNull(RegistrationNumbers.canonical(number.substring(0, number.length() - 1)));
    assertNull(RegistrationNumbers.canonical(number + "0"));
    assertNull(RegistrationNumbers.canonical(number.replace('-', '/')));
    assertNull(RegistrationNumbers.canonical("U" + number.substring(1)));
    assertNull(RegistrationNumbers.canonical(null));
  }
}

package id.go.bkn.epupns.registration;

import java.security.SecureRandom;

/**
 * Registration numbers: 12 random symbols (60 bits, so neither guessable nor sequential) and one
 * Luhn mod 32 check symbol, which catches every single mistyped symbol and most swaps of
 * neighbours. Written in groups, e.g. {@code K7QM-3XRT-9WD2-H}, from Crockford's alphabet (no I, L,
 * O, U), so it reads aloud without confusion; typing O for 0 or I/L for 1 is forgiven.
 */
public final class RegistrationNumbers {

  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final int N = ALPHABET.length();
  private static final int BODY = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private RegistrationNumbers() {
  }

  public static String generate() {
    char[] body = new char[BODY];
    for (int i = 0; i < BODY; i++) {
      body[i] = ALPHABET.charAt(RANDOM.nextInt(N));
    }
    String symbols = new String(body);
    return group(symbols + checkSymbol(symbols));
  }

  /** The stored form of what a person typed, or null when it cannot be a registration number. */
  public static String canonical(String typed) {
    if (typed == null) {
      return null;
    }
    StringBuilder symbols = new StringBuilder();
    for (char c : typed.toUpperCase().toCharArray()) {
      if (c == '-' || c == ' ') {
        continue;
      }
      char mapped = switch (c) {
        case 'O' -> '0';
        case 'I', 'L' -> '1';
        default -> c;
      };
      if (ALPHABET.indexOf(mapped) < 0) {
        return null;
      }
      symbols.append(mapped);
    }
    if (symbols.length() != BODY + 1) {
      return null;
    }
    String body = symbols.substring(0, BODY);
    if (checkSymbol(body) != symbols.charAt(BODY)) {
      return null;
    }
    return group(symbols.toString());
  }

  public static boolean isValid(String typed) {
    return canonical(typed) != null;
  }

  /** Luhn mod N: the symbol that makes the whole sequence's Luhn sum divisible by N. */
  static char checkSymbol(String body) {
    int factor = 2;
    int sum = 0;
    for (int i = body.length() - 1; i >= 0; i--) {
      int addend = factor * ALPHABET.indexOf(body.charAt(i));
      factor = factor == 2 ? 1 : 2;
      sum += addend / N + addend % N;
    }
    return ALPHABET.charAt((N - sum % N) % N);
  }

  private static String group(String symbols) {
    return symbols.substring(0, 4) + "-" + symbols.substring(4, 8) + "-" + symbols.substring(8, 12) + "-"
        + symbols.substring(12);
  }
}

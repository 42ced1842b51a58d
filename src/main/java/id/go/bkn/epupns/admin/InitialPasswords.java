package id.go.bkn.epupns.admin;

import java.security.SecureRandom;

/**
 * One-time initial passwords for officer accounts made with the command-line tool (officer-create
 * without --password-stdin, to bootstrap the first ADMIN_BKN; officers appointed over the API get a
 * mailed set-password link instead): 15 symbols from an alphabet without look-alikes (no 0/o,
 * 1/l/i), in groups of five so they can be read aloud or typed from paper: about 77 bits.
 */
final class InitialPasswords {

  private static final String ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private InitialPasswords() {
  }

  static String generate() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 15; i++) {
      if (i > 0 && i % 5 == 0) {
        out.append('-');
      }
      out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }
}

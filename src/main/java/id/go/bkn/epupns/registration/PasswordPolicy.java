package id.go.bkn.epupns.registration;

import id.go.bkn.epupns.core.http.FieldErrors;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Password rules (NIST SP 800-63B): 8 to 128 characters, kept whole (never trimmed or truncated),
 * no composition rules, refused when it is one of the most common passwords or contains the NIP.
 */
public final class PasswordPolicy {

  static final int MIN = 8;
  /** The same ceiling as login, so every password that can be set can be typed at login. */
  static final int MAX = 128;
  private static final String LIST = "/registration/common-passwords.txt";

  private final Set<String> common;

  private PasswordPolicy(Set<String> common) {
    this.common = common;
  }

  private static volatile PasswordPolicy shared;

  /** The list, read once per process (a worker reads it before the HTTP verticles start, see Features.prepare). */
  public static PasswordPolicy shared() {
    PasswordPolicy p = shared;
    if (p == null) {
      synchronized (PasswordPolicy.class) {
        if (shared == null) {
          shared = load();
        }
        p = shared;
      }
    }
    return p;
  }

  static PasswordPolicy load() {
    Set<String> words = new HashSet<>(16_384);
    try (InputStream in = PasswordPolicy.class.getResourceAsStream(LIST)) {
      if (in == null) {
        throw new IllegalStateException("resource " + LIST + " is missing");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          words.add(line.trim().toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new PasswordPolicy(Set.copyOf(words));
  }

  int size() {
    return common.size();
  }

  /**
   * Adds the reason the password is refused under {@code field}, and a confirmation mismatch under
   * {@code confirmationField}. {@code nip} may be null when it is not known (yet).
   */
  public void check(String password, String confirmation, String nip, FieldErrors errors, String field,
             String confirmationField) {
    if (password == null || password.isEmpty()) {
      errors.add(field, "Kata sandi wajib diisi.");
    } else if (password.length() < MIN) {
      errors.add(field, "Kata sandi minimal " + MIN + " karakter.");
    } else if (password.length() > MAX) {
      errors.add(field, "Kata sandi paling banyak " + MAX + " karakter (yang diisi " + password.length() + ").");
    } else if (common.contains(password.toLowerCase(Locale.ROOT))) {
      errors.add(field, "Kata sandi ini termasuk yang paling sering dipakai sehingga mudah ditebak. Pilih yang lain, "
          + "misalnya gabungan beberapa kata.");
    } else if (nip != null && password.contains(nip)) {
      errors.add(field, "Kata sandi tidak boleh memuat NIP Anda.");
    }
    if (confirmation == null || confirmation.isEmpty()) {
      errors.add(confirmationField, "Ulangi kata sandi.");
    } else if (password != null && !password.equals(confirmation)) {
      errors.add(confirmationField, "Ulangan kata sandi tidak sama dengan kata sandi.");
    }
  }
}

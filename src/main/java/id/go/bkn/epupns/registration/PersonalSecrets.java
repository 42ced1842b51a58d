package id.go.bkn.epupns.registration;

import id.go.bkn.epupns.core.secrets.DataKey;
import id.go.bkn.epupns.core.secrets.Sealer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The recovery secrets of a registration, protected with secrets.dataKey.
 * <ul>
 * <li>Mother's maiden name: only an HMAC-SHA256 of its normalised form is kept. A keyed hash and not
 *   Argon2: such names have little entropy, so any unkeyed hash (even a slow one) falls to a
 *   dictionary once the table leaks, while the HMAC key lives outside the database; and a second
 *   Argon2 per registration would double the CPU cost of the peak, which hashing already bounds.</li>
 * <li>Security answer: sealed ({@link Sealer}, AES-256-GCM), because recovery shows it back to its
 *   owner. The NIP is bound as associated data, so a ciphertext copied to another PNS's row does
 *   not decrypt.</li>
 * </ul>
 */
final class PersonalSecrets {

  private final Sealer answers;
  private final SecretKeySpec macKey;

  PersonalSecrets(String base64DataKey) {
    DataKey key = new DataKey(base64DataKey);
    // Two purposes, two derived keys: never the same key for encryption and for hashing.
    this.answers = key.sealer("epupns security answer");
    this.macKey = new SecretKeySpec(key.derive("epupns mother name"), "HmacSHA256");
  }

  /** Lower case, accents stripped, spaces trimmed and collapsed: "  Siti  NURHAYATÍ " = "siti nurhayati". */
  static String normalise(String text) {
    String decomposed = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFD);
    return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT).trim().replaceAll("\\s+", " ");
  }

  String motherNameHash(String motherName) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(macKey);
      return "hmac-sha256:" + HexFormat.of().formatHex(mac.doFinal(normalise(motherName).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  boolean motherNameMatches(String typed, String storedHash) {
    return MessageDigest.isEqual(motherNameHash(typed).getBytes(StandardCharsets.US_ASCII),
        storedHash.getBytes(StandardCharsets.US_ASCII));
  }

  byte[] encryptAnswer(String answer, String nip) {
    return answers.seal(answer, nip);
  }

  String decryptAnswer(byte[] stored, String nip) {
    return answers.open(stored, nip).orElseThrow(
        () -> new IllegalStateException("security answer does not decrypt (wrong secrets.dataKey?)"));
  }

  /** Constant-time comparison of two answers after normalising both. */
  static boolean sameAnswer(String typed, String stored) {
    return MessageDigest.isEqual(sha256(normalise(typed)), sha256(normalise(stored)));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}

package id.go.bkn.epupns.registration;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The recovery secrets of a registration, protected with secrets.dataKey.
 * <ul>
 * <li>Mother's maiden name: only an HMAC-SHA256 of its normalised form is kept. A keyed hash and not
 *   Argon2: such names have little entropy, so any unkeyed hash (even a slow one) falls to a
 *   dictionary once the table leaks, while the HMAC key lives outside the database; and a second
 *   Argon2 per registration would double the CPU cost of the peak, which hashing already bounds.</li>
 * <li>Security answer: AES-256-GCM with a random 96-bit nonce (nonce || ciphertext+tag), because
 *   recovery shows it back to its owner. The NIP is bound as associated data, so a
 *   ciphertext copied to another PNS's row does not decrypt.</li>
 * </ul>
 */
final class PersonalSecrets {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec aesKey;
  private final SecretKeySpec macKey;
  private final SecureRandom random = new SecureRandom();

  PersonalSecrets(String base64DataKey) {
    byte[] key = Base64.getDecoder().decode(base64DataKey);
    if (key.length != 32) {
      throw new IllegalStateException("secrets.dataKey must be 32 bytes (base64), got " + key.length);
    }
    // Two purposes, two derived keys: never the same key for encryption and for hashing.
    this.aesKey = new SecretKeySpec(hmac(key, "epupns security answer"), "AES");
    this.macKey = new SecretKeySpec(hmac(key, "epupns mother name"), "HmacSHA256");
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
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(nip.getBytes(StandardCharsets.US_ASCII));
      byte[] sealed = cipher.doFinal(answer.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  String decryptAnswer(byte[] stored, String nip) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, aesKey, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
      cipher.updateAAD(nip.getBytes(StandardCharsets.US_ASCII));
      return new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("security answer does not decrypt (wrong secrets.dataKey?)", e);
    }
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

  private static byte[] hmac(byte[] key, String label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}

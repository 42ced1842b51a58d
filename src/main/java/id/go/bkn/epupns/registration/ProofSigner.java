package id.go.bkn.epupns.registration;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Signatures for the proof of registration (HMAC-SHA256 with secrets.proofSigningKey), two kinds
 * kept apart by a label in the signed text:
 * <ul>
 * <li>the short-lived download link: {@code /api/proofs/<number>.pdf?expires=<epoch s>&sig=...};</li>
 * <li>the code printed as a QR on the proof, checked by the bureau:
 *   {@code <number without hyphens>.<NIP>.<yyyymmdd>.<signature>} (64 characters: a small QR).</li>
 * </ul>
 */
final class ProofSigner {

  /** 128 bits of HMAC: plenty against forgery, short enough for a small QR code. */
  private static final int SIGNATURE_BYTES = 16;
  private static final Pattern CODE = Pattern.compile("([0-9A-Za-z]{13})\\.(\\d{18})\\.(\\d{8})\\.([A-Za-z0-9_-]{22})");
  private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

  private final SecretKeySpec key;
  private final Duration linkLifetime;

  ProofSigner(String base64Key, Duration linkLifetime) {
    this.linkLifetime = linkLifetime;
    byte[] raw = Base64.getDecoder().decode(base64Key);
    if (raw.length < 32) {
      throw new IllegalStateException("secrets.proofSigningKey must be at least 32 bytes (base64)");
    }
    this.key = new SecretKeySpec(raw, "HmacSHA256");
  }

  /** A download link that works for the configured time from now. */
  String freshLink(String registrationNumber) {
    return link(registrationNumber, Instant.now().plus(linkLifetime));
  }

  /** The path and query of a download link for the proof, valid until {@code expires}. */
  String link(String registrationNumber, Instant expires) {
    long epoch = expires.getEpochSecond();
    return "/api/proofs/" + registrationNumber + ".pdf?expires=" + epoch + "&sig="
        + sign("link|" + registrationNumber + "|" + epoch);
  }

  boolean linkSignatureValid(String registrationNumber, long expires, String signature) {
    return same(sign("link|" + registrationNumber + "|" + expires), signature);
  }

  String code(String registrationNumber, String nip, LocalDate registered) {
    String compact = registrationNumber.replace("-", "");
    String date = DATE.format(registered);
    return compact + "." + nip + "." + date + "." + sign("code|" + compact + "|" + nip + "|" + date);
  }

  /** What a printed code says, whether its signature is genuine; null when it is not even shaped like one. */
  record Decoded(String registrationNumber, String nip, LocalDate registered, boolean genuine) {
  }

  Decoded decode(String code) {
    var m = CODE.matcher(code == null ? "" : code);
    if (!m.matches()) {
      return null;
    }
    String number = RegistrationNumbers.canonical(m.group(1));
    LocalDate date;
    try {
      date = LocalDate.parse(m.group(3), DATE);
    } catch (DateTimeParseException e) {
      return null;
    }
    if (number == null) {
      return null;
    }
    // Signed over the canonical form, so a code typed by hand in lower case still checks.
    String compact = number.replace("-", "");
    boolean genuine = same(sign("code|" + compact + "|" + m.group(2) + "|" + m.group(3)), m.group(4));
    return new Decoded(number, m.group(2), date, genuine);
  }

  private String sign(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] full = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, SIGNATURE_BYTES));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean same(String expected, String given) {
    return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        given.getBytes(StandardCharsets.US_ASCII));
  }
}

package id.go.bkn.epupns.admission;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The admission token: {@code base64url(flow|place|browser|expiresAt) . base64url(HMAC-SHA256)},
 * with a key derived from secrets.dataKey for this purpose only. It is short-lived (idle time,
 * renewed while the person is active), names its flow, and is bound to the browser id cookie it
 * was issued with, so it cannot be forged, stretched, used for another flow or handed to
 * another browser.
 */
final class AdmissionTokens {

  static final Pattern BROWSER_ID = Pattern.compile("[A-Za-z0-9_-]{22}");
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final byte[] key;
  private final ThreadLocal<Mac> macs;
  private final SecureRandom random = new SecureRandom();

  AdmissionTokens(String base64DataKey) {
    byte[] dataKey = Base64.getDecoder().decode(base64DataKey);
    this.key = hmac(dataKey, "epupns admission token".getBytes(StandardCharsets.UTF_8));
    this.macs = ThreadLocal.withInitial(() -> {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** What a valid token says. */
  record Admission(String flow, String place, String browser, long expiresAtSeconds) {
  }

  String newBrowserId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return B64.encodeToString(bytes);
  }

  String issue(String flow, String place, String browser, long expiresAtSeconds) {
    String payload = flow + "|" + place + "|" + browser + "|" + expiresAtSeconds;
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return B64.encodeToString(bytes) + "." + B64.encodeToString(macs.get().doFinal(bytes));
  }

  /** The admission a token grants for this flow and browser now, or null (absent, forged, expired, elsewhere). */
  Admission verify(String token, String flow, String browser, long nowSeconds) {
    if (token == null || browser == null || token.length() > 512) {
      return null;
    }
    int dot = token.indexOf('.');
    if (dot < 0) {
      return null;
    }
    byte[] payload;
    byte[] signature;
    try {
      payload = B64D.decode(token.substring(0, dot));
      signature = B64D.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (!MessageDigest.isEqual(macs.get().doFinal(payload), signature)) {
      return null;
    }
    String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
    if (parts.length != 4 || !parts[0].equals(flow) || !parts[2].equals(browser)) {
      return null;
    }
    long expires;
    try {
      expires = Long.parseLong(parts[3]);
    } catch (NumberFormatException e) {
      return null;
    }
    return expires > nowSeconds ? new Admission(parts[0], parts[1], parts[2], expires) : null;
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}

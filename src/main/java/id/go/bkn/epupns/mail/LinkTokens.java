package id.go.bkn.epupns.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The tokens of single-use links sent by mail (password reset, an officer's set-password link): 256
 * random bits, URL-safe base64; only their SHA-256 is stored, and the mail carries the token sealed
 * ({@link MailOutbox#enqueueWithSecret}).
 */
public final class LinkTokens {

  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private LinkTokens() {
  }

  public static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether the text has the shape of a token (before any lookup). */
  public static boolean wellFormed(String token) {
    return token != null && FORM.matcher(token).matches();
  }

  public static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

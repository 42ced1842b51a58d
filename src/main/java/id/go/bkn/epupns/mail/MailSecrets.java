package id.go.bkn.epupns.mail;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret part of a mail (the token of a password-reset link) is never stored in its text: the
 * text holds {@link MailOutbox#SECRET} where it goes, and the secret is kept beside it sealed with
 * AES-256-GCM under a key derived from secrets.dataKey (the key lives outside the database). The
 * recipient is bound as associated data, so a row whose recipient was changed does not open. The
 * sender opens it only to hand the mail to SMTP and then erases it.
 */
public final class MailSecrets {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  public MailSecrets(String base64DataKey) {
    byte[] dataKey = Base64.getDecoder().decode(base64DataKey);
    if (dataKey.length != 32) {
      throw new IllegalStateException("secrets.dataKey must be 32 bytes (base64), got " + dataKey.length);
    }
    try {
      // Its own derived key: never the same key as another purpose of secrets.dataKey.
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(dataKey, "HmacSHA256"));
      this.key = new SecretKeySpec(mac.doFinal("epupns mail secret".getBytes(StandardCharsets.UTF_8)), "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  byte[] seal(String secret, String recipient) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(recipient.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  String open(byte[] sealed, String recipient) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
      cipher.updateAAD(recipient.getBytes(StandardCharsets.UTF_8));
      return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the mail's secret does not open (secrets.dataKey changed or row altered)");
    }
  }
}

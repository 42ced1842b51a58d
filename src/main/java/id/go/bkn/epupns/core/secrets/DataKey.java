package id.go.bkn.epupns.core.secrets;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * secrets.dataKey (32 bytes, base64, from config or the environment; never in the database) and the
 * keys derived from it, one per purpose (HMAC-SHA256 of the purpose's label), so that no two
 * purposes ever share a key.
 */
public final class DataKey {

  private final byte[] key;

  public DataKey(String base64) {
    byte[] decoded = Base64.getDecoder().decode(base64);
    if (decoded.length != 32) {
      throw new IllegalStateException("secrets.dataKey must be 32 bytes (base64), got " + decoded.length);
    }
    this.key = decoded;
  }

  /** The 32-byte key of one purpose, e.g. "epupns mail secret". */
  public byte[] derive(String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** AES-256-GCM under this purpose's key. */
  public Sealer sealer(String purpose) {
    return new Sealer(new SecretKeySpec(derive(purpose), "AES"));
  }
}

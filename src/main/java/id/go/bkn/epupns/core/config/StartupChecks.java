package id.go.bkn.epupns.core.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * Settings that would make the service unsafe: refused in the production profile, warned about
 * elsewhere. Missing JWT keys are always fatal (Vert.x JWT without keys verifies nothing).
 */
public final class StartupChecks {

  private static final Logger LOG = LoggerFactory.getLogger(StartupChecks.class);
  private static final String DEV_KEYS = "config/dev-keys/";
  /** SHA-256 of config/dev-keys/jwt-private.pem's DER bytes. */
  private static final String DEV_JWT_KEY_SHA256 = "9c8e5609218069bec83a3e4f72c089a0361882460c4eca8eff8f5f873ba603aa";

  private StartupChecks() {
  }

  public static void run(AppConfig config) {
    for (String key : new String[] {"jwt.publicKeyFile", "jwt.privateKeyFile"}) {
      String file = config.string(key);
      if (file == null || file.isBlank() || !Files.isReadable(Path.of(file))) {
        throw new IllegalStateException(key + " (" + AppConfig.envName(key) + ") must name a readable PEM file, got '"
            + file + "'");
      }
    }
    String privateKey = config.string("jwt.privateKeyFile");
    unsafe(config, privateKey.contains(DEV_KEYS) || isDevelopmentKey(Path.of(privateKey)),
        "the JWT signing key is the development key shipped in config/dev-keys");
    unsafe(config, config.string("secrets.dataKey").equals(AppConfigDefaults.DEV_DATA_KEY),
        "secrets.dataKey is the development key");
    unsafe(config, config.string("secrets.proofSigningKey").equals(AppConfigDefaults.DEV_PROOF_KEY),
        "secrets.proofSigningKey is the development key");
    if (config.bool("captcha.exposeAnswer")) {
      if (config.isProduction()) {
        throw new IllegalStateException(
            "captcha.exposeAnswer (EPUPNS_CAPTCHA_EXPOSE_ANSWER) is refused in the production profile");
      }
      LOG.warn("!!! captcha.exposeAnswer is ON: captcha answers are sent to clients. Load tests only. !!!");
    }
  }

  /**
   * Whether the PEM file holds the development signing key, wherever it was copied to: the SHA-256 of its DER
   * bytes. A file that is not base64 PEM is not the key (the JWT set-up reports it).
   */
  static boolean isDevelopmentKey(Path pem) {
    try {
      String body = Files.readString(pem).lines().filter(l -> !l.startsWith("-----")).collect(Collectors.joining())
          .replaceAll("\\s", "");
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(body));
      return HexFormat.of().formatHex(digest).equals(DEV_JWT_KEY_SHA256);
    } catch (IOException | IllegalArgumentException e) {
      return false;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void unsafe(AppConfig config, boolean condition, String what) {
    if (!condition) {
      return;
    }
    if (config.isProduction()) {
      throw new IllegalStateException(what + ": refused in the production profile");
    }
    LOG.warn("unsafe outside development: {}", what);
  }
}

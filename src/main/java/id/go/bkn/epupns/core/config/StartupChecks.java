package id.go.bkn.epupns.core.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Settings that would make the service unsafe: refused in the production profile, warned about
 * elsewhere. Missing JWT keys are always fatal (Vert.x JWT without keys verifies nothing).
 */
public final class StartupChecks {

  private static final Logger LOG = LoggerFactory.getLogger(StartupChecks.class);
  private static final String DEV_KEYS = "config/dev-keys/";

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
    unsafe(config, config.string("jwt.privateKeyFile").contains(DEV_KEYS),
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

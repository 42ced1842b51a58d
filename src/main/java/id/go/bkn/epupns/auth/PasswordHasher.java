package id.go.bkn.epupns.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import id.go.bkn.epupns.core.blocking.BlockingWork;
import id.go.bkn.epupns.core.config.AppConfig;
import io.vertx.core.Future;

/**
 * Argon2id password hashing (Password4j) on its own worker pool: hashing takes tens of
 * milliseconds of CPU and must never run on an event loop. Parameters come from passwordHash.*;
 * a stored hash carries its own parameters, so old hashes keep verifying after a change.
 */
public final class PasswordHasher {

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  private final Argon2Function function;
  private final BlockingWork work;
  /** A hash of nothing in particular, verified when an account is missing so timing tells nothing. */
  private volatile String decoy;

  public PasswordHasher(AppConfig config, BlockingWork work) {
    this.function = Argon2Function.getInstance(config.integer("passwordHash.memoryKib"),
        config.integer("passwordHash.iterations"), config.integer("passwordHash.parallelism"), HASH_BYTES,
        Argon2.ID);
    this.work = work;
  }

  public Future<String> hash(String password) {
    return work.run(() -> hashNow(password));
  }

  public Future<Boolean> verify(String password, String storedHash) {
    return work.run(() -> verifyNow(password, storedHash));
  }

  /** Spends the same time as a real verification, for a username that does not exist. */
  public Future<Boolean> verifyDecoy(String password) {
    return work.run(() -> {
      if (decoy == null) {
        decoy = hashNow("decoy-password-for-missing-accounts");
      }
      return verifyNow(password, decoy);
    }).map(ignored -> false);
  }

  /** Blocking: for worker threads and command-line tools only. */
  public String hashNow(String password) {
    return Password.hash(password).addRandomSalt(SALT_BYTES).with(function).getResult();
  }

  private static boolean verifyNow(String password, String storedHash) {
    if (storedHash == null || !storedHash.startsWith("$argon2")) {
      return false;
    }
    return Password.check(password, storedHash).with(Argon2Function.getInstanceFromHash(storedHash));
  }
}

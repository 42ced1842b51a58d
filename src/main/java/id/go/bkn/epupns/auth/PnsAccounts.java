package id.go.bkn.epupns.auth;

import io.vertx.core.Future;

/**
 * The PNS's login accounts as auth needs them, provided by the registration feature (it owns the
 * registrations and the rule of who may log in). Auth knows only this interface, so the two
 * features do not depend on each other both ways.
 */
public interface PnsAccounts {

  /**
   * A PNS account: its registration, the PNS's agency (its scope's id), whether it may use the
   * service now, and whether it only waits for the bureau's approval.
   */
  record PnsAccount(long id, String nip, int instansiId, int tokenVersion, String passwordHash, boolean usable,
                    boolean awaitingApproval) {
  }

  /** The account of a registration id (from a token), or null. */
  Future<PnsAccount> byId(long registrationId);

  /** The active account of a registration number in its stored form ({@link #canonicalNumber}), or null. */
  Future<PnsAccount> byNumber(String canonicalNumber);

  /** The stored form of a typed registration number, or null when it cannot be one. */
  String canonicalNumber(String typed);
}

package id.go.bkn.epupns.auth;

/**
 * The PNS's login accounts as auth needs them, provided by the registration feature (it owns the
 * registrations and the rule of who may log in). Auth knows only this interface, so the two
 * features do not depend on each other both ways. The accounts come as queries, so that the guard
 * still reads an account and its session in one round trip.
 *
 * <p>Both queries answer at most one row with the columns {@code id} (bigint: the registration),
 * {@code nip}, {@code instansi_id} (the PNS's agency: its scope's id), {@code token_version},
 * {@code password_hash}, {@code usable} (may use the service now) and {@code awaiting_approval}
 * (only waits for the bureau's approval).
 */
public interface PnsAccounts {

  /** The account of a registration id ({@code $1}, from a token). */
  String byIdQuery();

  /** The active account of a registration number in its stored form ({@code $1}, see {@link #canonicalNumber}). */
  String byNumberQuery();

  /** The stored form of a typed registration number, or null when it cannot be one. */
  String canonicalNumber(String typed);
}

package id.go.bkn.epupns.verification;

/**
 * Where verification mails the PNS, from the feature that knows it (registration: the address the
 * PNS registered with). Verification knows only this interface.
 */
public interface PnsAddresses {

  /** A scalar SQL subquery giving the PNS's mail address for the NIP in {@code $1}, or null. */
  String emailQuery();
}

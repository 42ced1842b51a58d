package id.go.bkn.epupns.auth;

/** The roles of SPEC 2. */
public enum Role {
  PNS,
  VERIFIER_SKPD,
  VERIFIER_BKD,
  VERIFIER_BKN,
  ADMIN_INSTANSI,
  ADMIN_BKN;

  public boolean isOfficer() {
    return this != PNS;
  }
}

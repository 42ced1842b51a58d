package id.go.bkn.epupns.auth;

import id.go.bkn.epupns.sapk.Scope;
import id.go.bkn.epupns.sapk.Tier;

import java.util.Optional;

/**
 * The roles of SPEC 2, each with the level of the organisation tree its scope is at and, for
 * verifiers, the tier it verifies: the one mapping tier → role → scope.
 */
public enum Role {
  PNS(Scope.Level.OWN_RECORD, null, "PNS"),
  VERIFIER_SKPD(Scope.Level.WORK_UNIT, Tier.SKPD, "Verifikator SKPD (satuan kerja)"),
  VERIFIER_BKD(Scope.Level.AGENCY, Tier.BKD, "Verifikator BKD / Biro Kepegawaian (instansi)"),
  VERIFIER_BKN(Scope.Level.BKN_OFFICE, Tier.BKN, "Verifikator BKN / Kanreg"),
  ADMIN_INSTANSI(Scope.Level.AGENCY, null, "Admin instansi"),
  ADMIN_BKN(Scope.Level.NATIONAL, null, "Admin BKN");

  private final Scope.Level scopeLevel;
  private final Tier tier;
  private final String label;

  Role(Scope.Level scopeLevel, Tier tier, String label) {
    this.scopeLevel = scopeLevel;
    this.tier = tier;
    this.label = label;
    if (tier != null && tier.level() != scopeLevel) {
      throw new IllegalStateException(name() + " verifies " + tier + " but is scoped at " + scopeLevel);
    }
  }

  /** For pages and mails, in Bahasa Indonesia. */
  public String label() {
    return label;
  }

  public boolean isOfficer() {
    return this != PNS;
  }

  /** The level of the organisation tree an account of this role is appointed to. */
  public Scope.Level scopeLevel() {
    return scopeLevel;
  }

  /** The tier a verifier role verifies; empty for admins and PNS. */
  public Optional<Tier> tier() {
    return Optional.ofNullable(tier);
  }

  /** The verifier role of a tier. */
  public static Role verifierOf(Tier tier) {
    for (Role role : values()) {
      if (role.tier == tier) {
        return role;
      }
    }
    throw new IllegalArgumentException("no verifier role for " + tier);
  }
}

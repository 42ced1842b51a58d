package id.go.bkn.epupns.auth;

import id.go.bkn.epupns.sapk.Scope;
import id.go.bkn.epupns.sapk.Tier;

import java.util.Optional;

/**
 * The roles of SPEC 2, each with the level of the organisation tree its scope is at and, for
 * verifiers, the tier it verifies: the one mapping tier → role → scope.
 */
public enum Role {
  PNS(Scope.Level.OWN_RECORD, null),
  VERIFIER_SKPD(Scope.Level.WORK_UNIT, Tier.SKPD),
  VERIFIER_BKD(Scope.Level.AGENCY, Tier.BKD),
  VERIFIER_BKN(Scope.Level.BKN_OFFICE, Tier.BKN),
  ADMIN_INSTANSI(Scope.Level.AGENCY, null),
  ADMIN_BKN(Scope.Level.NATIONAL, null);

  private final Scope.Level scopeLevel;
  private final Tier tier;

  Role(Scope.Level scopeLevel, Tier tier) {
    this.scopeLevel = scopeLevel;
    this.tier = tier;
    if (tier != null && tier.level() != scopeLevel) {
      throw new IllegalStateException(name() + " verifies " + tier + " but is scoped at " + scopeLevel);
    }
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

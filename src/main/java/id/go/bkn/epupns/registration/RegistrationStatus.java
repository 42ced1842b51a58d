package id.go.bkn.epupns.registration;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a registration. PENDING_APPROVAL and APPROVED are active (one per NIP, by the
 * partial unique index registration_one_active_per_nip); REJECTED and RESET free the NIP to register
 * again. A registration of an agency that needs no approval is APPROVED from the start.
 */
public enum RegistrationStatus {
  PENDING_APPROVAL,
  APPROVED,
  REJECTED,
  RESET;

  public static final Set<RegistrationStatus> ACTIVE = EnumSet.of(PENDING_APPROVAL, APPROVED);

  public boolean active() {
    return ACTIVE.contains(this);
  }

  /** The status of a new registration: APPROVED at once where the agency needs no approval. */
  public static RegistrationStatus onCreation(boolean approvalRequired) {
    return approvalRequired ? PENDING_APPROVAL : APPROVED;
  }

  /** The status text the database holds, or null for anything else. */
  public static RegistrationStatus of(String text) {
    for (RegistrationStatus s : values()) {
      if (s.name().equals(text)) {
        return s;
      }
    }
    return null;
  }
}

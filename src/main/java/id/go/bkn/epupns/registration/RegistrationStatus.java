package id.go.bkn.epupns.registration;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

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

  /** The active states as a SQL list, for {@code status in ...}: ('PENDING_APPROVAL', 'APPROVED'). */
  public static final String ACTIVE_SQL = ACTIVE.stream().map(s -> "'" + s.name() + "'")
      .collect(Collectors.joining(", ", "(", ")"));

  public boolean active() {
    return ACTIVE.contains(this);
  }

  /** Whether the PNS may use the service: approved, or pending in an agency that switched approval off. */
  public boolean mayLogIn(boolean approvalRequired) {
    return this == APPROVED || this == PENDING_APPROVAL && !approvalRequired;
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

  /** A typed status name in any case, or null. */
  public static RegistrationStatus parse(String text) {
    return text == null ? null : of(text.trim().toUpperCase(Locale.ROOT));
  }
}

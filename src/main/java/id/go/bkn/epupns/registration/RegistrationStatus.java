package id.go.bkn.epupns.registration;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The states of a registration (SPEC 4.1): waiting for the bureau's approval, approved, rejected,
 * or reset by the bureau. Only the first two are active: one active registration per NIP (the
 * partial unique index of V2), and only they can log in.
 */
public enum RegistrationStatus {
  PENDING_APPROVAL,
  APPROVED,
  REJECTED,
  RESET;

  /** The active states as a SQL list, for {@code status in ...}: ('PENDING_APPROVAL', 'APPROVED'). */
  public static final String ACTIVE_SQL = Arrays.stream(values()).filter(RegistrationStatus::active)
      .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));

  /** Whether the registration counts: the NIP is taken, its proof is valid, it may log in. */
  public boolean active() {
    return this == PENDING_APPROVAL || this == APPROVED;
  }

  /** Whether the PNS may use the service: approved, or pending in an agency that switched approval off. */
  public boolean mayLogIn(boolean approvalRequired) {
    return this == APPROVED || this == PENDING_APPROVAL && !approvalRequired;
  }

  /** From its stored or typed name (any case); empty for anything else. */
  public static Optional<RegistrationStatus> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}

package id.go.bkn.epupns.registration;

import id.go.bkn.epupns.auth.PnsAccounts;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The PNS's login accounts for auth: a registration, its status and the agency's approval switch. */
final class RegistrationAccounts implements PnsAccounts {

  /** {@link RegistrationStatus#mayLogIn} in SQL, built from the enum so the rule is written once. */
  private static final String MAY_LOG_IN = Arrays.stream(RegistrationStatus.values())
      .map(s -> "when '" + s.name() + "' then " + (s.mayLogIn(true) ? "true"
          : s.mayLogIn(false) ? "not i.approval_required" : "false"))
      .collect(Collectors.joining(" ", "case r.status ", " else false end"));

  private static final String ACCOUNT = """
      select r.id, r.nip, p.instansi_kerja_id as instansi_id, r.token_version, r.password_hash,
             %1$s as usable,
             r.status = '%2$s' and not (%1$s) as awaiting_approval
        from registration r
        join pns p on p.nip = r.nip
        join instansi i on i.id = p.instansi_kerja_id
      """.formatted(MAY_LOG_IN, RegistrationStatus.PENDING_APPROVAL.name());

  @Override
  public String byIdQuery() {
    return ACCOUNT + " where r.id = $1";
  }

  @Override
  public String byNumberQuery() {
    return ACCOUNT + " where r.registration_number = $1 and r.status in " + RegistrationStatus.ACTIVE_SQL;
  }

  @Override
  public String canonicalNumber(String typed) {
    return RegistrationNumbers.canonical(typed);
  }
}

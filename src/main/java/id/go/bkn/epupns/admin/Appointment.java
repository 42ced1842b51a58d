package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.core.http.FieldErrors;
import id.go.bkn.epupns.sapk.BknAgency;
import id.go.bkn.epupns.sapk.Scope;

/**
 * An officer's role and the {@link Scope} it is appointed to, as the API and the command-line tool
 * take it: exactly the id of the role's level ({@link Role#scopeLevel()}: satuanKerjaId, instansiId
 * or kanregId, none for ADMIN_BKN), the others absent.
 */
record Appointment(Role role, Scope scope) {

  private static final String OFFICER_ROLES = java.util.Arrays.stream(Role.values()).filter(Role::isOfficer)
      .map(Enum::name).collect(java.util.stream.Collectors.joining(", "));

  /** Parses a role name; null (with a field error) when it is not an officer role. */
  static Role role(String text, FieldErrors errors) {
    if (text == null) {
      errors.add("role", "Peran wajib diisi.");
      return null;
    }
    try {
      Role role = Role.valueOf(text.trim().toUpperCase());
      if (role.isOfficer()) {
        return role;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    errors.add("role", "Peran harus salah satu dari " + OFFICER_ROLES + ".");
    return null;
  }

  /** Exactly the scope the role needs: its level's id present, the others absent; null with errors otherwise. */
  static Appointment of(Role role, Integer satuanKerjaId, Integer instansiId, Integer kanregId, FieldErrors errors) {
    Scope.Level level = role.scopeLevel();
    check(Scope.Level.WORK_UNIT, satuanKerjaId, level, role, errors);
    check(Scope.Level.AGENCY, instansiId, level, role, errors);
    check(Scope.Level.BKN_OFFICE, kanregId, level, role, errors);
    if (!errors.isEmpty()) {
      return null;
    }
    return new Appointment(role, Scope.of(level, satuanKerjaId, instansiId, kanregId));
  }

  private static void check(Scope.Level field, Integer value, Scope.Level needed, Role role, FieldErrors errors) {
    if (field == needed && value == null) {
      errors.add(field.field(), field.field() + " wajib diisi untuk peran " + role + ".");
    } else if (field != needed && value != null) {
      errors.add(field.field(), field.field() + " tidak dipakai untuk peran " + role + ".");
    }
  }

  /**
   * Why the PNS (by the name of its SAPK agency) cannot take the role, or null: a BKN office's roles (VERIFIER_BKN,
   * ADMIN_BKN) are for BKN's own staff, as an agency's roles are for the agency's PNS.
   */
  static String staffProblem(Role role, String instansiNama) {
    Scope.Level level = role.scopeLevel();
    if ((level == Scope.Level.BKN_OFFICE || level == Scope.Level.NATIONAL) && !BknAgency.is(instansiNama)) {
      return (instansiNama == null ? "NIP tersebut tidak tercatat di SAPK" : "NIP tersebut PNS " + instansiNama)
          + ": peran " + role.label() + " hanya untuk PNS " + BknAgency.NAME
          + ".";
    }
    return null;
  }

  Integer satuanKerjaId() {
    return scope.satuanKerjaId();
  }

  Integer instansiId() {
    return scope.instansiId();
  }

  Integer kanregId() {
    return scope.kanregId();
  }
}

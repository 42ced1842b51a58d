package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.core.http.FieldErrors;

/**
 * An officer's role and the one scope it works in, as the officer_scope check of the officer table
 * demands: a work unit for VERIFIER_SKPD, an agency for VERIFIER_BKD and ADMIN_INSTANSI, a BKN
 * office for VERIFIER_BKN, nothing for ADMIN_BKN. Shared by the API and the command-line tool.
 */
record OfficerScope(Role role, Integer satuanKerjaId, Integer instansiId, Integer kanregId) {

  /** The scope field each role needs (null for ADMIN_BKN). */
  static String scopeField(Role role) {
    return switch (role) {
      case VERIFIER_SKPD -> "satuanKerjaId";
      case VERIFIER_BKD, ADMIN_INSTANSI -> "instansiId";
      case VERIFIER_BKN -> "kanregId";
      case ADMIN_BKN, PNS -> null;
    };
  }

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
    errors.add("role", "Peran harus salah satu dari VERIFIER_SKPD, VERIFIER_BKD, VERIFIER_BKN, ADMIN_INSTANSI, ADMIN_BKN.");
    return null;
  }

  /** Exactly the scope the role needs: the needed one present, the others absent. */
  static OfficerScope of(Role role, Integer satuanKerjaId, Integer instansiId, Integer kanregId, FieldErrors errors) {
    String needed = scopeField(role);
    check("satuanKerjaId", satuanKerjaId, needed, role, errors);
    check("instansiId", instansiId, needed, role, errors);
    check("kanregId", kanregId, needed, role, errors);
    return new OfficerScope(role, satuanKerjaId, instansiId, kanregId);
  }

  private static void check(String field, Integer value, String needed, Role role, FieldErrors errors) {
    if (field.equals(needed) && value == null) {
      errors.add(field, field + " wajib diisi untuk peran " + role + ".");
    } else if (!field.equals(needed) && value != null) {
      errors.add(field, field + " tidak dipakai untuk peran " + role + ".");
    }
  }
}

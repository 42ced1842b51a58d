package id.go.bkn.epupns.audit;

import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.sapk.Tier;
import id.go.bkn.epupns.sapk.Wilayah;
import id.go.bkn.epupns.schedule.CampaignSchedule.Window;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An audit entry as the pages show it, in Bahasa Indonesia: what it was done to by name (an officer's or
 * PNS's name and NIP, an agency, a window, a province, or the name its writer gave under
 * {@link AuditLog#TARGET_NAME}), and its details in words (roles, tiers, dates, on/off by their labels).
 * No internal id or enum name reaches the page; the raw {@code target} and {@code details} stay in the
 * answer for other clients.
 */
final class AuditText {

  private static final DateTimeFormatter HUMAN = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("id"));
  private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b");
  private static final Pattern OVERRIDE = Pattern.compile("([a-z]+)/(instansi|provinsi)/(\\d{1,9})");

  private AuditText() {
  }

  /** The actor's role by its label; the command-line tools (no role of an account) by what they are. */
  static String role(String name) {
    if (name == null) {
      return null;
    }
    for (Role r : Role.values()) {
      if (r.name().equals(name)) {
        return r.label();
      }
    }
    return AuditLog.Actor.COMMAND_LINE.storedRole().equals(name) ? "Alat baris perintah" : null;
  }

  /**
   * What the action was done to, by name. {@code pnsName}: the SAPK name of an 18-digit target;
   * {@code agencyName}: the entry's agency. Null when the target cannot be named (never the raw key).
   */
  static String target(AuditLog.Action action, String target, JsonObject details, String pnsName, String agencyName) {
    String given = details.getString(AuditLog.TARGET_NAME);
    if (given != null) {
      return given;
    }
    if (action == null || target == null) {
      return null;
    }
    switch (action) {
      case OFFICER_CREATE, OFFICER_UPDATE, OFFICER_DISABLE, OFFICER_ENABLE, OFFICER_REMOVE, OFFICER_PASSWORD_SET,
           REGISTRATION_APPROVE, REGISTRATION_REJECT, REGISTRATION_RESET, REGISTRATION_UNDO_APPROVE -> {
        String nama = pnsName != null ? pnsName : action.name().startsWith("OFFICER_") ? details.getString("nama") : null;
        return nama == null ? "NIP " + target : nama + " (NIP " + target + ")";
      }
      case APPROVAL_SWITCH -> {
        return agencyName;
      }
      case SCHEDULE_CHANGE -> {
        Window w = Window.of(target);
        return w == null ? null : "Jadwal " + lower(w.label()) + " (nasional)";
      }
      case AGENCY_WINDOW_SET, AGENCY_WINDOW_CLEAR -> {
        Matcher m = OVERRIDE.matcher(target);
        if (!m.matches() || Window.of(m.group(1)) == null) {
          return null;
        }
        String where = m.group(2).equals("instansi") ? agencyName : province(Integer.parseInt(m.group(3)));
        return "Jadwal " + lower(Window.of(m.group(1)).label()) + (where == null ? "" : " · " + where);
      }
      default -> {
        return null;
      }
    }
  }

  /** The entry's details in words, or null when there is nothing more to say than the action's label. */
  static String details(AuditLog.Action action, JsonObject d) {
    if (action == null) {
      return null;
    }
    return switch (action) {
      case APPROVAL_SWITCH -> "Pendaftaran " + approval(d.getValue("from")) + " → " + approval(d.getValue("to"));
      case ROUTE_CHANGE -> "Kewenangan akhir " + tier(d.getString("from")) + " → " + tier(d.getString("to"));
      case SCHEDULE_CHANGE -> dates(d.getString("from")) + " → " + dates(d.getString("to"));
      case AGENCY_WINDOW_SET -> "Dibuka " + dates(d.getString("to"));
      case AGENCY_WINDOW_CLEAR -> "Kembali mengikuti jadwal nasional";
      case OFFICER_CREATE -> "Peran: " + roleOr(d.getString("role"));
      case OFFICER_UPDATE -> {
        String before = d.getJsonObject("before", new JsonObject()).getString("role");
        String after = d.getJsonObject("after", new JsonObject()).getString("role");
        yield before != null && before.equals(after) ? "Peran tetap " + roleOr(after) + "; penempatan diubah"
            : "Peran: " + roleOr(before) + " → " + roleOr(after);
      }
      case OFFICER_DISABLE, OFFICER_REMOVE -> join(d.getString("role") == null ? null : "Peran: " + roleOr(d.getString("role")),
          count(d.getInteger("sessionsEnded"), "sesi diakhiri"), count(d.getInteger("claimsReleased"), "klaim dilepas"));
      case REGISTRATION_APPROVE, REGISTRATION_REJECT, REGISTRATION_RESET, REGISTRATION_UNDO_APPROVE -> join(
          d.getString("registrationNumber") == null ? null : "No. registrasi " + d.getString("registrationNumber"),
          d.getString("reason") == null ? null : "Alasan: " + d.getString("reason"));
      case REFERENCE_ADD, REFERENCE_EDIT -> {
        List<String> parts = new ArrayList<>();
        d.forEach(e -> {
          if (!e.getKey().equals("nama") && !e.getKey().equals(AuditLog.TARGET_NAME) && e.getValue() != null
              && !String.valueOf(e.getValue()).isBlank()) {
            parts.add(e.getKey() + " " + e.getValue());
          }
        });
        yield parts.isEmpty() ? null : String.join("; ", parts);
      }
      case REFERENCE_IMPORT -> join(count(d.getInteger("added"), "entri baru"), count(d.getInteger("changed"), "diubah"),
          count(d.getInteger("unchanged"), "tidak berubah"), count(d.getInteger("rejected"), "baris ditolak"));
      case COMPLAINT_ASSIGN -> d.getString("nama") == null ? null : "Ditugaskan kepada " + d.getString("nama");
      case COMPLAINT_HANDLE -> Boolean.TRUE.equals(d.getBoolean("mailed")) ? "Catatan dikirim ke email pengadu"
          : "Kontak pengadu bukan email: dihubungi lewat nomor HP";
      case OFFICER_ENABLE, OFFICER_PASSWORD_SET, REFERENCE_RETIRE, REFERENCE_RESTORE -> null;
    };
  }

  private static String approval(Object on) {
    return Boolean.TRUE.equals(on) ? "harus disetujui admin" : Boolean.FALSE.equals(on) ? "tanpa persetujuan admin" : "—";
  }

  private static String tier(String name) {
    for (Tier t : Tier.values()) {
      if (t.name().equals(name)) {
        return t.label();
      }
    }
    return "—";
  }

  private static String roleOr(String name) {
    String label = role(name);
    return label == null ? "—" : label;
  }

  private static String province(int kode) {
    String nama = Wilayah.get().namaProvinsi(kode);
    return nama == null ? null : "Provinsi " + nama;
  }

  /** "2015-09-01 s.d. 2015-11-30" as "1 September 2015 s.d. 30 November 2015". */
  private static String dates(String text) {
    if (text == null) {
      return "—";
    }
    Matcher m = ISO_DATE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String day;
      try {
        day = HUMAN.format(LocalDate.parse(m.group(1)));
      } catch (java.time.format.DateTimeParseException e) {
        day = m.group(1);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(day));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String count(Integer n, String what) {
    return n == null ? null : n + " " + what;
  }

  private static String join(String... parts) {
    List<String> out = new ArrayList<>();
    for (String p : parts) {
      if (p != null) {
        out.add(p);
      }
    }
    return out.isEmpty() ? null : String.join("; ", out);
  }

  private static String lower(String label) {
    return label.toLowerCase(Locale.ROOT);
  }
}

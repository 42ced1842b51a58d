package id.go.bkn.epupns.audit;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every action's entry in words, as its writer records it today: the target by name and the details without an
 * enum name, a raw key, an ISO date or true/false (what the log page used to show).
 */
class AuditTextTest {

  private static final String NIP = "198001012005031001";
  private static final Pattern CODE = Pattern.compile("\\b[A-Z]+_[A-Z_]+\\b|\\btrue\\b|\\bfalse\\b|\\d{4}-\\d{2}-\\d{2}|[a-z-]+/[a-z0-9]");

  /** Per action: the target key, the details its writer stores, and the words expected for target and details. */
  record Sample(String target, JsonObject details, String targetText, String detailText) {
  }

  static Map<AuditLog.Action, Sample> samples() {
    Map<AuditLog.Action, Sample> m = new EnumMap<>(AuditLog.Action.class);
    JsonObject scope = new JsonObject().put("role", "VERIFIER_SKPD").put("satuanKerjaId", 20).put("instansiId", null);
    m.put(AuditLog.Action.OFFICER_CREATE, new Sample(NIP, scope.copy().put("nama", "Budi"), "Budi (NIP " + NIP + ")",
        "Peran: Verifikator SKPD (satuan kerja)"));
    m.put(AuditLog.Action.OFFICER_UPDATE, new Sample(NIP, new JsonObject().put("nama", "Budi")
        .put("before", new JsonObject().put("role", "VERIFIER_SKPD")).put("after", new JsonObject().put("role", "VERIFIER_BKD")),
        "Budi (NIP " + NIP + ")", "Peran: Verifikator SKPD (satuan kerja) → Verifikator BKD / Biro Kepegawaian (instansi)"));
    m.put(AuditLog.Action.OFFICER_DISABLE, new Sample(NIP, new JsonObject().put("nama", "Budi").put("sessionsEnded", 2)
        .put("claimsReleased", 1), "Budi (NIP " + NIP + ")", "2 sesi diakhiri; 1 klaim dilepas"));
    m.put(AuditLog.Action.OFFICER_ENABLE, new Sample(NIP, new JsonObject().put("nama", "Budi"), "Budi (NIP " + NIP + ")", null));
    m.put(AuditLog.Action.OFFICER_REMOVE, new Sample(NIP, new JsonObject().put("nama", "Budi").put("role", "ADMIN_INSTANSI")
        .put("sessionsEnded", 0).put("claimsReleased", 0), "Budi (NIP " + NIP + ")", "Peran: Admin instansi; 0 sesi diakhiri; 0 klaim dilepas"));
    m.put(AuditLog.Action.OFFICER_PASSWORD_SET, new Sample(NIP, new JsonObject().put("nama", "Budi"), "Budi (NIP " + NIP + ")", null));
    m.put(AuditLog.Action.APPROVAL_SWITCH, new Sample("2", new JsonObject().put("from", true).put("to", false),
        "Pemerintah Kota Bandung", "Pendaftaran harus disetujui admin → tanpa persetujuan admin"));
    for (AuditLog.Action a : new AuditLog.Action[] {AuditLog.Action.REGISTRATION_APPROVE, AuditLog.Action.REGISTRATION_REJECT,
        AuditLog.Action.REGISTRATION_RESET, AuditLog.Action.REGISTRATION_UNDO_APPROVE}) {
      m.put(a, new Sample(NIP, new JsonObject().put("registrationNumber", "MAR5-ZXE4-ARR1-H").put("from", "PENDING_APPROVAL")
          .put("to", "REJECTED").put("reason", "Tanda bukti tidak sah."), "Siti (NIP " + NIP + ")",
          "No. registrasi MAR5-ZXE4-ARR1-H; Alasan: Tanda bukti tidak sah."));
    }
    m.put(AuditLog.Action.ROUTE_CHANGE, new Sample("utama.alamat", new JsonObject().put("from", "SKPD").put("to", "BKN")
        .put(AuditLog.TARGET_NAME, "Data Utama: Alamat"), "Data Utama: Alamat", "Kewenangan akhir SKPD → BKN / Kanreg"));
    m.put(AuditLog.Action.SCHEDULE_CHANGE, new Sample("form", new JsonObject().put("from", "2015-09-01 s.d. 2015-11-30")
        .put("to", "2015-09-01 s.d. 2015-12-15"), "Jadwal pengisian formulir (nasional)",
        "1 September 2015 s.d. 30 November 2015 → 1 September 2015 s.d. 15 Desember 2015"));
    m.put(AuditLog.Action.AGENCY_WINDOW_SET, new Sample("verification/provinsi/32", new JsonObject().put("to", "2015-10-01 s.d. 2015-10-31"),
        "Jadwal verifikasi · Provinsi Jawa Barat", "Dibuka 1 Oktober 2015 s.d. 31 Oktober 2015"));
    m.put(AuditLog.Action.AGENCY_WINDOW_CLEAR, new Sample("registration/instansi/2", new JsonObject(),
        "Jadwal pendaftaran · Pemerintah Kota Bandung", "Kembali mengikuti jadwal nasional"));
    JsonObject school = new JsonObject().put("nama", "SD Negeri 1").put("jenjang", "SD").put("npsn", null).put("alamat", "Jl. Braga 7")
        .put(AuditLog.TARGET_NAME, "Sekolah: SD Negeri 1");
    m.put(AuditLog.Action.REFERENCE_ADD, new Sample("sekolah/17", school, "Sekolah: SD Negeri 1", "jenjang SD; alamat Jl. Braga 7"));
    m.put(AuditLog.Action.REFERENCE_EDIT, new Sample("sekolah/17", school, "Sekolah: SD Negeri 1", "jenjang SD; alamat Jl. Braga 7"));
    m.put(AuditLog.Action.REFERENCE_RETIRE, new Sample("sekolah/17", new JsonObject().put(AuditLog.TARGET_NAME, "Sekolah: SD Negeri 1"),
        "Sekolah: SD Negeri 1", null));
    m.put(AuditLog.Action.REFERENCE_RESTORE, new Sample("sekolah/17", new JsonObject().put(AuditLog.TARGET_NAME, "Sekolah: SD Negeri 1"),
        "Sekolah: SD Negeri 1", null));
    m.put(AuditLog.Action.REFERENCE_IMPORT, new Sample("sekolah", new JsonObject().put("added", 1).put("changed", 2).put("unchanged", 3)
        .put("rejected", 4).put(AuditLog.TARGET_NAME, "Tabel sekolah"), "Tabel sekolah",
        "1 entri baru; 2 diubah; 3 tidak berubah; 4 baris ditolak"));
    m.put(AuditLog.Action.COMPLAINT_ASSIGN, new Sample("pengaduan/5", new JsonObject().put("to", NIP).put("nama", "Budi")
        .put(AuditLog.TARGET_NAME, "Pengaduan no. 5 dari Ani"), "Pengaduan no. 5 dari Ani", "Ditugaskan kepada Budi"));
    m.put(AuditLog.Action.COMPLAINT_HANDLE, new Sample("pengaduan/5", new JsonObject().put("mailed", false)
        .put(AuditLog.TARGET_NAME, "Pengaduan no. 5 dari Ani"), "Pengaduan no. 5 dari Ani",
        "Kontak pengadu bukan email: dihubungi lewat nomor HP"));
    return m;
  }

  @Test
  void everyActionIsNamedAndWordedWithoutCodesOrIds() {
    Map<AuditLog.Action, Sample> samples = samples();
    assertEquals(AuditLog.Action.values().length, samples.size(), "a sample for every action");
    for (AuditLog.Action action : AuditLog.Action.values()) {
      Sample s = samples.get(action);
      String pnsName = s.target().equals(NIP) && action.name().startsWith("REGISTRATION_") ? "Siti" : null;
      String target = AuditText.target(action, s.target(), s.details(), pnsName, "Pemerintah Kota Bandung");
      String details = AuditText.details(action, s.details());
      assertEquals(s.targetText(), target, action + " target");
      assertEquals(s.detailText(), details, action + " details");
      assertFalse(CODE.matcher(target).find(), action + " target has a code: " + target);
      assertTrue(details == null || !CODE.matcher(details).find(), action + " details have a code: " + details);
      assertFalse(action.label().isBlank());
    }
  }

  @Test
  void aTargetThatCannotBeNamedIsNotShownAsItsKey() {
    assertNull(AuditText.target(AuditLog.Action.ROUTE_CHANGE, "utama.alamat", new JsonObject(), null, null));
    assertEquals("Jadwal pengisian formulir", AuditText.target(AuditLog.Action.AGENCY_WINDOW_SET, "form/provinsi/20",
        new JsonObject(), null, null), "a province code that is none: the window only");
    assertEquals("NIP " + NIP, AuditText.target(AuditLog.Action.REGISTRATION_RESET, NIP, new JsonObject(), null, null));
    assertEquals("Alat baris perintah", AuditText.role("COMMAND_LINE"));
    assertEquals("Admin BKN", AuditText.role("ADMIN_BKN"));
    assertNull(AuditText.role("SOMETHING_ELSE"));
  }
}

package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.audit.AuditLog;
import id.go.bkn.epupns.registration.RegistrationStatus;

import java.util.EnumSet;
import java.util.Set;

/**
 * The bureau's decisions on a registration (SPEC 4.1): the path that asks for it, which states it
 * applies to, the state it leads to, whether a reason is required, whether it ends the PNS's
 * sessions, and the mail that tells the PNS. Reset frees the NIP to register again (only
 * PENDING_APPROVAL and APPROVED count as active in the one-active-registration index); so does a
 * rejection. Approving is one tap, so it can be undone (UNDO_APPROVE) until the end of the
 * campaign day on which the bureau approved; after that, Reset is the way back.
 */
enum RegistrationDecision {

  APPROVE("approve", EnumSet.of(RegistrationStatus.PENDING_APPROVAL), RegistrationStatus.APPROVED, false, false,
      "disetujui",
      "Pendaftaran e-PUPNS Anda disetujui",
      """
      Yth. %1$s,

      Pendaftaran e-PUPNS Anda dengan nomor registrasi %2$s telah disetujui oleh bagian kepegawaian
      %3$s. Silakan masuk dengan nomor registrasi dan kata sandi Anda di %5$s/masuk.html
      lalu periksa data kepegawaian Anda.
      %4$s"""),
  REJECT("reject", EnumSet.of(RegistrationStatus.PENDING_APPROVAL), RegistrationStatus.REJECTED, true, true,
      "ditolak",
      "Pendaftaran e-PUPNS Anda ditolak",
      """
      Yth. %1$s,

      Pendaftaran e-PUPNS dengan nomor registrasi %2$s ditolak oleh bagian kepegawaian %3$s.
      %4$s
      Anda dapat mendaftar kembali di %5$s/daftar.html atau menghubungi bagian kepegawaian instansi Anda."""),
  RESET("reset", EnumSet.of(RegistrationStatus.PENDING_APPROVAL, RegistrationStatus.APPROVED),
      RegistrationStatus.RESET, true, true, "di-reset",
      "Pendaftaran e-PUPNS untuk NIP Anda di-reset",
      """
      Yth. %1$s,

      Pendaftaran e-PUPNS dengan nomor registrasi %2$s di-reset oleh bagian kepegawaian %3$s.
      Nomor registrasi tersebut tidak berlaku lagi dan semua sesi yang masuk dengannya telah diakhiri.
      %4$s
      NIP Anda dapat didaftarkan kembali di %5$s/daftar.html."""),
  UNDO_APPROVE("undo-approve", EnumSet.of(RegistrationStatus.APPROVED), RegistrationStatus.PENDING_APPROVAL, false,
      true, "dibatalkan persetujuannya",
      "Persetujuan pendaftaran e-PUPNS Anda dibatalkan",
      """
      Yth. %1$s,

      Persetujuan pendaftaran e-PUPNS dengan nomor registrasi %2$s dibatalkan oleh bagian kepegawaian
      %3$s, sehingga pendaftaran Anda kembali menunggu persetujuan.
      %4$s
      Anda dapat masuk lagi setelah pendaftaran disetujui kembali; bila ada pertanyaan, hubungi bagian
      kepegawaian instansi Anda.""");

  static final int MAX_REASON = 500;

  /** The audit log's name of the decision. */
  final AuditLog.Action audit = AuditLog.Action.valueOf("REGISTRATION_" + name());

  /** The last segment of POST /api/admin/registrations/{nip}/{path}. */
  final String path;
  final Set<RegistrationStatus> from;
  final RegistrationStatus to;
  final boolean reasonRequired;
  final boolean endsSessions;
  /** "approved" in Bahasa Indonesia, for messages. */
  final String done;
  final String mailSubject;
  private final String mailBody;

  RegistrationDecision(String path, Set<RegistrationStatus> from, RegistrationStatus to, boolean reasonRequired,
                       boolean endsSessions, String done, String mailSubject, String mailBody) {
    this.path = path;
    this.from = from;
    this.to = to;
    this.reasonRequired = reasonRequired;
    this.endsSessions = endsSessions;
    this.done = done;
    this.mailSubject = mailSubject;
    this.mailBody = mailBody;
  }

  /** Back to waiting: the registration then shows no decider, as if never decided. */
  boolean clearsDecision() {
    return to == RegistrationStatus.PENDING_APPROVAL;
  }

  /** approve | reject | reset | undo-approve from the path, or null. */
  static RegistrationDecision fromPath(String action) {
    for (RegistrationDecision d : values()) {
      if (d.path.equals(action)) {
        return d;
      }
    }
    return null;
  }

  String mailBody(String nama, String registrationNumber, String instansi, String reason, String baseUrl) {
    String reasonLine = reason == null ? "" : "Alasan: " + reason + "\n";
    return mailBody.formatted(nama, registrationNumber, instansi, reasonLine, baseUrl);
  }
}

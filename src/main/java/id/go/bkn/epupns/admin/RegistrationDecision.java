package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.registration.RegistrationStatus;

import java.util.Locale;
import java.util.Set;

import static id.go.bkn.epupns.registration.RegistrationStatus.APPROVED;
import static id.go.bkn.epupns.registration.RegistrationStatus.PENDING_APPROVAL;
import static id.go.bkn.epupns.registration.RegistrationStatus.REJECTED;

/**
 * The bureau's decisions on a registration (SPEC 4.1): which states each applies to, the state it
 * leads to, whether a reason is required, whether it ends the PNS's sessions, and the mail that
 * tells the PNS. Reset frees the NIP to register again (only PENDING_APPROVAL and APPROVED count
 * as active in the one-active-registration index); so does a rejection.
 */
enum RegistrationDecision {

  APPROVE(Set.of(PENDING_APPROVAL), APPROVED, false, false, "disetujui",
      "Pendaftaran e-PUPNS Anda disetujui",
      """
      Yth. %1$s,

      Pendaftaran e-PUPNS Anda dengan nomor registrasi %2$s telah disetujui oleh bagian kepegawaian
      %3$s. Silakan masuk dengan nomor registrasi dan kata sandi Anda di %5$s/masuk.html
      lalu periksa data kepegawaian Anda.
      %4$s"""),
  REJECT(Set.of(PENDING_APPROVAL), REJECTED, true, true, "ditolak",
      "Pendaftaran e-PUPNS Anda ditolak",
      """
      Yth. %1$s,

      Pendaftaran e-PUPNS dengan nomor registrasi %2$s ditolak oleh bagian kepegawaian %3$s.
      %4$s
      Anda dapat mendaftar kembali di %5$s/daftar.html atau menghubungi bagian kepegawaian instansi Anda."""),
  RESET(Set.of(PENDING_APPROVAL, APPROVED), RegistrationStatus.RESET, true, true, "di-reset",
      "Pendaftaran e-PUPNS untuk NIP Anda di-reset",
      """
      Yth. %1$s,

      Pendaftaran e-PUPNS dengan nomor registrasi %2$s di-reset oleh bagian kepegawaian %3$s.
      Nomor registrasi tersebut tidak berlaku lagi dan semua sesi yang masuk dengannya telah diakhiri.
      %4$s
      NIP Anda dapat didaftarkan kembali di %5$s/daftar.html.""");

  static final int MAX_REASON = 500;

  final Set<RegistrationStatus> from;
  final RegistrationStatus to;
  final boolean reasonRequired;
  final boolean endsSessions;
  /** "approved" in Bahasa Indonesia, for messages. */
  final String done;
  final String mailSubject;
  private final String mailBody;

  RegistrationDecision(Set<RegistrationStatus> from, RegistrationStatus to, boolean reasonRequired, boolean endsSessions, String done,
                       String mailSubject, String mailBody) {
    this.done = done;
    this.from = from;
    this.to = to;
    this.reasonRequired = reasonRequired;
    this.endsSessions = endsSessions;
    this.mailSubject = mailSubject;
    this.mailBody = mailBody;
  }

  /** approve | reject | reset from the path, or null. */
  static RegistrationDecision fromPath(String action) {
    for (RegistrationDecision d : values()) {
      if (d.name().toLowerCase(Locale.ROOT).equals(action)) {
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

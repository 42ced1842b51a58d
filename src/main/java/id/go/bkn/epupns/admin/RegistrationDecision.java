package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.audit.AuditLog;
import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.registration.RegistrationStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.EnumSet;
import java.util.List;
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

  /**
   * The one writer of a decision: the registrations (of those ids, in a state the decision applies to) get the new
   * state, the reason and the decider (none when it goes back to waiting), sessions ended where it says so, and
   * each its registration_decision row with the state it came from. Answers the changed rows with what the mail
   * and the answer need.
   */
  private static final String APPLY = """
      with old as (
        select id, status from registration where id = any($1::bigint[]) and status = any($2::text[]) for update),
      changed as (
        update registration r
           set status = $3, status_reason = $4, decided_by = $5,
               decided_at = case when $5::char(18) is null then null else now() end,
               token_version = r.token_version + $6
          from old where r.id = old.id
        returning r.id, r.nip, r.email, r.registration_number, old.status as from_status, now() as decided_at),
      recorded as (
        insert into registration_decision (registration_id, nip, decision, from_status, to_status, reason,
                                           decided_by, decided_by_role)
        select id, nip, $7, from_status, $3, $8, $9, $10 from changed)
      select c.*, p.nama, i.nama as instansi_nama
        from changed c join pns p on p.nip = c.nip join instansi i on i.id = p.instansi_kerja_id""";

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

  /** Applies this decision by the caller to the registrations with these ids (see {@link #APPLY}); the rows changed. */
  Future<RowSet<Row>> apply(SqlClient tx, List<Long> ids, String reason, Caller caller) {
    boolean clears = clearsDecision();
    return tx.preparedQuery(APPLY).execute(Tuple.from(new Object[] {ids.toArray(new Long[0]),
        from.stream().map(Enum::name).toArray(String[]::new), to.name(), clears ? null : reason,
        clears ? null : caller.nip(), endsSessions ? 1 : 0, name(), reason, caller.nip(), caller.role().name()}));
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

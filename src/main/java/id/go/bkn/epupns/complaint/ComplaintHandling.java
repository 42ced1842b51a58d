package id.go.bkn.epupns.complaint;

import id.go.bkn.epupns.audit.AuditLog;
import id.go.bkn.epupns.auth.AuthGuard;
import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.core.http.JsonBodies;
import id.go.bkn.epupns.mail.MailOutbox;
import id.go.bkn.epupns.sapk.Nip;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.regex.Pattern;

/**
 * Working on complaints (issue 11): PUT /api/admin/complaints/{id}/assignee {nip} gives it to an officer
 * of the complaint's agency (its admins and verifiers, or a national admin), POST .../handle {note} marks it
 * handled; the complainant is mailed the note in the same transaction when the contact is an email
 * address. Who assigned and handled it, and when, stay on the complaint and in the audit log (audit.AuditLog). An agency's admin acts on its own
 * agency's complaints only (others are 404); ADMIN_BKN on any.
 */
final class ComplaintHandling implements Feature {

  static final int NOTE_MIN = 5;
  static final int NOTE_MAX = 2000;
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

  private static final String LOCK = """
      select c.id, c.nip, c.nama, c.contact, c.status, c.instansi_id, i.nama as instansi
        from complaint c join instansi i on i.id = c.instansi_id
       where c.id = $1 and ($2::int is null or c.instansi_id = $2)
         for update of c""";
  // An officer of the agency: its admins and BKD verifiers, SKPD verifiers of its work units; or a national admin.
  private static final String OFFICER = """
      select o.nip, o.nama from officer o
       where o.nip = $1 and not o.disabled
         and (o.role = $3 or o.instansi_id = $2
              or o.satuan_kerja_id in (select id from satuan_kerja where instansi_id = $2))""";
  private static final String ASSIGN = """
      update complaint set status = case when status = 'HANDLED' then status else 'ASSIGNED' end,
             assigned_to = $2, assigned_by = $3, assigned_at = now()
       where id = $1""";
  private static final String HANDLE = """
      update complaint set status = 'HANDLED', handled_by = $2, handled_at = now(), handled_note = $3
       where id = $1""";

  private final Pool pool;
  private final AuthGuard guard;

  ComplaintHandling(Pool pool, AuthGuard guard) {
    this.pool = pool;
    this.guard = guard;
  }

  @Override
  public void mount(Router router) {
    router.put("/api/admin/complaints/:id/assignee").handler(guard.admins())
        .handler(this::assign);
    router.post("/api/admin/complaints/:id/handle").handler(guard.admins())
        .handler(this::handle);
  }

  private static long id(RoutingContext ctx) {
    String text = ctx.pathParam("id");
    if (text == null || !text.matches("[0-9]{1,18}")) {
      throw ApiError.field("id", "Nomor pengaduan harus berupa angka.");
    }
    return Long.parseLong(text);
  }

  private Future<Row> lock(SqlConnection tx, long id, Caller caller) {
    return tx.preparedQuery(LOCK).execute(Tuple.of(id, caller.scope().listedAgency(null))).map(rows -> {
      if (rows.size() == 0) {
        throw ApiError.notFound("Pengaduan tidak ditemukan.");
      }
      return rows.iterator().next();
    });
  }

  private void assign(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    long id = id(ctx);
    JsonObject body = JsonBodies.object(ctx);
    Nip.Result nip = Nip.parse(JsonBodies.text(body, "nip"));
    if (!nip.valid()) {
      throw ApiError.field("nip", "Pilih petugas dari daftar.");
    }
    pool.withTransaction(tx -> lock(tx, id, caller).compose(complaint -> tx.preparedQuery(OFFICER)
        .execute(Tuple.of(nip.get().value(), complaint.getInteger("instansi_id"), Role.ADMIN_BKN.name())).compose(officers -> {
          if (officers.size() == 0) {
            throw ApiError.field("nip", "Petugas ini bukan petugas aktif instansi " + complaint.getString("instansi") + ".");
          }
          Row officer = officers.iterator().next();
          return tx.preparedQuery(ASSIGN).execute(Tuple.of(id, officer.getString("nip"), caller.nip()))
              .compose(v -> AuditLog.record(tx, caller, AuditLog.Action.COMPLAINT_ASSIGN, "pengaduan/" + id,
                  complaint.getInteger("instansi_id"), new JsonObject().put("to", officer.getString("nip"))
                      .put("nama", officer.getString("nama")).put(AuditLog.TARGET_NAME, targetName(complaint))))
              .map(v -> new JsonObject().put("id", id).put("status",
                  ComplaintStatus.HANDLED.name().equals(complaint.getString("status")) ? ComplaintStatus.HANDLED.name()
                      : ComplaintStatus.ASSIGNED.name())
                  .put("assignee", new JsonObject().put("nip", officer.getString("nip")).put("nama", officer.getString("nama"))));
        })))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void handle(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    long id = id(ctx);
    JsonObject body = JsonBodies.object(ctx);
    String note = JsonBodies.text(body, "note");
    if (note == null || note.length() < NOTE_MIN || note.length() > NOTE_MAX) {
      throw ApiError.field("note", "Tulis catatan penanganan (" + NOTE_MIN + " s.d. " + NOTE_MAX + " karakter).");
    }
    pool.withTransaction(tx -> lock(tx, id, caller).compose(complaint -> {
      if (ComplaintStatus.HANDLED.name().equals(complaint.getString("status"))) {
        throw ApiError.conflict("ALREADY_HANDLED", "Pengaduan ini sudah selesai ditangani.");
      }
      String contact = complaint.getString("contact");
      boolean mail = EMAIL.matcher(contact).matches();
      Future<Void> mailed = mail ? MailOutbox.enqueue(tx, contact, "Pengaduan e-PUPNS Anda nomor " + id + " telah ditangani",
          """
          Yth. %s,

          Pengaduan Anda nomor %d (NIP %s) telah ditangani oleh bagian kepegawaian %s.

          Catatan petugas:
          %s

          Bila masih ada pertanyaan, hubungi bagian kepegawaian instansi Anda.""".formatted(complaint.getString("nama"), id,
              complaint.getString("nip"), complaint.getString("instansi"), note)) : Future.succeededFuture();
      return tx.preparedQuery(HANDLE).execute(Tuple.of(id, caller.nip(), note)).compose(v -> mailed)
          .compose(v -> AuditLog.record(tx, caller, AuditLog.Action.COMPLAINT_HANDLE, "pengaduan/" + id,
              complaint.getInteger("instansi_id"), new JsonObject().put("mailed", mail)
                  .put(AuditLog.TARGET_NAME, targetName(complaint))))
          .map(v -> new JsonObject().put("id", id).put("status", ComplaintStatus.HANDLED.name()).put("mailed", mail));
    }))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  /** The complaint as the audit log names it: its number (the complainant's receipt shows it) and who filed it. */
  private static String targetName(Row complaint) {
    return "Pengaduan no. " + complaint.getLong("id") + " dari " + complaint.getString("nama");
  }
}

package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.audit.AuditLog;
import id.go.bkn.epupns.auth.AuthGuard;
import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.core.http.JsonBodies;
import id.go.bkn.epupns.mail.MailOutbox;
import id.go.bkn.epupns.registration.RegistrationStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * An agency as its admins see it, and its approval switch (SPEC 4.1 step 4: an agency may let its
 * PNS in without approval). GET /api/admin/instansi/{id}, PUT /api/admin/instansi/{id}/approval.
 * The agency's own ADMIN_INSTANSI or ADMIN_BKN. New registrations of an agency without approval are
 * APPROVED at once; switching approval off approves, in the same transaction, those still waiting
 * (recorded as the switching admin's decision and mailed), so that status, counts and mails all say
 * the same thing. Switching it on again leaves approved registrations approved.
 */
final class AgencyApprovalRoutes implements Feature {

  private static final String AGENCY = """
      select i.id, i.kode, i.nama, i.approval_required,
             (select count(*) from registration r join pns p on p.nip = r.nip
               where p.instansi_kerja_id = i.id and r.status = $2) as pending,
             (select count(*) from registration r join pns p on p.nip = r.nip
               where p.instansi_kerja_id = i.id and r.status = $3) as approved
        from instansi i where i.id = $1""";
  private static final String SWITCH = """
      with old as (select id, approval_required from instansi where id = $1 for update)
      update instansi i set approval_required = $2 from old where i.id = old.id
      returning old.approval_required as before""";
  private static final String WAITING = """
      select r.id from registration r join pns p on p.nip = r.nip
       where p.instansi_kerja_id = $1 and r.status = $2""";
  static final String SWITCHED_OFF_REASON = "Instansi Anda tidak lagi memerlukan persetujuan pendaftaran.";

  private final Pool pool;
  private final AuthGuard guard;
  private final String publicBaseUrl;

  AgencyApprovalRoutes(Pool pool, AuthGuard guard, String publicBaseUrl) {
    this.pool = pool;
    this.guard = guard;
    this.publicBaseUrl = publicBaseUrl;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/admin/instansi/:id").handler(guard.admins())
        .handler(this::get);
    router.put("/api/admin/instansi/:id/approval").handler(guard.admins())
        .handler(this::approval);
  }

  private void get(RoutingContext ctx) {
    int id = allowed(ctx);
    agency(id).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void approval(RoutingContext ctx) {
    int id = allowed(ctx);
    Object required = JsonBodies.object(ctx).getValue("required");
    if (!(required instanceof Boolean value)) {
      throw ApiError.field("required", "required harus true (persetujuan wajib) atau false (tanpa persetujuan).");
    }
    Caller caller = Caller.of(ctx);
    pool.withTransaction(tx -> tx.preparedQuery(SWITCH).execute(Tuple.of(id, value))
            .compose(rows -> {
              if (rows.size() == 0) {
                return Future.failedFuture(ApiError.notFound("Instansi tidak ditemukan."));
              }
              boolean before = rows.iterator().next().getBoolean("before");
              return AuditLog.record(tx, caller, AuditLog.Action.APPROVAL_SWITCH, Integer.toString(id), id,
                  new JsonObject().put("from", before).put("to", value));
            })
            .compose(v -> value ? Future.succeededFuture(0) : approveWaiting(tx, id, caller)))
        .compose(approved -> agency(id).map(agency -> agency.put("approvedBySwitch", approved)))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  /**
   * Approves the agency's waiting registrations (the same decision as the approval list's, {@link
   * RegistrationDecision#apply}) and mails each PNS; the number approved.
   */
  private Future<Integer> approveWaiting(SqlConnection tx, int id, Caller caller) {
    RegistrationDecision approve = RegistrationDecision.APPROVE;
    return tx.preparedQuery(WAITING).execute(Tuple.of(id, RegistrationStatus.PENDING_APPROVAL.name()))
        .compose(waiting -> {
          List<Long> ids = new ArrayList<>();
          waiting.forEach(r -> ids.add(r.getLong("id")));
          return approve.apply(tx, ids, SWITCHED_OFF_REASON, caller);
        })
        .compose(rows -> {
          List<MailOutbox.Message> mails = new ArrayList<>();
          for (Row row : rows) {
            mails.add(new MailOutbox.Message(row.getString("email"), approve.mailSubject,
                approve.mailBody(row.getString("nama"), row.getString("registration_number"),
                    row.getString("instansi_nama"), SWITCHED_OFF_REASON, publicBaseUrl)));
          }
          return MailOutbox.enqueueAll(tx, mails).map(v -> mails.size());
        });
  }

  /** The agency id from the path, when the caller may manage it. */
  private static int allowed(RoutingContext ctx) {
    int id = AdminScope.pathId(ctx, "id");
    if (!AdminScope.mayManage(Caller.of(ctx), id)) {
      throw ApiError.forbidden("Anda hanya dapat mengelola instansi Anda sendiri.");
    }
    return id;
  }

  private Future<JsonObject> agency(int id) {
    return pool.preparedQuery(AGENCY).execute(Tuple.of(id, RegistrationStatus.PENDING_APPROVAL.name(),
        RegistrationStatus.APPROVED.name())).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(ApiError.notFound("Instansi tidak ditemukan."));
      }
      Row row = rows.iterator().next();
      return Future.succeededFuture(new JsonObject()
          .put("id", row.getInteger("id"))
          .put("kode", row.getString("kode"))
          .put("nama", row.getString("nama"))
          .put("approvalRequired", row.getBoolean("approval_required"))
          .put("pendingRegistrations", row.getLong("pending"))
          .put("approvedRegistrations", row.getLong("approved")));
    });
  }
}

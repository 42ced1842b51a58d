package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.auth.AuthGuard;
import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.core.http.JsonBodies;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * An agency as its admins see it, and its approval switch (SPEC 4.1 step 4: an agency may let its
 * PNS in without approval). GET /api/admin/instansi/{id}, PUT /api/admin/instansi/{id}/approval.
 * The agency's own ADMIN_INSTANSI or ADMIN_BKN; login reads the switch on every attempt.
 */
final class AgencyApprovalRoutes implements Feature {

  private static final String AGENCY = """
      select i.id, i.kode, i.nama, i.approval_required,
             (select count(*) from registration r join pns p on p.nip = r.nip
               where p.instansi_kerja_id = i.id and r.status = 'PENDING_APPROVAL') as pending,
             (select count(*) from registration r join pns p on p.nip = r.nip
               where p.instansi_kerja_id = i.id and r.status = 'APPROVED') as approved
        from instansi i where i.id = $1""";
  private static final String SWITCH = """
      with old as (select id, approval_required from instansi where id = $1 for update)
      update instansi i set approval_required = $2 from old where i.id = old.id
      returning old.approval_required as before""";
  private static final String AUDIT = """
      insert into admin_audit (actor_nip, actor_role, action, target, details)
      values ($1, $2, 'APPROVAL_SWITCH', $3, $4)""";

  private final Pool pool;
  private final AuthGuard guard;

  AgencyApprovalRoutes(Pool pool, AuthGuard guard) {
    this.pool = pool;
    this.guard = guard;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/admin/instansi/:id").handler(guard.require(Role.ADMIN_INSTANSI, Role.ADMIN_BKN))
        .handler(this::get);
    router.put("/api/admin/instansi/:id/approval").handler(guard.require(Role.ADMIN_INSTANSI, Role.ADMIN_BKN))
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
              return tx.preparedQuery(AUDIT).execute(Tuple.of(caller.nip(), caller.role().name(),
                  Integer.toString(id), new JsonObject().put("from", before).put("to", value)));
            }))
        .compose(v -> agency(id))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
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
    return pool.preparedQuery(AGENCY).execute(Tuple.of(id)).compose(rows -> {
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

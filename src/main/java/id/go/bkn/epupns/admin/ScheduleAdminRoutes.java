package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.audit.AuditLog;
import id.go.bkn.epupns.auth.AuthGuard;
import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.core.http.FieldErrors;
import id.go.bkn.epupns.core.http.JsonBodies;
import id.go.bkn.epupns.sapk.Wilayah;
import id.go.bkn.epupns.schedule.CampaignSchedule;
import id.go.bkn.epupns.schedule.CampaignSchedule.Range;
import id.go.bkn.epupns.schedule.CampaignSchedule.Window;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The campaign schedule as ADMIN_BKN edits it: GET /api/admin/schedule (admins; an agency's admin
 * sees its own agency's windows), PUT /api/admin/schedule/{window} {start, end}, PUT/DELETE
 * /api/admin/schedule/{window}/instansi/{id} and .../provinsi/{kode} (a staggered window that replaces
 * the national one for that agency's or province's PNS). Written through {@link CampaignSchedule}
 * in one transaction with its audit entry; this process reloads at once, the others within
 * schedule.refreshMillis.
 */
final class ScheduleAdminRoutes implements Feature {

  private static final String AGENCY = "select nama from instansi where id = $1";

  private final Pool pool;
  private final AuthGuard guard;
  private final CampaignSchedule schedule;

  ScheduleAdminRoutes(Pool pool, AuthGuard guard, CampaignSchedule schedule) {
    this.pool = pool;
    this.guard = guard;
    this.schedule = schedule;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/admin/schedule").handler(guard.admins()).handler(this::get);
    var national = guard.require(Role.ADMIN_BKN);
    router.put("/api/admin/schedule/:window").handler(national).handler(this::setWindow);
    router.put("/api/admin/schedule/:window/instansi/:id").handler(national).handler(ctx -> setOverride(ctx, true, false));
    router.delete("/api/admin/schedule/:window/instansi/:id").handler(national).handler(ctx -> setOverride(ctx, true, true));
    router.put("/api/admin/schedule/:window/provinsi/:id").handler(national).handler(ctx -> setOverride(ctx, false, false));
    router.delete("/api/admin/schedule/:window/provinsi/:id").handler(national).handler(ctx -> setOverride(ctx, false, true));
  }

  private void get(RoutingContext ctx) {
    answer(ctx, Caller.of(ctx));
  }

  private void answer(RoutingContext ctx, Caller caller) {
    Integer own = caller.scope().agencyId();
    Future<JsonArray> overrides = own != null ? Future.succeededFuture(new JsonArray())
        : pool.query(CampaignSchedule.overridesQuery()).execute().map(schedule::overrides);
    // Who changed the national windows is BKN's own record: an agency's admin sees the windows, not the officer.
    Future<JsonObject> windows = own != null ? Future.succeededFuture(schedule.toJson(own))
        : pool.query(CampaignSchedule.changesQuery()).execute().map(rows -> schedule.withChanges(schedule.toJson(own), rows));
    Future.all(windows, overrides).onSuccess(both -> {
      ctx.response().putHeader("Cache-Control", "no-store");
      ctx.json(new JsonObject().put("windows", windows.result()).put("overrides", overrides.result()));
    }).onFailure(ctx::fail);
  }

  private void setWindow(RoutingContext ctx) {
    Window window = window(ctx);
    Range range = range(JsonBodies.object(ctx));
    Caller caller = Caller.of(ctx);
    pool.withTransaction(tx -> CampaignSchedule.setWindow(tx, window, range, caller.nip(), caller.role())
            .compose(before -> AuditLog.record(tx, caller, AuditLog.Action.SCHEDULE_CHANGE, window.key(), null,
                new JsonObject().put("from", before.start() + " s.d. " + before.end())
                    .put("to", range.start() + " s.d. " + range.end()))))
        .compose(v -> schedule.reload())
        .onSuccess(v -> answer(ctx, caller))
        .onFailure(ctx::fail);
  }

  private void setOverride(RoutingContext ctx, boolean agency, boolean clear) {
    Window window = window(ctx);
    int id = AdminScope.pathId(ctx, "id");
    if (!agency && Wilayah.get().namaProvinsi(id) == null) {
      throw ApiError.field("id", "Provinsi tidak dikenal: pilih provinsi dari daftar (kode BPS/Dukcapil).");
    }
    Range range = clear ? null : range(JsonBodies.object(ctx));
    Caller caller = Caller.of(ctx);
    Future<Void> exists = !agency ? Future.succeededFuture()
        : pool.preparedQuery(AGENCY).execute(Tuple.of(id)).compose(rows -> rows.size() == 0
            ? Future.failedFuture(ApiError.notFound("Instansi tidak ditemukan.")) : Future.succeededFuture());
    String target = window.key() + (agency ? "/instansi/" : "/provinsi/") + id;
    exists.compose(v -> pool.withTransaction(tx -> CampaignSchedule.setOverride(tx, window, agency ? id : null,
                agency ? null : id, range, caller.nip(), caller.role())
            .compose(x -> AuditLog.record(tx, caller, clear ? AuditLog.Action.AGENCY_WINDOW_CLEAR
                : AuditLog.Action.AGENCY_WINDOW_SET, target, agency ? id : null, range == null ? new JsonObject()
                : new JsonObject().put("to", range.start() + " s.d. " + range.end())))))
        .compose(v -> schedule.reload())
        .onSuccess(v -> answer(ctx, caller))
        .onFailure(ctx::fail);
  }

  private static Window window(RoutingContext ctx) {
    Window window = Window.of(ctx.pathParam("window"));
    if (window == null) {
      throw ApiError.notFound("Tidak ada jadwal " + ctx.pathParam("window") + " (registration, form, verification).");
    }
    return window;
  }

  private static Range range(JsonObject body) {
    FieldErrors errors = new FieldErrors();
    LocalDate start = date(body, "start", errors);
    LocalDate end = date(body, "end", errors);
    if (start != null && end != null && end.isBefore(start)) {
      errors.add("end", "Tanggal tutup tidak boleh sebelum tanggal buka.");
    }
    errors.throwIfAny();
    return new Range(start, end);
  }

  private static LocalDate date(JsonObject body, String name, FieldErrors errors) {
    String text = JsonBodies.text(body, name);
    if (text == null) {
      errors.add(name, (name.equals("start") ? "Tanggal buka" : "Tanggal tutup") + " wajib diisi.");
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      errors.add(name, name + " harus tanggal dengan bentuk yyyy-mm-dd.");
      return null;
    }
  }
}

package id.go.bkn.epupns.form.reference;

import id.go.bkn.epupns.auth.AuthGuard;
import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.form.reference.ReferenceTables.Table;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * Autocomplete for the form: GET /api/ref/sekolah?q=&jenjang=, /api/ref/unit-kesehatan?q=&jenis=,
 * /api/ref/spesialis?q=. Schools and health units are those of the caller's own agency.
 */
public final class ReferenceRoutes implements Feature {

  private static final int MAX_QUERY = 60;

  private final AuthGuard guard;
  private final ReferenceTables tables;

  public ReferenceRoutes(AuthGuard guard, ReferenceTables tables) {
    this.guard = guard;
    this.tables = tables;
  }

  @Override
  public void mount(Router router) {
    var access = guard.require(Role.PNS, Role.ADMIN_INSTANSI, Role.VERIFIER_BKD);
    router.get("/api/ref/sekolah").handler(access)
        .handler(ctx -> search(ctx, Table.SEKOLAH, "jenjang", List.of("SD", "SMP", "SMA")));
    router.get("/api/ref/unit-kesehatan").handler(access)
        .handler(ctx -> search(ctx, Table.UNIT_KESEHATAN, "jenis", List.of("Puskesmas", "Rumah Sakit")));
    router.get("/api/ref/spesialis").handler(access)
        .handler(ctx -> search(ctx, Table.SPESIALIS, null, List.of()));
  }

  private void search(RoutingContext ctx, Table table, String filterParam, List<String> filterValues) {
    String q = ctx.request().getParam("q", "");
    if (q.length() > MAX_QUERY) {
      throw ApiError.field("q", "Kata pencarian paling banyak " + MAX_QUERY + " karakter.");
    }
    String filter = filterParam == null ? null : ctx.request().getParam(filterParam);
    if (filter != null && filter.isBlank()) {
      filter = null;
    }
    if (filter != null && !filterValues.contains(filter)) {
      throw ApiError.field(filterParam, "Pilih salah satu: " + String.join(", ", filterValues) + ".");
    }
    Caller caller = Caller.of(ctx);
    if (caller.instansiId() == null) {
      throw ApiError.forbidden("Akun Anda tidak terikat pada satu instansi.");
    }
    tables.search(table, caller.instansiId(), q, filter)
        .onSuccess(items -> ctx.response()
            .putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "private, max-age=60")
            .end(new JsonObject().put("q", q).put("items", new JsonArray(items)).encode()))
        .onFailure(ctx::fail);
  }
}

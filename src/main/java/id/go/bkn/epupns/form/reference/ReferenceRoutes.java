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
 * /api/ref/spesialis?q=, /api/ref/instansi?q=, /api/ref/satuan-kerja?q=&instansiId=,
 * /api/ref/unit-organisasi?q=&satuanKerjaId=. Schools and health units are those of the caller's
 * own agency; work units those of the given agency, organisation units those of the given work unit.
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
    router.get("/api/ref/instansi").handler(access)
        .handler(ctx -> search(ctx, Table.INSTANSI, null, List.of()));
    router.get("/api/ref/satuan-kerja").handler(access)
        .handler(ctx -> search(ctx, Table.SATUAN_KERJA, null, List.of()));
    router.get("/api/ref/unit-organisasi").handler(access)
        .handler(ctx -> search(ctx, Table.UNIT_ORGANISASI, null, List.of()));
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
    Integer parent = switch (table.scope()) {
      case NONE -> null;
      case CALLER_AGENCY -> {
        Integer agency = Caller.of(ctx).scope().agencyId();
        if (agency == null) {
          throw ApiError.forbidden("Akun Anda tidak terikat pada satu instansi.");
        }
        yield agency;
      }
      case PARENT -> parentId(ctx, table.parentParam());
    };
    tables.search(table, parent, q, filter)
        .onSuccess(items -> ctx.response()
            .putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "private, max-age=60")
            .end(new JsonObject().put("q", q).put("items", new JsonArray(items)).encode()))
        .onFailure(ctx::fail);
  }

  /** The parent row's id (instansiId, satuanKerjaId): required, a positive whole number. */
  private static int parentId(RoutingContext ctx, String param) {
    String raw = ctx.request().getParam(param);
    if (raw == null || raw.isBlank()) {
      throw ApiError.field(param, "Kirim '" + param + "': pilih " + WHAT.get(param) + " lebih dahulu.");
    }
    if (!raw.strip().matches("[1-9][0-9]{0,8}")) {
      throw ApiError.field(param, "'" + param + "' harus nomor " + WHAT.get(param) + " (bilangan bulat positif).");
    }
    return Integer.parseInt(raw.strip());
  }

  private static final java.util.Map<String, String> WHAT = java.util.Map.of(
      "instansiId", "instansi", "satuanKerjaId", "satuan kerja");
}

package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.auth.AuthGuard;
import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.core.database.Like;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.form.reference.ReferenceTables;
import id.go.bkn.epupns.sapk.RequestedAgency;
import id.go.bkn.epupns.sapk.Wilayah;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Autocomplete for the admin pages, so nobody types or sees an internal id: agencies, work units of
 * an agency, BKN offices and provinces by name. GET /api/admin/lookup/instansi?q=,
 * /api/admin/lookup/satuan-kerja?instansiId=&q=, /api/admin/lookup/kantor-bkn?q=,
 * /api/admin/lookup/provinsi?q= (the 34 provinces of {@link Wilayah}, id = BPS code). An ADMIN_INSTANSI
 * finds its own agency and its work units only (another agency's work units: 403).
 */
final class LookupRoutes implements Feature {

  private static final int MAX_QUERY = 60;
  private static final int MAX_ITEMS = 20;
  private static final String OWN_AGENCY = "select id, nama, jenis from instansi where id = $1";
  private static final String OFFICES = """
      select id, nama, kota from kanreg
       where $1::text is null or nama ilike $1 or kota ilike $1
       order by id""";

  private final Pool pool;
  private final AuthGuard guard;
  private final ReferenceTables tables;

  LookupRoutes(Pool pool, AuthGuard guard, ReferenceTables tables) {
    this.pool = pool;
    this.guard = guard;
    this.tables = tables;
  }

  @Override
  public void mount(Router router) {
    var admins = guard.admins();
    router.get("/api/admin/lookup/instansi").handler(admins).handler(this::agencies);
    router.get("/api/admin/lookup/satuan-kerja").handler(admins).handler(this::workUnits);
    router.get("/api/admin/lookup/kantor-bkn").handler(admins).handler(this::offices);
    router.get("/api/admin/lookup/provinsi").handler(admins).handler(this::provinces);
  }

  private void agencies(RoutingContext ctx) {
    String q = query(ctx);
    Integer own = Caller.of(ctx).scope().agencyId();
    Future<List<JsonObject>> found = own == null ? tables.search(ReferenceTables.Table.INSTANSI, null, q, null)
        : pool.preparedQuery(OWN_AGENCY).execute(Tuple.of(own)).map(rows -> {
          Row row = rows.iterator().next();
          return List.of(new JsonObject().put("id", row.getInteger("id")).put("nama", row.getString("nama"))
              .put("jenis", row.getString("jenis")));
        });
    answer(ctx, q, found);
  }

  private void workUnits(RoutingContext ctx) {
    String q = query(ctx);
    Caller caller = Caller.of(ctx);
    int agency = RequestedAgency.required(ctx, caller.scope(), "instansiId");
    answer(ctx, q, tables.search(ReferenceTables.Table.SATUAN_KERJA, agency, q, null));
  }

  private void offices(RoutingContext ctx) {
    String q = query(ctx);
    String pattern = q.isBlank() ? null : Like.contains(q);
    answer(ctx, q, pool.preparedQuery(OFFICES).execute(Tuple.of(pattern)).map(rows -> {
      List<JsonObject> out = new java.util.ArrayList<>();
      rows.forEach(r -> out.add(new JsonObject().put("id", r.getInteger("id")).put("nama", r.getString("nama"))
          .put("kota", r.getString("kota"))));
      return out;
    }));
  }

  /** Provinces whose name holds every typed word, in code order (the first 20, as every lookup answers). */
  private void provinces(RoutingContext ctx) {
    String q = query(ctx);
    String[] words = q.toLowerCase(Locale.ROOT).split("\\s+");
    List<JsonObject> out = new java.util.ArrayList<>();
    for (Wilayah.Provinsi p : Wilayah.get().provinsi()) {
      String name = p.nama().toLowerCase(Locale.ROOT);
      if (out.size() < MAX_ITEMS && Arrays.stream(words).allMatch(name::contains)) {
        out.add(new JsonObject().put("id", p.kode()).put("nama", p.nama()));
      }
    }
    answer(ctx, q, Future.succeededFuture(out));
  }

  private static String query(RoutingContext ctx) {
    String q = ctx.request().getParam("q", "").strip();
    if (q.length() > MAX_QUERY) {
      throw ApiError.field("q", "Kata pencarian paling banyak " + MAX_QUERY + " karakter.");
    }
    return q;
  }

  private static void answer(RoutingContext ctx, String q, Future<List<JsonObject>> items) {
    items.onSuccess(list -> ctx.response().putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "private, max-age=60")
            .end(new JsonObject().put("q", q).put("items", new JsonArray(list)).encode()))
        .onFailure(ctx::fail);
  }
}

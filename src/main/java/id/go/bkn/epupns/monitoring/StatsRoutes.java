package id.go.bkn.epupns.monitoring;

import id.go.bkn.epupns.auth.AuthGuard;
import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.sapk.Scope;
import id.go.bkn.epupns.sapk.Tier;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GET /api/admin/stats: the campaign's counts for the caller's scope, read from the counters the
 * monitoring triggers keep exact (V110, V150): an agency's admin its agency and each of its work units;
 * the national admin the country, each BKN office and each agency (or one agency, named by
 * instansiId, with its work units). Sums of a few thousand counter rows, whatever the number of PNS.
 * {@code top=N} (national only) cuts the agency list to the N with the most submissions waiting (then by
 * name), for the dashboard; {@code instansiCount} still says how many there are, and without {@code top}
 * every agency is answered.
 */
final class StatsRoutes implements Feature {

  // Work units summed per agency first (one hash aggregate over the counter rows), then named.
  private static final String AGENCIES = """
      select i.id, i.nama, i.kanreg_id, k.nama as kanreg_nama, m.*
        from instansi i
        join kanreg k on k.id = i.kanreg_id
        left join (select s.instansi_id,
      """ + Counts.SUMS + """

                     from monitoring_unit m join satuan_kerja s on s.id = m.satuan_kerja_id
                    where ($1::int is null or s.instansi_id = $1)
                    group by s.instansi_id) m on m.instansi_id = i.id
       where ($1::int is null or i.id = $1)
       order by i.nama, i.id""";
  private static final String WORK_UNITS = """
      select s.id, s.nama,
      """ + Counts.SUMS + """

        from satuan_kerja s
        left join monitoring_unit m on m.satuan_kerja_id = s.id
       where s.instansi_id = $1
       group by s.id
       order by s.nama, s.id""";
  private static final String DECISIONS = """
      select instansi_id, tier, sum(ms)::bigint as ms, sum(tms)::bigint as tms, sum(returned)::bigint as returned
        from monitoring_agency_flow_all
       where ($1::int is null or instansi_id = $1)
       group by instansi_id, tier""";
  private static final String UNIT_DECISIONS = """
      select satuan_kerja_id, tier, sum(ms)::bigint as ms, sum(tms)::bigint as tms, sum(returned)::bigint as returned
        from monitoring_unit_flow
       where instansi_id = $1
       group by satuan_kerja_id, tier""";


  private final Pool pool;
  private final AuthGuard guard;

  StatsRoutes(Pool pool, AuthGuard guard) {
    this.pool = pool;
    this.guard = guard;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/admin/stats").handler(guard.admins()).handler(this::stats);
  }

  private void stats(RoutingContext ctx) {
    Scope scope = AgencyScope.of(ctx, Caller.of(ctx), "instansiId");
    Integer top = TopParameter.of(ctx);
    Integer agency = scope.agencyId();
    Tuple args = Tuple.of(agency);
    Future<RowSet<Row>> agencies = pool.preparedQuery(AGENCIES).execute(args);
    Future<RowSet<Row>> decisions = pool.preparedQuery(DECISIONS).execute(args);
    Future<RowSet<Row>> units = agency == null ? Future.succeededFuture(null)
        : pool.preparedQuery(WORK_UNITS).execute(args);
    Future<RowSet<Row>> unitDecisions = agency == null ? Future.succeededFuture(null)
        : pool.preparedQuery(UNIT_DECISIONS).execute(args);
    Future.all(agencies, decisions, units, unitDecisions)
        .map(done -> answer(scope, agencies.result(), decisions.result(), units.result(), unitDecisions.result(), top))
        .onSuccess(body -> {
          ctx.response().putHeader("Cache-Control", "no-store");
          ctx.json(body);
        })
        .onFailure(ctx::fail);
  }

  private static long waiting(Counts counts) {
    long sum = 0;
    for (Tier tier : Tier.values()) {
      sum += counts.waiting(tier);
    }
    return sum;
  }

  private static JsonObject answer(Scope scope, RowSet<Row> agencyRows, RowSet<Row> decisionRows, RowSet<Row> unitRows,
                                   RowSet<Row> unitDecisionRows, Integer top) {
    Map<Integer, Map<Tier, long[]>> decided = decided(decisionRows, "instansi_id");
    Counts total = new Counts();
    Map<Integer, JsonObject> offices = new LinkedHashMap<>();
    Map<Integer, Counts> officeCounts = new LinkedHashMap<>();
    JsonArray agencies = new JsonArray();
    Map<JsonObject, Long> waitingOf = new java.util.IdentityHashMap<>();
    String name = "Nasional";
    for (Row row : agencyRows) {
      Counts counts = Counts.of(row);
      for (Tier tier : Tier.values()) {
        long[] d = decided.getOrDefault(row.getInteger("id"), Map.of()).getOrDefault(tier, new long[3]);
        counts.addDecisions(tier, d[0], d[1], d[2]);
      }
      total.add(counts);
      int office = row.getInteger("kanreg_id");
      offices.computeIfAbsent(office, k -> new JsonObject().put("id", office).put("nama", row.getString("kanreg_nama")));
      officeCounts.computeIfAbsent(office, k -> new Counts()).add(counts);
      JsonObject agencyRow = new JsonObject().put("id", row.getInteger("id")).put("nama", row.getString("nama"))
          .put("kanreg", row.getString("kanreg_nama")).put("counts", counts.toJson());
      waitingOf.put(agencyRow, waiting(counts));
      agencies.add(agencyRow);
      name = row.getString("nama");
    }
    JsonObject out = new JsonObject();
    if (scope.level() == Scope.Level.AGENCY) {
      if (agencies.isEmpty()) {
        throw ApiError.notFound("Instansi tidak ditemukan.");
      }
      JsonArray units = new JsonArray();
      Map<Integer, Map<Tier, long[]>> unitDecided = decided(unitDecisionRows, "satuan_kerja_id");
      for (Row row : unitRows) {
        Counts counts = Counts.of(row);
        for (Tier tier : Tier.values()) {
          long[] d = unitDecided.getOrDefault(row.getInteger("id"), Map.of()).getOrDefault(tier, new long[3]);
          counts.addDecisions(tier, d[0], d[1], d[2]);
        }
        units.add(new JsonObject().put("id", row.getInteger("id")).put("nama", row.getString("nama"))
            .put("counts", counts.toJson()));
      }
      out.put("scope", scope.toJson().put("nama", name)).put("total", total.toJson()).put("satuanKerja", units);
    } else {
      JsonArray kanreg = new JsonArray();
      offices.forEach((id, office) -> kanreg.add(office.put("counts", officeCounts.get(id).toJson())));
      JsonArray listed = agencies;
      if (top != null) {
        // Rows arrive by name, so a stable sort keeps the name order among equal backlogs.
        List<JsonObject> rows = new ArrayList<>();
        agencies.forEach(a -> rows.add((JsonObject) a));
        rows.sort(Comparator.comparing((JsonObject a) -> waitingOf.get(a)).reversed());
        listed = new JsonArray(new ArrayList<>(rows.subList(0, Math.min(top, rows.size()))));
      }
      out.put("scope", scope.toJson().put("nama", "Nasional")).put("total", total.toJson())
          .put("kanreg", kanreg).put("instansi", listed).put("instansiCount", agencies.size());
    }
    return out;
  }

  /** The decisions per tier of each agency or work unit (the key column). */
  private static Map<Integer, Map<Tier, long[]>> decided(RowSet<Row> rows, String key) {
    Map<Integer, Map<Tier, long[]>> decided = new HashMap<>();
    for (Row row : rows) {
      decided.computeIfAbsent(row.getInteger(key), k -> new HashMap<>())
          .put(Tier.valueOf(row.getString("tier")), new long[] {row.getLong("ms"), row.getLong("tms"), row.getLong("returned")});
    }
    return decided;
  }
}

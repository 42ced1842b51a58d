package id.go.bkn.epupns.monitoring;

import id.go.bkn.epupns.auth.AuthGuard;
import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.sapk.Scope;
import id.go.bkn.epupns.sapk.Tier;
import id.go.bkn.epupns.schedule.CampaignSchedule;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * GET /api/admin/backlog: where verification work waits, per tier and per work unit (an agency) or
 * per agency (national): how many submissions, the oldest and the median wait, the daily trend since the
 * first day of the campaign's flow, and the burn-down forecast: at the net rate of the last
 * {@code monitoring.forecastDays} days (cleared minus entered per day), the day each tier clears, against the
 * end of the verification window.
 *
 * <p>Nothing here reads the queues: the counts come from the per-work-unit day rows the monitoring triggers
 * keep in the same transactions as the queue changes (V150), so they are exact and cost what the number of
 * work units and days costs, not the number of waiting submissions. monitoring_unit_wait holds the waiting
 * entries per submission day: the waiting count is their sum, the oldest wait the first day, the median the
 * first day at which the running sum reaches half (what percentile_disc(0.5) over the entries' days answers);
 * waits are whole days since the submission day. The trend reads each day's entered, cleared and decided:
 * per agency for the days closed (two days past, monitoring_close_days), per work unit for the open ones.
 */
final class BacklogRoutes implements Feature {

  /** The columns of the day rows (the agency and national scopes are the ones asked for here). */
  private static final Scope.Columns UNIT_ROWS = new Scope.Columns("satuan_kerja_id", "instansi_id", "null");

  private final Pool pool;
  private final AuthGuard guard;
  private final CampaignSchedule schedule;
  private final int forecastDays;

  BacklogRoutes(Pool pool, AuthGuard guard, CampaignSchedule schedule, int forecastDays) {
    this.pool = pool;
    this.guard = guard;
    this.schedule = schedule;
    this.forecastDays = forecastDays;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/admin/backlog").handler(guard.admins()).handler(this::backlog);
  }

  /**
   * Per group (and tier) of the waiting days: the count, the first day and the median day. {@code group} is the
   * grouping column ("" for the scope's totals). With {@code top} ($2) only the first groups by their oldest waiting
   * day (then id) are walked: a plain min() per group finds them, and the median's window then reads only their
   * day rows (nationally 623 agencies × tiers × days otherwise: 1.6 s at 1 M PNS); {@code groups} says how many
   * groups there are in all.
   */
  private static String waits(Scope scope, String group, boolean top) {
    String where = scope.predicate(UNIT_ROWS, 1);
    String key = group.isEmpty() ? "" : group + " as id, ";
    String by = group.isEmpty() ? "tier" : "id, tier";
    String first = top ? "g as (select " + group + " as first_id, count(*) over () as groups from monitoring_unit_wait where "
        + where + " group by 1 order by min(day), 1 limit $2), " : "";
    String from = top ? "monitoring_unit_wait join g on g.first_id = monitoring_unit_wait." + group : "monitoring_unit_wait";
    return "with " + first + "h as (select " + key + "tier, day, sum(waiting)::bigint as n from " + from + " where "
        + where + " group by " + (group.isEmpty() ? "1, 2" : "1, 2, 3") + "), "
        + "c as (select h.*, sum(n) over (partition by " + by + " order by day) as running, "
        + "sum(n) over (partition by " + by + ") as total from h) "
        + "select " + by + ", total::bigint as waiting, min(day) as oldest, min(day) filter (where running * 2 >= total) as median"
        + (top ? ", (select max(groups) from g) as groups" : "")
        + " from c group by " + by + ", total";
  }

  /** Per work unit (an agency) or per agency (national), named, oldest first; with top ($2) the first that many. */
  private static String rows(Scope scope, boolean top) {
    boolean agency = scope.level() == Scope.Level.AGENCY;
    return "select w.*, n.nama from (" + waits(scope, agency ? "satuan_kerja_id" : "instansi_id", top)
        + ") w join " + (agency ? "satuan_kerja" : "instansi") + " n on n.id = w.id order by w.oldest, w.id";
  }

  /** Per tier and day: closed days per agency, open ones summed from the work units (monitoring_agency_flow_all). */
  private static String trend(Scope scope) {
    return "select tier, day, sum(entered)::bigint as entered, sum(cleared)::bigint as cleared, "
        + "sum(ms + tms + returned)::bigint as decided from monitoring_agency_flow_all where " + scope.predicate(UNIT_ROWS, 1)
        + " group by tier, day order by day";
  }

  private static final String NAME = "select nama from instansi where id = $1";

  private void backlog(RoutingContext ctx) {
    Scope scope = AgencyScope.of(ctx, Caller.of(ctx), "instansiId");
    Integer top = TopParameter.of(ctx);
    Tuple args = Tuple.of(scope.parameter());
    Future<String> name = scope.level() == Scope.Level.AGENCY
        ? pool.preparedQuery(NAME).execute(args).map(r -> {
          if (r.size() == 0) {
            throw ApiError.notFound("Instansi tidak ditemukan.");
          }
          return r.iterator().next().getString("nama");
        })
        : Future.succeededFuture("Nasional");
    Future<RowSet<Row>> waits = pool.preparedQuery(waits(scope, "", false)).execute(args);
    Future<RowSet<Row>> rows = top == null ? pool.preparedQuery(rows(scope, false)).execute(args)
        : pool.preparedQuery(rows(scope, true)).execute(Tuple.of(scope.parameter(), top));
    Future<RowSet<Row>> trend = pool.preparedQuery(trend(scope)).execute(args);
    Future.all(name, waits, rows, trend)
        .map(done -> answer(scope, name.result(), waits.result(), rows.result(), trend.result()))
        .onSuccess(body -> {
          ctx.response().putHeader("Cache-Control", "no-store");
          ctx.json(body);
        })
        .onFailure(ctx::fail);
  }

  private JsonObject answer(Scope scope, String name, RowSet<Row> waitRows, RowSet<Row> groupRows, RowSet<Row> flowRows) {
    LocalDate today = schedule.today();
    // An agency's own (staggered) verification window when it has one.
    LocalDate deadline = schedule.range(CampaignSchedule.Window.VERIFICATION, scope.agencyId()).end();
    LocalDate campaignStart = schedule.start(CampaignSchedule.Window.FORM);
    Map<Tier, Row> waits = new EnumMap<>(Tier.class);
    waitRows.forEach(row -> waits.put(Tier.valueOf(row.getString("tier")), row));
    Map<Tier, TreeMap<LocalDate, long[]>> flow = new EnumMap<>(Tier.class);
    LocalDate first = today;
    for (Row row : flowRows) {
      LocalDate day = row.getLocalDate("day");
      flow.computeIfAbsent(Tier.valueOf(row.getString("tier")), t -> new TreeMap<>())
          .put(day, new long[] {row.getLong("entered"), row.getLong("cleared"), row.getLong("decided")});
      if (day.isBefore(first)) {
        first = day;
      }
    }
    LocalDate trendStart = first.isBefore(campaignStart) ? campaignStart : first;
    if (trendStart.isAfter(today)) {
      trendStart = today;
    }
    JsonArray tiers = new JsonArray();
    for (Tier tier : Tier.values()) {
      Row wait = waits.get(tier);
      long waiting = wait == null ? 0 : wait.getLong("waiting");
      TreeMap<LocalDate, long[]> days = flow.getOrDefault(tier, new TreeMap<>());
      // The trend: the backlog at the end of each day (everything before the start in the first value).
      JsonArray series = new JsonArray();
      long backlog = 0;
      for (Map.Entry<LocalDate, long[]> e : days.headMap(trendStart).entrySet()) {
        backlog += e.getValue()[0] - e.getValue()[1];
      }
      for (LocalDate day = trendStart; !day.isAfter(today); day = day.plusDays(1)) {
        long[] d = days.getOrDefault(day, new long[3]);
        backlog += d[0] - d[1];
        series.add(new JsonObject().put("day", day.toString()).put("backlog", backlog)
            .put("entered", d[0]).put("cleared", d[1]).put("decided", d[2]));
      }
      // The rate: per day over the last forecastDays days (fewer when the flow began later).
      LocalDate from = today.minusDays(forecastDays - 1L);
      if (from.isBefore(first)) {
        from = first;
      }
      long span = ChronoUnit.DAYS.between(from, today) + 1;
      long entered = 0;
      long cleared = 0;
      long decided = 0;
      for (long[] d : days.subMap(from, true, today, true).values()) {
        entered += d[0];
        cleared += d[1];
        decided += d[2];
      }
      double clearedPerDay = (double) cleared / span;
      double net = (double) (cleared - entered) / span;
      LocalDate clearsOn = waiting == 0 ? today : net > 0 ? today.plusDays((long) Math.ceil(waiting / net)) : null;
      // Nothing waiting is on time even after the deadline; a queue that never clears at this rate is not.
      boolean onTime = waiting == 0 || clearsOn != null && !clearsOn.isAfter(deadline);
      JsonObject out = new JsonObject()
          .put("tier", tier.name())
          .put("label", tier.label())
          .put("waiting", waiting)
          .put("oldestSince", wait == null ? null : wait.getLocalDate("oldest").toString())
          .put("oldestWaitDays", wait == null ? null : days(today, wait.getLocalDate("oldest")))
          .put("medianWaitDays", wait == null ? null : days(today, wait.getLocalDate("median")))
          .put("enteredPerDay", round((double) entered / span))
          .put("clearedPerDay", round(clearedPerDay))
          .put("decisionsPerDay", round((double) decided / span))
          .put("netPerDay", round(net))
          .put("clearsOn", clearsOn == null ? null : clearsOn.toString())
          .put("onTime", onTime)
          .put("trend", series);
      tiers.add(out);
    }
    Map<Integer, JsonObject> groups = new LinkedHashMap<>();
    for (Row row : groupRows) {
      JsonObject group = groups.computeIfAbsent(row.getInteger("id"), id -> new JsonObject().put("id", id)
          .put("nama", row.getString("nama")).put("tiers", new JsonObject()));
      group.getJsonObject("tiers").put(row.getString("tier"), new JsonObject()
          .put("waiting", row.getLong("waiting"))
          .put("oldestWaitDays", days(today, row.getLocalDate("oldest")))
          .put("medianWaitDays", days(today, row.getLocalDate("median"))));
    }
    List<JsonObject> list = new ArrayList<>(groups.values());
    // How many groups wait in all (the list may be cut by top).
    long groupCount = groupRows.size() == 0 ? 0
        : groupRows.columnsNames().contains("groups") ? groupRows.iterator().next().getLong("groups") : list.size();
    return new JsonObject()
        .put("scope", scope.toJson().put("nama", name))
        .put("today", today.toString())
        .put("deadline", deadline.toString())
        .put("forecastDays", forecastDays)
        .put("tiers", tiers)
        .put(scope.level() == Scope.Level.AGENCY ? "satuanKerja" : "instansi", new JsonArray(new ArrayList<>(list)))
        .put(scope.level() == Scope.Level.AGENCY ? "satuanKerjaCount" : "instansiCount", groupCount);
  }

  /** Whole campaign days waited since the submission day. */
  private static long days(LocalDate today, LocalDate since) {
    return ChronoUnit.DAYS.between(since, today);
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}

package id.go.bkn.epupns.schedule;

import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.sapk.Wilayah;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The campaign's windows (registration, form entry, verification) and its time zone. The windows
 * live in the database (V103): seeded from the schedule settings on first start ({@link #seed}),
 * edited by ADMIN_BKN ({@link #setWindow}, {@link #setOverride}), each with staggered windows per
 * agency or province that replace the national one for those PNS. Each process keeps one snapshot
 * (shared by its HTTP verticles) and checks the one version row every schedule.refreshMillis (a
 * single-row read), reloading when a change moved it; the process that made the change reloads
 * before it answers. So a change is in effect at once where it was made and on every other instance
 * within that interval, with no message to lose (unlike pub/sub) and nothing depending on Redis.
 * Every time the API answers is written in the campaign zone ({@link #time}).
 */
public final class CampaignSchedule {

  private static final Logger LOG = LoggerFactory.getLogger(CampaignSchedule.class);

  public enum Window {
    REGISTRATION("registration", "Pendaftaran"),
    FORM("form", "Pengisian formulir"),
    VERIFICATION("verification", "Verifikasi");

    final String key;
    final String label;

    Window(String key, String label) {
      this.key = key;
      this.label = label;
    }

    public String key() {
      return key;
    }

    public String label() {
      return label;
    }

    /** A window from its key (registration, form, verification) or name; null for anything else. */
    public static Window of(String text) {
      for (Window w : values()) {
        if (w.key.equalsIgnoreCase(text) || w.name().equalsIgnoreCase(text)) {
          return w;
        }
      }
      return null;
    }
  }

  /** A window's first and last day (inclusive, campaign zone). */
  public record Range(LocalDate start, LocalDate end) {

    boolean contains(LocalDate day) {
      return !day.isBefore(start) && !day.isAfter(end);
    }
  }

  /** What a snapshot holds: the national windows, and for agencies with a staggered one, theirs. */
  private record Snapshot(long version, Map<Window, Range> national, Map<Window, Map<Integer, Range>> agencies) {
  }

  /**
   * The snapshot all HTTP verticles of a process share (through Vert.x's local map), so the one that
   * made a change has it in effect for every request of the process before it answers.
   */
  private static final class Holder implements io.vertx.core.shareddata.Shareable {
    volatile Snapshot snapshot;

    Holder(Snapshot snapshot) {
      this.snapshot = snapshot;
    }
  }

  private static final DateTimeFormatter HUMAN = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("id"));
  private static final String SEED = """
      insert into campaign_window (window_key, starts_on, ends_on) values ($1, $2, $3) on conflict do nothing""";
  private static final String VERSION = "select version from campaign_schedule_version";
  private static final String BUMP = "update campaign_schedule_version set version = version + 1";
  private static final String WINDOWS = "select window_key, starts_on, ends_on from campaign_window";
  /** Each agency's staggered window: its own, else its province's. */
  private static final String AGENCIES = """
      select w.window_key, i.id, coalesce(a.starts_on, p.starts_on) as starts_on, coalesce(a.ends_on, p.ends_on) as ends_on
        from campaign_window w cross join instansi i
        left join campaign_window_override a on a.window_key = w.window_key and a.instansi_id = i.id
        left join campaign_window_override p on p.window_key = w.window_key and p.provinsi_kode = i.provinsi_kode
       where a.id is not null or p.id is not null""";
  private static final String SET_WINDOW = """
      update campaign_window set starts_on = $2, ends_on = $3, changed_by = $4, changed_by_role = $5, changed_at = now()
       where window_key = $1""";
  /** A staggered window is set for one agency or one province: the same statements, keyed by the one or the other. */
  private static String setOverride(String target) {
    return """
        insert into campaign_window_override (window_key, %1$s, starts_on, ends_on, changed_by, changed_by_role)
        values ($1, $2, $3, $4, $5, $6)
        on conflict (window_key, %1$s) where %1$s is not null do update set starts_on = excluded.starts_on,
               ends_on = excluded.ends_on, changed_by = excluded.changed_by, changed_by_role = excluded.changed_by_role,
               changed_at = now()""".formatted(target);
  }

  private static String clearOverride(String target) {
    return "delete from campaign_window_override where window_key = $1 and " + target + " = $2";
  }

  private static final String SET_AGENCY = setOverride("instansi_id");
  private static final String SET_PROVINCE = setOverride("provinsi_kode");
  private static final String CLEAR_AGENCY = clearOverride("instansi_id");
  private static final String CLEAR_PROVINCE = clearOverride("provinsi_kode");
  private static final String OVERRIDES = """
      select o.window_key, o.instansi_id, i.nama as instansi_nama, o.provinsi_kode, o.starts_on, o.ends_on,
             o.changed_by, p.nama as changed_by_nama, o.changed_at
        from campaign_window_override o left join instansi i on i.id = o.instansi_id
        left join officer p on p.nip = o.changed_by
       order by o.window_key, o.provinsi_kode nulls last, i.nama""";

  private static final String CHANGES = """
      select w.window_key, w.changed_by, o.nama, w.changed_at
        from campaign_window w left join officer o on o.nip = w.changed_by""";

  private final AppConfig config;
  private final Clock clock;
  private final String zoneLabel;
  private Holder holder;
  private Pool pool;

  public CampaignSchedule(AppConfig config) {
    this(config, Clock.system(ZoneId.of(config.string("schedule.timeZone"))));
  }

  CampaignSchedule(AppConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.zoneLabel = config.string("schedule.timeZoneLabel");
    this.holder = new Holder(new Snapshot(-1, fromConfig(config), Map.of()));
  }

  private static Map<Window, Range> fromConfig(AppConfig config) {
    Map<Window, Range> out = new EnumMap<>(Window.class);
    for (Window w : Window.values()) {
      out.put(w, new Range(config.date("schedule." + w.key + "Start"), config.date("schedule." + w.key + "End")));
    }
    return out;
  }

  /** At start-up, before any verticle serves: the windows of the settings, where the database has none yet. */
  public static Future<Void> seed(SqlClient client, AppConfig config) {
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<Window, Range> e : fromConfig(config).entrySet()) {
      chain = chain.compose(v -> client.preparedQuery(SEED)
          .execute(Tuple.of(e.getKey().name(), e.getValue().start(), e.getValue().end())).mapEmpty());
    }
    return chain;
  }

  /**
   * Reads the windows from the database now and whenever the version moves (checked every
   * {@code refreshMillis} on this context; the timer ends with the verticle).
   */
  public Future<Void> attach(Vertx vertx, Pool pool, long refreshMillis) {
    this.pool = pool;
    io.vertx.core.shareddata.LocalMap<String, Holder> shared = vertx.sharedData().getLocalMap("epupns.schedule");
    Holder existing = shared.putIfAbsent("snapshot", holder);
    if (existing != null) {
      holder = existing;
    }
    vertx.setPeriodic(refreshMillis, refreshMillis, id -> pool.query(VERSION).execute()
        .compose(rows -> rows.iterator().next().getLong(0) == holder.snapshot.version() ? Future.succeededFuture() : reload())
        .onFailure(e -> LOG.debug("schedule version check failed: {}", e.getMessage())));
    return reload();
  }

  /** Reads the windows now (after a change this process made: in effect at once here). */
  public Future<Void> reload() {
    if (pool == null) {
      return Future.succeededFuture();
    }
    return pool.withTransaction(tx -> tx.query(VERSION).execute().compose(version -> tx.query(WINDOWS).execute()
        .compose(windows -> tx.query(AGENCIES).execute().map(agencies -> {
          Map<Window, Range> national = new EnumMap<>(fromConfig(config));
          for (Row r : windows) {
            national.put(Window.valueOf(r.getString("window_key")), new Range(r.getLocalDate("starts_on"), r.getLocalDate("ends_on")));
          }
          Map<Window, Map<Integer, Range>> byAgency = new EnumMap<>(Window.class);
          for (Row r : agencies) {
            byAgency.computeIfAbsent(Window.valueOf(r.getString("window_key")), w -> new HashMap<>())
                .put(r.getInteger("id"), new Range(r.getLocalDate("starts_on"), r.getLocalDate("ends_on")));
          }
          holder.snapshot = new Snapshot(version.iterator().next().getLong(0), national, byAgency);
          return null;
        }))));
  }

  // ------------------------------------------------------------------ changes (ADMIN_BKN, in the caller's transaction)

  /** The national window; answers the window as it was. */
  public static Future<Range> setWindow(SqlClient tx, Window window, Range range, String nip, Role role) {
    return tx.preparedQuery("select starts_on, ends_on from campaign_window where window_key = $1 for update")
        .execute(Tuple.of(window.name()))
        .compose(before -> tx.preparedQuery(SET_WINDOW)
            .execute(Tuple.of(window.name(), range.start(), range.end(), nip, role.name()))
            .compose(v -> bump(tx))
            .map(v -> {
              Row row = before.iterator().next();
              return new Range(row.getLocalDate("starts_on"), row.getLocalDate("ends_on"));
            }));
  }

  /** A staggered window of an agency or a province (exactly one of them); range null removes it. */
  public static Future<Void> setOverride(SqlClient tx, Window window, Integer instansiId, Integer provinsiKode, Range range,
                                         String nip, Role role) {
    Future<?> done;
    if (range == null) {
      done = instansiId != null ? tx.preparedQuery(CLEAR_AGENCY).execute(Tuple.of(window.name(), instansiId))
          : tx.preparedQuery(CLEAR_PROVINCE).execute(Tuple.of(window.name(), provinsiKode.shortValue()));
    } else {
      done = instansiId != null
          ? tx.preparedQuery(SET_AGENCY).execute(Tuple.of(window.name(), instansiId, range.start(), range.end(), nip,
              role.name()))
          : tx.preparedQuery(SET_PROVINCE).execute(Tuple.of(window.name(), provinsiKode.shortValue(), range.start(),
              range.end(), nip, role.name()));
    }
    return done.compose(v -> bump(tx));
  }

  private static Future<Void> bump(SqlClient tx) {
    return tx.query(BUMP).execute().mapEmpty();
  }

  /** The staggered windows with their agencies' and provinces' names, for the admin page. */
  public JsonArray overrides(Iterable<Row> rows) {
    JsonArray out = new JsonArray();
    for (Row r : rows) {
      Integer agency = r.getInteger("instansi_id");
      Integer province = r.getValue("provinsi_kode") == null ? null : ((Number) r.getValue("provinsi_kode")).intValue();
      out.add(new JsonObject()
          .put("window", Window.valueOf(r.getString("window_key")).key)
          .put("label", Window.valueOf(r.getString("window_key")).label)
          .put("instansi", agency == null ? null : new JsonObject().put("id", agency).put("nama", r.getString("instansi_nama")))
          .put("provinsiKode", province == null ? null : province)
          .put("provinsiNama", province == null ? null : Wilayah.get().namaProvinsi(province))
          .put("start", r.getLocalDate("starts_on").toString())
          .put("end", r.getLocalDate("ends_on").toString())
          .put("changedBy", r.getString("changed_by"))
          .put("changedByNama", r.getString("changed_by_nama"))
          .put("changedAt", time(r.getOffsetDateTime("changed_at"))));
    }
    return out;
  }

  /** The query {@link #withChanges} reads. */
  public static String changesQuery() {
    return CHANGES;
  }

  /**
   * Adds to each national window of {@link #toJson(Integer)} (not to a staggered one: that has its own entry in
   * {@link #overrides}) who changed it last, {nip, nama}, and when (null before the first change). For the admin
   * page only: GET /api/schedule names no officer.
   */
  public JsonObject withChanges(JsonObject windows, Iterable<Row> rows) {
    for (Row r : rows) {
      JsonObject window = windows.getJsonObject(Window.valueOf(r.getString("window_key")).key);
      if (window == null || window.getBoolean("staggered", false)) {
        continue;
      }
      String nip = r.getString("changed_by");
      window.put("changedBy", nip == null ? null : new JsonObject().put("nip", nip).put("nama", r.getString("nama")))
          .put("changedAt", time(r.getOffsetDateTime("changed_at")));
    }
    return windows;
  }

  /** The query {@link #overrides} reads. */
  public static String overridesQuery() {
    return OVERRIDES;
  }

  // ------------------------------------------------------------------ reading

  /** The campaign's time zone (schedule.timeZone), e.g. Asia/Jakarta. */
  public ZoneId zone() {
    return clock.getZone();
  }

  /** How people name the zone (schedule.timeZoneLabel), e.g. WIB. */
  public String zoneLabel() {
    return zoneLabel;
  }

  public Instant now() {
    return clock.instant();
  }

  public LocalDate today() {
    return LocalDate.now(clock);
  }

  /** An instant as the API writes it: ISO 8601 with the campaign zone's offset (2015-09-01T16:03:00+07:00); null stays null. */
  public String time(OffsetDateTime at) {
    // ISO_OFFSET_DATE_TIME always writes the seconds (toString drops ":00", which is no RFC 3339 date-time).
    return at == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZoneSameInstant(zone()));
  }

  /** The end of the campaign day the instant falls on (midnight after it, in the campaign zone). */
  public OffsetDateTime endOfDay(OffsetDateTime at) {
    return at.atZoneSameInstant(zone()).toLocalDate().plusDays(1).atStartOfDay(zone()).toOffsetDateTime();
  }

  /** The window for the PNS of an agency: its staggered one if it has one, else the national one (agency null). */
  public Range range(Window window, Integer instansiId) {
    return applying(window, instansiId).range();
  }

  /** The window that applies to an agency's PNS, and whether it is a staggered one (its own or its province's). */
  private record Applying(Range range, boolean staggered) {
  }

  /** From one read of the snapshot, so a reload meanwhile cannot mix two schedules. */
  private Applying applying(Window window, Integer instansiId) {
    Snapshot now = holder.snapshot;
    Range own = instansiId == null ? null : now.agencies().getOrDefault(window, Map.of()).get(instansiId);
    return own != null ? new Applying(own, true) : new Applying(now.national().get(window), false);
  }

  public LocalDate start(Window window) {
    return range(window, null).start();
  }

  public LocalDate end(Window window) {
    return range(window, null).end();
  }

  public boolean isOpen(Window window) {
    return isOpen(window, null);
  }

  public boolean isOpen(Window window, Integer instansiId) {
    return range(window, instansiId).contains(today());
  }

  /** 403 WINDOW_CLOSED with the window's dates when it is not open today. */
  public void requireOpen(Window window) {
    requireOpen(window, null);
  }

  /** The same for the PNS of an agency (its staggered window, when it has one). */
  public void requireOpen(Window window, Integer instansiId) {
    ApiError refusal = refusal(applying(window, instansiId), window);
    if (refusal != null) {
      throw refusal;
    }
  }

  /** What a PNS of that agency is told outside the window (null while it is open). */
  private ApiError refusal(Applying applying, Window window) {
    return applying.range().contains(today()) ? null
        : closed(window, applying.range(), applying.staggered() ? " untuk instansi Anda" : "");
  }

  /**
   * One window as the PNS of an agency has it, for a page to say upfront what a save would be told:
   * {start, end, open, refusal} where refusal is the WINDOW_CLOSED message (null while open).
   */
  public JsonObject windowFor(Window window, Integer instansiId) {
    Applying applying = applying(window, instansiId);
    ApiError refusal = refusal(applying, window);
    return new JsonObject().put("label", window.label).put("start", applying.range().start().toString())
        .put("end", applying.range().end().toString()).put("open", refusal == null)
        .put("refusal", refusal == null ? null : refusal.getMessage());
  }

  /**
   * For an officer acting on the work of an agency (a verifier deciding on one of its submissions): that agency's
   * window (its staggered one, when it has one), and the refusal names the agency.
   */
  public void requireOpenFor(Window window, int instansiId, String agencyName) {
    Range range = range(window, instansiId);
    if (!range.contains(today())) {
      throw closed(window, range, " untuk " + agencyName).with("instansi", agencyName);
    }
  }

  private static ApiError closed(Window window, Range range, String whose) {
    return new ApiError(403, "WINDOW_CLOSED", window.label + whose + " hanya dibuka " + HUMAN.format(range.start())
        + " s.d. " + HUMAN.format(range.end()) + ".")
        .with("opens", range.start().toString()).with("closes", range.end().toString());
  }

  /** GET /api/schedule: every window, plus "timeZone": {id, label, offset} for the pages to name times. */
  public JsonObject toJson() {
    return toJson(null);
  }

  /** The windows as the PNS of an agency has them (staggered: true where its own window applies). */
  public JsonObject toJson(Integer instansiId) {
    JsonObject out = new JsonObject();
    for (Window w : Window.values()) {
      Applying applying = applying(w, instansiId);
      Range range = applying.range();
      out.put(w.key, new JsonObject()
          .put("label", w.label)
          .put("start", range.start().toString())
          .put("end", range.end().toString())
          .put("open", range.contains(today()))
          .put("staggered", applying.staggered()));
    }
    out.put("timeZone", new JsonObject()
        .put("id", zone().getId())
        .put("label", zoneLabel)
        .put("offset", zone().getRules().getOffset(now()).getId()));
    return out;
  }
}

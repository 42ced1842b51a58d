package id.go.bkn.epupns.form.reference;

import id.go.bkn.epupns.audit.AuditLog;
import id.go.bkn.epupns.auth.AuthGuard;
import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.core.blocking.BlockingWork;
import id.go.bkn.epupns.core.database.Like;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.core.http.FieldErrors;
import id.go.bkn.epupns.core.http.JsonBodies;
import id.go.bkn.epupns.core.http.LargeBody;
import id.go.bkn.epupns.core.http.Paging;
import id.go.bkn.epupns.sapk.RequestedAgency;
import id.go.bkn.epupns.sapk.SapkCsv;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The admins keep the reference tables the form offers (SPEC 4.5): GET/POST /api/admin/referensi/{table},
 * PUT /api/admin/referensi/{table}/{id}, POST .../{id}/retire|restore, POST .../import (CSV).
 * Tables: sekolah and unit-kesehatan per agency (its ADMIN_INSTANSI, or ADMIN_BKN naming the agency),
 * spesialis nationwide (ADMIN_BKN writes, agency admins read). An entry of another agency is "not
 * found". Retired entries stay valid on forms that already hold them ({@link ReferenceTables#byIds} flags
 * them; the form's validation refuses them as a new choice) but the autocomplete offers them no more. An import keeps the good lines, answers the bad ones by
 * line number, and can be repeated: each entry has one natural key (agency, name, level/kind).
 * Every change is in the audit log.
 */
public final class ReferenceAdminRoutes implements Feature {

  /** One kept table: its path, SQL table, whether it is per agency, its kind column and choices, its optional columns. */
  enum Kind {
    SEKOLAH("sekolah", "Sekolah", "ref_sekolah", true, "jenjang", List.of("SD", "SMP", "SMA"), List.of("npsn", "alamat")),
    UNIT_KESEHATAN("unit-kesehatan", "Unit kesehatan", "ref_unit_kesehatan", true, "jenis", List.of("Puskesmas", "Rumah Sakit"),
        List.of("alamat")),
    SPESIALIS("spesialis", "Spesialis", "ref_spesialis", false, null, List.of(), List.of());

    final String path;
    /** The table's name on the pages and in the audit log. */
    final String label;
    final String table;
    final boolean perAgency;
    final String kind;
    final List<String> choices;
    final List<String> extras;

    Kind(String path, String label, String table, boolean perAgency, String kind, List<String> choices, List<String> extras) {
      this.path = path;
      this.label = label;
      this.table = table;
      this.perAgency = perAgency;
      this.kind = kind;
      this.choices = choices;
      this.extras = extras;
    }

    static Kind of(String path) {
      return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst()
          .orElseThrow(() -> ApiError.notFound("Tidak ada tabel referensi " + path + "."));
    }

    /** The columns a row is written with, after the agency: nama, the kind, the extras. */
    List<String> columns() {
      List<String> out = new ArrayList<>();
      out.add("nama");
      if (kind != null) {
        out.add(kind);
      }
      out.addAll(extras);
      return out;
    }

    String agencyTest(int parameter) {
      return perAgency ? "instansi_id = $" + parameter : "$" + parameter + "::integer is null";
    }

    String select() {
      return "select id, " + String.join(", ", columns()) + ", retired_at from " + table;
    }

    String list() {
      return select() + " where " + agencyTest(1) + " and ($2::text is null or nama ilike $2)"
          + " and ($3::boolean or retired_at is null) order by lower(nama) collate \"C\", id limit $4 offset $5";
    }

    String count() {
      return "select count(*) from " + table + " where " + agencyTest(1) + " and ($2::text is null or nama ilike $2)"
          + " and ($3::boolean or retired_at is null)";
    }

    String one() {
      return select() + " where id = $1 and " + agencyTest(2);
    }

    /** Insert or, for the same natural key, update; answers whether it was new and whether anything changed. */
    String upsert() {
      List<String> cols = columns();
      List<String> all = new ArrayList<>();
      if (perAgency) {
        all.add("instansi_id");
      }
      all.addAll(cols);
      StringBuilder values = new StringBuilder();
      for (int i = 1; i <= all.size(); i++) {
        values.append(i > 1 ? ", " : "").append('$').append(i);
      }
      String key = (perAgency ? "instansi_id, " : "") + "(lower(nama))" + (kind == null ? "" : ", " + kind);
      String updates = extras.isEmpty() ? "nama = excluded.nama"
          : String.join(", ", extras.stream().map(c -> c + " = excluded." + c).toList());
      String changed = extras.isEmpty() ? "false"
          : String.join(" or ", extras.stream().map(c -> table + "." + c + " is distinct from excluded." + c).toList());
      return "insert into " + table + " (" + String.join(", ", all) + ") values (" + values + ")"
          + " on conflict (" + key + ") do update set " + updates + " where " + changed
          + " returning id, (xmax = 0) as inserted";
    }

    String update() {
      List<String> cols = columns();
      StringBuilder sets = new StringBuilder();
      for (int i = 0; i < cols.size(); i++) {
        sets.append(i > 0 ? ", " : "").append(cols.get(i)).append(" = $").append(i + 3);
      }
      return "update " + table + " set " + sets + " where id = $1 and " + agencyTest(2) + " returning id, nama";
    }

    String retire() {
      return "update " + table + " set retired_at = case when $3 then coalesce(retired_at, now()) end"
          + " where id = $1 and " + agencyTest(2) + " returning id, nama";
    }
  }

  static final int MAX_NAME = 200;
  static final int MAX_EXTRA = 300;
  /** Bodies up to this size are read on the event loop; larger ones (up to reference.importMaxBytes) on a worker. */
  static final int PARSE_INLINE_BYTES = 64 * 1024;
  /** Rows per pipelined batch of upserts. */
  static final int WRITE_BATCH = 1_000;
  private static final String IMPORT_PATH = "/api/admin/referensi/[^/]+/import";

  private final Pool pool;
  private final AuthGuard guard;
  private final BlockingWork parsing;
  private final long importMaxBytes;
  private final int importMaxLines;

  /**
   * {@code importMaxBytes} (reference.importMaxBytes) bounds an import's body, {@code importMaxLines}
   * (reference.importMaxLines) its lines; a large one is parsed and checked on {@code parsing}'s worker.
   */
  public ReferenceAdminRoutes(Pool pool, AuthGuard guard, BlockingWork parsing, long importMaxBytes, int importMaxLines) {
    this.pool = pool;
    this.guard = guard;
    this.parsing = parsing;
    this.importMaxBytes = importMaxBytes;
    this.importMaxLines = importMaxLines;
  }

  /** The import's body (the CSV in JSON) may be up to reference.importMaxBytes; a larger one is 413 naming the limit. */
  @Override
  public List<LargeBody> largeBodies() {
    return List.of(LargeBody.of(HttpMethod.POST, IMPORT_PATH, importMaxBytes, "Berkas CSV"));
  }

  @Override
  public void mount(Router router) {
    var admins = guard.admins();
    router.get("/api/admin/referensi/:table").handler(admins).handler(this::list);
    router.post("/api/admin/referensi/:table/import").handler(admins).handler(this::importCsv);
    router.post("/api/admin/referensi/:table").handler(admins).handler(this::add);
    router.put("/api/admin/referensi/:table/:id").handler(admins).handler(this::edit);
    router.post("/api/admin/referensi/:table/:id/retire").handler(admins).handler(ctx -> retire(ctx, true));
    router.post("/api/admin/referensi/:table/:id/restore").handler(admins).handler(ctx -> retire(ctx, false));
  }

  /**
   * The agency the request is about: an agency admin's own (naming another is 403), the one an
   * ADMIN_BKN names (required for per-agency tables); null for the national table. Writing the
   * national table is ADMIN_BKN's.
   */
  private static Integer agency(RoutingContext ctx, Kind kind, boolean write) {
    Caller caller = Caller.of(ctx);
    if (!kind.perAgency) {
      if (write && caller.role() != Role.ADMIN_BKN) {
        throw ApiError.forbidden("Tabel spesialis berlaku nasional dan hanya diubah oleh admin BKN.");
      }
      return null;
    }
    return RequestedAgency.required(ctx, caller.scope(), "instansiId");
  }

  private void list(RoutingContext ctx) {
    Kind kind = Kind.of(ctx.pathParam("table"));
    Integer agency = agency(ctx, kind, false);
    FieldErrors errors = new FieldErrors();
    Paging paging = Paging.from(ctx, errors);
    String q = ctx.queryParams().get("q");
    q = q == null || q.isBlank() ? null : q.strip();
    if (q != null && q.length() > MAX_NAME) {
      errors.add("q", "Kata pencarian paling banyak " + MAX_NAME + " karakter.");
    }
    errors.throwIfAny();
    String pattern = q == null ? null : Like.contains(q);
    boolean retired = "true".equals(ctx.queryParams().get("retired"));
    Tuple filter = Tuple.of(agency, pattern, retired);
    Future<JsonArray> items = pool.preparedQuery(kind.list()).execute(paging.limitOffset(filter)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(entry(kind, r)));
      return out;
    });
    Future<Long> total = pool.preparedQuery(kind.count()).execute(filter).map(rows -> rows.iterator().next().getLong(0));
    Future.all(items, total).onSuccess(v -> ctx.json(paging.envelope(items.result(), total.result()))).onFailure(ctx::fail);
  }

  private void add(RoutingContext ctx) {
    Kind kind = Kind.of(ctx.pathParam("table"));
    Integer agency = agency(ctx, kind, true);
    FieldErrors errors = new FieldErrors();
    List<String> values = values(kind, JsonBodies.object(ctx), errors);
    errors.throwIfAny();
    Caller caller = Caller.of(ctx);
    pool.withTransaction(tx -> tx.preparedQuery(kind.upsert()).execute(row(kind, agency, values))
            .compose(rows -> {
              if (rows.size() == 0 || !rows.iterator().next().getBoolean("inserted")) {
                return Future.failedFuture(ApiError.conflict("REFERENCE_EXISTS", "Entri dengan nama itu sudah ada; "
                    + "ubah entri tersebut bila perlu."));
              }
              long id = rows.iterator().next().getLong("id");
              return audit(tx, caller, AuditLog.Action.REFERENCE_ADD, kind, id, agency, values).compose(v -> one(tx, kind, id, agency));
            }))
        .onSuccess(entry -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(entry.encode()))
        .onFailure(ctx::fail);
  }

  private void edit(RoutingContext ctx) {
    Kind kind = Kind.of(ctx.pathParam("table"));
    long id = id(ctx);
    Integer agency = agency(ctx, kind, true);
    FieldErrors errors = new FieldErrors();
    List<String> values = values(kind, JsonBodies.object(ctx), errors);
    errors.throwIfAny();
    Caller caller = Caller.of(ctx);
    Tuple params = Tuple.of(id, agency);
    values.forEach(params::addValue);
    pool.withTransaction(tx -> tx.preparedQuery(kind.update()).execute(params)
            .compose(rows -> rows.size() == 0 ? Future.failedFuture(notFound())
                : audit(tx, caller, AuditLog.Action.REFERENCE_EDIT, kind, id, agency, values))
            .compose(v -> one(tx, kind, id, agency)))
        .recover(e -> Future.failedFuture(e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())
            ? ApiError.conflict("REFERENCE_EXISTS", "Entri lain dengan nama itu sudah ada.") : e))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void retire(RoutingContext ctx, boolean retire) {
    Kind kind = Kind.of(ctx.pathParam("table"));
    long id = id(ctx);
    Integer agency = agency(ctx, kind, true);
    Caller caller = Caller.of(ctx);
    pool.withTransaction(tx -> tx.preparedQuery(kind.retire()).execute(Tuple.of(id, agency, retire))
            .compose(rows -> rows.size() == 0 ? Future.failedFuture(notFound())
                : AuditLog.record(tx, caller, retire ? AuditLog.Action.REFERENCE_RETIRE : AuditLog.Action.REFERENCE_RESTORE,
                    kind.path + "/" + id, agency, new JsonObject().put(AuditLog.TARGET_NAME,
                        kind.label + ": " + rows.iterator().next().getString("nama"))))
            .compose(v -> one(tx, kind, id, agency)))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  /** An import's lines, checked: the rows to write and the refused lines (by line number). */
  private record Parsed(List<Tuple> good, JsonArray rejected) {
  }

  /**
   * A CSV ({"csv": the file's text}: header line, then one entry a line; up to reference.importMaxBytes and
   * reference.importMaxLines): every good line is written (new or changed by its natural key), every bad
   * one answered with its line number and reason; repeating an import changes nothing. A body larger than
   * {@link #PARSE_INLINE_BYTES} is decoded and checked on a worker, never on the event loop; the rows are
   * written in pipelined batches in one transaction.
   */
  private void importCsv(RoutingContext ctx) {
    Kind kind = Kind.of(ctx.pathParam("table"));
    Integer agency = agency(ctx, kind, true);
    Caller caller = Caller.of(ctx);
    boolean large = ctx.body() != null && ctx.body().length() > PARSE_INLINE_BYTES;
    Future<Parsed> parsed = large ? parsing.run(() -> parse(ctx, kind, agency)) : Future.succeededFuture(parse(ctx, kind, agency));
    parsed.compose(lines -> pool.withTransaction(tx -> write(tx, kind, lines.good()).compose(counts -> AuditLog.record(tx,
                caller, AuditLog.Action.REFERENCE_IMPORT, kind.path, agency, counts.copy().put("rejected", lines.rejected().size())
                    .put(AuditLog.TARGET_NAME, "Tabel " + kind.label.toLowerCase(java.util.Locale.ROOT)))
            .map(counts)))
        .map(counts -> counts.put("rejected", lines.rejected())))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private Parsed parse(RoutingContext ctx, Kind kind, Integer agency) {
    Object csv = JsonBodies.object(ctx).getValue("csv");
    String text = csv instanceof String value ? value : null;
    if (text == null || text.isBlank()) {
      throw ApiError.field("csv", "Kirim isi berkas CSV (baris judul: " + String.join(",", kind.columns()) + ").");
    }
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    if (lines.length > importMaxLines + 1) {
      throw ApiError.field("csv", "Paling banyak " + importMaxLines + " baris sekali impor; bagi berkasnya.");
    }
    List<String> header = SapkCsv.split(lines[0].replace("\uFEFF", "")).stream()
        .map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    if (!header.contains("nama") || kind.kind != null && !header.contains(kind.kind)) {
      throw ApiError.field("csv", "Baris 1 harus baris judul dengan kolom: " + String.join(",", kind.columns()) + ".");
    }
    JsonArray rejected = new JsonArray();
    List<Tuple> good = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      List<String> cells = SapkCsv.split(lines[i]);
      JsonObject body = new JsonObject();
      for (int c = 0; c < header.size() && c < cells.size(); c++) {
        body.put(header.get(c), cells.get(c));
      }
      FieldErrors errors = new FieldErrors();
      if (cells.size() != header.size()) {
        errors.add("csv", "jumlah kolom " + cells.size() + ", seharusnya " + header.size());
      }
      List<String> values = values(kind, body, errors);
      String key = values.get(0) == null ? "" : values.get(0).toLowerCase(Locale.ROOT) + "|" + (kind.kind == null ? "" : values.get(1));
      if (errors.isEmpty() && !seen.add(key)) {
        errors.add("nama", "entri yang sama sudah ada di baris sebelumnya");
      }
      if (!errors.isEmpty()) {
        rejected.add(new JsonObject().put("line", i + 1).put("message", String.join("; ", errors.asMap().values()))
            .put("fields", new JsonObject(new java.util.LinkedHashMap<>(errors.asMap()))));
        continue;
      }
      good.add(row(kind, agency, values));
    }
    return new Parsed(good, rejected);
  }

  /** Writes the rows in the transaction, {@link #WRITE_BATCH} pipelined upserts at a time: {added, changed, unchanged}. */
  private static Future<JsonObject> write(SqlClient tx, Kind kind, List<Tuple> rows) {
    int[] counts = new int[3];
    String upsert = kind.upsert();
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < rows.size(); from += WRITE_BATCH) {
      List<Tuple> batch = rows.subList(from, Math.min(rows.size(), from + WRITE_BATCH));
      chain = chain.compose(v -> tx.preparedQuery(upsert).executeBatch(batch).map(result -> {
        for (RowSet<Row> one = result; one != null; one = one.next()) {
          if (one.size() == 0) {
            counts[2]++;
          } else if (one.iterator().next().getBoolean("inserted")) {
            counts[0]++;
          } else {
            counts[1]++;
          }
        }
        return null;
      }));
    }
    return chain.map(v -> new JsonObject().put("added", counts[0]).put("changed", counts[1]).put("unchanged", counts[2]));
  }

  /** The row's values in {@link Kind#columns()} order, validated field by field. */
  private static List<String> values(Kind kind, JsonObject body, FieldErrors errors) {
    List<String> out = new ArrayList<>();
    String nama = text(body, "nama");
    if (nama == null) {
      errors.add("nama", "Nama wajib diisi.");
    } else if (nama.length() < 2 || nama.length() > MAX_NAME) {
      errors.add("nama", "Nama 2 s.d. " + MAX_NAME + " karakter.");
    }
    out.add(nama == null ? null : nama.replaceAll("\\s+", " "));
    if (kind.kind != null) {
      String value = text(body, kind.kind);
      String chosen = value == null ? null : kind.choices.stream().filter(c -> c.equalsIgnoreCase(value)).findFirst().orElse(null);
      if (chosen == null) {
        errors.add(kind.kind, kind.kind + " harus salah satu dari: " + String.join(", ", kind.choices) + ".");
      }
      out.add(chosen);
    }
    for (String extra : kind.extras) {
      String value = text(body, extra);
      if (value != null && value.length() > MAX_EXTRA) {
        errors.add(extra, extra + " paling banyak " + MAX_EXTRA + " karakter.");
      }
      out.add(value);
    }
    return out;
  }

  private static String text(JsonObject body, String name) {
    Object value = body.getValue(name);
    if (value != null && !(value instanceof String)) {
      return String.valueOf(value).strip();
    }
    String text = (String) value;
    return text == null || text.isBlank() ? null : text.strip();
  }

  private static Tuple row(Kind kind, Integer agency, List<String> values) {
    Tuple row = Tuple.tuple();
    if (kind.perAgency) {
      row.addValue(agency);
    }
    values.forEach(row::addValue);
    return row;
  }

  private static Future<Void> audit(SqlClient tx, Caller caller, AuditLog.Action action, Kind kind, long id, Integer agency,
                                    List<String> values) {
    JsonObject details = new JsonObject();
    List<String> columns = kind.columns();
    for (int i = 0; i < columns.size(); i++) {
      details.put(columns.get(i), values.get(i));
    }
    return AuditLog.record(tx, caller, action, kind.path + "/" + id, agency,
        details.put(AuditLog.TARGET_NAME, kind.label + ": " + details.getString("nama")));
  }

  private static Future<JsonObject> one(SqlClient tx, Kind kind, long id, Integer agency) {
    return tx.preparedQuery(kind.one()).execute(Tuple.of(id, agency)).map(rows -> entry(kind, rows.iterator().next()));
  }

  private static JsonObject entry(Kind kind, Row row) {
    JsonObject out = new JsonObject().put("id", row.getLong("id"));
    for (String column : kind.columns()) {
      out.put(column, row.getString(column));
    }
    return out.put("retired", row.getValue("retired_at") != null);
  }

  private static long id(RoutingContext ctx) {
    String raw = ctx.pathParam("id");
    if (raw == null || !raw.matches("[1-9][0-9]{0,17}")) {
      throw ApiError.field("id", "id entri harus bilangan bulat positif.");
    }
    return Long.parseLong(raw);
  }

  private static ApiError notFound() {
    return ApiError.notFound("Tidak ada entri tersebut di tabel referensi instansi Anda.");
  }
}

package id.go.bkn.epupns.form.reference;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The form's reference tables: schools and health units of the caller's agency, specialties and
 * agencies nationwide, work units of an agency, organisation units of a work unit.
 * A search finds the names in which every word typed starts a word ("rumah sakit", "sakit", "negeri
 * 1 sor"), in alphabetical order: rows hold the prefixes of their words in a GIN-indexed array
 * (V71, {@code search_prefixes}), names are ordered by the (parent, lower(nama) collate C) btree.
 */
public final class ReferenceTables {

  public static final int LIMIT = 20;

  /** Whose rows a lookup sees. */
  public enum Scope {
    /** every row (specialties, agencies) */
    NONE,
    /** the rows of the caller's own agency (schools, health units) */
    CALLER_AGENCY,
    /** the rows of a parent row the PNS chose or SAPK holds (work units of an agency, units of a work unit) */
    PARENT
  }

  /**
   * One table: its name in the catalogue, its filter column (if any), whose rows it offers, the
   * column holding the parent id and (PARENT scope) the query parameter naming the parent.
   */
  public enum Table {
    SEKOLAH("sekolah", "jenjang", Scope.CALLER_AGENCY, "instansi_id", null,
        "select id, nama, jenjang, npsn from ref_sekolah"),
    UNIT_KESEHATAN("unit_kesehatan", "jenis", Scope.CALLER_AGENCY, "instansi_id", null,
        "select id, nama, jenis, alamat from ref_unit_kesehatan"),
    SPESIALIS("spesialis", null, Scope.NONE, null, null, "select id, nama from ref_spesialis"),
    INSTANSI("instansi", null, Scope.NONE, null, null, "select id, nama, jenis from instansi"),
    SATUAN_KERJA("satuan_kerja", null, Scope.PARENT, "instansi_id", "instansiId",
        "select id, nama, instansi_id, lokasi from satuan_kerja"),
    UNIT_ORGANISASI("unit_organisasi", null, Scope.PARENT, "satuan_kerja_id", "satuanKerjaId",
        "select id, nama, eselon, satuan_kerja_id, unit_organisasi_jalur(id) as jalur from unit_organisasi");

    final String name;
    final String filter;
    final Scope scope;
    final String parentColumn;
    final String parentParam;
    final String select;

    Table(String name, String filter, Scope scope, String parentColumn, String parentParam, String select) {
      this.name = name;
      this.filter = filter;
      this.scope = scope;
      this.parentColumn = parentColumn;
      this.parentParam = parentParam;
      this.select = select;
    }

    public String filter() {
      return filter;
    }

    public Scope scope() {
      return scope;
    }

    /** The column (and attribute of a chosen value) holding the parent's id, e.g. instansi_id. */
    public String parentColumn() {
      return parentColumn;
    }

    /** The query parameter naming the parent (PARENT scope), e.g. instansiId. */
    public String parentParam() {
      return parentParam;
    }

    /** Whether the admins keep this table (ReferenceAdminRoutes): its entries can be retired. */
    boolean retirable() {
      return this == SEKOLAH || this == UNIT_KESEHATAN || this == SPESIALIS;
    }

    public static Optional<Table> named(String name) {
      return Arrays.stream(values()).filter(t -> t.name.equals(name)).findFirst();
    }

    /**
     * The search with its values written in: the best plan depends on how common the words are (walk
     * the name btree for "negeri", intersect the GIN lists for "cibeureum"), and a prepared
     * statement's generic plan cannot know that: measured, it took 110-560 ms where the right plan
     * takes 0.2. Safe to inline: the parent is a number, the filter one of the route's fixed values,
     * the words only letters and digits ({@link #words}), and every text is quoted anyway.
     */
    String wordsSql(Integer parent, String filterValue, List<String> prefixes, List<String> longWords) {
      String parentTest = parentColumn == null ? "true" : parentColumn + " = " + (parent == null ? "null" : parent);
      String filterTest = filter == null || filterValue == null ? "true" : filter + " = " + literal(filterValue);
      // Retired entries stay valid where a form holds them (byIds) but are offered no more.
      String offered = retirable() ? " and retired_at is null" : "";
      return select + " where " + parentTest + " and " + filterTest + offered
          + " and search_prefixes @> " + array(prefixes) + " and lower(nama) ~ all(" + array(longWords) + ")"
          + " order by lower(nama) collate \"C\" limit " + LIMIT;
    }

    private static String array(List<String> values) {
      return "array[" + String.join(", ", values.stream().map(Table::literal).toList()) + "]::text[]";
    }

    private static String literal(String value) {
      return "'" + value.replace("'", "''") + "'";
    }

    /**
     * CALLER_AGENCY tables answer only the agency's rows; PARENT tables every row with its parent id, checked by the
     * caller. Retired entries are answered too, with {@code retired: true} (a form that holds one keeps it).
     */
    String byIdsSql() {
      String columns = retirable() ? "select retired_at is not null as retired, " + select.substring("select ".length()) : select;
      return columns + " where id = any($1) and "
          + (scope == Scope.CALLER_AGENCY ? parentColumn + " = $2" : "$2::integer is null");
    }
  }

  private final Pool pool;

  public ReferenceTables(Pool pool) {
    this.pool = pool;
  }

  /** Words are indexed by their first 12 characters (ref_prefixes in V71). */
  static final int INDEXED_PREFIX = 12;
  /** More words than this in a query add nothing to an autocomplete. */
  static final int MAX_WORDS = 6;

  /**
   * Up to {@link #LIMIT} rows in whose name every word of q starts a word (case-insensitive), in
   * alphabetical order, of the parent (the caller's agency or the given parent row; null for tables
   * without one). Punctuation is ignored; no word (q empty) gives the first names.
   */
  public Future<List<JsonObject>> search(Table table, Integer parentId, String q, String filterValue) {
    Integer parent = table.parentColumn == null ? null : parentId;
    List<String> words = words(q);
    List<String> prefixes = words.stream().map(w -> w.length() > INDEXED_PREFIX ? w.substring(0, INDEXED_PREFIX) : w)
        .toList();
    // PostgreSQL's \m is "start of a word"; words hold only letters and digits, so need no escaping.
    List<String> longWords = words.stream().filter(w -> w.length() > INDEXED_PREFIX).map(w -> "\\m" + w).toList();
    return pool.query(table.wordsSql(parent, filterValue, prefixes, longWords)).execute()
        .map(ReferenceTables::list);
  }

  /** The words of a query: lower case, split at anything but letters and digits, at most MAX_WORDS. */
  static List<String> words(String q) {
    if (q == null) {
      return List.of();
    }
    return Arrays.stream(q.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
        .filter(w -> !w.isEmpty()).distinct().limit(MAX_WORDS).toList();
  }

  /** The rows with these ids that the caller may use (CALLER_AGENCY: of its agency), by id. */
  public Future<Map<Long, JsonObject>> byIds(Table table, Integer instansiId, List<Long> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    Integer agency = table.scope == Scope.CALLER_AGENCY ? instansiId : null;
    return pool.preparedQuery(table.byIdsSql()).execute(Tuple.tuple().addValue(ids.toArray(new Long[0])).addValue(agency))
        .map(rows -> {
          Map<Long, JsonObject> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getLong("id"), json(r)));
          return out;
        });
  }

  /**
   * Which of these ids the PNS's SAPK row of a Data Guru / Data Dokter table holds in the column (written by an
   * earlier verification; the form does not show it). Table and column are the catalogue's write target, checked
   * against the schema at start-up, so they can be written into the statement.
   */
  public Future<Set<Long>> heldInSapk(String table, String column, String nip, List<Long> ids) {
    return pool.preparedQuery("select " + column + " from " + table + " where nip = $1 and " + column + " = any($2)")
        .execute(Tuple.of(nip, (Object) ids.toArray(new Long[0])))
        .map(rows -> {
          Set<Long> out = new HashSet<>();
          rows.forEach(r -> out.add(r.getLong(0)));
          return out;
        });
  }

  private static List<JsonObject> list(Iterable<Row> rows) {
    List<JsonObject> out = new ArrayList<>();
    rows.forEach(r -> out.add(json(r)));
    return out;
  }

  private static JsonObject json(Row row) {
    JsonObject out = new JsonObject();
    for (int i = 0; i < row.size(); i++) {
      Object value = row.getValue(i);
      if (value != null) {
        out.put(row.getColumnName(i), value);
      }
    }
    return out;
  }
}

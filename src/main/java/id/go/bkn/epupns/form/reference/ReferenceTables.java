package id.go.bkn.epupns.form.reference;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The form's reference tables: schools and health units of the caller's agency, specialties and
 * agencies nationwide, work units of an agency, organisation units of a work unit.
 * Searches walk the parent's names in alphabetical order on a (parent, lower(nama) collate C)
 * btree: a range for one or two letters ("starts with"), a filter from three ("contains").
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

    public static Optional<Table> named(String name) {
      return Arrays.stream(values()).filter(t -> t.name.equals(name)).findFirst();
    }

    /** $1 parent id (null when the table has no parent), $2 filter value or null, $3 lower bound or pattern, $4 upper bound. */
    String prefixSql() {
      return select + " where " + where() + " and lower(nama) collate \"C\" >= $3"
          + " and ($4::text is null or lower(nama) collate \"C\" < $4)"
          + " order by lower(nama) collate \"C\" limit " + LIMIT;
    }

    String containsSql() {
      return select + " where " + where() + " and lower(nama) like $3 escape '\\'"
          + " order by lower(nama) collate \"C\" limit " + LIMIT;
    }

    /** CALLER_AGENCY tables answer only the agency's rows; PARENT tables every row with its parent id, checked by the caller. */
    String byIdsSql() {
      return select + " where id = any($1) and "
          + (scope == Scope.CALLER_AGENCY ? parentColumn + " = $2" : "$2::integer is null");
    }

    private String where() {
      String parent = parentColumn == null ? "$1::integer is null" : parentColumn + " = $1";
      return parent + (filter == null ? " and $2::text is null" : " and ($2::text is null or " + filter + " = $2)");
    }
  }

  private final Pool pool;

  public ReferenceTables(Pool pool) {
    this.pool = pool;
  }

  /**
   * Up to {@link #LIMIT} rows whose name matches q (case-insensitive), of the parent (the caller's
   * agency or the given parent row; null for tables without one).
   */
  public Future<List<JsonObject>> search(Table table, Integer parentId, String q, String filterValue) {
    String needle = q == null ? "" : q.toLowerCase().strip();
    Integer parent = table.parentColumn == null ? null : parentId;
    if (needle.length() < 3) {
      String upper = upperBound(needle);
      return pool.preparedQuery(table.prefixSql()).execute(Tuple.of(parent, filterValue, needle, upper))
          .map(ReferenceTables::list);
    }
    String pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    return pool.preparedQuery(table.containsSql()).execute(Tuple.of(parent, filterValue, pattern))
        .map(ReferenceTables::list);
  }

  /**
   * The first string after every string starting with the prefix, in code point ("C") order: the prefix with
   * its last code point raised by one (past the surrogate range), dropping code points that cannot be raised;
   * null when there is no bound (empty prefix, or only U+10FFFF). Never NUL, never a lone surrogate: PostgreSQL
   * refuses the one and would store the other as '?'.
   */
  static String upperBound(String prefix) {
    int[] codePoints = prefix.codePoints().toArray();
    for (int i = codePoints.length - 1; i >= 0; i--) {
      int next = codePoints[i] + 1;
      if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
        next = Character.MAX_SURROGATE + 1;
      }
      if (next <= Character.MAX_CODE_POINT) {
        codePoints[i] = next;
        return new String(codePoints, 0, i + 1);
      }
    }
    return null;
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

package id.go.bkn.epupns.form.reference;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The form's reference tables: schools and health units per agency, specialties nationwide.
 * Searches walk the agency's names in alphabetical order on the (instansi_id, lower(nama) collate C)
 * btree: a range for one or two letters ("starts with"), a filter from three ("contains").
 */
public final class ReferenceTables {

  public static final int LIMIT = 20;

  /** One table: its name in the catalogue, its filter column (if any) and its SQL. */
  public enum Table {
    SEKOLAH("sekolah", "jenjang", true, "select id, nama, jenjang, npsn from ref_sekolah"),
    UNIT_KESEHATAN("unit_kesehatan", "jenis", true, "select id, nama, jenis, alamat from ref_unit_kesehatan"),
    SPESIALIS("spesialis", null, false, "select id, nama from ref_spesialis");

    final String name;
    final String filter;
    final boolean perAgency;
    final String select;

    Table(String name, String filter, boolean perAgency, String select) {
      this.name = name;
      this.filter = filter;
      this.perAgency = perAgency;
      this.select = select;
    }

    public String filter() {
      return filter;
    }

    public static Optional<Table> named(String name) {
      return Arrays.stream(values()).filter(t -> t.name.equals(name)).findFirst();
    }

    /** $1 agency (ignored nationwide), $2 filter value or null, $3 lower bound or pattern, $4 upper bound. */
    String prefixSql() {
      return select + " where " + scope() + " and lower(nama) collate \"C\" >= $3 and lower(nama) collate \"C\" < $4"
          + " order by lower(nama) collate \"C\" limit " + LIMIT;
    }

    String containsSql() {
      return select + " where " + scope() + " and lower(nama) like $3 escape '\\'"
          + " order by lower(nama) collate \"C\" limit " + LIMIT;
    }

    String byIdsSql() {
      return select + " where id = any($1) and " + (perAgency ? "instansi_id = $2" : "$2::integer is not null");
    }

    private String scope() {
      String agency = perAgency ? "instansi_id = $1" : "$1::integer is not null";
      return agency + (filter == null ? " and $2::text is null" : " and ($2::text is null or " + filter + " = $2)");
    }
  }

  private final Pool pool;

  public ReferenceTables(Pool pool) {
    this.pool = pool;
  }

  /** Up to {@link #LIMIT} rows of the agency whose name matches q (case-insensitive). */
  public Future<List<JsonObject>> search(Table table, int instansiId, String q, String filterValue) {
    String needle = q == null ? "" : q.toLowerCase().strip();
    if (needle.length() < 3) {
      String upper = needle.isEmpty() ? "\uffff" : needle.substring(0, needle.length() - 1)
          + (char) (needle.charAt(needle.length() - 1) + 1);
      return pool.preparedQuery(table.prefixSql()).execute(Tuple.of(instansiId, filterValue, needle, upper))
          .map(rows -> { List<JsonObject> out = new java.util.ArrayList<>(); rows.forEach(r -> out.add(json(r))); return out; });
    }
    String pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    return pool.preparedQuery(table.containsSql()).execute(Tuple.of(instansiId, filterValue, pattern))
        .map(rows -> { List<JsonObject> out = new java.util.ArrayList<>(); rows.forEach(r -> out.add(json(r))); return out; });
  }

  /** The rows with these ids that the agency may use, by id. */
  public Future<Map<Long, JsonObject>> byIds(Table table, int instansiId, List<Long> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return pool.preparedQuery(table.byIdsSql()).execute(Tuple.tuple().addValue(ids.toArray(new Long[0])).addValue(instansiId))
        .map(rows -> {
          Map<Long, JsonObject> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getLong("id"), json(r)));
          return out;
        });
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

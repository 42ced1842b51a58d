package id.go.bkn.epupns.sapk;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes to SAPK records on behalf of another feature (verification applies accepted corrections),
 * always inside the caller's transaction and always with one {@code sapk_change} row: who, role,
 * when, the value before and after as stored, why, and the item that caused it.
 *
 * <p>Values are converted by PostgreSQL itself ({@code jsonb_populate_record(null::table, $json)}),
 * so a date, a number or a boolean becomes the column's type exactly as if typed in SQL. Table and
 * column names come from the field catalogue, are plain identifiers and are checked against
 * {@code information_schema} at start-up ({@link #check}); the statements are built once per target.
 */
public final class SapkRecords {

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]*");

  /** A column some feature will write, the data types it may have, and who uses it (for the message). */
  public record Column(String table, String column, Set<String> types, String usedBy) {
  }

  /** What a change does to the record. */
  public enum Kind {
    /** One column of the PNS's row (pns, updated in place) or of a one-row-per-PNS table (upserted). */
    SET,
    /** One column of a history row (by id, of this PNS). */
    SET_ROW,
    /** A new history row. */
    ADD_ROW,
    /** A history row removed. */
    REMOVE_ROW
  }

  /** Who made a change, and why: the role's name, the decision's reason, the causing item. */
  public record Author(String nip, String role, String reason, long itemId, String action) {
  }

  private static final String COLUMNS = """
      select table_name, column_name, data_type from information_schema.columns
       where table_schema = current_schema() and table_name = any($1)""";

  private static final String AUDIT = """
      insert into sapk_change (nip, target_table, target_column, row_id, action, old_value, new_value, reason, item_id,
                               changed_by, changed_by_role)
      values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)""";

  private final Map<String, String> statements = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Checks that every column exists with one of its types (and that each table has its key column);
   * fails with every problem listed, so that start-up stops on a catalogue that names a wrong target.
   */
  public static Future<Void> check(SqlClient client, List<Column> columns) {
    String[] tables = columns.stream().map(Column::table).distinct().toArray(String[]::new);
    return client.preparedQuery(COLUMNS).execute(Tuple.of((Object) tables)).compose(rows -> {
      Map<String, String> types = new HashMap<>();
      for (Row row : rows) {
        types.put(row.getString("table_name") + "." + row.getString("column_name"), row.getString("data_type"));
      }
      List<String> problems = new ArrayList<>();
      for (Column c : columns) {
        String type = types.get(c.table() + "." + c.column());
        if (!IDENTIFIER.matcher(c.table()).matches() || !IDENTIFIER.matcher(c.column()).matches()) {
          problems.add(c.usedBy() + ": " + c.table() + "." + c.column() + " is not a plain identifier");
        } else if (type == null) {
          problems.add(c.usedBy() + ": column " + c.table() + "." + c.column() + " does not exist");
        } else if (!c.types().contains(type)) {
          problems.add(c.usedBy() + ": column " + c.table() + "." + c.column() + " is " + type + ", expected one of "
              + new java.util.TreeSet<>(c.types()));
        }
      }
      return problems.isEmpty() ? Future.succeededFuture()
          : Future.failedFuture(new IllegalStateException("write targets do not match the database schema: "
              + String.join("; ", problems)));
    });
  }

  /**
   * Applies one change and records it. {@code values} holds the new column values by column name
   * (SET, SET_ROW: one; ADD_ROW: the row's). Answers {old, new} as stored, or null when the history
   * row to change or remove is no longer there (nothing written then).
   */
  public Future<JsonObject> apply(SqlClient tx, String nip, Kind kind, String table, Long rowId,
                                  JsonObject values, Author author) {
    List<String> columns = new ArrayList<>(values.fieldNames());
    java.util.Collections.sort(columns);
    String column = kind == Kind.SET || kind == Kind.SET_ROW ? columns.get(0) : null;
    String sql = statements.computeIfAbsent(kind + "|" + table + "|" + String.join(",", columns), k -> sql(kind, table,
        columns));
    Tuple args = Tuple.of(nip, values);
    if (kind == Kind.SET_ROW || kind == Kind.REMOVE_ROW) {
      args.addValue(rowId);
    }
    return tx.preparedQuery(sql).execute(args).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(null);
      }
      Row row = rows.iterator().next();
      Object before = row.getJson("old");
      Object after = row.getJson("new");
      Long changedRow = kind == Kind.ADD_ROW ? row.getLong("id") : rowId;
      return tx.preparedQuery(AUDIT).execute(Tuple.from(new Object[] {nip, table, column, changedRow, author.action(),
              jsonb(before), jsonb(after), author.reason(), author.itemId(), author.nip(), author.role()}))
          .map(v -> new JsonObject().put("old", before).put("new", after).put("rowId", changedRow));
    });
  }

  private static String sql(Kind kind, String table, List<String> columns) {
    for (String c : columns) {
      if (!IDENTIFIER.matcher(c).matches()) {
        throw new IllegalArgumentException("not a column name: " + c);
      }
    }
    if (!IDENTIFIER.matcher(table).matches()) {
      throw new IllegalArgumentException("not a table name: " + table);
    }
    String c0 = columns.isEmpty() ? null : columns.get(0);
    return switch (kind) {
      // pns: the PNS's record always exists and is updated in place.
      case SET -> "pns".equals(table) ? """
          with old as (select to_jsonb(t.%2$s) as v from %1$s t where t.nip = $1 for update)
          update %1$s t set %2$s = r.%2$s, updated_at = now()
            from jsonb_populate_record(null::%1$s, $2) r, old
           where t.nip = $1
          returning old.v as old, to_jsonb(t.%2$s) as new""".formatted(table, c0)
          // Other one-row-per-PNS tables (Data Guru, Data Dokter) get their row on the first write.
          : """
          with old as (select to_jsonb(t.%2$s) as v from %1$s t where t.nip = $1 for update)
          insert into %1$s as t (nip, %2$s) select $1, r.%2$s from jsonb_populate_record(null::%1$s, $2) r
          on conflict (nip) do update set %2$s = excluded.%2$s, updated_at = now()
          returning (select v from old) as old, to_jsonb(t.%2$s) as new""".formatted(table, c0);
      case SET_ROW -> """
          with old as (select to_jsonb(t.%2$s) as v from %1$s t where t.id = $3 and t.nip = $1 for update)
          update %1$s t set %2$s = r.%2$s
            from jsonb_populate_record(null::%1$s, $2) r, old
           where t.id = $3 and t.nip = $1
          returning old.v as old, to_jsonb(t.%2$s) as new""".formatted(table, c0);
      case ADD_ROW -> """
          insert into %1$s as t (nip, %2$s) select $1, %3$s from jsonb_populate_record(null::%1$s, $2) r
          returning t.id, null::jsonb as old, to_jsonb(t) - 'nip' - 'id' as new""".formatted(table,
          String.join(", ", columns), String.join(", ", columns.stream().map(c -> "r." + c).toList()));
      case REMOVE_ROW -> """
          delete from %1$s t where t.id = $3 and t.nip = $1 and $2::jsonb is not null
          returning to_jsonb(t) - 'nip' - 'id' as old, null::jsonb as new""".formatted(table);
    };
  }

  /** jsonb parameters: JSON values as they are, scalars wrapped so that the driver sends jsonb. */
  private static Object jsonb(Object value) {
    if (value == null || value instanceof JsonObject || value instanceof JsonArray) {
      return value;
    }
    return value instanceof String || value instanceof Number || value instanceof Boolean ? value : String.valueOf(value);
  }
}

package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.form.Action;
import id.go.bkn.epupns.form.catalogue.Catalogue;
import id.go.bkn.epupns.form.catalogue.Catalogue.Field;
import id.go.bkn.epupns.form.catalogue.Catalogue.Kind;
import id.go.bkn.epupns.form.catalogue.Catalogue.Section;
import id.go.bkn.epupns.sapk.SapkRecords;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an accepted item is written in SAPK, from the catalogue's write targets (section
 * {@code target: {table, key}}, field {@code column}): a column of the PNS's record or of its Data
 * Guru/Dokter row, a column of a history row, or a whole history row added or removed. Every target
 * is checked against the schema at start-up ({@link #check}).
 */
final class WriteTargets {

  /** Data types a column may have for each catalogue type (references store the chosen row's id). */
  private static final Map<Catalogue.Type, Set<String>> COLUMN_TYPES = Map.of(
      Catalogue.Type.TEXT, Set.of("text", "character varying", "character"),
      Catalogue.Type.ENUM, Set.of("text", "character varying", "character"),
      Catalogue.Type.EMAIL, Set.of("text", "character varying"),
      Catalogue.Type.PHONE, Set.of("text", "character varying"),
      Catalogue.Type.NIP, Set.of("character", "text"),
      Catalogue.Type.DATE, Set.of("date"),
      Catalogue.Type.INTEGER, Set.of("smallint", "integer", "bigint"),
      Catalogue.Type.BOOLEAN, Set.of("boolean"),
      Catalogue.Type.REFERENCE, Set.of("smallint", "integer", "bigint"));

  /** One write: what kind, where, the new column values. */
  record Write(SapkRecords.Kind kind, String table, Long rowId, JsonObject values) {
  }

  private final Catalogue catalogue;

  WriteTargets(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  /** Every column the catalogue writes, with the types it may have, plus each table's keys. */
  List<SapkRecords.Column> columns() {
    List<SapkRecords.Column> out = new ArrayList<>();
    for (Section section : catalogue.sections().values()) {
      String table = section.target().table();
      out.add(new SapkRecords.Column(table, "nip", Set.of("character"), section.id() + " (key)"));
      if (section.target().byRow()) {
        out.add(new SapkRecords.Column(table, "id", Set.of("bigint", "integer"), section.id() + " (row key)"));
      }
      for (Field field : section.fields().values()) {
        out.add(new SapkRecords.Column(table, field.column(), COLUMN_TYPES.get(field.type()),
            section.id() + "." + field.name()));
      }
    }
    return out;
  }

  /** Fails (start-up stops) when a target column is missing or of an unexpected type. */
  Future<Void> check(SqlClient client) {
    return SapkRecords.check(client, columns());
  }

  /**
   * The write an accepted item makes: a field (CORRECT or FILL) sets its column; a history row's
   * field sets that column of the row; ADD_ROW inserts the row's values; REMOVE_ROW deletes it.
   */
  Write write(String sectionId, String field, String rowRef, Action action, Object corrected) {
    Section section = catalogue.section(sectionId).orElseThrow(() -> new IllegalStateException("no section " + sectionId));
    String table = section.target().table();
    Long rowId = null;
    if (section.kind() == Kind.ROWS && action != Action.ADD_ROW) {
      rowId = Long.parseLong(rowRef);
    }
    return switch (action) {
      case CORRECT, FILL -> {
        Field f = section.field(field).orElseThrow(() -> new IllegalStateException("no field " + sectionId + "." + field));
        yield new Write(section.kind() == Kind.ROWS ? SapkRecords.Kind.SET_ROW : SapkRecords.Kind.SET, table, rowId,
            new JsonObject().put(f.column(), stored(f, corrected)));
      }
      case ADD_ROW -> {
        JsonObject values = new JsonObject();
        JsonObject given = corrected instanceof JsonObject o ? o : new JsonObject();
        for (Field f : section.fields().values()) {
          values.put(f.column(), stored(f, given.getValue(f.name())));
        }
        yield new Write(SapkRecords.Kind.ADD_ROW, table, null, values);
      }
      case REMOVE_ROW -> new Write(SapkRecords.Kind.REMOVE_ROW, table, rowId, new JsonObject());
    };
  }

  /** A reference stores the chosen row's id; any other value as it is. */
  private static Object stored(Field field, Object value) {
    if (field.type() == Catalogue.Type.REFERENCE && value instanceof JsonObject picked) {
      return picked.getValue("id");
    }
    return value;
  }
}

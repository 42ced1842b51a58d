package id.go.bkn.epupns.form;

import id.go.bkn.epupns.core.http.FieldErrors;
import id.go.bkn.epupns.form.catalogue.Catalogue;
import id.go.bkn.epupns.form.catalogue.Catalogue.Field;
import id.go.bkn.epupns.form.catalogue.Catalogue.Kind;
import id.go.bkn.epupns.form.catalogue.Catalogue.Section;
import id.go.bkn.epupns.form.catalogue.FieldRules;
import id.go.bkn.epupns.form.reference.ReferenceTables;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns a section save (PUT /api/me/form/{section}) into the stored draft, checking it against
 * the catalogue: item by item (types, ranges, options, documents), then references against their
 * tables, then the rules across fields. Every error is collected: the client gets them all.
 * The same cross-field checks run again at submit, where another section may have changed.
 */
final class DraftValidator {

  static final Pattern NEW_ROW_REF = Pattern.compile("baru-[0-9a-f]{8}");
  static final int MAX_ROWS = 100;
  static final int MAX_DOCUMENTS = 10;

  private final Catalogue catalogue;
  private final ReferenceTables references;
  private final Clock clock;

  DraftValidator(Catalogue catalogue, ReferenceTables references, Clock clock) {
    this.catalogue = catalogue;
    this.references = references;
    this.clock = clock;
  }

  /** The stored form of the section's draft, or a 400 naming every bad item. */
  Future<JsonObject> validate(Section section, JsonObject body, FormState state, int instansiId) {
    FieldErrors errors = new FieldErrors();
    LocalDate today = LocalDate.now(clock);
    List<Integer> rowIndexes = new ArrayList<>();
    JsonObject content = section.kind() == Kind.ROWS
        ? rows(section, body, state, errors, today, rowIndexes)
        : fields(section, body, state, errors, today);
    return resolveReferences(section, content, state, instansiId, errors).map(v -> {
      // Items refused above are not in the content; the rest still get their cross-field checks.
      crossCheck(section, content, state.withDraft(section.id(), content), rowIndexes).forEach(errors::add);
      errors.throwIfAny();
      return content;
    });
  }

  private JsonObject fields(Section section, JsonObject body, FormState state, FieldErrors errors, LocalDate today) {
    Object raw = body.getValue("fields");
    if (body.containsKey("rows")) {
      errors.add("rows", "Bagian " + section.title() + " tidak berisi baris riwayat.");
    }
    if (!(raw instanceof JsonObject fields)) {
      errors.add("fields", "Kirim 'fields' berupa objek {namaIsian: {mark, correction, documents}}.");
      return new JsonObject().put("fields", new JsonObject());
    }
    JsonObject out = new JsonObject();
    for (String name : fields.fieldNames()) {
      Field field = section.fields().get(name);
      if (field == null) {
        errors.add(name, "Isian '" + name + "' tidak ada di bagian " + section.title() + ".");
        continue;
      }
      if (!(fields.getValue(name) instanceof JsonObject item)) {
        errors.add(name, "Kirim {mark, correction, documents} untuk isian ini.");
        continue;
      }
      JsonObject stored = new JsonObject();
      // A mark of another JSON type (5, true, {}) is refused like an unknown one (Mark.of gives null).
      String mark = item.getValue("mark") instanceof String m ? m : null;
      if (section.kind() == Kind.RECORD) {
        if (item.getValue("mark") != null && !Mark.RECORD.contains(Mark.of(mark))) {
          errors.add(name, "Tanda harus CORRECT (✓ benar) atau WRONG (✗ salah).");
          continue;
        }
        if (!FieldRules.isEmpty(item.getValue("correction")) && !Mark.WRONG.is(mark)) {
          errors.add(name, "Perbaikan hanya diisi bila data ditandai ✗ salah.");
          continue;
        }
        stored.put("mark", mark);
      } else if (item.getValue("mark") != null) {
        errors.add(name, "Data baru tidak ditandai ✓/✗: isi saja nilainya.");
        continue;
      }
      FieldRules.Checked checked = FieldRules.normalize(field, item.getValue("correction"), today);
      if (checked.failed()) {
        errors.add(name, checked.error());
        continue;
      }
      stored.put("correction", checked.value());
      JsonArray documents = documents(item, section.documentsOf(field), state, errors, name);
      stored.put("documents", documents);
      out.put(name, stored);
    }
    return new JsonObject().put("fields", out);
  }

  private JsonObject rows(Section section, JsonObject body, FormState state, FieldErrors errors, LocalDate today,
                          List<Integer> rowIndexes) {
    if (body.containsKey("fields")) {
      errors.add("fields", "Bagian " + section.title() + " berisi baris riwayat: kirim 'rows'.");
    }
    if (!(body.getValue("rows") instanceof JsonArray rows)) {
      errors.add("rows", "Kirim 'rows' berupa daftar baris.");
      return new JsonObject().put("rows", new JsonArray());
    }
    if (rows.size() > MAX_ROWS) {
      errors.add("rows", "Paling banyak " + MAX_ROWS + " baris.");
      return new JsonObject().put("rows", new JsonArray());
    }
    Map<String, JsonObject> sapk = new LinkedHashMap<>();
    state.sapkRows(section.id()).forEach(r -> sapk.put(r.ref(), r.values()));
    Set<String> seen = new HashSet<>();
    JsonArray out = new JsonArray();
    for (int i = 0; i < rows.size(); i++) {
      String key = "rows[" + i + "]";
      if (!(rows.getValue(i) instanceof JsonObject row)) {
        errors.add(key, "Setiap baris harus berupa objek.");
        continue;
      }
      String mark = row.getValue("mark") instanceof String m ? m : null;
      if (row.getValue("mark") != null && !Mark.ROW.contains(Mark.of(mark))) {
        errors.add(key + ".mark", "Tanda baris harus CORRECT, WRONG, REMOVE atau ADD.");
        continue;
      }
      String ref = row.getValue("ref") instanceof String r ? r : row.getValue("ref") == null ? null : String.valueOf(row.getValue("ref"));
      boolean added = Mark.ADD.is(mark);
      if (added) {
        if (ref == null) {
          ref = "baru-" + UUID.randomUUID().toString().substring(0, 8);
        } else if (!NEW_ROW_REF.matcher(ref).matches()) {
          errors.add(key + ".ref", "Baris baru tidak boleh memakai nomor baris SAPK.");
          continue;
        }
      } else if (ref == null || !sapk.containsKey(ref)) {
        errors.add(key + ".ref", "Baris ini tidak ada dalam data SAPK Anda.");
        continue;
      }
      if (!seen.add(ref)) {
        errors.add(key + ".ref", "Baris ini dikirim lebih dari sekali.");
        continue;
      }
      JsonObject stored = new JsonObject().put("ref", ref).put("mark", mark);
      String changesKey = added ? "values" : "corrections";
      String otherKey = added ? "corrections" : "values";
      if (row.getValue(otherKey) instanceof JsonObject other && !other.isEmpty()) {
        errors.add(key + "." + otherKey, added ? "Baris baru diisi lewat 'values'." : "Baris SAPK diperbaiki lewat 'corrections'.");
        continue;
      }
      JsonObject changes = row.getValue(changesKey) instanceof JsonObject c ? c : new JsonObject();
      if (!changes.isEmpty() && !added && !Mark.WRONG.is(mark)) {
        errors.add(key + ".corrections", "Perbaikan hanya diisi bila baris ditandai ✗ salah.");
        continue;
      }
      JsonObject normalized = new JsonObject();
      for (String name : changes.fieldNames()) {
        Field field = section.fields().get(name);
        if (field == null) {
          errors.add(key + "." + name, "Isian '" + name + "' tidak ada pada " + section.title() + ".");
          continue;
        }
        FieldRules.Checked checked = FieldRules.normalize(field, changes.getValue(name), today);
        if (checked.failed()) {
          errors.add(key + "." + name, checked.error());
        } else if (checked.value() != null) {
          normalized.put(name, checked.value());
        }
      }
      stored.put(changesKey, normalized);
      if (row.getValue("reason") != null) {
        FieldRules.Checked reason = FieldRules.normalize(REASON, row.getValue("reason"), today);
        if (reason.failed()) {
          errors.add(key + ".reason", reason.error());
        } else {
          stored.put("reason", reason.value());
        }
      }
      stored.put("documents", documents(row, section.documents(), state, errors, key + ".documents"));
      out.add(stored);
      rowIndexes.add(i);
    }
    return new JsonObject().put("rows", out);
  }

  private static final Field REASON = new Field("reason", "Alasan", Catalogue.Type.TEXT, null, null, null, false,
      false, null, 3, 300, null, null, null, null, false, null, false, List.of(), List.of(), null, null, null, Map.of(),
      null, "reason");

  /** Document ids must be the PNS's own; a document of another kind than the item accepts is refused. */
  private JsonArray documents(JsonObject item, List<String> accepted, FormState state, FieldErrors errors, String key) {
    Object raw = item.getValue("documents");
    JsonArray out = new JsonArray();
    if (raw == null) {
      return out;
    }
    if (!(raw instanceof JsonArray ids) || ids.size() > MAX_DOCUMENTS) {
      errors.add(key, "Dokumen dikirim sebagai daftar nomor dokumen (paling banyak " + MAX_DOCUMENTS + ").");
      return out;
    }
    for (Object id : ids) {
      JsonObject document = id instanceof Number n ? state.documents.get(n.longValue()) : null;
      if (document == null) {
        errors.add(key, "Dokumen " + id + " tidak ditemukan di dokumen Anda.");
        continue;
      }
      String kind = document.getString("kind");
      if (kind != null && !accepted.contains(kind)) {
        errors.add(key, "Dokumen '" + document.getString("name") + "' (" + catalogue.documentKinds().get(kind).label()
            + ") bukan dokumen pendukung untuk isian ini. Yang diterima: " + labels(accepted) + ".");
        continue;
      }
      if (!out.contains(document.getLong("id"))) {
        out.add(document.getLong("id"));
      }
    }
    return out;
  }

  String labels(List<String> kinds) {
    return String.join(", ", kinds.stream().map(k -> catalogue.documentKinds().get(k).label()).toList());
  }

  /** What a chosen reference keeps besides its id and name, when the table has it. */
  private static final List<String> KEPT = List.of("eselon", "jalur");

  /**
   * Replaces reference ids by {id, nama, filter and parent attributes}, refusing ids that do not
   * exist (or, for the caller's agency tables, that the agency does not have). Whether a work unit
   * belongs to the chosen agency is a rule across fields: {@link #crossCheck}.
   */
  private Future<Void> resolveReferences(Section section, JsonObject content, FormState state, int instansiId,
                                         FieldErrors errors) {
    List<Future<?>> lookups = new ArrayList<>();
    for (Field field : section.fields().values()) {
      if (field.type() != Catalogue.Type.REFERENCE) {
        continue;
      }
      ReferenceTables.Table table = ReferenceTables.Table.named(field.reference()).orElseThrow();
      List<JsonObject> holders = new ArrayList<>();
      List<String> keys = new ArrayList<>();
      String valueKey = section.kind() == Kind.ROWS ? field.name() : "correction";
      if (section.kind() == Kind.ROWS) {
        JsonArray rows = content.getJsonArray("rows");
        for (int i = 0; i < rows.size(); i++) {
          for (String k : List.of("values", "corrections")) {
            JsonObject changes = rows.getJsonObject(i).getJsonObject(k);
            if (changes != null && changes.getValue(field.name()) != null) {
              holders.add(changes);
              keys.add("rows[" + i + "]." + field.name());
            }
          }
        }
      } else {
        JsonObject item = content.getJsonObject("fields").getJsonObject(field.name());
        if (item != null && item.getValue("correction") != null) {
          holders.add(item);
          keys.add(field.name());
        }
      }
      if (holders.isEmpty()) {
        continue;
      }
      List<Long> ids = holders.stream().map(h -> h.getLong(valueKey)).distinct().toList();
      String notFound = table.scope() == ReferenceTables.Scope.CALLER_AGENCY
          ? "Pilihan tidak ditemukan di daftar instansi Anda." : "Pilihan tidak ditemukan di daftar " + field.label() + ".";
      lookups.add(references.byIds(table, instansiId, ids).compose(found -> {
        Set<Long> held = held(section, field, state);
        List<Long> retired = found.values().stream().filter(r -> Boolean.TRUE.equals(r.getBoolean("retired")))
            .map(r -> r.getLong("id")).filter(id -> !held.contains(id)).toList();
        // Data Guru / Dokter: the PNS's SAPK row (an earlier verification wrote it) is not on the form; read it
        // only when a retired entry is chosen.
        Future<Set<Long>> inSapk = retired.isEmpty() || section.kind() != Kind.ENTRY ? Future.succeededFuture(Set.of())
            : references.heldInSapk(section.target().table(), field.column(), state.nip, retired);
        return inSapk.map(sapk -> {
          held.addAll(sapk);
          resolve(table, field, holders, keys, valueKey, found, held, notFound, errors);
          return null;
        });
      }));
    }
    return Future.all(lookups).mapEmpty();
  }

  /** Puts the chosen rows in place of their ids, or names the item that chose none, or a retired one anew. */
  private static void resolve(ReferenceTables.Table table, Field field, List<JsonObject> holders, List<String> keys,
                              String valueKey, Map<Long, JsonObject> found, Set<Long> held, String notFound,
                              FieldErrors errors) {
    for (int i = 0; i < holders.size(); i++) {
      JsonObject row = found.get(holders.get(i).getLong(valueKey));
      if (row == null) {
        errors.add(keys.get(i), notFound);
        holders.get(i).remove(valueKey);
      } else if (Boolean.TRUE.equals(row.getBoolean("retired")) && !held.contains(row.getLong("id"))) {
        errors.add(keys.get(i), "\"" + row.getString("nama") + "\" sudah dinonaktifkan dari daftar " + field.label()
            + ": pilih yang lain.");
        holders.get(i).remove(valueKey);
      } else {
        JsonObject value = new JsonObject().put("id", row.getLong("id")).put("nama", row.getString("nama"));
        if (table.filter() != null) {
          value.put(table.filter(), row.getString(table.filter()));
        }
        if (table.scope() == ReferenceTables.Scope.PARENT) {
          value.put(table.parentColumn(), row.getValue(table.parentColumn()));
        }
        KEPT.stream().filter(row::containsKey).forEach(k -> value.put(k, row.getValue(k)));
        holders.get(i).put(valueKey, value);
      }
    }
  }

  /**
   * The reference ids the form already holds for a field: its saved draft (any row) and what SAPK shows on the
   * form (the record, the history rows). A retired entry stays valid there and only there (and, for the entry
   * sections, where the PNS's SAPK row holds it: {@link ReferenceTables#heldInSapk}).
   */
  private static Set<Long> held(Section section, Field field, FormState state) {
    Set<Long> ids = new HashSet<>();
    if (section.kind() == Kind.ROWS) {
      for (JsonObject row : state.savedRows(section.id()).values()) {
        for (String k : List.of("values", "corrections")) {
          JsonObject changes = row.getJsonObject(k);
          addId(ids, changes == null ? null : changes.getValue(field.name()));
        }
      }
      state.sapkRows(section.id()).forEach(r -> addId(ids, r.values().getValue(field.name())));
    } else {
      JsonObject item = state.items(section.id()).getJsonObject(field.name());
      addId(ids, item == null ? null : item.getValue("correction"));
      if (section.kind() == Kind.RECORD) {
        addId(ids, state.pns.getValue(field.name()));
      }
    }
    return ids;
  }

  /** A stored reference value is {id, nama, ...} (a SAPK one may be the bare id). */
  private static void addId(Set<Long> ids, Object value) {
    if (value instanceof JsonObject chosen && chosen.getValue("id") instanceof Number id) {
      ids.add(id.longValue());
    } else if (value instanceof Number id) {
      ids.add(id.longValue());
    }
  }

  /**
   * Rules across fields on a section's (normalized) draft within the whole form: conditional
   * fields, dates in order, dependent options, reference filters, corrections equal to SAPK.
   */
  Map<String, String> crossCheck(Section section, JsonObject content, FormState state) {
    return crossCheck(section, content, state, null);
  }

  /** rowIndexes: the request's index of each stored row, so that errors name the row as sent. */
  Map<String, String> crossCheck(Section section, JsonObject content, FormState state, List<Integer> rowIndexes) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (section.kind() == Kind.ROWS) {
      Map<String, JsonObject> sapk = new LinkedHashMap<>();
      state.sapkRows(section.id()).forEach(r -> sapk.put(r.ref(), r.values()));
      JsonArray rows = content.getJsonArray("rows", new JsonArray());
      for (int i = 0; i < rows.size(); i++) {
        JsonObject row = rows.getJsonObject(i);
        JsonObject base = sapk.get(row.getString("ref"));
        JsonObject effective = FormState.rowEffective(base, row);
        FieldRules.Values values = state.rowValues(section, effective);
        JsonObject changes = row.getJsonObject(Mark.ADD.is(row.getString("mark")) ? "values" : "corrections");
        if (changes == null) {
          continue;
        }
        if (frozen(section, state, null, row.getString("ref"))) {
          continue;
        }
        for (String name : changes.fieldNames()) {
          Field field = section.fields().get(name);
          String error = check(field, changes.getValue(name), values, base == null ? null : base.getValue(name));
          if (error != null) {
            errors.put("rows[" + (rowIndexes == null ? i : rowIndexes.get(i)) + "]." + name, error);
          }
        }
      }
      return errors;
    }
    FieldRules.Values values = state.values(section);
    JsonObject fields = content.getJsonObject("fields", new JsonObject());
    for (String name : fields.fieldNames()) {
      Object value = fields.getJsonObject(name).getValue("correction");
      Field field = section.fields().get(name);
      if (value == null || field == null || frozen(section, state, name, null)) {
        continue;
      }
      String error = check(field, value, values, section.kind() == Kind.RECORD ? state.pns.getValue(name) : null);
      if (error != null) {
        errors.put(name, error);
      }
    }
    if (section.kind() == Kind.RECORD) {
      staleParents(section, fields, state, values, errors);
    }
    return errors;
  }

  /**
   * A work unit (or unit) confirmed ✓ as SAPK has it while its agency (or work unit) was corrected
   * to another one: the confirmed value can no longer be right.
   */
  private static void staleParents(Section section, JsonObject fields, FormState state, FieldRules.Values values,
                                   Map<String, String> errors) {
    for (Field field : section.fields().values()) {
      JsonObject item = fields.getJsonObject(field.name());
      if (field.scope() == null || item == null || !Mark.CORRECT.is(item.getString("mark"))
          || !(state.pns.getValue(field.name()) instanceof JsonObject sapk)) {
        continue;
      }
      String mismatch = parentMismatch(field, sapk, values);
      if (mismatch != null) {
        errors.put(field.name(), field.label() + " di SAPK " + mismatch + " Tandai ✗ salah dan pilih yang sesuai.");
      }
    }
  }

  /** "bukan bagian dari Instansi kerja Pemerintah Kota Bandung." when the chosen row's parent is not the scope field's value. */
  private static String parentMismatch(Field field, JsonObject chosen, FieldRules.Values values) {
    String column = ReferenceTables.Table.named(field.reference()).orElseThrow().parentColumn();
    Object parent = values.value(field.scope());
    Object parentId = plain(parent);
    if (parentId == null || column == null || String.valueOf(parentId).equals(String.valueOf(chosen.getValue(column)))) {
      return null;
    }
    String name = parent instanceof JsonObject p && p.getString("nama") != null ? p.getString("nama") : String.valueOf(parentId);
    return "bukan bagian dari " + values.label(field.scope()) + " " + name + ".";
  }

  /**
   * An item of a submitted form that was not returned: it was checked when submitted and may not change
   * (Reopened), and once accepted SAPK holds its correction, so checking it again would refuse the save
   * of a returned item beside it ("Perbaikan sama dengan data SAPK").
   */
  private static boolean frozen(Section section, FormState state, String field, String row) {
    return state.locked() && !state.returned(section.id(), field, row);
  }

  private static String check(Field field, Object value, FieldRules.Values values, Object sapk) {
    if (field.when() != null && !field.when().holds(plain(values.value(field.when().field())))) {
      return FieldRules.notApplicable(field, values);
    }
    if (sapk != null && Objects.equals(String.valueOf(plain(value)), String.valueOf(plain(sapk)))) {
      return "Perbaikan sama dengan data SAPK. Tandai ✓ benar bila datanya sudah benar.";
    }
    if (field.scope() != null && value instanceof JsonObject chosen) {
      String mismatch = parentMismatch(field, chosen, values);
      if (mismatch != null) {
        return "Pilihan ini " + mismatch;
      }
    }
    for (Map.Entry<String, String> filter : field.filter().entrySet()) {
      Object wanted = plain(values.value(filter.getValue()));
      if (value instanceof JsonObject chosen && wanted != null && !String.valueOf(wanted).equals(chosen.getString(filter.getKey()))) {
        return "Pilihan ini bukan " + values.label(filter.getValue()) + " " + wanted + ".";
      }
    }
    return FieldRules.crossCheck(field, plain(value), values);
  }

  /** A reference value compares by its id. */
  static Object plain(Object value) {
    return value instanceof JsonObject o && o.containsKey("id") ? o.getValue("id") : value;
  }
}

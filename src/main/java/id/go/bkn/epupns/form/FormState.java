package id.go.bkn.epupns.form;

import id.go.bkn.epupns.form.catalogue.Catalogue;
import id.go.bkn.epupns.form.catalogue.Catalogue.Kind;
import id.go.bkn.epupns.form.catalogue.Catalogue.Section;
import id.go.bkn.epupns.form.catalogue.FieldRules;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything about one PNS's form, read in one round trip: what SAPK holds (record and history
 * rows), the saved section drafts, the PNS's documents and whether the form was submitted.
 * Knows how to find a field's effective value (the correction when marked wrong, else SAPK).
 */
final class FormState {

  static final String DRAFT = "DRAFT";
  static final String SUBMITTED = "SUBMITTED";

  record SapkRow(String ref, JsonObject values) {
  }

  record Draft(int version, JsonObject content) {
  }

  final String nip;
  final JsonObject pns;
  final Map<String, List<SapkRow>> rows;
  final String state;
  final Map<String, Draft> drafts;
  final Map<Long, JsonObject> documents;
  final Long submissionId;
  /** Once submitted: {section, field, row, finalAuthority, decisions: {tier: {verdict, reason, decidedAt}}} per item. */
  final JsonArray verification;
  private final Catalogue catalogue;

  FormState(Catalogue catalogue, String nip, JsonObject pns, Map<String, List<SapkRow>> rows, String state,
            Map<String, Draft> drafts, Map<Long, JsonObject> documents, Long submissionId, JsonArray verification) {
    this.verification = verification;
    this.catalogue = catalogue;
    this.nip = nip;
    this.pns = pns;
    this.rows = rows;
    this.state = state == null ? DRAFT : state;
    this.drafts = drafts;
    this.documents = documents;
    this.submissionId = submissionId;
  }

  /** The same state with one section's draft replaced (to check a save before it is stored). */
  FormState withDraft(String section, JsonObject content) {
    Map<String, Draft> copy = new HashMap<>(drafts);
    Draft old = drafts.get(section);
    copy.put(section, new Draft(old == null ? 0 : old.version(), content));
    return new FormState(catalogue, nip, pns, rows, state, copy, documents, submissionId, verification);
  }

  boolean locked() {
    return SUBMITTED.equals(state) || submissionId != null;
  }

  /**
   * The items a verifier returned to the PNS, by key "section|field|row" (row "null" for a record
   * field): the only parts of a submitted form that may change, to be submitted again.
   */
  Map<String, JsonObject> returned() {
    Map<String, JsonObject> out = new LinkedHashMap<>();
    if (verification != null) {
      for (Object o : verification) {
        JsonObject item = (JsonObject) o;
        if (item.getJsonObject("returned") != null) {
          out.put(item.getString("section") + "|" + item.getString("field") + "|" + item.getString("row"),
              item.getJsonObject("returned").copy().put("id", item.getLong("id")));
        }
      }
    }
    return out;
  }

  /** Whether a returned item touches this section's field (record/entry) or row (history; any field of it). */
  boolean returned(String section, String fieldOrNull, String rowOrNull) {
    for (String key : returned().keySet()) {
      String[] parts = key.split("\\|", -1);
      if (!parts[0].equals(section)) {
        continue;
      }
      if (rowOrNull == null ? parts[1].equals(fieldOrNull) : parts[2].equals(rowOrNull)) {
        return true;
      }
    }
    return false;
  }

  boolean applies(Section section) {
    return section.appliesWhen() == null || Boolean.TRUE.equals(pns.getValue(section.appliesWhen()));
  }

  int version(String section) {
    Draft draft = drafts.get(section);
    return draft == null ? 0 : draft.version();
  }

  JsonObject content(String section) {
    Draft draft = drafts.get(section);
    return draft == null ? new JsonObject() : draft.content();
  }

  /** A record/entry section's saved items: field name -> {mark, correction, documents}. */
  JsonObject items(String section) {
    JsonObject fields = content(section).getJsonObject("fields");
    return fields == null ? new JsonObject() : fields;
  }

  /** A history section's saved rows: ref -> {ref, mark, corrections|values, documents}. */
  Map<String, JsonObject> savedRows(String section) {
    Map<String, JsonObject> out = new LinkedHashMap<>();
    JsonArray saved = content(section).getJsonArray("rows");
    if (saved != null) {
      for (int i = 0; i < saved.size(); i++) {
        JsonObject row = saved.getJsonObject(i);
        out.put(row.getString("ref"), row);
      }
    }
    return out;
  }

  List<SapkRow> sapkRows(String section) {
    return rows.getOrDefault(section, List.of());
  }

  /** The value a field has once the PNS's draft is taken into account. */
  Object effective(Section section, String field) {
    JsonObject item = items(section.id()).getJsonObject(field);
    if (section.kind() == Kind.ENTRY) {
      return item == null ? null : item.getValue("correction");
    }
    if (item != null && Mark.WRONG.is(item.getString("mark")) && item.getValue("correction") != null) {
      return item.getValue("correction");
    }
    return pns.getValue(field);
  }

  /** Resolves references of a record/entry section's rules: "name" (same section) or "section.name". */
  FieldRules.Values values(Section section) {
    return rowValues(section, null);
  }

  /** For a history row: "name" is the row's own field, "section.name" another section's field. */
  FieldRules.Values rowValues(Section section, JsonObject rowEffective) {
    return new FieldRules.Values() {
      @Override
      public Object value(String ref) {
        int dot = ref.indexOf('.');
        if (dot < 0) {
          return rowEffective != null ? rowEffective.getValue(ref) : effective(section, ref);
        }
        Section other = catalogue.section(ref.substring(0, dot)).orElseThrow();
        return effective(other, ref.substring(dot + 1));
      }

      @Override
      public String label(String ref) {
        int dot = ref.indexOf('.');
        Section owner = dot < 0 ? section : catalogue.section(ref.substring(0, dot)).orElseThrow();
        return owner.field(dot < 0 ? ref : ref.substring(dot + 1)).map(Catalogue.Field::label).orElse(ref);
      }
    };
  }

  /** A history row's values with the PNS's corrections (WRONG) or entries (ADD) applied. */
  static JsonObject rowEffective(JsonObject sapk, JsonObject saved) {
    JsonObject out = sapk == null ? new JsonObject() : sapk.copy();
    if (saved != null) {
      String mark = saved.getString("mark");
      JsonObject changes = Mark.ADD.is(mark) ? saved.getJsonObject("values")
          : Mark.WRONG.is(mark) ? saved.getJsonObject("corrections") : null;
      if (changes != null) {
        changes.forEach(e -> out.put(e.getKey(), e.getValue()));
      }
    }
    return out;
  }
}

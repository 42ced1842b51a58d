package id.go.bkn.epupns.form;

import id.go.bkn.epupns.form.catalogue.Catalogue;
import id.go.bkn.epupns.form.catalogue.Catalogue.Field;
import id.go.bkn.epupns.form.catalogue.Catalogue.Kind;
import id.go.bkn.epupns.form.catalogue.Catalogue.Section;
import id.go.bkn.epupns.form.catalogue.FieldRules;
import id.go.bkn.epupns.form.SubmissionHandover.Item;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What submitting a form means: the list of what is still missing (every field checked, every
 * wrong one corrected, documents where the catalogue asks for them, new data complete), and the
 * items that go to verification (exactly the changes; confirmed fields need no verification).
 */
final class SubmitPlan {

  /** Something that keeps the form from being submitted, in words for the PNS. */
  record Problem(String section, String field, String row, String problem) {
    JsonObject toJson() {
      JsonObject out = new JsonObject().put("section", section).put("field", field).put("problem", problem);
      if (row != null) {
        out.put("row", row);
      }
      return out;
    }
  }

  private final Catalogue catalogue;
  private final DraftValidator validator;

  SubmitPlan(Catalogue catalogue, DraftValidator validator) {
    this.catalogue = catalogue;
    this.validator = validator;
  }

  List<Problem> problems(FormState state) {
    List<Problem> problems = new ArrayList<>();
    for (Section section : catalogue.sections().values()) {
      if (!state.applies(section)) {
        continue;
      }
      if (section.kind() == Kind.ROWS) {
        rowProblems(section, state, problems);
      } else {
        fieldProblems(section, state, problems);
      }
      // A rule across sections may have been broken by a later save elsewhere.
      for (Map.Entry<String, String> e : validator.crossCheck(section, state.content(section.id()), state).entrySet()) {
        problems.add(new Problem(section.id(), e.getKey(), null, e.getValue()));
      }
    }
    return problems;
  }

  private void fieldProblems(Section section, FormState state, List<Problem> problems) {
    JsonObject items = state.items(section.id());
    FieldRules.Values values = state.values(section);
    for (Field field : section.fields().values()) {
      if (!applies(field, values)) {
        continue;
      }
      JsonObject item = items.getJsonObject(field.name());
      String mark = item == null ? null : item.getString("mark");
      Object correction = item == null ? null : item.getValue("correction");
      boolean changed;
      if (section.kind() == Kind.RECORD) {
        if (mark == null) {
          problems.add(new Problem(section.id(), field.name(), null, field.label() + ": belum diperiksa (pilih ✓ benar atau ✗ salah)."));
          continue;
        }
        if (Mark.WRONG.is(mark) && correction == null) {
          problems.add(new Problem(section.id(), field.name(), null, field.label() + ": ditandai salah tetapi perbaikannya belum diisi."));
          continue;
        }
        changed = Mark.WRONG.is(mark);
      } else {
        if (correction == null) {
          if (field.required()) {
            problems.add(new Problem(section.id(), field.name(), null, field.label() + ": belum diisi."));
          }
          continue;
        }
        changed = true;
      }
      if (changed && section.documentRequiredOf(field) && documents(item).isEmpty()) {
        problems.add(new Problem(section.id(), field.name(), null, field.label() + ": lampirkan dokumen pendukung ("
            + validator.labels(section.documentsOf(field)) + ")."));
      }
    }
  }

  private void rowProblems(Section section, FormState state, List<Problem> problems) {
    Map<String, JsonObject> saved = state.savedRows(section.id());
    for (FormState.SapkRow row : state.sapkRows(section.id())) {
      JsonObject draft = saved.get(row.ref());
      String mark = draft == null ? null : draft.getString("mark");
      String what = section.title() + " " + describe(section, row.values());
      if (mark == null) {
        problems.add(new Problem(section.id(), "_row", row.ref(), what + ": belum diperiksa."));
        continue;
      }
      if (Mark.WRONG.is(mark) && draft.getJsonObject("corrections", new JsonObject()).isEmpty()) {
        problems.add(new Problem(section.id(), "_row", row.ref(), what + ": ditandai salah tetapi perbaikannya belum diisi."));
        continue;
      }
      if (!Mark.CORRECT.is(mark) && section.documentRequired() && documents(draft).isEmpty()) {
        problems.add(new Problem(section.id(), "_row", row.ref(), what + ": lampirkan dokumen pendukung ("
            + validator.labels(section.documents()) + ")."));
      }
    }
    for (JsonObject draft : saved.values()) {
      if (!Mark.ADD.is(draft.getString("mark"))) {
        continue;
      }
      JsonObject values = draft.getJsonObject("values", new JsonObject());
      FieldRules.Values rowValues = state.rowValues(section, values);
      for (Field field : section.fields().values()) {
        if (field.required() && applies(field, rowValues) && values.getValue(field.name()) == null) {
          problems.add(new Problem(section.id(), field.name(), draft.getString("ref"),
              section.title() + " (baris baru): " + field.label() + " belum diisi."));
        }
      }
      if (section.documentRequired() && documents(draft).isEmpty()) {
        problems.add(new Problem(section.id(), "_row", draft.getString("ref"), section.title()
            + " (baris baru): lampirkan dokumen pendukung (" + validator.labels(section.documents()) + ")."));
      }
    }
  }

  /** Exactly the changes: corrected fields, new data, corrected/added/removed history rows. */
  List<Item> items(FormState state) {
    List<Item> items = new ArrayList<>();
    for (Section section : catalogue.sections().values()) {
      if (!state.applies(section)) {
        continue;
      }
      if (section.kind() == Kind.ROWS) {
        rowItems(section, state, items);
        continue;
      }
      JsonObject saved = state.items(section.id());
      FieldRules.Values values = state.values(section);
      for (Field field : section.fields().values()) {
        JsonObject item = saved.getJsonObject(field.name());
        if (item == null || item.getValue("correction") == null || !applies(field, values)) {
          continue;
        }
        boolean record = section.kind() == Kind.RECORD;
        if (record && !Mark.WRONG.is(item.getString("mark"))) {
          continue;
        }
        items.add(new Item(section.id(), field.name(), null, record ? Action.CORRECT : Action.FILL, field.label(),
            record ? state.pns.getValue(field.name()) : null, item.getValue("correction"), documents(item)));
      }
    }
    return items;
  }

  private void rowItems(Section section, FormState state, List<Item> items) {
    Map<String, JsonObject> sapk = new java.util.HashMap<>();
    state.sapkRows(section.id()).forEach(r -> sapk.put(r.ref(), r.values()));
    for (JsonObject draft : state.savedRows(section.id()).values()) {
      String mark = draft.getString("mark");
      String ref = draft.getString("ref");
      JsonObject base = sapk.get(ref);
      List<Long> documents = documents(draft);
      if (Mark.ADD.is(mark)) {
        items.add(new Item(section.id(), "_row", ref, Action.ADD_ROW, section.title() + ": baris baru", null,
            draft.getJsonObject("values"), documents));
      } else if (base == null) {
        continue; // the SAPK row is gone since the draft was saved
      } else if (Mark.REMOVE.is(mark)) {
        items.add(new Item(section.id(), "_row", ref, Action.REMOVE_ROW, section.title() + ": hapus " + describe(section, base),
            base, draft.getValue("reason"), documents));
      } else if (Mark.WRONG.is(mark)) {
        draft.getJsonObject("corrections", new JsonObject()).forEach(e -> {
          Field field = section.fields().get(e.getKey());
          items.add(new Item(section.id(), e.getKey(), ref, Action.CORRECT, section.title() + " " + describe(section, base)
              + ": " + field.label(), base.getValue(e.getKey()), e.getValue(), documents));
        });
      }
    }
  }

  private static boolean applies(Field field, FieldRules.Values values) {
    return field.when() == null || field.when().holds(DraftValidator.plain(values.value(field.when().field())));
  }

  /** "(III/b, 2012-04-01)": the first two values of a row, so the PNS recognises it. */
  static String describe(Section section, JsonObject values) {
    List<String> parts = new ArrayList<>();
    for (String name : section.fields().keySet()) {
      Object v = values.getValue(name);
      if (v != null && parts.size() < 2) {
        parts.add(String.valueOf(DraftValidator.plain(v)));
      }
    }
    return "(" + String.join(", ", parts) + ")";
  }

  private static List<Long> documents(JsonObject item) {
    JsonArray ids = item == null ? null : item.getJsonArray("documents");
    List<Long> out = new ArrayList<>();
    if (ids != null) {
      ids.forEach(id -> out.add(((Number) id).longValue()));
    }
    return out;
  }
}

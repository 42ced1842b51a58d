package id.go.bkn.epupns.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.form.catalogue.Catalogue;
import id.go.bkn.epupns.form.catalogue.Catalogue.Field;
import id.go.bkn.epupns.form.catalogue.Catalogue.Kind;
import id.go.bkn.epupns.form.catalogue.Catalogue.Section;
import id.go.bkn.epupns.form.catalogue.FieldRules;
import id.go.bkn.epupns.form.catalogue.FieldRulesFuzzTest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fuzz test of a section save's validation (README "Fuzzing"): bodies of any shape against every
 * section of the real catalogue. Properties: {@code validate} never throws and its future fails
 * only with the 400 that names the fields; an accepted save holds only catalogue fields whose stored
 * values are normalized. Reference fields are left out: checking them reads the reference tables
 * (PostgreSQL), which FormApiTest and PosisiReferenceTest cover through the API.
 */
public class DraftValidatorFuzzTest {

  static final Catalogue CATALOGUE = FieldRulesFuzzTest.CATALOGUE;
  static final DraftValidator VALIDATOR = new DraftValidator(CATALOGUE, null,
      Clock.fixed(FieldRulesFuzzTest.TODAY.atStartOfDay().toInstant(ZoneOffset.ofHours(7)), ZoneOffset.ofHours(7)));
  static final List<Section> SECTIONS = new ArrayList<>(CATALOGUE.sections().values());
  static final List<String> MARKS = List.of("CORRECT", "WRONG", "REMOVE", "ADD", "correct", "");
  static final List<String> KINDS = new ArrayList<>(CATALOGUE.documentKinds().keySet());

  @FuzzTest
  public void validate(FuzzedDataProvider data) {
    Section section = data.pickValue(SECTIONS);
    FormState state = state(section, data);
    JsonObject body = body(section, data);
    Future<JsonObject> result;
    try {
      result = VALIDATOR.validate(section, body, state, 1);
    } catch (ApiError e) {
      throw new AssertionError("validate throws instead of failing its future: " + e.getMessage(), e);
    }
    assertTrue(result.isComplete(), "no reference lookups, so the answer is immediate");
    if (result.failed()) {
      ApiError error = assertInstanceOf(ApiError.class, result.cause(), "a save is refused with an ApiError");
      assertEquals(400, error.status());
      return;
    }
    JsonObject content = result.result();
    if (section.kind() == Kind.ROWS) {
      for (Object r : content.getJsonArray("rows")) {
        JsonObject row = (JsonObject) r;
        JsonObject changes = row.getJsonObject("ADD".equals(row.getString("mark")) ? "values" : "corrections");
        changes.forEach(e -> assertNormalized(section, e.getKey(), e.getValue()));
      }
    } else {
      content.getJsonObject("fields").forEach(e -> {
        Object correction = ((JsonObject) e.getValue()).getValue("correction");
        if (correction != null) {
          assertNormalized(section, e.getKey(), correction);
        }
      });
    }
  }

  static void assertNormalized(Section section, String name, Object value) {
    Field field = section.fields().get(name);
    assertTrue(field != null, "stored a field the catalogue does not have: " + name);
    assertEquals(value, FieldRules.normalize(field, value, FieldRulesFuzzTest.TODAY).value(), name);
  }

  static FormState state(Section section, FuzzedDataProvider data) {
    JsonObject pns = new JsonObject();
    CATALOGUE.sections().values().stream().filter(s -> s.kind() == Kind.RECORD)
        .flatMap(s -> s.fields().values().stream())
        .filter(f -> f.type() != Catalogue.Type.REFERENCE && data.consumeBoolean())
        .forEach(f -> pns.put(f.name(), FieldRules.normalize(f, FieldRulesFuzzTest.raw(data, f), FieldRulesFuzzTest.TODAY).value()));
    List<FormState.SapkRow> rows = new ArrayList<>();
    if (section.kind() == Kind.ROWS) {
      for (int i = 1; i <= data.consumeInt(0, 3); i++) {
        rows.add(new FormState.SapkRow(String.valueOf(i), new JsonObject()));
      }
    }
    Map<Long, JsonObject> documents = Map.of(
        1L, new JsonObject().put("id", 1L).put("name", "a.pdf").put("kind", data.pickValue(KINDS)),
        2L, new JsonObject().put("id", 2L).put("name", "b.jpg").put("kind", data.pickValue(KINDS)));
    return new FormState(CATALOGUE, "198001012005011001", pns, Map.of(section.id(), rows), null, Map.of(), documents,
        null, new JsonArray());
  }

  static JsonObject body(Section section, FuzzedDataProvider data) {
    List<Field> fields = section.fields().values().stream().filter(f -> f.type() != Catalogue.Type.REFERENCE).toList();
    JsonObject body = new JsonObject();
    if (data.consumeInt(0, 9) == 0) {
      body.put(data.consumeBoolean() ? "fields" : "rows", data.consumeBoolean() ? new JsonArray() : new JsonObject());
      return body;
    }
    if (section.kind() != Kind.ROWS) {
      JsonObject items = new JsonObject();
      for (int i = data.consumeInt(0, 6); i > 0; i--) {
        String name = fields.isEmpty() || data.consumeInt(0, 7) == 0 ? "x" + data.consumeString(6)
            : data.pickValue(fields).name();
        items.put(name, data.consumeInt(0, 9) == 0 ? data.consumeString(5) : item(section, name, data));
      }
      return body.put("fields", items);
    }
    JsonArray rows = new JsonArray();
    for (int i = data.consumeInt(0, 5); i > 0; i--) {
      JsonObject row = new JsonObject();
      if (data.consumeBoolean()) {
        row.put("mark", data.pickValue(MARKS));
      }
      switch (data.consumeInt(0, 3)) {
        case 0 -> row.put("ref", String.valueOf(data.consumeInt(0, 4)));
        case 1 -> row.put("ref", "baru-" + data.consumeAsciiString(8));
        case 2 -> row.put("ref", data.consumeInt(0, 4));
        default -> {
        }
      }
      JsonObject changes = new JsonObject();
      for (int j = data.consumeInt(0, 4); j > 0 && !fields.isEmpty(); j--) {
        Field f = data.pickValue(fields);
        changes.put(f.name(), FieldRulesFuzzTest.raw(data, f));
      }
      row.put(data.consumeBoolean() ? "values" : "corrections", changes);
      if (data.consumeBoolean()) {
        row.put("reason", data.consumeBoolean() ? data.consumeString(20) : data.consumeInt());
      }
      documents(row, data);
      rows.add(data.consumeInt(0, 9) == 0 ? data.consumeString(3) : row);
    }
    return body.put("rows", rows);
  }

  static JsonObject item(Section section, String name, FuzzedDataProvider data) {
    JsonObject item = new JsonObject();
    if (data.consumeBoolean()) {
      item.put("mark", data.pickValue(MARKS));
    }
    Field field = section.fields().get(name);
    if (data.consumeBoolean()) {
      item.put("correction", field == null ? data.consumeString(10) : FieldRulesFuzzTest.raw(data, field));
    }
    documents(item, data);
    return item;
  }

  static void documents(JsonObject item, FuzzedDataProvider data) {
    switch (data.consumeInt(0, 3)) {
      case 0 -> {
      }
      case 1 -> item.put("documents", new JsonArray().add(data.consumeInt(0, 3)).add(data.consumeLong()));
      case 2 -> item.put("documents", data.consumeString(4));
      default -> {
        JsonArray ids = new JsonArray();
        for (int i = data.consumeInt(0, 12); i > 0; i--) {
          ids.add(data.consumeBoolean() ? (Object) data.consumeInt(1, 2) : data.consumeString(2));
        }
        item.put("documents", ids);
      }
    }
  }
}

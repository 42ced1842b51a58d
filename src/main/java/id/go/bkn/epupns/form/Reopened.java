package id.go.bkn.epupns.form;

import id.go.bkn.epupns.form.catalogue.Catalogue.Kind;
import id.go.bkn.epupns.form.catalogue.Catalogue.Section;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A submitted form reopens only where a verifier returned an item: a save may change those items
 * (a returned field, or any part of a returned history row) and nothing else of the section.
 */
final class Reopened {

  private Reopened() {
  }

  /** The first item of the section that the save changes but that was not returned, or null. */
  static String firstOtherChange(Section section, JsonObject previous, JsonObject content, FormState state) {
    if (section.kind() == Kind.ROWS) {
      Map<String, JsonObject> before = rows(previous);
      Map<String, JsonObject> after = rows(content);
      Set<String> refs = new TreeSet<>(before.keySet());
      refs.addAll(after.keySet());
      for (String ref : refs) {
        if (!state.returned(section.id(), null, ref) && !same(before.get(ref), after.get(ref))) {
          return ref;
        }
      }
      return null;
    }
    JsonObject before = previous.getJsonObject("fields", new JsonObject());
    JsonObject after = content.getJsonObject("fields", new JsonObject());
    Set<String> names = new TreeSet<>(before.fieldNames());
    names.addAll(after.fieldNames());
    for (String name : names) {
      if (!state.returned(section.id(), name, null) && !same(before.getValue(name), after.getValue(name))) {
        return name;
      }
    }
    return null;
  }

  private static Map<String, JsonObject> rows(JsonObject content) {
    Map<String, JsonObject> out = new LinkedHashMap<>();
    JsonArray rows = content == null ? null : content.getJsonArray("rows");
    if (rows != null) {
      rows.forEach(r -> out.put(((JsonObject) r).getString("ref"), (JsonObject) r));
    }
    return out;
  }

  /** JSON equality that ignores key order and number representation (1 == 1.0 == 1L). */
  static boolean same(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
    }
    if (a instanceof JsonObject x && b instanceof JsonObject y) {
      Set<String> keys = new TreeSet<>(x.fieldNames());
      keys.addAll(y.fieldNames());
      return keys.stream().allMatch(k -> same(x.getValue(k), y.getValue(k)));
    }
    if (a instanceof JsonArray x && b instanceof JsonArray y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!same(x.getValue(i), y.getValue(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }
}

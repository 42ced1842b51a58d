package id.go.bkn.epupns.form.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;
import id.go.bkn.epupns.form.catalogue.Catalogue.Field;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzz tests of the catalogue's field rules (README "Fuzzing"), on every field of the real
 * catalogue with values of every JSON type. Properties: {@link FieldRules#normalize} never throws
 * and answers a value or a message; a normalized value normalizes to itself; an accepted number is
 * exactly the number sent (no rounding, no wrap-around of big integers); an accepted date is the
 * date sent; {@link FieldRules#crossCheck} never throws on normalized values.
 */
public class FieldRulesFuzzTest {

  public static final Catalogue CATALOGUE = Catalogue.load();
  static final List<Field> FIELDS = new ArrayList<>();
  public static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
  static final List<String> TRICKY = List.of("", " ", "0", "-0", "1", "-1", "1.0", "1e3", "999999999", "1000000000",
      "-999999999", "2026-11-30", "2026-12-01", "2020-02-29", "2021-02-29", "1900-01-01", "0000-01-01", "99999-01-01",
      " 2020-01-01 ", "true", "false", "nama@contoh.go.id", "NAMA@CONTOH.GO.ID", "a@b.c", "081234567890",
      "+6281234567890", "0812-3456-7890", "198001012005011001", "1980 0101 2005 01 1 001", "\u0000", "\u200b",
      "a\u0007b", "ü", "١٢٣", "  many   spaces  ", "x".repeat(400));

  static {
    CATALOGUE.sections().values().forEach(s -> FIELDS.addAll(s.fields().values()));
  }

  @FuzzTest
  public void normalize(FuzzedDataProvider data) {
    Field field = data.pickValue(FIELDS);
    Object raw = raw(data, field);
    FieldRules.Checked checked = FieldRules.normalize(field, raw, TODAY);
    if (checked.failed()) {
      assertTrue(!checked.error().isBlank());
      assertEquals(null, checked.value());
      return;
    }
    Object value = checked.value();
    if (value == null) {
      assertTrue(FieldRules.isEmpty(raw), "only an empty value normalizes to nothing: " + raw);
      return;
    }
    FieldRules.Checked again = FieldRules.normalize(field, value, TODAY);
    assertEquals(value, again.value(), field.name() + ": normalizing " + value + " again gave " + again);
    switch (field.type()) {
      case INTEGER -> {
        if (raw instanceof Number n) {
          assertEquals(0, exact(n).compareTo(BigDecimal.valueOf((Long) value)), field.name() + ": " + raw + " -> " + value);
        }
      }
      case REFERENCE -> {
        Object id = raw instanceof JsonObject o ? o.getValue("id") : raw;
        assertTrue((Long) value > 0, "ids are positive: " + value);
        if (id instanceof Number n) {
          assertEquals(0, exact(n).compareTo(BigDecimal.valueOf((Long) value)), field.name() + ": " + raw + " -> " + value);
        }
      }
      case DATE -> {
        assertInstanceOf(String.class, value);
        assertEquals(((String) raw).trim(), value);
        assertTrue(!field.notFuture() || !LocalDate.parse((String) value).isAfter(TODAY), value + " is in the future");
      }
      default -> {
      }
    }
  }

  @FuzzTest
  public void crossCheck(FuzzedDataProvider data) {
    // Other fields hold what the form would hold: normalized values (or nothing).
    Map<String, Object> others = new HashMap<>();
    for (int i = data.consumeInt(0, 8); i > 0; i--) {
      Field other = data.pickValue(FIELDS);
      FieldRules.Checked c = FieldRules.normalize(other, raw(data, other), TODAY);
      if (!c.failed() && c.value() != null) {
        others.put(other.name(), c.value());
      }
    }
    FieldRules.Values values = new FieldRules.Values() {
      @Override
      public Object value(String ref) {
        return others.get(ref.substring(ref.indexOf('.') + 1));
      }

      @Override
      public String label(String ref) {
        return ref;
      }
    };
    Field field = data.pickValue(FIELDS);
    FieldRules.Checked checked = FieldRules.normalize(field, raw(data, field), TODAY);
    if (checked.failed() || checked.value() == null) {
      return;
    }
    String error = FieldRules.crossCheck(field, checked.value(), values);
    assertTrue(error == null || !error.isBlank());
  }

  /**
   * Found by normalize: a JSON number beyond a long (2^64 + 1, parsed as a BigInteger) was stored as
   * 1, a huge double as Long.MAX_VALUE, and 1.5 was accepted as reference id 1.
   */
  @Test
  void numbersAreTakenExactlyOrRefused() {
    Field integer = FIELDS.stream().filter(f -> f.type() == Catalogue.Type.INTEGER && f.max() == null
        && !f.maxIsCurrentYear()).findFirst()
        .orElseGet(() -> FIELDS.stream().filter(f -> f.type() == Catalogue.Type.INTEGER).findFirst().orElseThrow());
    Field reference = FIELDS.stream().filter(f -> f.type() == Catalogue.Type.REFERENCE).findFirst().orElseThrow();
    BigInteger wraps = BigInteger.TWO.pow(64).add(BigInteger.ONE);
    assertTrue(FieldRules.normalize(integer, wraps, TODAY).failed(), "2^64+1 is not " + FieldRules.normalize(integer, wraps, TODAY));
    assertTrue(FieldRules.normalize(integer, 1e300, TODAY).failed());
    assertTrue(FieldRules.normalize(reference, wraps, TODAY).failed());
    assertTrue(FieldRules.normalize(reference, new JsonObject().put("id", 1.5), TODAY).failed());
    assertTrue(FieldRules.normalize(reference, new BigDecimal("7.25"), TODAY).failed());
    // Whole numbers in any JSON form still count.
    assertEquals(7L, FieldRules.normalize(reference, new BigDecimal("7.0"), TODAY).value());
    assertEquals(7L, FieldRules.normalize(reference, 7.0, TODAY).value());
  }

  /** Found by normalize: the text "0" was taken as reference id 0, which the number 0 is not. */
  @Test
  void referenceIdZeroIsRefusedAsTextToo() {
    Field reference = FIELDS.stream().filter(f -> f.type() == Catalogue.Type.REFERENCE).findFirst().orElseThrow();
    assertTrue(FieldRules.normalize(reference, "0", TODAY).failed());
    assertTrue(FieldRules.normalize(reference, " 000 ", TODAY).failed());
    assertTrue(FieldRules.normalize(reference, new JsonObject().put("id", "0"), TODAY).failed());
    assertEquals(7L, FieldRules.normalize(reference, "007", TODAY).value());
  }

  /** A value of any JSON type, often one that suits the field. */
  public static Object raw(FuzzedDataProvider data, Field field) {
    return switch (data.consumeInt(0, 10)) {
      case 0 -> data.consumeString(40);
      case 1 -> data.consumeInt();
      case 2 -> data.consumeLong();
      case 3 -> data.consumeDouble();
      case 4 -> new BigInteger(1 + data.consumeBytes(12).length, new java.util.Random(data.consumeLong()))
          .add(BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.valueOf(data.consumeInt(-3, 3))));
      case 5 -> BigDecimal.valueOf(data.consumeLong(), data.consumeInt(-4, 4));
      case 6 -> data.consumeBoolean();
      case 7 -> new JsonObject().put("id", raw(data, field));
      case 8 -> new JsonArray().add(data.consumeString(8));
      case 9 -> field.options() != null && !field.options().isEmpty()
          ? data.pickValue(field.options()).value() : data.pickValue(TRICKY);
      default -> data.pickValue(TRICKY);
    };
  }

  /** The exact value of a number as JSON carried it. */
  static BigDecimal exact(Number n) {
    if (n instanceof Double d && (d.isNaN() || d.isInfinite()) || n instanceof Float f && (f.isNaN() || f.isInfinite())) {
      return BigDecimal.valueOf(Long.MAX_VALUE).add(BigDecimal.TEN); // no long equals it
    }
    return new BigDecimal(n.toString());
  }
}

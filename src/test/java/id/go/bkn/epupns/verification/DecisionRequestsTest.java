package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.core.http.ApiError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decision parser's item ids, as plain tests (README "Fuzzing", findings): the CI fuzz run found that an
 * item beyond a long's range kept its low bits and became a valid id of another item (fixed in 1df7fc4; the
 * fuzzer's input is kept as {@code CiFuzzTestInputs/anyTarget/crash-6d1c...}). Every item that is not a positive
 * whole number fitting a long exactly is a 400 naming {@code decisions[i].item}.
 */
class DecisionRequestsTest {

  private static JsonObject body(Object... items) {
    JsonArray list = new JsonArray();
    for (Object item : items) {
      list.add(new JsonObject().put("item", item).put("verdict", "MS"));
    }
    return new JsonObject().put("decisions", list);
  }

  private static void refused(Object item) {
    ApiError error = assertThrows(ApiError.class, () -> DecisionRequests.parse(body(7L, item)), "item " + item);
    assertEquals(400, error.status(), "item " + item);
    assertEquals("VALIDATION_FAILED", error.code(), "item " + item);
    assertEquals(List.of("decisions[1].item"), List.copyOf(error.fields().keySet()), "item " + item);
    assertTrue(error.fields().get("decisions[1].item").contains("item"), error.fields().toString());
  }

  @Test
  void anItemBeyondALongIsRefusedNotWrappedToAnotherId() {
    // 2^64 + 1: longValue() is 1, a valid id before the fix.
    refused(new BigInteger("18446744073709551617"));
    // 2^63: longValue() is Long.MIN_VALUE.
    refused(new BigInteger("9223372036854775808"));
    // The fuzzer's own number: its low 64 bits were a positive long.
    refused(new BigInteger("-25166592586621603383017593306"));
    refused(new BigDecimal("1e19"));
    refused(1e19);
    refused(1e300);
    refused(Double.POSITIVE_INFINITY);
  }

  @Test
  void anItemThatIsNotAPositiveWholeNumberIsRefused() {
    refused(-1L);
    refused(0);
    refused(1.5);
    refused(new BigDecimal("2.000000000000000001"));
    refused("12");
    refused(true);
    refused(null);
    refused(new JsonObject().put("id", 12));
  }

  @Test
  void theLargestIdAndWholeNumbersOfAnyKindAreAccepted() {
    List<Decisions.Request> parsed = DecisionRequests.parse(body(Long.MAX_VALUE, 12.0, new BigDecimal("13.00"),
        new BigInteger("14"), 15));
    assertEquals(List.of(Long.MAX_VALUE, 12L, 13L, 14L, 15L), parsed.stream().map(Decisions.Request::item).toList());
  }

  @Test
  void theSameItemSentInTwoFormsIsRefusedAsARepeat() {
    ApiError error = assertThrows(ApiError.class, () -> DecisionRequests.parse(body(12L, new BigDecimal("12.0"))));
    assertEquals(400, error.status());
    assertTrue(error.fields().get("decisions[1].item").contains("lebih dari sekali"), error.fields().toString());
  }
}

package id.go.bkn.epupns.verification;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import id.go.bkn.epupns.core.http.ApiError;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz test of the decision request parser (README "Fuzzing"): bodies of any shape, half of them raw JSON text,
 * half built near the valid shape (items of every JSON number kind, verdicts in any case, reasons blank, long or
 * of another type, repeated items, lists up to past the limit). Properties: {@code parse} answers a list or a 400
 * naming at least one field, never anything else; an accepted list has 1..MAX_DECISIONS decisions, distinct
 * positive items that are exactly the numbers sent, a reason for every TMS and RETURN, none over MAX_REASON.
 */
public class DecisionRequestsFuzzTest {

  static final List<Object> VERDICTS = List.of("MS", "TMS", "RETURN", "ms", "Ms", "", " MS", "RETURNED", 1, true);

  @FuzzTest
  public void parse(FuzzedDataProvider data) {
    JsonObject body;
    if (data.consumeBoolean()) {
      try {
        body = new JsonObject(data.consumeRemainingAsString());
      } catch (DecodeException | ClassCastException e) {
        return;
      }
    } else {
      body = new JsonObject();
      int n = data.pickValue(List.of(0, 1, 2, 3, 5, 499, 500, 501));
      JsonArray list = new JsonArray();
      for (int i = 0; i < n; i++) {
        list.add(decision(data, n > 10));
      }
      body.put(data.consumeBoolean() ? "decisions" : "decision", data.consumeInt(0, 20) == 0 ? "x" : list);
    }
    List<Decisions.Request> requests;
    try {
      requests = DecisionRequests.parse(body);
    } catch (ApiError e) {
      assertEquals(400, e.status());
      assertNotNull(e.fields());
      assertFalse(e.fields().isEmpty(), "a 400 names the field");
      return;
    }
    assertTrue(!requests.isEmpty() && requests.size() <= VerificationRoutes.MAX_DECISIONS, "size " + requests.size());
    JsonArray sent = body.getJsonArray("decisions");
    assertEquals(sent.size(), requests.size(), "one request per decision sent");
    Set<Long> items = new HashSet<>();
    for (int i = 0; i < requests.size(); i++) {
      Decisions.Request r = requests.get(i);
      assertTrue(r.item() > 0 && items.add(r.item()), "distinct positive items");
      Number number = (Number) sent.getJsonObject(i).getValue("item");
      assertEquals(0, new BigDecimal(number.toString()).compareTo(BigDecimal.valueOf(r.item())), "the item sent: " + number);
      assertNotNull(r.verdict());
      if (r.verdict().needsReason()) {
        assertNotNull(r.reason(), "a reason for " + r.verdict());
      }
      assertTrue(r.reason() == null || !r.reason().isBlank() && r.reason().length() <= VerificationRoutes.MAX_REASON);
    }
  }

  private static JsonObject decision(FuzzedDataProvider data, boolean cheap) {
    JsonObject d = new JsonObject();
    Object item = switch (data.consumeInt(0, 9)) {
      case 0 -> data.consumeLong();
      case 1 -> data.consumeInt(-3, 40);
      case 2 -> data.consumeDouble();
      case 3 -> {
        byte[] bytes = data.consumeBytes(12);
        yield new BigInteger(bytes.length == 0 ? new byte[] {1} : bytes);
      }
      case 4 -> new BigDecimal(data.consumeInt(1, 1000) + "." + data.consumeInt(0, 9));
      case 5 -> data.consumeString(6);
      case 6 -> null;
      case 7 -> (double) data.consumeInt(1, 50);
      default -> (long) data.consumeInt(1, 50);
    };
    if (!cheap || data.consumeBoolean()) {
      d.put("item", item);
    } else {
      d.put("item", (long) data.consumeInt(1, 1_000_000));
    }
    if (data.consumeInt(0, 10) > 0) {
      d.put("verdict", data.pickValue(VERDICTS));
    }
    switch (data.consumeInt(0, 5)) {
      case 0 -> { }
      case 1 -> d.put("reason", "   ");
      case 2 -> d.put("reason", "x".repeat(data.consumeInt(495, 505)) + data.consumeString(3));
      case 3 -> d.put("reason", data.consumeInt(0, 3));
      default -> d.put("reason", cheap ? "alasan" : data.consumeString(40));
    }
    return cheap && data.consumeInt(0, 30) == 0 ? new JsonObject().put("oops", d) : d;
  }
}

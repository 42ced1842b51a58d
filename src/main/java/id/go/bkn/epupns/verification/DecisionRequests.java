package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.FieldErrors;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The body of POST /api/submissions/{id}/decisions read into decisions, with no I/O (fuzzed by
 * DecisionRequestsFuzzTest): 1 to {@link VerificationRoutes#MAX_DECISIONS} objects {item, verdict, reason}, each item
 * a positive whole number at most once, verdict MS, TMS or RETURN, reason text (required for TMS and RETURN, at most
 * {@link VerificationRoutes#MAX_REASON} characters once trimmed). Anything else is a 400 naming every wrong field.
 */
final class DecisionRequests {

  private DecisionRequests() {
  }

  static List<Decisions.Request> parse(JsonObject body) {
    FieldErrors errors = new FieldErrors();
    List<Decisions.Request> requests = new ArrayList<>();
    if (!(body.getValue("decisions") instanceof JsonArray list) || list.isEmpty()) {
      throw ApiError.field("decisions", "Kirim 'decisions': daftar keputusan {item, verdict, reason}.");
    } else if (list.size() > VerificationRoutes.MAX_DECISIONS) {
      throw ApiError.field("decisions", "Paling banyak " + VerificationRoutes.MAX_DECISIONS + " keputusan sekali kirim.");
    } else {
      Set<Long> seen = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        String key = "decisions[" + i + "]";
        if (!(list.getValue(i) instanceof JsonObject d)) {
          errors.add(key, "Setiap keputusan harus berupa objek {item, verdict, reason}.");
          continue;
        }
        Object item = d.getValue("item");
        Long itemId = itemId(item);
        if (itemId == null) {
          errors.add(key + ".item", "item harus nomor data pengajuan (id).");
        } else if (!seen.add(itemId)) {
          errors.add(key + ".item", "Data " + itemId + " diputuskan lebih dari sekali.");
        }
        Verdict verdict = null;
        try {
          verdict = Verdict.valueOf(String.valueOf(d.getValue("verdict")));
        } catch (IllegalArgumentException e) {
          errors.add(key + ".verdict", "verdict harus MS, TMS atau RETURN.");
        }
        String reason = d.getValue("reason") instanceof String r && !r.isBlank() ? r.strip() : null;
        if (d.getValue("reason") != null && !(d.getValue("reason") instanceof String)) {
          errors.add(key + ".reason", "reason harus teks.");
        } else if (verdict != null && verdict.needsReason() && reason == null) {
          errors.add(key + ".reason", "Alasan wajib diisi untuk " + verdict + " (data " + itemId + ").");
        } else if (reason != null && reason.length() > VerificationRoutes.MAX_REASON) {
          errors.add(key + ".reason", "Alasan paling banyak " + VerificationRoutes.MAX_REASON + " karakter.");
        }
        if (itemId != null && verdict != null) {
          requests.add(new Decisions.Request(itemId, verdict, reason));
        }
      }
    }
    errors.throwIfAny();
    return requests;
  }

  /**
   * A positive whole number that fits a long, exactly: longValue() of a huge number keeps its low bits
   * and could name another item (found by CiFuzzTest: -25166592586621603383017593306 became a valid id).
   */
  private static Long itemId(Object item) {
    if (!(item instanceof Number n)) {
      return null;
    }
    try {
      long id = new java.math.BigDecimal(n.toString()).longValueExact();
      return id > 0 ? id : null;
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }
}

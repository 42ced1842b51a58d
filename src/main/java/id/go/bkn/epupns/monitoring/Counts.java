package id.go.bkn.epupns.monitoring;

import id.go.bkn.epupns.sapk.Tier;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.EnumMap;
import java.util.Map;

/**
 * The monitoring counts of one work unit, agency, BKN office or the country, as monitoring_unit keeps
 * them (sums of work units) plus the decisions per tier of monitoring_unit_flow (per work unit and day,
 * summed). Mutable only while it is summed up.
 */
final class Counts {

  /** The monitoring_unit columns, in the order of {@link #COLUMNS}. */
  static final String[] MEASURES = {"pns", "registered", "approved", "submitted", "completed",
      "waiting_skpd", "waiting_bkd", "waiting_bkn", "items_skpd", "items_bkd", "items_bkn",
      "items_ms", "items_tms", "items_returned"};
  /** "sum(m.pns)::bigint as pns, ..." for a grouped select over monitoring_unit m. */
  static final String SUMS = String.join(", ", java.util.Arrays.stream(MEASURES)
      .map(m -> "coalesce(sum(m." + m + "), 0)::bigint as " + m).toList());

  private final long[] values = new long[MEASURES.length];
  private final Map<Tier, long[]> decisions = new EnumMap<>(Tier.class);
  private boolean withDecisions;

  static Counts of(Row row) {
    Counts counts = new Counts();
    counts.add(row);
    return counts;
  }

  void add(Row row) {
    for (int i = 0; i < MEASURES.length; i++) {
      Long value = row.getLong(MEASURES[i]);
      values[i] += value == null ? 0 : value;
    }
  }

  void add(Counts other) {
    for (int i = 0; i < values.length; i++) {
      values[i] += other.values[i];
    }
    if (other.withDecisions) {
      other.decisions.forEach((tier, d) -> addDecisions(tier, d[0], d[1], d[2]));
    }
  }

  /** MS, TMS and RETURN decisions taken at a tier. */
  void addDecisions(Tier tier, long ms, long tms, long returned) {
    withDecisions = true;
    long[] d = decisions.computeIfAbsent(tier, t -> new long[3]);
    d[0] += ms;
    d[1] += tms;
    d[2] += returned;
  }

  long get(String measure) {
    for (int i = 0; i < MEASURES.length; i++) {
      if (MEASURES[i].equals(measure)) {
        return values[i];
      }
    }
    throw new IllegalArgumentException(measure);
  }

  long waiting(Tier tier) {
    return get("waiting_" + tier.name().toLowerCase(java.util.Locale.ROOT));
  }

  JsonObject toJson() {
    JsonObject pending = new JsonObject();
    JsonObject pendingItems = new JsonObject();
    for (Tier tier : Tier.values()) {
      String t = tier.name().toLowerCase(java.util.Locale.ROOT);
      pending.put(tier.name(), get("waiting_" + t));
      pendingItems.put(tier.name(), get("items_" + t));
    }
    JsonObject out = new JsonObject()
        .put("pns", get("pns"))
        .put("registered", get("registered"))
        .put("approved", get("approved"))
        .put("submitted", get("submitted"))
        .put("completed", get("completed"))
        .put("notParticipating", Math.max(0, get("pns") - get("registered")))
        .put("pending", pending)
        .put("pendingItems", pendingItems)
        .put("items", new JsonObject().put("ms", get("items_ms")).put("tms", get("items_tms"))
            .put("returned", get("items_returned")));
    if (withDecisions) {
      JsonObject byTier = new JsonObject();
      for (Tier tier : Tier.values()) {
        long[] d = decisions.getOrDefault(tier, new long[3]);
        byTier.put(tier.name(), new JsonObject().put("ms", d[0]).put("tms", d[1]).put("returned", d[2]));
      }
      out.put("decisions", byTier);
    }
    return out;
  }
}

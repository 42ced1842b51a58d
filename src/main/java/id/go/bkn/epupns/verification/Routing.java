package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.form.catalogue.Catalogue;
import id.go.bkn.epupns.sapk.Tier;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Optional;

/**
 * The routing rule of SPEC 4.4, in one class: every item has a final authority (SKPD, BKD or BKN)
 * and passes every tier up to it ({@link Tier#route()}). Submitting, progress and the inboxes all
 * use it. The final authority of a new item comes from the catalogue's authorities.
 */
final class Routing {

  private final Catalogue catalogue;

  Routing(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  /** The final authority of a field ("_row" for a whole history row), from the catalogue. */
  Optional<Tier> finalAuthority(String section, String field) {
    return catalogue.section(section).map(s -> "_row".equals(field) ? s.authority()
        : s.field(field).map(s::authorityOf).orElse(null));
  }

  /** The tiers in their order, as the pages show them: [{code, label}]. */
  static JsonArray tierList() {
    JsonArray out = new JsonArray();
    for (Tier tier : Tier.values()) {
      out.add(new JsonObject().put("code", tier.name()).put("label", tier.label()));
    }
    return out;
  }

  /**
   * Each tier's state of one item: MS/TMS/RETURN (with reason) where decided, NOT_REQUIRED beyond
   * the final authority or after the item ended, PENDING otherwise. {@code decisions} is
   * {tier: {verdict, reason, decidedAt}}.
   */
  static JsonObject tiers(Tier finalAuthority, JsonObject decisions) {
    JsonObject out = new JsonObject();
    boolean ended = false;
    for (Tier tier : Tier.values()) {
      JsonObject decision = decisions == null ? null : decisions.getJsonObject(tier.name());
      JsonObject state;
      if (decision != null) {
        state = new JsonObject().put("status", decision.getString("verdict")).put("reason", decision.getString("reason"))
            .put("decidedAt", decision.getString("decidedAt"));
        ended |= Verdict.valueOf(decision.getString("verdict")) != Verdict.MS;
      } else if (tier.ordinal() > finalAuthority.ordinal() || ended) {
        state = new JsonObject().put("status", "NOT_REQUIRED");
      } else {
        state = new JsonObject().put("status", "PENDING");
      }
      out.put(tier.name(), state);
    }
    return out;
  }
}

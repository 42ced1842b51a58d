package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.form.catalogue.Catalogue;
import id.go.bkn.epupns.form.catalogue.Catalogue.Field;
import id.go.bkn.epupns.form.catalogue.Catalogue.Kind;
import id.go.bkn.epupns.form.catalogue.Catalogue.Section;
import id.go.bkn.epupns.sapk.Tier;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing rule of SPEC 4.4, in one class: every item has a final authority (SKPD, BKD or BKN)
 * and passes every tier up to it ({@link Tier#route()}). The final authorities are data: the table
 * {@code verification_route}, seeded from the catalogue's authorities at start-up and changed by
 * ADMIN_BKN (GET/PUT /api/admin/routing). Every submit reads the table in its own transaction, so a
 * change applies at once on every instance to later submissions; an item's route is fixed when it
 * is submitted and never changes for work in flight. Submitting, progress and the inboxes all use
 * this class.
 */
final class Routing {

  /** A whole history row (ADD_ROW, REMOVE_ROW) and every field of it route as one item of the section. */
  static final String ROW = "_row";

  private static final String SEED = """
      insert into verification_route (section, field, final_authority, catalogue_authority)
      select * from unnest($1::text[], $2::text[], $3::text[], $3::text[])
      on conflict (section, field) do update set catalogue_authority = excluded.catalogue_authority,
        final_authority = case when verification_route.changed_by is null then excluded.final_authority
                               else verification_route.final_authority end""";
  private static final String ALL = "select section, field, final_authority from verification_route";

  private final Catalogue catalogue;

  Routing(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  /** One routing entry per record/entry field, one per history section. */
  record Entry(Section section, String field, String label, Tier catalogueAuthority) {
  }

  List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    for (Section section : catalogue.sections().values()) {
      if (section.kind() == Kind.ROWS) {
        out.add(new Entry(section, ROW, section.title() + " (semua baris)", section.authority()));
      } else {
        for (Field field : section.fields().values()) {
          out.add(new Entry(section, field.name(), section.title() + ": " + field.label(), section.authorityOf(field)));
        }
      }
    }
    return out;
  }

  /**
   * Adds the catalogue's new items to the table with their catalogue authority (start-up), and
   * follows a changed catalogue authority unless ADMIN_BKN changed that item: its choice is kept.
   */
  Future<Void> seed(SqlClient client) {
    List<Entry> entries = entries();
    return client.preparedQuery(SEED).execute(Tuple.of(
            entries.stream().map(e -> e.section().id()).toArray(String[]::new),
            entries.stream().map(Entry::field).toArray(String[]::new),
            entries.stream().map(e -> e.catalogueAuthority().name()).toArray(String[]::new)))
        .mapEmpty();
  }

  /** The routing table as it is now: "section|field" → final authority. */
  Future<Map<String, Tier>> current(SqlClient client) {
    return client.query(ALL).execute().map(rows -> {
      Map<String, Tier> out = new HashMap<>();
      for (Row row : rows) {
        out.put(row.getString("section") + "|" + row.getString("field"), Tier.valueOf(row.getString("final_authority")));
      }
      return out;
    });
  }

  /** The routing key of an item: the field, or the section's whole row for a history section. */
  String key(String section, String field) {
    boolean rows = catalogue.section(section).map(s -> s.kind() == Kind.ROWS).orElse(false);
    return section + "|" + (rows ? ROW : field);
  }

  /** The tiers in their order, as the pages show them: [{code, label}]. */
  static JsonArray tierList() {
    JsonArray out = new JsonArray();
    for (Tier tier : Tier.values()) {
      out.add(new JsonObject().put("code", tier.name()).put("label", tier.label()));
    }
    return out;
  }

  static JsonArray route(Tier finalAuthority) {
    return new JsonArray(finalAuthority.route().stream().map(Tier::name).toList());
  }

  /**
   * Each tier's state of one item in its latest round: MS/TMS/RETURN (with reason) where decided,
   * NOT_REQUIRED beyond the final authority or after the item ended, PENDING otherwise.
   * {@code decisions} is {tier: {verdict, reason, decidedAt}} of that round.
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

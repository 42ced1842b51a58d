package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.audit.AuditLog;
import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.sapk.Tier;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.HashMap;
import java.util.Map;

/**
 * The routing table for officers (GET /api/admin/routing) and ADMIN_BKN's change of one final
 * authority (PUT /api/admin/routing/{section}/{field}): recorded with who and when (the route row and
 * the audit log, {@link AuditLog}), in effect for
 * every submission from the next one on (items already submitted keep their route).
 */
final class RoutingAdmin {

  private static final String LIST = """
      select section, field, final_authority, catalogue_authority, changed_by, changed_by_role, changed_at
        from verification_route""";
  private static final String CHANGE = """
      with old as (select final_authority from verification_route where section = $1 and field = $2 for update)
      update verification_route r set final_authority = $3, changed_by = $4, changed_by_role = $5, changed_at = now()
        from old where r.section = $1 and r.field = $2
      returning old.final_authority as before""";

  private final Pool pool;
  private final Routing routing;

  RoutingAdmin(Pool pool, Routing routing) {
    this.pool = pool;
    this.routing = routing;
  }

  Future<JsonObject> list() {
    return pool.query(LIST).execute().map(rows -> {
      Map<String, Row> byKey = new HashMap<>();
      rows.forEach(r -> byKey.put(r.getString("section") + "|" + r.getString("field"), r));
      JsonArray items = new JsonArray();
      for (Routing.Entry e : routing.entries()) {
        Row row = byKey.get(e.section().id() + "|" + e.field());
        if (row != null) {
          items.add(entry(e, row));
        }
      }
      return new JsonObject().put("tiers", Routing.tierList()).put("items", items);
    });
  }

  Future<JsonObject> change(Caller caller, String section, String field, Tier authority) {
    Routing.Entry entry = routing.entries().stream()
        .filter(e -> e.section().id().equals(section) && e.field().equals(field)).findFirst()
        .orElseThrow(() -> ApiError.notFound("Tidak ada data " + section + "." + field + " dalam tabel rute."));
    return pool.withTransaction(tx -> tx.preparedQuery(CHANGE)
            .execute(Tuple.of(section, field, authority.name(), caller.nip(), caller.role().name()))
            .compose(rows -> rows.size() == 0 ? Future.succeededFuture() : AuditLog.record(tx, caller,
                AuditLog.Action.ROUTE_CHANGE, section + "." + field, null, new JsonObject()
                    .put("from", rows.iterator().next().getString("before")).put("to", authority.name())
                    .put(AuditLog.TARGET_NAME, entry.label()))))
        .compose(v -> pool.preparedQuery(LIST + " where section = $1 and field = $2").execute(Tuple.of(section, field)))
        .map(rows -> entry(entry, rows.iterator().next()));
  }

  private static JsonObject entry(Routing.Entry e, Row row) {
    Tier finalAuthority = Tier.valueOf(row.getString("final_authority"));
    return new JsonObject().put("section", e.section().id()).put("field", e.field()).put("label", e.label())
        .put("finalAuthority", finalAuthority.name()).put("route", Routing.route(finalAuthority))
        .put("catalogueAuthority", row.getString("catalogue_authority"))
        .put("changedBy", row.getString("changed_by")).put("changedByRole", row.getString("changed_by_role"))
        .put("changedAt", row.getOffsetDateTime("changed_at") == null ? null : row.getOffsetDateTime("changed_at").toString());
  }
}

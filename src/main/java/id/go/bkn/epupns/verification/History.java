package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.sapk.Scope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * GET /api/pns/{nip}/history: every decision on the PNS's submitted items (all rounds and tiers)
 * and every change verification made to its SAPK record, for officers whose scope covers the PNS
 * (where it submitted from, or where SAPK has it now).
 */
final class History {

  private static final Scope.Columns PNS = new Scope.Columns("p.satuan_kerja_id", "p.instansi_kerja_id", "i.kanreg_id");
  private static final String DECISIONS = """
      select coalesce(jsonb_agg(jsonb_build_object('item', f.id, 'section', f.section, 'field', f.field, 'row', f.row_ref,
               'label', f.label, 'tier', d.tier, 'round', d.round, 'verdict', d.verdict, 'reason', d.reason,
               'decidedBy', d.decided_by, 'decidedByName', o.nama, 'decidedByRole', d.decided_by_role,
               'decidedAt', d.decided_at) order by d.decided_at, d.id), '[]'::jsonb)
        from submission s join submission_field f on f.submission_id = s.id
        join submission_decision d on d.submission_field_id = f.id
        left join officer o on o.nip = d.decided_by
       where s.nip = $1""";
  private static final String CHANGES = """
      select coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'table', c.target_table, 'column', c.target_column,
               'rowId', c.row_id, 'action', c.action, 'oldValue', c.old_value, 'newValue', c.new_value,
               'reason', c.reason, 'item', c.item_id, 'changedBy', c.changed_by, 'changedByName', o.nama,
               'changedByRole', c.changed_by_role, 'changedAt', c.changed_at) order by c.changed_at, c.id), '[]'::jsonb)
        from sapk_change c left join officer o on o.nip = c.changed_by
       where c.nip = $1""";

  private final Pool pool;
  private final java.util.Map<Scope.Level, String> inScope = new java.util.EnumMap<>(Scope.Level.class);

  History(Pool pool) {
    this.pool = pool;
    for (Scope.Level level : Scope.Level.values()) {
      Scope sample = level == Scope.Level.NATIONAL ? Scope.national() : new Scope(level, 1);
      inScope.put(level, """
          select p.nama from pns p join instansi i on i.id = p.instansi_kerja_id
           where p.nip = $1 and (%s or exists (select 1 from submission s where s.nip = p.nip and %s))"""
          .formatted(sample.predicate(PNS, 2), sample.predicate(ScopedSql.SUBMISSION, 2)));
    }
  }

  /** The history, or null when the NIP is unknown or outside the caller's scope. */
  Future<JsonObject> of(Caller caller, String nip) {
    return pool.preparedQuery(inScope.get(caller.scope().level())).execute(Tuple.of(nip, caller.scope().parameter()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(null);
          }
          String nama = rows.iterator().next().getString("nama");
          Future<Row> decisions = pool.preparedQuery(DECISIONS).execute(Tuple.of(nip)).map(r -> r.iterator().next());
          Future<Row> changes = pool.preparedQuery(CHANGES).execute(Tuple.of(nip)).map(r -> r.iterator().next());
          return Future.all(decisions, changes).map(v -> new JsonObject().put("nip", nip).put("nama", nama)
              .put("decisions", decisions.result().getJson(0)).put("changes", changes.result().getJson(0)));
        });
  }
}

package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.sapk.Tier;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;

/**
 * One submission as an officer in scope sees it (GET /api/submissions/{id}, and the state answered
 * after decisions and in 409s): the PNS, every item with its values, documents, route and every
 * decision so far, and per tier the pending count and the live claim.
 */
final class SubmissionViews {

  /** The submission if the caller's scope covers it ($2: the scope's id). */
  private static final ScopedSql HEADER = new ScopedSql("""
      select s.id, s.nip, coalesce(s.nama, p.nama) as nama, s.satuan_kerja_id, sk.nama as satker_nama, s.instansi_id,
             i.nama as instansi_nama, s.kanreg_id, s.submitted_at, s.status, s.completed_at,
             coalesce((select jsonb_object_agg(t.tier, jsonb_build_object('pending', t.pending,
                         'claimedBy', case when t.claim_expires_at > now() then t.claimed_by end,
                         'claimedByName', case when t.claim_expires_at > now() then o.nama end,
                         'claimExpiresAt', case when t.claim_expires_at > now() then t.claim_expires_at end))
                 from submission_tier t left join officer o on o.nip = t.claimed_by
                where t.submission_id = s.id), '{}'::jsonb) as queues
        from submission s
        join satuan_kerja sk on sk.id = s.satuan_kerja_id
        join instansi i on i.id = s.instansi_id
        left join pns p on p.nip = s.nip
       where s.id = $1 and %s""", ScopedSql.SUBMISSION, 2);

  private static final String ITEMS = """
      select f.id, f.section, f.field, f.row_ref, f.action, f.label, f.sapk_value, f.corrected_value,
             f.final_authority, f.current_tier, f.status, f.round,
             coalesce((select jsonb_agg(jsonb_build_object('tier', d.tier, 'round', d.round, 'verdict', d.verdict,
                         'reason', d.reason, 'decidedBy', d.decided_by, 'decidedByName', o.nama,
                         'decidedByRole', d.decided_by_role, 'decidedAt', d.decided_at) order by d.round, d.decided_at, d.id)
                 from submission_decision d left join officer o on o.nip = d.decided_by
                where d.submission_field_id = f.id), '[]'::jsonb) as decisions,
             coalesce((select jsonb_agg(jsonb_build_object('id', doc.id, 'name', doc.name, 'kind', doc.kind,
                         'contentType', doc.content_type, 'size', doc.size_bytes) order by doc.id)
                 from submission_field_document sd join document doc on doc.id = sd.document_id
                where sd.submission_field_id = f.id), '[]'::jsonb) as documents
        from submission_field f where f.submission_id = $1 order by f.id""";

  private SubmissionViews() {
  }

  /** The whole view, or null when the submission does not exist or is outside the caller's scope. */
  static Future<JsonObject> view(SqlClient client, Caller caller, long submissionId) {
    return client.preparedQuery(HEADER.of(caller.scope())).execute(Tuple.of(submissionId, caller.scope().parameter()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(null);
          }
          Row s = rows.iterator().next();
          return items(client, caller, submissionId).map(items -> header(s, caller).put("items", items));
        });
  }

  /** Every item's current state, for the caller's tier. */
  static Future<JsonArray> items(SqlClient client, Caller caller, long submissionId) {
    Tier mine = caller.role().tier().orElse(null);
    return client.preparedQuery(ITEMS).execute(Tuple.of(submissionId)).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row f : rows) {
        Tier finalAuthority = Tier.valueOf(f.getString("final_authority"));
        String current = f.getString("current_tier");
        out.add(new JsonObject().put("id", f.getLong("id")).put("section", f.getString("section"))
            .put("field", f.getString("field")).put("row", f.getString("row_ref")).put("action", f.getString("action"))
            .put("label", f.getString("label")).put("sapkValue", f.getJson("sapk_value"))
            .put("correctedValue", f.getJson("corrected_value")).put("documents", f.getJson("documents"))
            .put("finalAuthority", finalAuthority.name()).put("route", Routing.route(finalAuthority))
            .put("status", f.getString("status")).put("currentTier", current).put("round", (int) f.getShort("round"))
            .put("decisions", f.getJson("decisions"))
            .put("pendingAtMyTier", mine != null && ItemStatus.PENDING.name().equals(f.getString("status"))
                && mine.name().equals(current)));
      }
      return out;
    });
  }

  private static JsonObject header(Row s, Caller caller) {
    JsonObject queues = (JsonObject) s.getJson("queues");
    JsonObject tiers = new JsonObject();
    for (Tier tier : Tier.values()) {
      JsonObject q = queues.getJsonObject(tier.name());
      tiers.put(tier.name(), q == null ? new JsonObject().put("pending", 0).putNull("claim")
          : new JsonObject().put("pending", q.getInteger("pending")).put("claim", q.getString("claimedBy") == null ? null
              : new JsonObject().put("nip", q.getString("claimedBy")).put("nama", q.getString("claimedByName"))
                  .put("expiresAt", q.getString("claimExpiresAt"))
                  .put("mine", caller.nip().equals(q.getString("claimedBy")))));
    }
    OffsetDateTime completed = s.getOffsetDateTime("completed_at");
    return new JsonObject().put("id", s.getLong("id")).put("nip", s.getString("nip")).put("nama", s.getString("nama"))
        .put("satuanKerja", new JsonObject().put("id", s.getInteger("satuan_kerja_id")).put("nama", s.getString("satker_nama")))
        .put("instansi", new JsonObject().put("id", s.getInteger("instansi_id")).put("nama", s.getString("instansi_nama")))
        .put("kanregId", (int) s.getShort("kanreg_id"))
        .put("submittedAt", s.getOffsetDateTime("submitted_at").toString()).put("status", s.getString("status"))
        .put("completedAt", completed == null ? null : completed.toString())
        .put("myTier", caller.role().tier().map(Tier::name).orElse(null))
        .put("tiers", tiers);
  }
}

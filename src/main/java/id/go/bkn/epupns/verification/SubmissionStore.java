package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.form.SubmissionHandover;
import id.go.bkn.epupns.sapk.Tier;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The submission lifecycle's SQL as the form and the PNS see it: storing a handed-over submission
 * (each item routed, pending at SKPD, queued), submitting returned items again, the PNS's progress.
 */
final class SubmissionStore implements SubmissionHandover {

  private static final String INSERT_SUBMISSION = """
      insert into submission (nip, nama, satuan_kerja_id, instansi_id, kanreg_id, status, completed_at)
      values ($1, $2, $3, $4, $5, $6, case when $6 = 'COMPLETED' then now() end)
      returning id""";
  private static final String INSERT_ITEM = """
      insert into submission_field (submission_id, section, field, row_ref, action, label, sapk_value, corrected_value,
                                    final_authority, current_tier, status)
      values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'PENDING')
      returning id""";
  private static final String INSERT_ITEM_DOCUMENTS = """
      insert into submission_field_document (submission_field_id, document_id)
      select f, d from unnest($1::bigint[], $2::bigint[]) as x(f, d)""";

  /** Decisions of one item in its current round, per tier: {tier: {verdict, reason, decidedAt}}. */
  static final String DECISIONS = """
      coalesce((select jsonb_object_agg(d.tier, jsonb_build_object('verdict', d.verdict, 'reason', d.reason,
                  'decidedAt', d.decided_at)) from submission_decision d
                 where d.submission_field_id = f.id and d.round = f.round), '{}'::jsonb)""";
  /** The RETURN decision of a returned item: {reason, tier}. */
  private static final String RETURNED = """
      (select jsonb_build_object('reason', d.reason, 'tier', d.tier) from submission_decision d
        where d.submission_field_id = f.id and d.round = f.round and d.verdict = 'RETURN')""";
  private static final String FORM_ITEMS = """
      (select coalesce(jsonb_agg(jsonb_build_object('id', f.id, 'section', f.section, 'field', f.field, 'row', f.row_ref,
                 'finalAuthority', f.final_authority, 'status', f.status, 'decisions', %s,
                 'returned', case when f.status = 'RETURNED' then %s end)), '[]'::jsonb)
         from submission s join submission_field f on f.submission_id = s.id where s.nip = $1)""".formatted(DECISIONS, RETURNED);

  private static final String SUBMISSION = "select id, submitted_at, status, completed_at from submission where nip = $1";
  private static final String ITEMS = """
      select f.id, f.section, f.field, f.row_ref, f.action, f.label, f.sapk_value, f.corrected_value,
             f.final_authority, f.current_tier, f.status, f.round, %s as decisions, %s as returned,
             coalesce((select jsonb_agg(sd.document_id order by sd.document_id) from submission_field_document sd
                        where sd.submission_field_id = f.id), '[]'::jsonb) as documents
        from submission_field f where f.submission_id = $1 order by f.id""".formatted(DECISIONS, RETURNED);

  /** The submission row first, as every writer of a submission takes it (decisions too): no deadlock between them. */
  private static final String LOCK = "select id, satuan_kerja_id from submission where nip = $1 for update";
  private static final String RETURNED_ITEMS = """
      select f.id, f.section, f.field, f.row_ref, f.submission_id
        from submission_field f
       where f.submission_id = $1 and f.status = 'RETURNED'""";
  private static final String RESUBMIT_ITEM = """
      update submission_field set corrected_value = $2, label = $3, round = round + 1, status = 'PENDING',
             current_tier = $4, resolved_at = null
       where id = $1""";
  private static final String WITHDRAW_ITEM = """
      update submission_field set status = 'WITHDRAWN', resolved_at = now() where id = $1""";
  private static final String REPLACE_DOCUMENTS = """
      with dropped as (delete from submission_field_document where submission_field_id = any($1::bigint[]))
      insert into submission_field_document (submission_field_id, document_id)
      select f, d from unnest($2::bigint[], $3::bigint[]) as x(f, d)""";

  private final Pool pool;
  private final Routing routing;

  SubmissionStore(Pool pool, Routing routing) {
    this.pool = pool;
    this.routing = routing;
  }

  @Override
  public Future<Long> submit(SqlClient tx, Submission submission) {
    List<Item> items = submission.items();
    return Queues.lockWorkUnit(tx, submission.placement().satuanKerjaId()).compose(locked -> routing.current(tx)).compose(routes -> {
      List<Tier> authorities = new ArrayList<>();
      for (Item item : items) {
        Tier tier = routes.get(routing.key(item.section(), item.field()));
        if (tier == null) {
          return Future.failedFuture(new IllegalStateException("no route for " + item.section() + "." + item.field()));
        }
        authorities.add(tier);
      }
      return tx.preparedQuery(INSERT_SUBMISSION).execute(Tuple.of(submission.nip(), submission.nama(),
              submission.placement().satuanKerjaId(), submission.placement().instansiId(),
              submission.placement().kanregId(), items.isEmpty() ? "COMPLETED" : "IN_VERIFICATION"))
          .recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
              ? Future.failedFuture(alreadySubmitted()) : Future.failedFuture(e))
          .compose(inserted -> {
            long submissionId = inserted.iterator().next().getLong(0);
            if (items.isEmpty()) {
              return Future.succeededFuture(submissionId);
            }
            List<Tuple> batch = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
              Item item = items.get(i);
              batch.add(Tuple.of(submissionId, item.section(), item.field(), item.rowRef(), item.action().name(),
                      item.label()).addValue(json(item.sapkValue())).addValue(json(item.correctedValue()))
                  .addValue(authorities.get(i).name()).addValue(Tier.first().name()));
            }
            return tx.preparedQuery(INSERT_ITEM).executeBatch(batch)
                .compose(result -> linkDocuments(tx, items, result))
                .compose(v -> Queues.recount(tx, submissionId))
                .map(v -> submissionId);
          });
    });
  }

  private static Future<Void> linkDocuments(SqlClient tx, List<Item> items, RowSet<Row> result) {
    List<Long> itemIds = new ArrayList<>();
    List<Long> documentIds = new ArrayList<>();
    RowSet<Row> rs = result;
    for (Item item : items) {
      long itemId = rs.iterator().next().getLong(0);
      item.documents().forEach(d -> {
        itemIds.add(itemId);
        documentIds.add(d);
      });
      rs = rs.next();
    }
    return documentIds.isEmpty() ? Future.succeededFuture()
        : tx.preparedQuery(INSERT_ITEM_DOCUMENTS)
            .execute(Tuple.tuple().addValue(itemIds.toArray(new Long[0])).addValue(documentIds.toArray(new Long[0])))
            .mapEmpty();
  }

  @Override
  public Future<Integer> resubmit(SqlClient tx, String nip, List<Item> items) {
    Map<String, Item> byKey = new HashMap<>();
    items.forEach(i -> byKey.put(key(i.section(), i.field(), i.rowRef()), i));
    return tx.preparedQuery(LOCK).execute(Tuple.of(nip))
        .compose(locked -> locked.size() == 0 ? Future.succeededFuture((RowSet<Row>) null)
            : Queues.lockWorkUnit(tx, locked.iterator().next().getInteger(1))
                .compose(v -> tx.preparedQuery(RETURNED_ITEMS).execute(Tuple.of(locked.iterator().next().getLong(0)))))
        .compose(rows -> {
      if (rows == null) {
        return Future.failedFuture(ApiError.conflict("NOTHING_RETURNED",
            "Tidak ada data yang dikembalikan verifikator untuk diperbaiki; formulir Anda sedang diverifikasi."));
      }
      if (rows.size() == 0) {
        return Future.failedFuture(ApiError.conflict("NOTHING_RETURNED",
            "Tidak ada data yang dikembalikan verifikator untuk diperbaiki; formulir Anda sedang diverifikasi."));
      }
      long submissionId = rows.iterator().next().getLong("submission_id");
      List<Future<?>> updates = new ArrayList<>();
      List<Long> resubmitted = new ArrayList<>();
      List<Long> linkItems = new ArrayList<>();
      List<Long> linkDocuments = new ArrayList<>();
      for (Row row : rows) {
        long id = row.getLong("id");
        Item item = byKey.get(key(row.getString("section"), row.getString("field"), row.getString("row_ref")));
        if (item == null) {
          updates.add(tx.preparedQuery(WITHDRAW_ITEM).execute(Tuple.of(id)));
          continue;
        }
        resubmitted.add(id);
        item.documents().forEach(d -> {
          linkItems.add(id);
          linkDocuments.add(d);
        });
        updates.add(tx.preparedQuery(RESUBMIT_ITEM).execute(Tuple.of(id, json(item.correctedValue()), item.label(),
            Tier.first().name())));
      }
      return Future.all(updates)
          .compose(v -> tx.preparedQuery(REPLACE_DOCUMENTS).execute(Tuple.of(resubmitted.toArray(new Long[0]),
              linkItems.toArray(new Long[0]), linkDocuments.toArray(new Long[0]))))
          .compose(v -> Queues.recount(tx, submissionId))
          .map(v -> resubmitted.size());
    });
  }

  private static String key(String section, String field, String rowRef) {
    return section + "|" + field + "|" + rowRef;
  }

  @Override
  public String formItemsSql() {
    return FORM_ITEMS;
  }

  @Override
  public JsonObject tiers(JsonObject item) {
    return Routing.tiers(Tier.valueOf(item.getString("finalAuthority")), item.getJsonObject("decisions"));
  }

  /** The PNS's submission with every item, its route and its tiers, or null before submitting. */
  Future<JsonObject> progress(String nip) {
    return pool.preparedQuery(SUBMISSION).execute(Tuple.of(nip)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(null);
      }
      Row s = rows.iterator().next();
      JsonObject submission = new JsonObject().put("submissionId", s.getLong("id"))
          .put("submittedAt", s.getOffsetDateTime("submitted_at").toString()).put("status", s.getString("status"))
          .put("completedAt", s.getOffsetDateTime("completed_at") == null ? null : s.getOffsetDateTime("completed_at").toString());
      return pool.preparedQuery(ITEMS).execute(Tuple.of(s.getLong("id"))).map(fields -> {
        JsonArray items = new JsonArray();
        for (Row f : fields) {
          Tier finalAuthority = Tier.valueOf(f.getString("final_authority"));
          items.add(new JsonObject().put("id", f.getLong("id")).put("section", f.getString("section"))
              .put("field", f.getString("field")).put("row", f.getString("row_ref")).put("action", f.getString("action"))
              .put("label", f.getString("label")).put("sapkValue", f.getJson("sapk_value"))
              .put("correctedValue", f.getJson("corrected_value")).put("finalAuthority", finalAuthority.name())
              .put("route", Routing.route(finalAuthority))
              .put("currentTier", f.getString("current_tier")).put("status", f.getString("status"))
              .put("round", (int) f.getShort("round"))
              .put("returned", f.getJson("returned"))
              .put("tiers", Routing.tiers(finalAuthority, (JsonObject) f.getJson("decisions")))
              .put("documents", f.getJson("documents")));
        }
        return submission.put("fields", items);
      });
    });
  }

  /** jsonb parameters: JSON values as they are, scalars wrapped so that the driver sends jsonb. */
  static Object json(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof JsonObject || value instanceof JsonArray) {
      return value;
    }
    return value instanceof String || value instanceof Number || value instanceof Boolean ? value : String.valueOf(value);
  }

  static ApiError alreadySubmitted() {
    return ApiError.conflict("ALREADY_SUBMITTED", "Formulir Anda sudah dikirim sebelumnya.");
  }
}

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
import java.util.List;

/** The SQL of the submission lifecycle: storing a handed-over submission, the PNS's progress. */
final class SubmissionStore implements SubmissionHandover {

  private static final String INSERT_SUBMISSION = """
      insert into submission (nip, satuan_kerja_id, instansi_id, kanreg_id, status, completed_at)
      values ($1, $2, $3, $4, $5, case when $5 = 'COMPLETED' then now() end)
      returning id""";
  private static final String INSERT_ITEM = """
      insert into submission_field (submission_id, section, field, row_ref, action, label, sapk_value, corrected_value,
                                    final_authority, current_tier, status)
      values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'PENDING')
      returning id""";
  private static final String INSERT_ITEM_DOCUMENTS = """
      insert into submission_field_document (submission_field_id, document_id)
      select f, d from unnest($1::bigint[], $2::bigint[]) as x(f, d)""";

  /** Decisions of one item per tier, as {tier: {verdict, reason, decidedAt}}. */
  private static final String DECISIONS = """
      coalesce((select jsonb_object_agg(d.tier, jsonb_build_object('verdict', d.verdict, 'reason', d.reason,
                  'decidedAt', d.decided_at)) from submission_decision d where d.submission_field_id = f.id), '{}'::jsonb)""";
  private static final String FORM_ITEMS = """
      (select coalesce(jsonb_agg(jsonb_build_object('section', f.section, 'field', f.field, 'row', f.row_ref,
                 'finalAuthority', f.final_authority, 'status', f.status, 'decisions', %s)), '[]'::jsonb)
         from submission s join submission_field f on f.submission_id = s.id where s.nip = $1)""".formatted(DECISIONS);

  private static final String SUBMISSION = "select id, submitted_at, status, completed_at from submission where nip = $1";
  private static final String ITEMS = """
      select f.id, f.section, f.field, f.row_ref, f.action, f.label, f.sapk_value, f.corrected_value,
             f.final_authority, f.current_tier, f.status, %s as decisions,
             coalesce((select jsonb_agg(sd.document_id order by sd.document_id) from submission_field_document sd
                        where sd.submission_field_id = f.id), '[]'::jsonb) as documents
        from submission_field f where f.submission_id = $1 order by f.id""".formatted(DECISIONS);

  private final Pool pool;
  private final Routing routing;

  SubmissionStore(Pool pool, Routing routing) {
    this.pool = pool;
    this.routing = routing;
  }

  @Override
  public Future<Long> submit(SqlClient tx, Submission submission) {
    List<Item> items = submission.items();
    List<Tier> authorities = new ArrayList<>();
    for (Item item : items) {
      authorities.add(routing.finalAuthority(item.section(), item.field()).orElseThrow(() ->
          new IllegalArgumentException("no route for " + item.section() + "." + item.field())));
    }
    return tx.preparedQuery(INSERT_SUBMISSION).execute(Tuple.of(submission.nip(),
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
          return tx.preparedQuery(INSERT_ITEM).executeBatch(batch).compose(result -> {
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
            return documentIds.isEmpty() ? Future.succeededFuture(submissionId)
                : tx.preparedQuery(INSERT_ITEM_DOCUMENTS)
                    .execute(Tuple.tuple().addValue(itemIds.toArray(new Long[0])).addValue(documentIds.toArray(new Long[0])))
                    .map(v -> submissionId);
          });
        });
  }

  @Override
  public String formItemsSql() {
    return FORM_ITEMS;
  }

  @Override
  public JsonObject tiers(JsonObject item) {
    return Routing.tiers(Tier.valueOf(item.getString("finalAuthority")), item.getJsonObject("decisions"));
  }

  /** The PNS's submission with every item and its tiers, or null before submitting. */
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
              .put("route", new JsonArray(finalAuthority.route().stream().map(Tier::name).toList()))
              .put("currentTier", f.getString("current_tier")).put("status", f.getString("status"))
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

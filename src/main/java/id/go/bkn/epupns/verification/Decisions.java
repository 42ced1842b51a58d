package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.core.database.Transactions;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.form.Action;
import id.go.bkn.epupns.mail.MailOutbox;
import id.go.bkn.epupns.sapk.SapkRecords;
import id.go.bkn.epupns.sapk.Tier;
import id.go.bkn.epupns.schedule.CampaignSchedule;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decisions on a submission's items at the caller's tier (SPEC 4.4), one transaction per call:
 * <ul>
 *   <li>only inside the verification window of the submission's agency (its staggered one, when it has one:
 *       403 WINDOW_CLOSED naming the agency);</li>
 *   <li>the submission row is locked first (every writer of a submission does so, so two tiers
 *       deciding at once queue instead of deadlocking), then the caller's queue entry;</li>
 *   <li>a colleague's live claim makes it 409; so does any item not pending at the caller's tier,
 *       and then nothing is applied;</li>
 *   <li>an identical retry (the same verdicts and reasons by the same officer, already stored)
 *       answers the same result without deciding twice;</li>
 *   <li>MS below the final authority moves the item to the next tier; MS at it writes the correction
 *       to SAPK ({@link SapkRecords}, one sapk_change row); TMS ends it; RETURN sends it back;</li>
 *   <li>the queues are recounted; a tier that finished with the submission mails the PNS once.</li>
 * </ul>
 */
final class Decisions {

  /** One requested decision. */
  record Request(long item, Verdict verdict, String reason) {
  }

  private static final ScopedSql LOCK_SUBMISSION = new ScopedSql("""
      select s.id, s.nip, coalesce(s.nama, '') as nama, s.satuan_kerja_id, s.instansi_id, i.nama as instansi_nama
        from submission s join instansi i on i.id = s.instansi_id
       where s.id = $1 and %s for update of s""",
      ScopedSql.SUBMISSION, 2);
  private static final String LOCK_QUEUE = """
      select t.pending, t.claimed_by, t.claim_expires_at, t.claim_expires_at > now() as claim_live, o.nama as holder
        from submission_tier t left join officer o on o.nip = t.claimed_by
       where t.submission_id = $1 and t.tier = $2 for update of t""";
  private static final String ITEMS = """
      select f.id, f.section, f.field, f.row_ref, f.action, f.label, f.corrected_value, f.final_authority,
             f.current_tier, f.status, f.round, d.verdict, d.reason, d.decided_by
        from submission_field f
        left join submission_decision d on d.submission_field_id = f.id and d.round = f.round and d.tier = $2
       where f.submission_id = $1 order by f.id""";
  private static final String INSERT_DECISION = """
      insert into submission_decision (submission_field_id, round, tier, verdict, reason, decided_by, decided_by_role)
      values ($1, $2, $3, $4, $5, $6, $7)""";
  private static final String MOVE = "update submission_field set current_tier = $2 where id = $1";
  private static final String END = """
      update submission_field set status = $2, current_tier = null, resolved_at = case when $3 then now() end
       where id = $1""";
  private static final String TIER_DECISIONS = """
      select f.label, d.verdict, d.reason, f.final_authority
        from submission_field f join submission_decision d on d.submission_field_id = f.id and d.round = f.round
       where f.submission_id = $1 and d.tier = $2 order by f.id""";

  private final Pool pool;
  private final WriteTargets targets;
  private final SapkRecords records;
  private final String emailQuery;
  private final String baseUrl;
  private final CampaignSchedule schedule;

  Decisions(Pool pool, WriteTargets targets, SapkRecords records, PnsAddresses addresses, String baseUrl,
            CampaignSchedule schedule) {
    this.pool = pool;
    this.schedule = schedule;
    this.targets = targets;
    this.records = records;
    this.emailQuery = "select " + addresses.emailQuery() + " as email";
    this.baseUrl = baseUrl;
  }

  /** Decides; {@code requests} null means every item pending at the caller's tier, MS ("Terima semua"). */
  Future<JsonObject> decide(Caller caller, long submissionId, List<Request> requests) {
    Tier tier = caller.role().tier().orElseThrow();
    return Transactions.withRetry(pool, tx -> tx.preparedQuery(LOCK_SUBMISSION.of(caller.scope()))
        .execute(Tuple.of(submissionId, caller.scope().parameter()))
        .compose(found -> {
          if (found.size() == 0) {
            return Future.failedFuture(notFound());
          }
          Row submission = found.iterator().next();
          try {
            // The verification window of the submission's agency (its staggered one, when it has one); none for
            // the demo data (schedule null), which arranges work as if done in it.
            if (schedule != null) {
              schedule.requireOpenFor(CampaignSchedule.Window.VERIFICATION, submission.getInteger("instansi_id"),
                  submission.getString("instansi_nama"));
            }
          } catch (ApiError closed) {
            return Future.failedFuture(closed);
          }
          return Queues.lockWorkUnit(tx, submission.getInteger("satuan_kerja_id"))
              .compose(v -> tx.preparedQuery(LOCK_QUEUE).execute(Tuple.of(submissionId, tier.name())))
              .compose(queue -> {
                Row q = queue.size() == 0 ? null : queue.iterator().next();
                if (q != null && Boolean.TRUE.equals(q.getBoolean("claim_live"))
                    && !caller.nip().equals(q.getString("claimed_by"))) {
                  return Future.failedFuture(claimedByOther(q));
                }
                return tx.preparedQuery(ITEMS).execute(Tuple.of(submissionId, tier.name()));
              })
              .compose(items -> apply(tx, caller, tier, submission, items, requests));
        }))
        // The locks make this impossible; should one slip through, it is a lost race, not a server error.
        .recover(e -> e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())
            ? Future.failedFuture(ApiError.conflict("NOT_PENDING", "Data ini baru saja diputuskan petugas lain. Muat ulang."))
            : Future.failedFuture(e));
  }

  private Future<JsonObject> apply(SqlClient tx, Caller caller, Tier tier, Row submission, RowSet<Row> rows,
                                   List<Request> asked) {
    long submissionId = submission.getLong("id");
    Map<Long, Row> items = new HashMap<>();
    List<Request> requests = new ArrayList<>();
    for (Row row : rows) {
      items.put(row.getLong("id"), row);
      if (asked == null && pendingHere(row, tier)) {
        requests.add(new Request(row.getLong("id"), Verdict.MS, null));
      }
    }
    if (asked != null) {
      requests.addAll(asked);
    }
    if (requests.isEmpty()) {
      return conflict(tx, caller, submissionId, List.of(), "Tidak ada data yang menunggu keputusan tingkat " + tier.label()
          + " pada pengajuan ini.");
    }
    boolean identicalRetry = requests.stream().allMatch(r -> {
      Row row = items.get(r.item());
      return row != null && row.getString("verdict") != null && r.verdict().name().equals(row.getString("verdict"))
          && Objects.equals(r.reason(), row.getString("reason")) && caller.nip().equals(row.getString("decided_by"));
    });
    if (identicalRetry) {
      return result(tx, caller, submissionId, tier, requests, true);
    }
    List<Long> notPending = requests.stream().map(Request::item)
        .filter(id -> items.get(id) == null || !pendingHere(items.get(id), tier)).toList();
    if (!notPending.isEmpty()) {
      return conflict(tx, caller, submissionId, notPending, "Sebagian data tidak (lagi) menunggu keputusan tingkat "
          + tier.label() + ": mungkin sudah diputuskan rekan Anda. Tidak ada keputusan yang disimpan.");
    }
    Future<Void> chain = Future.succeededFuture();
    for (Request request : requests) {
      Row item = items.get(request.item());
      chain = chain.compose(v -> one(tx, caller, tier, submission, item, request));
    }
    return chain
        .compose(v -> Queues.recount(tx, submissionId))
        .compose(outcome -> outcome.finishedTiers().contains(tier.name())
            ? mail(tx, submission, tier) : Future.succeededFuture())
        .compose(v -> result(tx, caller, submissionId, tier, requests, false));
  }

  private static boolean pendingHere(Row item, Tier tier) {
    return ItemStatus.PENDING.name().equals(item.getString("status")) && tier.name().equals(item.getString("current_tier"));
  }

  /** One decision: stored, then the item moved, ended, or written to SAPK at its final authority. */
  private Future<Void> one(SqlClient tx, Caller caller, Tier tier, Row submission, Row item, Request request) {
    long id = item.getLong("id");
    int round = item.getShort("round");
    Tier finalAuthority = Tier.valueOf(item.getString("final_authority"));
    Future<Void> stored = tx.preparedQuery(INSERT_DECISION).execute(Tuple.from(new Object[] {id, (short) round,
        tier.name(), request.verdict().name(), request.reason(), caller.nip(), caller.role().name()})).mapEmpty();
    return stored.compose(v -> switch (request.verdict()) {
      case MS -> tier == finalAuthority
          ? applyToSapk(tx, caller, submission.getString("nip"), item, request)
              .compose(x -> end(tx, id, ItemStatus.APPLIED))
          : tx.preparedQuery(MOVE).execute(Tuple.of(id, tier.next().orElseThrow().name())).mapEmpty();
      case TMS -> end(tx, id, ItemStatus.TMS);
      case RETURN -> end(tx, id, ItemStatus.RETURNED);
    });
  }

  private static Future<Void> end(SqlClient tx, long id, ItemStatus status) {
    return tx.preparedQuery(END).execute(Tuple.of(id, status.name(), status.resolved())).mapEmpty();
  }

  private Future<Void> applyToSapk(SqlClient tx, Caller caller, String nip, Row item, Request request) {
    Action action = Action.valueOf(item.getString("action"));
    WriteTargets.Write write = targets.write(item.getString("section"), item.getString("field"), item.getString("row_ref"),
        action, item.getJson("corrected_value"));
    return records.apply(tx, nip, write.kind(), write.table(), write.rowId(), write.values(),
            new SapkRecords.Author(caller.nip(), caller.role().name(), request.reason(), item.getLong("id"), action.name()))
        .compose(done -> done != null ? Future.succeededFuture()
            : Future.failedFuture(ApiError.conflict("SAPK_ROW_MISSING", "Baris riwayat yang diperbaiki pada data ("
                + item.getString("label") + ") tidak ada lagi di SAPK. Kembalikan data ini kepada PNS.")
                .with("item", item.getLong("id"))));
  }

  private Future<Void> mail(SqlClient tx, Row submission, Tier tier) {
    String nip = submission.getString("nip");
    return tx.preparedQuery(emailQuery).execute(Tuple.of(nip)).compose(rows -> {
      String email = rows.iterator().next().getString("email");
      if (email == null) {
        return Future.succeededFuture();
      }
      return tx.preparedQuery(TIER_DECISIONS).execute(Tuple.of(submission.getLong("id"), tier.name()))
          .compose(decided -> MailOutbox.enqueue(tx, email, Mails.subject(tier),
              Mails.body(submission.getString("nama"), tier, decided, baseUrl)));
    });
  }

  private static Future<JsonObject> result(SqlClient tx, Caller caller, long submissionId, Tier tier,
                                           List<Request> requests, boolean repeated) {
    return SubmissionViews.view(tx, caller, submissionId).map(view -> new JsonObject()
        .put("submissionId", submissionId).put("tier", tier.name()).put("repeated", repeated)
        .put("decided", new JsonArray(requests.stream().map(r -> new JsonObject().put("item", r.item())
            .put("verdict", r.verdict().name()).put("reason", r.reason())).toList()))
        .put("status", view.getString("status"))
        .put("items", view.getJsonArray("items")));
  }

  /** 409 with the current state of every item, naming the ones that could not be decided. */
  private static Future<JsonObject> conflict(SqlClient tx, Caller caller, long submissionId, List<Long> items, String message) {
    return SubmissionViews.items(tx, caller, submissionId).compose(state -> Future.failedFuture(
        ApiError.conflict("NOT_PENDING", message).with("notPending", new JsonArray(items)).with("items", state)));
  }

  static ApiError claimedByOther(Row queue) {
    return ApiError.conflict("CLAIMED", "Pengajuan ini sedang dikerjakan " + (queue.getString("holder") == null
            ? "petugas lain" : queue.getString("holder")) + " sampai " + queue.getOffsetDateTime("claim_expires_at") + ".")
        .with("claim", new JsonObject().put("nip", queue.getString("claimed_by")).put("nama", queue.getString("holder"))
            .put("expiresAt", queue.getOffsetDateTime("claim_expires_at").toString()));
  }

  static ApiError notFound() {
    return ApiError.notFound("Pengajuan tidak ditemukan di wilayah kerja Anda.");
  }
}

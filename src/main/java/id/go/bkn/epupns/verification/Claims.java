package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.sapk.Tier;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * Claims (leases) on a submission at a tier, so two verifiers do not review the same one: one
 * atomic UPDATE takes the lease when it is free, expired or already the caller's, and renews it;
 * otherwise 409 names the holder and the expiry. The holder releases it (DELETE); an agency admin
 * (ADMIN_INSTANSI, ADMIN_BKN) releases any claim in its scope.
 */
final class Claims {

  private static final ScopedSql TAKE = new ScopedSql("""
      update submission_tier t set claimed_by = $3, claim_expires_at = now() + make_interval(mins => $4)
       where t.submission_id = $1 and t.tier = $5 and t.pending > 0 and %s
         and (t.claimed_by is null or t.claimed_by = $3 or t.claim_expires_at <= now())
      returning t.claim_expires_at""", ScopedSql.QUEUE, 2);
  private static final ScopedSql STATE = new ScopedSql("""
      select t.pending, t.claimed_by, t.claim_expires_at, t.claim_expires_at > now() as claim_live, o.nama as holder
        from submission_tier t left join officer o on o.nip = t.claimed_by
       where t.submission_id = $1 and t.tier = $3 and %s""", ScopedSql.QUEUE, 2);
  private static final ScopedSql IN_SCOPE = new ScopedSql("""
      select 1 from submission s where s.id = $1 and %s""", ScopedSql.SUBMISSION, 2);
  private static final ScopedSql RELEASE_OWN = new ScopedSql("""
      update submission_tier t set claimed_by = null, claim_expires_at = null
       where t.submission_id = $1 and t.tier = $3 and t.claimed_by = $4 and %s
      returning t.tier""", ScopedSql.QUEUE, 2);
  private static final ScopedSql RELEASE_ANY = new ScopedSql("""
      update submission_tier t set claimed_by = null, claim_expires_at = null
       where t.submission_id = $1 and t.claimed_by is not null and %s
      returning t.tier""", ScopedSql.QUEUE, 2);

  /** The caller's own live claim at its tier, oldest first: work it started comes back first. */
  private static final String MINE = """
      select t.submission_id, t.claim_expires_at from submission_tier t
       where t.claimed_by = $1 and t.tier = $2 and t.pending > 0 and t.claim_expires_at > now()
       order by t.submitted_at, t.submission_id limit 1""";
  /**
   * The oldest unclaimed submission of the inbox, claimed in one statement; rows another transaction
   * holds are skipped (SKIP LOCKED), so verifiers asking at once each get a different one, never a 409.
   */
  private static final ScopedSql NEXT = new ScopedSql("""
      with next as (
        select t.submission_id from submission_tier t
         where t.tier = $1 and t.pending > 0 and %s and (t.claimed_by is null or t.claim_expires_at <= now())
         order by t.submitted_at, t.submission_id
         limit 1
         for update of t skip locked)
      update submission_tier t set claimed_by = $3, claim_expires_at = now() + make_interval(mins => $4)
        from next where t.submission_id = next.submission_id and t.tier = $1
      returning t.submission_id, t.claim_expires_at""", ScopedSql.QUEUE, 2);

  private final Pool pool;
  private final int leaseMinutes;

  Claims(Pool pool, int leaseMinutes) {
    this.pool = pool;
    this.leaseMinutes = leaseMinutes;
  }

  Future<JsonObject> claim(Caller caller, long submissionId) {
    Tier tier = caller.role().tier().orElseThrow();
    Object scope = caller.scope().parameter();
    return pool.preparedQuery(TAKE.of(caller.scope()))
        .execute(Tuple.of(submissionId, scope, caller.nip(), leaseMinutes, tier.name()))
        .compose(rows -> {
          if (rows.size() == 1) {
            return Future.succeededFuture(new JsonObject().put("submissionId", submissionId).put("tier", tier.name())
                .put("claim", new JsonObject().put("nip", caller.nip()).put("mine", true)
                    .put("expiresAt", rows.iterator().next().getOffsetDateTime(0).toString())));
          }
          return pool.preparedQuery(STATE.of(caller.scope())).execute(Tuple.of(submissionId, scope, tier.name()))
              .compose(state -> {
                if (state.size() == 0) {
                  return inScope(caller, submissionId).compose(in -> Future.failedFuture(in
                      ? notPending(tier) : Decisions.notFound()));
                }
                Row q = state.iterator().next();
                if (q.getInteger("pending") == 0) {
                  return Future.failedFuture(notPending(tier));
                }
                return Future.failedFuture(Decisions.claimedByOther(q));
              });
        });
  }

  /**
   * The next submission to work on at the caller's tier: its own live claim if it has one, else the
   * oldest unclaimed one, claimed now. {submissionId: null} when nothing waits unclaimed.
   */
  Future<JsonObject> next(Caller caller) {
    Tier tier = caller.role().tier().orElseThrow();
    return pool.preparedQuery(MINE).execute(Tuple.of(caller.nip(), tier.name()))
        .compose(mine -> mine.size() > 0 ? Future.succeededFuture(mine)
            : pool.preparedQuery(NEXT.of(caller.scope())).execute(Tuple.of(tier.name(), caller.scope().parameter(),
                caller.nip(), leaseMinutes)))
        .map(rows -> {
          JsonObject out = new JsonObject().put("tier", tier.name());
          if (rows.size() == 0) {
            return out.putNull("submissionId").putNull("claim");
          }
          Row row = rows.iterator().next();
          return out.put("submissionId", row.getLong("submission_id")).put("claim", new JsonObject()
              .put("nip", caller.nip()).put("mine", true).put("expiresAt", row.getOffsetDateTime("claim_expires_at").toString()));
        });
  }

  /** The caller's own claim at its tier; for admins, every claim on the submission in their scope. */
  Future<JsonObject> release(Caller caller, long submissionId) {
    Object scope = caller.scope().parameter();
    boolean admin = caller.role() == Role.ADMIN_INSTANSI || caller.role() == Role.ADMIN_BKN;
    Future<io.vertx.sqlclient.RowSet<Row>> released = admin
        ? pool.preparedQuery(RELEASE_ANY.of(caller.scope())).execute(Tuple.of(submissionId, scope))
        : pool.preparedQuery(RELEASE_OWN.of(caller.scope())).execute(Tuple.of(submissionId, scope,
            caller.role().tier().orElseThrow().name(), caller.nip()));
    return released.compose(rows -> inScope(caller, submissionId).compose(in -> {
      if (!in) {
        return Future.failedFuture(Decisions.notFound());
      }
      return Future.succeededFuture(new JsonObject().put("submissionId", submissionId).put("released", rows.size()));
    }));
  }

  private Future<Boolean> inScope(Caller caller, long submissionId) {
    return pool.preparedQuery(IN_SCOPE.of(caller.scope())).execute(Tuple.of(submissionId, caller.scope().parameter()))
        .map(rows -> rows.size() > 0);
  }

  private static ApiError notPending(Tier tier) {
    return ApiError.conflict("NOT_PENDING", "Tidak ada data pengajuan ini yang menunggu tingkat " + tier.label() + ".");
  }
}

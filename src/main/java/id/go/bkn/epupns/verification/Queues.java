package id.go.bkn.epupns.verification;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a submission's queue entries (submission_tier) equal to its items, inside the transaction
 * that changed them: per tier the number of items pending there and their sections; a tier left with
 * none is finished (its claim ends). And the submission is COMPLETED once every item is resolved.
 */
final class Queues {

  private static final String RECOUNT = """
      with counts as (
        select f.current_tier as tier, count(*)::int as pending, array_agg(distinct f.section order by f.section) as sections
          from submission_field f where f.submission_id = $1 and f.status = 'PENDING' group by f.current_tier
      ), upserted as (
        insert into submission_tier as t (submission_id, tier, satuan_kerja_id, instansi_id, kanreg_id, submitted_at, nama,
                                          pending, sections)
        select s.id, c.tier, s.satuan_kerja_id, s.instansi_id, s.kanreg_id, s.submitted_at, coalesce(s.nama, ''),
               c.pending, c.sections
          from submission s cross join counts c where s.id = $1
        on conflict (submission_id, tier) do update
          set pending = excluded.pending, sections = excluded.sections,
              finished_at = case when t.pending = 0 then null else t.finished_at end
        returning t.tier
      ), finished as (
        update submission_tier t set pending = 0, sections = '{}', claimed_by = null, claim_expires_at = null,
               finished_at = now()
         where t.submission_id = $1 and t.pending > 0 and t.tier not in (select tier from counts)
        returning t.tier
      ), completed as (
        update submission s set status = 'COMPLETED', completed_at = now()
         where s.id = $1 and s.status <> 'COMPLETED'
           and not exists (select 1 from submission_field f where f.submission_id = $1 and f.status in ('PENDING', 'RETURNED'))
        returning s.id
      )
      select (select coalesce(array_agg(tier order by tier), '{}') from finished) as finished,
             exists (select 1 from completed) as completed,
             (select count(*) from upserted) as queued""";

  /** What a recount changed: the tiers that finished with the submission now, and whether it completed. */
  record Outcome(List<String> finishedTiers, boolean completed) {
  }

  /**
   * Taken by every writer of a work unit's submissions (submit, resubmit, decisions) after the
   * submission's row and before anything is counted: the counters kept in the same transaction (the
   * inbox's, monitoring's) are then always locked by one writer of a work unit at a time, so two
   * writers can no longer lock them in opposite orders and deadlock. The first key is this lock's
   * namespace among the service's advisory locks.
   */
  private static final String LOCK_WORK_UNIT = "select pg_advisory_xact_lock(20151, $1)";

  private Queues() {
  }

  static Future<Void> lockWorkUnit(SqlClient tx, int satuanKerjaId) {
    return tx.preparedQuery(LOCK_WORK_UNIT).execute(Tuple.of(satuanKerjaId)).mapEmpty();
  }

  static Future<Outcome> recount(SqlClient tx, long submissionId) {
    return tx.preparedQuery(RECOUNT).execute(Tuple.of(submissionId)).map(rows -> {
      Row row = rows.iterator().next();
      List<String> finished = new ArrayList<>();
      for (Object tier : row.getArrayOfStrings("finished")) {
        finished.add((String) tier);
      }
      return new Outcome(finished, row.getBoolean("completed"));
    });
  }
}

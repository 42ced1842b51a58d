package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.form.SubmissionHandover;
import id.go.bkn.epupns.form.catalogue.Catalogue;
import id.go.bkn.epupns.sapk.Placement;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Submitted forms made in bulk for load tests (the loadtest-prepare command), so that the verification
 * days find work in the prepared verifiers' inboxes. Each goes through the same {@link SubmissionStore#submit}
 * as the form's handover (items routed, queued at SKPD, inbox and monitoring counters kept), in its own
 * transaction, a few in flight: seconds for thousands, no drafts or scans needed. The items are the demo
 * data's three corrections ({@link VerificationDemoData#threeCorrections}: one each for SKPD, BKD and BKN).
 * Never used by the service itself.
 */
public final class BulkSubmissions {

  /** The PNS to submit for, where they sit, and the values the corrections replace; those who submitted are left out. */
  private static final String PNS = """
      select p.nip, p.nama, p.alamat, p.lokasi_kerja, p.tmt_cpns::text as tmt_cpns, p.satuan_kerja_id,
             s.instansi_id, i.kanreg_id
        from pns p join satuan_kerja s on s.id = p.satuan_kerja_id join instansi i on i.id = s.instansi_id
       where p.nip = any($1::bpchar[]) and not exists (select 1 from submission x where x.nip = p.nip)""";

  private BulkSubmissions() {
  }

  /**
   * Submits for each PNS of {@code nips} that has not submitted yet, {@code inFlight} transactions at a
   * time (each takes only its work unit's lock, so they cannot deadlock). Seeds the routing table first,
   * as the service's start-up does, for a database the service has not started on. Answers how many
   * submissions were made.
   */
  public static Future<Integer> submit(Pool pool, Catalogue catalogue, List<String> nips, int inFlight) {
    SubmissionStore store = new SubmissionStore(pool, new Routing(catalogue));
    return VerificationModule.prepare(pool, catalogue)
        .compose(v -> pool.preparedQuery(PNS).execute(Tuple.of((Object) nips.toArray(String[]::new))))
        .compose(rows -> {
          List<Row> people = new ArrayList<>();
          rows.forEach(people::add);
          AtomicInteger next = new AtomicInteger();
          List<Future<Void>> workers = new ArrayList<>();
          for (int w = 0; w < Math.max(1, inFlight); w++) {
            workers.add(work(pool, store, people, next));
          }
          return Future.all(workers).map(v -> people.size());
        });
  }

  /** One worker: submits the next person's form until nobody is left. */
  private static Future<Void> work(Pool pool, SubmissionStore store, List<Row> people, AtomicInteger next) {
    int i = next.getAndIncrement();
    if (i >= people.size()) {
      return Future.succeededFuture();
    }
    Row pns = people.get(i);
    Placement placement = new Placement(pns.getInteger("satuan_kerja_id"), pns.getInteger("instansi_id"),
        pns.getShort("kanreg_id"));
    SubmissionHandover.Submission submission = new SubmissionHandover.Submission(pns.getString("nip"),
        pns.getString("nama"), placement, VerificationDemoData.threeCorrections(pns));
    return pool.withTransaction(tx -> store.submit(tx, submission)).compose(id -> work(pool, store, people, next));
  }
}

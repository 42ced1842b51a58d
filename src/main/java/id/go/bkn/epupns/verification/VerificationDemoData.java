package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.form.Action;
import id.go.bkn.epupns.form.SubmissionHandover;
import id.go.bkn.epupns.form.catalogue.Catalogue;
import id.go.bkn.epupns.sapk.Placement;
import id.go.bkn.epupns.sapk.SapkRecords;
import id.go.bkn.epupns.sapk.Scope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Work waiting in the demo inboxes (--demo only), made through the same code as real submissions
 * and decisions: in each work unit with a demo SKPD verifier, four generated PNS (never an officer or
 * one of the README's PNS) submit three corrections each (alamat: SKPD, lokasi kerja: BKD, TMT CPNS:
 * BKN). Two of them wait at SKPD; the SKPD verifier has accepted the third (now at BKD) and the fourth
 * has passed BKD too (TMT CPNS waits at BKN). Idempotent: a PNS that has submitted is skipped.
 */
public final class VerificationDemoData {

  /** How many demo submissions there are after loading. */
  public record Summary(long submissions) {
  }

  private static final String SKPD_OFFICERS = """
      select o.id, o.nip, o.satuan_kerja_id, s.instansi_id, i.kanreg_id, o.token_version
        from officer o join satuan_kerja s on s.id = o.satuan_kerja_id join instansi i on i.id = s.instansi_id
       where o.role = 'VERIFIER_SKPD' and o.nip = any($1) order by o.nip""";
  private static final String BKD_OFFICER = """
      select id, nip, token_version from officer where role = 'VERIFIER_BKD' and instansi_id = $1 and nip = any($2)
       order by nip limit 1""";
  private static final String PNS = """
      select p.nip, p.nama, p.alamat, p.lokasi_kerja, p.tmt_cpns::text as tmt_cpns
        from pns p
       where p.satuan_kerja_id = $1 and p.nip <> all($2)
         and not exists (select 1 from officer o where o.nip = p.nip)
       order by p.nip limit 4""";
  private static final String SUBMITTED = "select 1 from submission where nip = $1";
  private static final String COUNT = "select count(*) from submission where nip = any($1)";

  private VerificationDemoData() {
  }

  /**
   * @param officers the demo officers' NIPs
   * @param readmePns the README's PNS, whose forms stay open for the reader to fill in
   */
  public static Future<Summary> load(Pool pool, Catalogue catalogue, Set<String> officers, Set<String> readmePns) {
    Routing routing = new Routing(catalogue);
    SubmissionStore store = new SubmissionStore(pool, routing);
    Decisions decisions = new Decisions(pool, new WriteTargets(catalogue), new SapkRecords(),
        () -> "(select null::text where $1::text is not null)", "", null); // demo PNS have no registration: no mail;
    // the demo arranges work as if done in the window: no window check
    String[] officerNips = officers.toArray(String[]::new);
    String[] skip = readmePns.toArray(String[]::new);
    List<String> demoNips = new ArrayList<>();
    return pool.preparedQuery(SKPD_OFFICERS).execute(Tuple.of((Object) officerNips)).compose(units -> {
      Future<Void> chain = Future.succeededFuture();
      for (Row unit : units) {
        chain = chain.compose(v -> unit(pool, store, decisions, unit, officerNips, skip, demoNips));
      }
      return chain;
    }).compose(v -> pool.preparedQuery(COUNT).execute(Tuple.of((Object) demoNips.toArray(String[]::new))))
        .map(rows -> new Summary(rows.iterator().next().getLong(0)));
  }

  private static Future<Void> unit(Pool pool, SubmissionStore store, Decisions decisions, Row unit, String[] officers,
                                   String[] skip, List<String> demoNips) {
    int satker = unit.getInteger("satuan_kerja_id");
    Placement placement = new Placement(satker, unit.getInteger("instansi_id"), unit.getShort("kanreg_id"));
    Caller skpd = new Caller(unit.getLong("id"), unit.getString("nip"), Role.VERIFIER_SKPD, Scope.workUnit(satker),
        unit.getInteger("token_version"));
    return pool.preparedQuery(BKD_OFFICER).execute(Tuple.tuple().addValue(placement.instansiId()).addValue(officers)).compose(bkdRows -> {
      Caller bkd = bkdRows.size() == 0 ? null : new Caller(bkdRows.iterator().next().getLong("id"),
          bkdRows.iterator().next().getString("nip"), Role.VERIFIER_BKD, Scope.agency(placement.instansiId()),
          bkdRows.iterator().next().getInteger("token_version"));
      return pool.preparedQuery(PNS).execute(Tuple.tuple().addValue(satker).addValue(skip)).compose(people -> {
        Future<Void> chain = Future.succeededFuture();
        int n = 0;
        for (Row pns : people) {
          int position = n++;
          demoNips.add(pns.getString("nip"));
          chain = chain.compose(v -> submit(pool, store, placement, pns)).compose(id -> {
            if (id == null || position < 2) {
              return Future.succeededFuture();
            }
            Future<JsonObject> atSkpd = decisions.decide(skpd, id, null);
            return (position == 3 && bkd != null ? atSkpd.compose(x -> decisions.decide(bkd, id, null)) : atSkpd)
                .mapEmpty();
          });
        }
        return chain;
      });
    });
  }

  /** The submission of one demo PNS (null when it had submitted already). */
  private static Future<Long> submit(Pool pool, SubmissionStore store, Placement placement, Row pns) {
    String nip = pns.getString("nip");
    List<SubmissionHandover.Item> items = threeCorrections(pns);
    return pool.withTransaction(tx -> tx.preparedQuery(SUBMITTED).execute(Tuple.of(nip)).compose(found -> found.size() > 0
        ? Future.<Long>succeededFuture(null)
        : store.submit(tx, new SubmissionHandover.Submission(nip, pns.getString("nama"), placement, items))));
  }

  /**
   * Three corrections of a PNS's row (nip, alamat, lokasi_kerja, tmt_cpns as text), one per final
   * authority: alamat (SKPD), lokasi kerja (BKD), TMT CPNS (BKN). Also the load tests' submissions.
   */
  static List<SubmissionHandover.Item> threeCorrections(Row pns) {
    String nip = pns.getString("nip");
    return List.of(
        new SubmissionHandover.Item("utama", "alamat", null, Action.CORRECT, "Alamat", pns.getString("alamat"),
            "Jl. Soekarno-Hatta No. " + nip.substring(15) + ", Bandung", List.of()),
        new SubmissionHandover.Item("posisi", "lokasi_kerja", null, Action.CORRECT, "Lokasi kerja",
            pns.getString("lokasi_kerja"), "Kantor Pusat, Jl. Diponegoro No. 22, Bandung", List.of()),
        new SubmissionHandover.Item("utama", "tmt_cpns", null, Action.CORRECT, "TMT CPNS", pns.getString("tmt_cpns"),
            nip.substring(8, 12) + "-" + nip.substring(12, 14) + "-01", List.of()));
  }
}

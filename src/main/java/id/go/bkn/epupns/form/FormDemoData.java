package id.go.bkn.epupns.form;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/**
 * Demo reference tables (--demo only): schools and health units for every agency that has teachers
 * or doctors, so the demo teachers and doctors find their school or Puskesmas in the autocomplete.
 * Idempotent: form_seed_reference skips an agency that already has reference rows.
 */
public final class FormDemoData {

  private static final String SEED = """
      select form_seed_reference(i.id,
               regexp_replace(i.nama, '^(Pemerintah )?(Provinsi |Kabupaten |Kota )?', ''), 40, 10)
        from instansi i
       where exists (select 1 from pns p where p.instansi_kerja_id = i.id and (p.guru or p.dokter))""";

  private FormDemoData() {
  }

  public static Future<Void> load(Pool pool) {
    return pool.query(SEED).execute().mapEmpty();
  }
}

package id.go.bkn.epupns.form;

import id.go.bkn.epupns.sapk.Kecamatan;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Demo reference tables (--demo only): schools and health units for every agency that has teachers
 * or doctors, so that each demo teacher and doctor finds their own unit in the autocomplete, under
 * a real-looking name. An agency's rows are its own schools, health centres and hospitals of the
 * organisation tree (Rizal's "Rumah Sakit Umum Daerah Kabupaten Bandung", Bayu's "RSUP Dr. Hasan
 * Sadikin"), plus, where its districts are known ({@link Kecamatan}: Kabupaten and Kota Bandung),
 * schools and Puskesmas named after them as real ones are ("SMP Negeri 1 Soreang", "Puskesmas
 * Majalaya"). An agency with neither gets the generic rows of form_seed_reference. Idempotent: an
 * agency that already has reference rows is skipped.
 */
public final class FormDemoData {

  /** How many schools and health units the demo agencies have after loading. */
  public record Summary(long schools, long healthUnits) {
  }

  private static final String AGENCIES = """
      select i.id, i.nama, i.jenis, i.lokasi_nama,
             exists (select 1 from ref_sekolah r where r.instansi_id = i.id)
               or exists (select 1 from ref_unit_kesehatan r where r.instansi_id = i.id) as seeded
        from (select id, nama, jenis, regexp_replace(nama, '^(Pemerintah )?(Provinsi |Kabupaten |Kota )?', '') as lokasi_nama
                from instansi) i
       where exists (select 1 from pns p where p.instansi_kerja_id = i.id and (p.guru or p.dokter))""";
  private static final String UNITS = """
      select nama, lokasi from satuan_kerja
       where instansi_id = $1 and nama ~ '^(SD|SMP|SMA|SMK|SLB|Puskesmas|Rumah Sakit|RSU|RSUP|RSUD) '
       order by id""";
  private static final String SCHOOL = """
      insert into ref_sekolah (instansi_id, npsn, nama, jenjang, alamat) values ($1, $2, $3, $4, $5)""";
  private static final String HEALTH = """
      insert into ref_unit_kesehatan (instansi_id, jenis, nama, alamat) values ($1, $2, $3, $4)""";
  private static final String GENERIC = "select form_seed_reference($1, $2, 40, 10)";
  private static final String COUNTS = """
      select (select count(*) from ref_sekolah r where r.instansi_id in (select i.id from instansi i
                where exists (select 1 from pns p where p.instansi_kerja_id = i.id and (p.guru or p.dokter)))) as schools,
             (select count(*) from ref_unit_kesehatan r where r.instansi_id in (select i.id from instansi i
                where exists (select 1 from pns p where p.instansi_kerja_id = i.id and (p.guru or p.dokter)))) as units""";

  private FormDemoData() {
  }

  public static Future<Summary> load(Pool pool) {
    return pool.withTransaction(tx -> tx.query(AGENCIES).execute().compose(agencies -> {
          Future<Void> chain = Future.succeededFuture();
          for (Row agency : agencies) {
            if (!agency.getBoolean("seeded")) {
              chain = chain.compose(v -> seed(tx, agency));
            }
          }
          return chain;
        }))
        .compose(v -> pool.query(COUNTS).execute())
        .map(rows -> new Summary(rows.iterator().next().getLong("schools"), rows.iterator().next().getLong("units")));
  }

  private static Future<Void> seed(SqlConnection tx, Row agency) {
    int id = agency.getInteger("id");
    String place = agency.getString("lokasi_nama");
    boolean kabupaten = "KABUPATEN".equals(agency.getString("jenis"));
    return tx.preparedQuery(UNITS).execute(Tuple.of(id)).compose(units -> {
      Map<String, Tuple> schools = new LinkedHashMap<>();
      Map<String, Tuple> health = new LinkedHashMap<>();
      for (Row unit : units) {
        String nama = unit.getString("nama");
        String where = unit.getString("lokasi");
        if (nama.startsWith("SLB ")) {
          // A special school teaches every level.
          for (String level : new String[] {"SD", "SMP", "SMA"}) {
            school(schools, id, nama, level, where);
          }
        } else if (nama.startsWith("SD ") || nama.startsWith("SMP ")) {
          school(schools, id, nama, nama.substring(0, nama.indexOf(' ')), where);
        } else if (nama.startsWith("SMA ") || nama.startsWith("SMK ")) {
          school(schools, id, nama, "SMA", where);
        } else {
          health.put(nama, Tuple.of(id, nama.startsWith("Puskesmas ") ? "Puskesmas" : "Rumah Sakit", nama, where));
        }
      }
      List<String> districts = Kecamatan.of(id);
      for (int d = 0; d < districts.size(); d++) {
        String district = districts.get(d);
        String address = "Kecamatan " + district + ", " + place;
        for (int n = 1; n <= 3; n++) {
          school(schools, id, "SD Negeri " + n + " " + district, "SD", address);
        }
        health.putIfAbsent("Puskesmas " + district, Tuple.of(id, "Puskesmas", "Puskesmas " + district, address));
        if (kabupaten) {
          school(schools, id, "SMP Negeri 1 " + district, "SMP", address);
          school(schools, id, "SMA Negeri 1 " + district, "SMA", address);
          if (d < 3) {
            // Soreang, Majalaya and Cicalengka each have a regional hospital.
            health.putIfAbsent("RSUD " + district, Tuple.of(id, "Rumah Sakit", "RSUD " + district, address));
          }
        }
      }
      if (!districts.isEmpty() && !kabupaten) {
        // A city numbers its secondary schools after itself: SMP Negeri 5 Bandung, SMA Negeri 3 Bandung.
        for (int n = 1; n <= 30; n++) {
          school(schools, id, "SMP Negeri " + n + " " + place, "SMP", place);
          school(schools, id, "SMA Negeri " + n + " " + place, "SMA", place);
        }
      }
      if (schools.isEmpty() && health.isEmpty()) {
        return tx.preparedQuery(GENERIC).execute(Tuple.of(id, place)).mapEmpty();
      }
      return batch(tx, SCHOOL, new ArrayList<>(schools.values()))
          .compose(v -> batch(tx, HEALTH, new ArrayList<>(health.values())));
    });
  }

  /** NPSN-like numbers: 8 digits, unique per agency and row. */
  private static void school(Map<String, Tuple> schools, int agency, String nama, String level, String address) {
    String key = level + " " + nama;
    if (!schools.containsKey(key)) {
      String npsn = String.format("%08d", (agency % 10_000) * 10_000 + schools.size() + 1);
      schools.put(key, Tuple.of(agency, npsn, nama, level, address));
    }
  }

  private static Future<Void> batch(SqlConnection tx, String sql, List<Tuple> rows) {
    return rows.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(sql).executeBatch(rows).mapEmpty();
  }
}

package id.go.bkn.epupns.sapk;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.database.DatabaseSettings;
import id.go.bkn.epupns.sapk.OrganisationTree.Instansi;
import id.go.bkn.epupns.sapk.PnsGenerator.Profile;
import id.go.bkn.epupns.sapk.PnsGenerator.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The demo data set ({@code --demo}): about 3,000 PNS of five agencies served by Kanreg III
 * Bandung and BKN Pusat (Pemerintah Kabupaten Bandung, Pemerintah Kota Bandung, Pemerintah Provinsi
 * Jawa Barat, Kementerian Kesehatan, Badan Kepegawaian Negara), their organisation tree and
 * histories, plus officer accounts for every role and scope. Deterministic (fixed seed: the same
 * NIPs every time) and idempotent (loading twice gives the same data: upserts, officers created
 * once). Every agency requires the bureau's approval of registrations except Pemerintah Kota
 * Bandung. The identities below are documented in README.md ("Demo data").
 */
public final class DemoData {

  public static final long SEED = 20150901L;
  public static final int RANDOM_PNS = 3000;
  /** Every demo officer's password. */
  public static final String OFFICER_PASSWORD = "PupnsDemo2015!";

  public static final int KANREG_III_ID = 3;
  public static final int BKN_PUSAT_ID = 0;
  public static final int INSTANSI_KAB_BANDUNG_ID = 3204;
  public static final int INSTANSI_KOTA_BANDUNG_ID = 3273;
  public static final int INSTANSI_PROV_JABAR_ID = 3200;
  public static final int INSTANSI_KEMENKES_ID = 4017;
  public static final int INSTANSI_BKN_ID = 4039;
  /** The one demo agency whose PNS may log in without the bureau's approval. */
  public static final int INSTANSI_WITHOUT_APPROVAL_ID = INSTANSI_KOTA_BANDUNG_ID;

  // PNS to register with (NIP + NIK agree).
  /** Ordinary PNS (fungsional umum), male, Sekretariat Daerah of Kota Bandung. */
  public static final String DEMO_PNS_NIP = "198005142005031001";
  public static final String DEMO_PNS_NIK = "3273051405800001";
  public static final String DEMO_PNS_NAMA = "Asep Sunarya";
  /** Teacher (guru), female, Dinas Pendidikan of Kabupaten Bandung. */
  public static final String DEMO_PNS_TEACHER_NIP = "197808212003122002";
  public static final String DEMO_PNS_TEACHER_NIK = "3204126108780007";
  public static final String DEMO_PNS_TEACHER_NAMA = "Euis Nurhayati";
  /** Doctor (dokter), male, RSUD of Kabupaten Bandung. */
  public static final String DEMO_PNS_DOCTOR_NIP = "198402032010031001";
  public static final String DEMO_PNS_DOCTOR_NIK = "3204070302840012";
  public static final String DEMO_PNS_DOCTOR_NAMA = "Rizal Permana";
  /** Female PNS (fungsional umum), Sekretariat Daerah of Provinsi Jawa Barat. */
  public static final String DEMO_PNS_FEMALE_NIP = "199011302014042001";
  public static final String DEMO_PNS_FEMALE_NIK = "3273027011900003";
  public static final String DEMO_PNS_FEMALE_NAMA = "Siti Rahmawati";
  /** Central PNS (fungsional umum), male, RSUP Dr. Hasan Sadikin, Kementerian Kesehatan. */
  public static final String DEMO_PNS_PUSAT_NIP = "198609122011011001";
  public static final String DEMO_PNS_PUSAT_NIK = "3273041209860021";
  public static final String DEMO_PNS_PUSAT_NAMA = "Bayu Nugroho";

  // Officers (each is also a PNS of the demo data).
  public static final String VERIFIER_SKPD_DINAS_PENDIDIKAN_KAB_BANDUNG_NIP = "197003171995031001";
  public static final String VERIFIER_SKPD_RSUD_KAB_BANDUNG_NIP = "197111211996031001";
  public static final String VERIFIER_SKPD_SETDA_KOTA_BANDUNG_NIP = "197205061997031001";
  public static final String VERIFIER_SKPD_SETDA_PROV_JABAR_NIP = "197309181998031001";
  public static final String VERIFIER_SKPD_RSUP_HASAN_SADIKIN_NIP = "197404092000031001";
  public static final String VERIFIER_BKD_KAB_BANDUNG_NIP = "197209051997031001";
  public static final String VERIFIER_BKD_KOTA_BANDUNG_NIP = "197404111999031001";
  public static final String VERIFIER_BKD_PROV_JABAR_NIP = "197112081996031001";
  public static final String VERIFIER_BKD_KEMENKES_NIP = "197305271998031001";
  public static final String ADMIN_INSTANSI_KAB_BANDUNG_NIP = "197601252000032001";
  public static final String ADMIN_INSTANSI_KOTA_BANDUNG_NIP = "197907022003032001";
  public static final String ADMIN_INSTANSI_PROV_JABAR_NIP = "197710192002032001";
  public static final String ADMIN_INSTANSI_KEMENKES_NIP = "197502141999032001";
  public static final String VERIFIER_BKN_KANREG_III_NIP = "197606302001031001";
  public static final String VERIFIER_BKN_PUSAT_NIP = "197008081994031001";
  public static final String ADMIN_BKN_NIP = "197803032003032001";

  /** A demo officer: who, which role, and the scope (work unit name, agency or Kanreg). */
  public record Officer(String nip, String nik, String nama, String role, int instansiId, String satuanKerjaNama,
                        boolean scopeSatuanKerja, boolean scopeInstansi, Integer kanregId) {
  }

  private static final List<Officer> OFFICERS = List.of(
      skpd(VERIFIER_SKPD_DINAS_PENDIDIKAN_KAB_BANDUNG_NIP, "3204101703700004", "Dadang Supriatna",
          INSTANSI_KAB_BANDUNG_ID, "Dinas Pendidikan"),
      skpd(VERIFIER_SKPD_RSUD_KAB_BANDUNG_NIP, "3204092111710003", "Yusuf Hermawan",
          INSTANSI_KAB_BANDUNG_ID, "Rumah Sakit Umum Daerah Kabupaten Bandung"),
      skpd(VERIFIER_SKPD_SETDA_KOTA_BANDUNG_NIP, "3273090605720006", "Deden Kusnadi",
          INSTANSI_KOTA_BANDUNG_ID, "Sekretariat Daerah"),
      skpd(VERIFIER_SKPD_SETDA_PROV_JABAR_NIP, "3273011809730014", "Iwan Gunawan",
          INSTANSI_PROV_JABAR_ID, "Sekretariat Daerah"),
      skpd(VERIFIER_SKPD_RSUP_HASAN_SADIKIN_NIP, "3273100904740018", "Hari Wibowo",
          INSTANSI_KEMENKES_ID, "RSUP Dr. Hasan Sadikin"),
      agency(VERIFIER_BKD_KAB_BANDUNG_NIP, "3204150509720008", "Cecep Hidayat", "VERIFIER_BKD",
          INSTANSI_KAB_BANDUNG_ID, "Badan Kepegawaian Daerah"),
      agency(VERIFIER_BKD_KOTA_BANDUNG_NIP, "3273081104740002", "Yayan Permana", "VERIFIER_BKD",
          INSTANSI_KOTA_BANDUNG_ID, "Badan Kepegawaian Daerah"),
      agency(VERIFIER_BKD_PROV_JABAR_NIP, "3273060812710005", "Hendi Sukmana", "VERIFIER_BKD",
          INSTANSI_PROV_JABAR_ID, "Badan Kepegawaian Daerah"),
      agency(VERIFIER_BKD_KEMENKES_NIP, "3175022705730009", "Agus Prasetyo", "VERIFIER_BKD",
          INSTANSI_KEMENKES_ID, "Sekretariat Jenderal"),
      agency(ADMIN_INSTANSI_KAB_BANDUNG_NIP, "3204036501760015", "Neneng Kurniasih", "ADMIN_INSTANSI",
          INSTANSI_KAB_BANDUNG_ID, "Badan Kepegawaian Daerah"),
      agency(ADMIN_INSTANSI_KOTA_BANDUNG_NIP, "3273114207790019", "Rina Komalasari", "ADMIN_INSTANSI",
          INSTANSI_KOTA_BANDUNG_ID, "Badan Kepegawaian Daerah"),
      agency(ADMIN_INSTANSI_PROV_JABAR_NIP, "3217045910770011", "Lilis Suryani", "ADMIN_INSTANSI",
          INSTANSI_PROV_JABAR_ID, "Badan Kepegawaian Daerah"),
      agency(ADMIN_INSTANSI_KEMENKES_NIP, "3172055402750013", "Sri Wahyuningsih", "ADMIN_INSTANSI",
          INSTANSI_KEMENKES_ID, "Sekretariat Jenderal"),
      new Officer(VERIFIER_BKN_KANREG_III_NIP, "3204203006760006", "Ujang Saepudin", "VERIFIER_BKN",
          INSTANSI_BKN_ID, "Kantor Regional III BKN Bandung", false, false, KANREG_III_ID),
      new Officer(VERIFIER_BKN_PUSAT_NIP, "3175010808700017", "Bambang Wibowo", "VERIFIER_BKN",
          INSTANSI_BKN_ID, "Deputi Bidang Penyelenggaraan", false, false, BKN_PUSAT_ID),
      new Officer(ADMIN_BKN_NIP, "3174064303780010", "Dewi Lestari", "ADMIN_BKN",
          INSTANSI_BKN_ID, "Sekretariat Utama", false, false, null));

  private static final List<Profile> PNS = List.of(
      new Profile(DEMO_PNS_NIP, DEMO_PNS_NIK, DEMO_PNS_NAMA, INSTANSI_KOTA_BANDUNG_ID, "Sekretariat Daerah", Role.UMUM),
      new Profile(DEMO_PNS_TEACHER_NIP, DEMO_PNS_TEACHER_NIK, DEMO_PNS_TEACHER_NAMA, INSTANSI_KAB_BANDUNG_ID,
          "Dinas Pendidikan", Role.GURU),
      new Profile(DEMO_PNS_DOCTOR_NIP, DEMO_PNS_DOCTOR_NIK, DEMO_PNS_DOCTOR_NAMA, INSTANSI_KAB_BANDUNG_ID,
          "Rumah Sakit Umum Daerah Kabupaten Bandung", Role.DOKTER),
      new Profile(DEMO_PNS_FEMALE_NIP, DEMO_PNS_FEMALE_NIK, DEMO_PNS_FEMALE_NAMA, INSTANSI_PROV_JABAR_ID,
          "Sekretariat Daerah", Role.UMUM),
      new Profile(DEMO_PNS_PUSAT_NIP, DEMO_PNS_PUSAT_NIK, DEMO_PNS_PUSAT_NAMA, INSTANSI_KEMENKES_ID,
          "RSUP Dr. Hasan Sadikin", Role.UMUM));

  private static final int[] AGENCIES = {INSTANSI_KAB_BANDUNG_ID, INSTANSI_KOTA_BANDUNG_ID, INSTANSI_PROV_JABAR_ID,
      INSTANSI_KEMENKES_ID, INSTANSI_BKN_ID};
  private static final int[] AGENCY_WEIGHTS = {1100, 800, 500, 500, 100};

  private DemoData() {
  }

  public static List<Officer> officers() {
    return OFFICERS;
  }

  /** What a demo load left in the database, for the start-up log. */
  public record Summary(long pns, int agencies, long officers) {
  }

  /** Loads the demo data: records with JDBC/COPY on a worker thread, officers through the pool. */
  public static Future<Summary> load(Vertx vertx, Pool pool, AppConfig config) {
    DatabaseSettings db;
    try {
      db = DatabaseSettings.from(config);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    int memory = config.integer("passwordHash.memoryKib");
    int iterations = config.integer("passwordHash.iterations");
    int parallelism = config.integer("passwordHash.parallelism");
    return vertx.executeBlocking(() -> {
      loadRecords(db);
      return null;
    }, false).compose(v -> pool.preparedQuery("select nip from officer where nip = any($1)")
        .execute(Tuple.of(OFFICERS.stream().map(Officer::nip).toArray(String[]::new))))
        .compose(existing -> {
          Set<String> present = new HashSet<>();
          for (Row r : existing) {
            present.add(r.getString(0).trim());
          }
          List<Officer> missing = OFFICERS.stream().filter(o -> !present.contains(o.nip())).toList();
          // Argon2 is slow on purpose: off the event loop.
          return vertx.executeBlocking(() -> {
            List<Tuple> rows = new ArrayList<>();
            Argon2Function argon2 = Argon2Function.getInstance(memory, iterations, parallelism, 32, Argon2.ID);
            OrganisationTree tree = OrganisationTree.get();
            for (Officer o : missing) {
              // A salt of its own per officer, as for any account.
              String own = Password.hash(OFFICER_PASSWORD).addRandomSalt(16).with(argon2).getResult();
              Integer satker = o.scopeSatuanKerja() ? satuanKerjaId(tree, o.instansiId(), o.satuanKerjaNama()) : null;
              rows.add(Tuple.of(o.nip(), o.nama(), o.role(), satker, o.scopeInstansi() ? o.instansiId() : null,
                  o.kanregId() == null ? null : o.kanregId().shortValue(), own));
            }
            return rows;
          }, false);
        })
        .compose(rows -> rows.isEmpty() ? Future.succeededFuture() : pool.preparedQuery("""
            insert into officer (nip, nama, role, satuan_kerja_id, instansi_id, kanreg_id, password_hash)
            values ($1, $2, $3, $4, $5, $6, $7) on conflict (nip) do nothing""").executeBatch(rows))
        .compose(v -> pool.preparedQuery("""
            select (select count(*) from pns where instansi_kerja_id = any($1)) as pns,
                   (select count(*) from officer where nip = any($2)) as officers""")
            .execute(Tuple.tuple().addValue(Arrays.stream(AGENCIES).boxed().toArray(Integer[]::new))
                .addValue(OFFICERS.stream().map(Officer::nip).toArray(String[]::new))))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Summary(row.getLong("pns"), AGENCIES.length, row.getLong("officers"));
        });
  }

  /** The organisation tree of the demo agencies, their PNS and histories (blocking JDBC). */
  static void loadRecords(DatabaseSettings db) throws Exception {
    OrganisationTree tree = OrganisationTree.get();
    List<Instansi> agencies = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    for (int id : AGENCIES) {
      agencies.add(tree.instansi(id));
      ids.add(id);
    }
    PnsGenerator generator = new PnsGenerator(SEED, PnsGenerator.DEFAULT_SNAPSHOT, agencies, AGENCY_WEIGHTS);
    StringBuilder csv = new StringBuilder(4 << 20).append(SapkCsv.header()).append('\n');
    // Fixed identities first, so that random NIPs never take their sequence numbers.
    for (Profile p : PNS) {
      SapkCsv.appendLine(csv, generator.next(p));
    }
    for (Officer o : OFFICERS) {
      SapkCsv.appendLine(csv, generator.next(new Profile(o.nip(), o.nik(), o.nama(), o.instansiId(),
          o.satuanKerjaNama(), Role.STRUKTURAL)));
    }
    for (int i = 0; i < RANDOM_PNS; i++) {
      SapkCsv.appendLine(csv, generator.next());
    }
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      OrganisationTreeLoader.load(c, ids);
      StringWriter errors = new StringWriter();
      byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
      SapkImporter.Result result = new SapkImporter(c, 10_000, true, null)
          .run(new ByteArrayInputStream(bytes), bytes.length, 0, errors);
      if (result.rejected() > 0) {
        throw new IllegalStateException("demo data has invalid rows: " + errors);
      }
      try (PreparedStatement st = c.prepareStatement(
          "update instansi set approval_required = (id <> ?) where id = any(?)")) {
        st.setInt(1, INSTANSI_WITHOUT_APPROVAL_ID);
        st.setArray(2, c.createArrayOf("integer", ids.toArray()));
        st.executeUpdate();
      }
    }
  }

  private static Integer satuanKerjaId(OrganisationTree tree, int instansiId, String nama) {
    return tree.satuanKerjaOf(instansiId).stream().filter(s -> s.nama().equals(nama)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no satuan kerja " + nama)).id();
  }

  private static Officer skpd(String nip, String nik, String nama, int instansiId, String satuanKerja) {
    return new Officer(nip, nik, nama, "VERIFIER_SKPD", instansiId, satuanKerja, true, false, null);
  }

  private static Officer agency(String nip, String nik, String nama, String role, int instansiId, String satuanKerja) {
    return new Officer(nip, nik, nama, role, instansiId, satuanKerja, false, true, null);
  }
}

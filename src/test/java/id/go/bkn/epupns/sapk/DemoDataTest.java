package id.go.bkn.epupns.sapk;

import com.password4j.Argon2Function;
import com.password4j.Password;
import id.go.bkn.epupns.core.database.Database;
import id.go.bkn.epupns.core.database.DatabaseSettings;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static id.go.bkn.epupns.testing.TestService.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoDataTest {

  private static TestService service;

  @BeforeAll
  static void start() {
    service = TestService.start(DemoDataTest.class, Map.of()); // with --demo
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void loadingTwiceGivesTheSameData() {
    Map<String, Long> before = counts();
    String hashBefore = service.sql("select password_hash from officer where nip = $1", DemoData.ADMIN_BKN_NIP)
        .iterator().next().getString(0);
    Pool pool = Database.pool(service.vertx(), DatabaseSettings.from(service.running().config()));
    await(DemoData.load(service.vertx(), pool, service.running().config()));
    assertEquals(before, counts());
    assertEquals(hashBefore, service.sql("select password_hash from officer where nip = $1", DemoData.ADMIN_BKN_NIP)
        .iterator().next().getString(0));
    assertTrue(before.get("pns") >= DemoData.RANDOM_PNS, "about 3,000 PNS: " + before);
    for (String table : new String[] {"riwayat_golongan", "riwayat_pendidikan", "riwayat_diklat", "riwayat_jabatan",
        "keluarga"}) {
      assertTrue(before.get(table) > 0, table);
    }
  }

  @Test
  void demoPnsArePresentWithAgreeingNik() {
    assertPns(DemoData.DEMO_PNS_NIP, DemoData.DEMO_PNS_NIK, DemoData.DEMO_PNS_NAMA, "L", false, false);
    assertPns(DemoData.DEMO_PNS_TEACHER_NIP, DemoData.DEMO_PNS_TEACHER_NIK, DemoData.DEMO_PNS_TEACHER_NAMA, "P", true, false);
    assertPns(DemoData.DEMO_PNS_DOCTOR_NIP, DemoData.DEMO_PNS_DOCTOR_NIK, DemoData.DEMO_PNS_DOCTOR_NAMA, "L", false, true);
    assertPns(DemoData.DEMO_PNS_FEMALE_NIP, DemoData.DEMO_PNS_FEMALE_NIK, DemoData.DEMO_PNS_FEMALE_NAMA, "P", false, false);
    assertPns(DemoData.DEMO_PNS_PUSAT_NIP, DemoData.DEMO_PNS_PUSAT_NIK, DemoData.DEMO_PNS_PUSAT_NAMA, "L", false, false);
    Row teacher = service.sql("select jabatan_fungsional_tertentu from pns where nip = $1",
        DemoData.DEMO_PNS_TEACHER_NIP).iterator().next();
    assertTrue(teacher.getString(0).startsWith("Guru "), teacher.getString(0));
    Row doctor = service.sql("select jabatan_fungsional_tertentu, gelar_depan from pns where nip = $1",
        DemoData.DEMO_PNS_DOCTOR_NIP).iterator().next();
    assertTrue(doctor.getString(0).startsWith("Dokter "), doctor.getString(0));
  }

  @Test
  void officersExistForEveryRoleAndScope() {
    for (DemoData.Officer o : DemoData.officers()) {
      Row r = service.sql("""
          select o.role, o.satuan_kerja_id, o.instansi_id, o.kanreg_id, o.password_hash, p.nama
          from officer o join pns p on p.nip = o.nip where o.nip = $1""", o.nip()).iterator().next();
      assertEquals(o.role(), r.getString(0));
      assertEquals(o.nama(), r.getString(5), "the officer is a PNS of the demo data");
      if (o.scopeSatuanKerja()) {
        assertNotNull(r.getInteger(1));
      }
      if (o.scopeInstansi()) {
        assertEquals(o.instansiId(), r.getInteger(2));
      }
      if (o.kanregId() != null) {
        assertEquals(o.kanregId(), r.getInteger(3));
      }
      String hash = r.getString(4);
      assertTrue(hash.startsWith("$argon2id$v=19$m="), hash);
      assertTrue(Password.check(DemoData.OFFICER_PASSWORD, hash).with(Argon2Function.getInstanceFromHash(hash)));
    }
    Row roles = service.sql("select count(distinct role) from officer").iterator().next();
    assertEquals(5, roles.getLong(0));
    assertEquals(DemoData.KANREG_III_ID, service.sql("select kanreg_id from instansi where id = $1",
        DemoData.INSTANSI_KAB_BANDUNG_ID).iterator().next().getInteger(0));
  }

  @Test
  void approvalIsOffForOneAgencyOnly() {
    assertFalse(service.sql("select approval_required from instansi where id = $1",
        DemoData.INSTANSI_WITHOUT_APPROVAL_ID).iterator().next().getBoolean(0));
    for (int id : new int[] {DemoData.INSTANSI_KAB_BANDUNG_ID, DemoData.INSTANSI_PROV_JABAR_ID,
        DemoData.INSTANSI_KEMENKES_ID, DemoData.INSTANSI_BKN_ID}) {
      assertTrue(service.sql("select approval_required from instansi where id = $1", id).iterator().next().getBoolean(0));
    }
    assertEquals("Kementerian Kesehatan", service.sql("select nama from instansi where id = $1",
        DemoData.INSTANSI_KEMENKES_ID).iterator().next().getString(0));
    assertEquals("Badan Kepegawaian Negara", service.sql("select nama from instansi where id = $1",
        DemoData.INSTANSI_BKN_ID).iterator().next().getString(0));
  }

  private static void assertPns(String nip, String nik, String nama, String sex, boolean guru, boolean dokter) {
    Row r = service.sql("select nik, nama, jenis_kelamin, guru, dokter from pns where nip = $1", nip).iterator().next();
    assertEquals(nik, r.getString(0));
    assertEquals(nama, r.getString(1));
    assertEquals(sex, r.getString(2));
    assertEquals(guru, r.getBoolean(3));
    assertEquals(dokter, r.getBoolean(4));
    Nip parsed = Nip.parse(nip).get();
    assertEquals(null, Nik.parse(nik).get().disagreementWith(parsed));
  }

  private static Map<String, Long> counts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : new String[] {"kanreg", "instansi", "satuan_kerja", "unit_organisasi", "pns",
        "riwayat_golongan", "riwayat_pendidikan", "riwayat_diklat", "riwayat_jabatan", "keluarga", "officer"}) {
      counts.put(table, service.sql("select count(*) from " + table).iterator().next().getLong(0));
    }
    return counts;
  }
}

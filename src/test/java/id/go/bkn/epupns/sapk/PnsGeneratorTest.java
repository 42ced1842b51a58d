package id.go.bkn.epupns.sapk;

import id.go.bkn.epupns.sapk.OrganisationTree.Instansi;
import id.go.bkn.epupns.sapk.OrganisationTree.SatuanKerja;
import id.go.bkn.epupns.sapk.SapkCsv.Column;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PnsGeneratorTest {

  private static final int COUNT = 20_000;
  private static final List<String[]> ROWS = new ArrayList<>();

  @BeforeAll
  static void generate() {
    PnsGenerator generator = new PnsGenerator(42);
    for (int i = 0; i < COUNT; i++) {
      ROWS.add(generator.next());
    }
  }

  @Test
  void referenceDataIsComplete() {
    Wilayah w = Wilayah.get();
    assertEquals(34, w.provinsi().size());
    assertEquals(514, w.kabupaten().size());
    assertEquals("Aceh", w.provinsi(11).nama());
    assertEquals("Papua", w.provinsi(94).nama());
    assertEquals("Bandung", w.kabupaten(32).stream().filter(k -> k.kode() == 73).findFirst().orElseThrow().nama());
    OrganisationTree tree = OrganisationTree.get();
    assertEquals(15, tree.kanreg().size());
    assertEquals("Bandung", tree.kanreg().get(3).kota());
    long pusat = tree.instansi().stream().filter(Instansi::pusat).count();
    assertTrue(pusat >= 75, "central agencies: " + pusat);
    // 34 provinces + 508 autonomous regencies and cities (DKI's 6 are administrative).
    assertEquals(34 + 508, tree.instansi().size() - pusat);
    for (Instansi i : tree.instansi()) {
      assertTrue(i.pusat() ? i.kanregId() == 0 : i.kanregId() == w.provinsi(i.provinsiKode()).kanregId(), i.nama());
      assertTrue(tree.satuanKerjaOf(i.id()).size() >= 3, i.nama());
    }
    Set<Integer> ids = new HashSet<>();
    tree.satuanKerja().forEach(s -> assertTrue(ids.add(s.id()), "duplicate satuan kerja id " + s.id()));
    assertEquals(tree.unitOrganisasi().size(), tree.unitOrganisasi().stream().map(u -> u.id()).distinct().count());
  }

  @Test
  void nipAndNikAreValidAgreeAndUnique() {
    OrganisationTree tree = OrganisationTree.get();
    Set<String> nips = new HashSet<>();
    for (String[] r : ROWS) {
      Nip nip = Nip.parse(r[Column.NIP.ordinal()], YearMonth.now()).get();
      assertTrue(nips.add(nip.value()), "duplicate NIP " + nip.value());
      Nik nik = Nik.parse(r[Column.NIK.ordinal()]).get();
      assertNull(nik.disagreementWith(nip), nip.value());
      assertEquals(nip.birthDate(), LocalDate.parse(r[Column.TANGGAL_LAHIR.ordinal()]));
      assertEquals(nip.female() ? "P" : "L", r[Column.JENIS_KELAMIN.ordinal()]);
      assertEquals(nip.cpnsStart(), YearMonth.from(LocalDate.parse(r[Column.TMT_CPNS.ordinal()])));
      SatuanKerja satker = tree.satuanKerja(Integer.parseInt(r[Column.SATUAN_KERJA_ID.ordinal()]));
      Instansi agency = tree.instansi(Integer.parseInt(r[Column.INSTANSI_KERJA_ID.ordinal()]));
      assertEquals(agency.id(), satker.instansiId());
      if (!agency.pusat()) {
        assertEquals(agency.provinsiKode().intValue(), nik.province(), "NIK province of a regional PNS");
      }
      String bpjs = r[Column.BPJS_NOMOR.ordinal()];
      assertTrue(bpjs == null || bpjs.matches("\\d{13}"), bpjs);
    }
  }

  @Test
  void datesRanksAndHistoriesAgree() {
    LocalDate snapshot = PnsGenerator.DEFAULT_SNAPSHOT;
    for (String[] r : ROWS) {
      String nip = r[Column.NIP.ordinal()];
      LocalDate tmtCpns = LocalDate.parse(r[Column.TMT_CPNS.ordinal()]);
      String tmtPns = r[Column.TMT_PNS.ordinal()];
      if (tmtPns == null) {
        assertEquals("CPNS", r[Column.STATUS_PEGAWAI.ordinal()]);
      } else {
        assertTrue(LocalDate.parse(tmtPns).isAfter(tmtCpns), nip);
      }
      long months = ChronoUnit.MONTHS.between(tmtCpns, snapshot);
      assertEquals(months / 12, Long.parseLong(r[Column.MASA_KERJA_TAHUN.ordinal()]), nip);
      assertEquals(months % 12, Long.parseLong(r[Column.MASA_KERJA_BULAN.ordinal()]), nip);
      List<String[]> golongan = SapkCsv.splitRows(r[Column.RIWAYAT_GOLONGAN.ordinal()]);
      String[] last = golongan.get(golongan.size() - 1);
      assertEquals(r[Column.GOLONGAN.ordinal()], last[0], nip);
      assertEquals(r[Column.TMT_GOLONGAN.ordinal()], last[1], nip);
      assertEquals(r[Column.TMT_CPNS.ordinal()], golongan.get(0)[1], nip);
      for (int i = 1; i < golongan.size(); i++) {
        assertTrue(SapkCsv.GOLONGAN.indexOf(golongan.get(i)[0]) > SapkCsv.GOLONGAN.indexOf(golongan.get(i - 1)[0]), nip);
        assertTrue(golongan.get(i)[1].compareTo(golongan.get(i - 1)[1]) > 0, nip);
      }
      int rank = SapkCsv.GOLONGAN.indexOf(r[Column.GOLONGAN.ordinal()]);
      String education = r[Column.PENDIDIKAN_TINGKAT.ordinal()];
      // Diploma ceilings: primary school stays in golongan I/II, a bachelor starts at III/a.
      if (education.equals("SD") || education.equals("SMP")) {
        assertTrue(rank <= SapkCsv.GOLONGAN.indexOf("II/c"), nip);
      }
      if (education.startsWith("S") && !education.equals("SD") && !education.equals("SMP") && !education.equals("SMA")) {
        assertTrue(rank >= SapkCsv.GOLONGAN.indexOf("III/a"), nip + " " + education + " " + r[Column.GOLONGAN.ordinal()]);
      }
      List<String[]> pendidikan = SapkCsv.splitRows(r[Column.RIWAYAT_PENDIDIKAN.ordinal()]);
      assertEquals(education, pendidikan.get(pendidikan.size() - 1)[0], nip);
      String jenis = r[Column.JENIS_JABATAN.ordinal()];
      if (jenis.equals("STRUKTURAL")) {
        assertNotNull(r[Column.ESELON.ordinal()], nip);
        assertNotNull(r[Column.UNIT_ORGANISASI_ID.ordinal()], nip);
        assertTrue(rank >= SapkCsv.GOLONGAN.indexOf("III/a"), nip);
      }
      if (jenis.equals("FUNGSIONAL_TERTENTU")) {
        assertNotNull(r[Column.JABATAN_FUNGSIONAL_TERTENTU.ordinal()], nip);
      }
      for (String[] k : SapkCsv.splitRows(r[Column.KELUARGA.ordinal()])) {
        assertTrue(Arrays.asList("SUAMI", "ISTRI", "ANAK").contains(k[0]));
        if (!k[0].equals("ANAK")) {
          assertEquals(r[Column.JENIS_KELAMIN.ordinal()].equals("P") ? "SUAMI" : "ISTRI", k[0], nip);
        }
      }
    }
  }

  @Test
  void distributionsAreRoughlyAsIntended() {
    Map<String, Integer> education = new HashMap<>();
    Map<String, Integer> golongan = new HashMap<>();
    int guru = 0;
    int dokter = 0;
    int female = 0;
    int struktural = 0;
    int pusat = 0;
    Set<String> regions = new HashSet<>();
    for (String[] r : ROWS) {
      education.merge(r[Column.PENDIDIKAN_TINGKAT.ordinal()], 1, Integer::sum);
      golongan.merge(r[Column.GOLONGAN.ordinal()].split("/")[0], 1, Integer::sum);
      if (r[Column.GURU.ordinal()].equals("true")) {
        guru++;
        assertTrue(r[Column.JABATAN_FUNGSIONAL_TERTENTU.ordinal()].startsWith("Guru "));
      }
      if (r[Column.DOKTER.ordinal()].equals("true")) {
        dokter++;
        assertTrue(r[Column.JABATAN_FUNGSIONAL_TERTENTU.ordinal()].startsWith("Dokter "));
        assertTrue(r[Column.GELAR_DEPAN.ordinal()].contains("dr"));
      }
      female += r[Column.JENIS_KELAMIN.ordinal()].equals("P") ? 1 : 0;
      struktural += r[Column.JENIS_JABATAN.ordinal()].equals("STRUKTURAL") ? 1 : 0;
      pusat += r[Column.JENIS_PEGAWAI.ordinal()].equals("PNS Pusat") ? 1 : 0;
      regions.add(r[Column.NIK.ordinal()].substring(0, 2));
    }
    assertBetween("teachers", guru, 0.28, 0.40);
    assertBetween("doctors", dokter, 0.015, 0.06);
    assertBetween("women", female, 0.40, 0.60);
    assertBetween("structural officials", struktural, 0.05, 0.15);
    assertBetween("central PNS", pusat, 0.15, 0.25);
    assertBetween("S1", education.get("S1"), 0.35, 0.65);
    assertTrue(education.keySet().containsAll(SapkCsv.PENDIDIKAN), "every education level: " + education);
    assertBetween("golongan III", golongan.get("III"), 0.35, 0.65);
    assertTrue(golongan.keySet().containsAll(List.of("I", "II", "III", "IV")), golongan.toString());
    assertEquals(34, regions.size(), "PNS in every province");
  }

  @Test
  void sameSeedSameRows() {
    PnsGenerator again = new PnsGenerator(42);
    for (int i = 0; i < 200; i++) {
      assertEquals(Arrays.asList(ROWS.get(i)), Arrays.asList(again.next()));
    }
  }

  @Test
  void csvLinesRoundTrip() {
    for (String[] r : ROWS.subList(0, 500)) {
      StringBuilder line = new StringBuilder();
      SapkCsv.appendLine(line, r);
      List<String> back = SapkCsv.split(line.substring(0, line.length() - 1));
      assertEquals(SapkCsv.COLUMNS, back.size());
      for (int i = 0; i < r.length; i++) {
        assertEquals(r[i] == null ? "" : r[i], back.get(i));
      }
    }
  }

  private static void assertBetween(String what, int count, double min, double max) {
    double share = (double) count / COUNT;
    assertTrue(share >= min && share <= max, what + ": " + share);
  }
}

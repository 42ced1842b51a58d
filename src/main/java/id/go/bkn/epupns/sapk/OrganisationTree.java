package id.go.bkn.epupns.sapk;

import id.go.bkn.epupns.sapk.Wilayah.Kabupaten;
import id.go.bkn.epupns.sapk.Wilayah.Provinsi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SAPK organisation tree as reference data: Kanreg (BKN offices) -> instansi (central
 * ministries and agencies, provinces, regencies and cities) -> satuan kerja (work units) ->
 * unit organisasi (eselon 1-4). Built in memory from fixed lists, so every run gives the same
 * ids: instansi id = its BKN-style code (4001.. central, 1100 Prov. Aceh, 1101 Kab. Simeulue),
 * satuan kerja id = instansi id * 1000 + n, unit organisasi id = satuan kerja id * 100 + n.
 */
public final class OrganisationTree {

  public record Kanreg(int id, String kode, String nama, String kota) {
  }

  public enum Jenis { PUSAT, PROVINSI, KABUPATEN, KOTA }

  /** An agency; provinsiKode/kabupatenKode are null for central agencies. */
  public record Instansi(int id, String kode, String nama, Jenis jenis, Integer provinsiKode,
                         Integer kabupatenKode, int kanregId, String lokasi, int weight) {
    public boolean pusat() {
      return jenis == Jenis.PUSAT;
    }
  }

  /** What a work unit does, which decides who works there (teachers, doctors, ...). */
  public enum Kind {
    SEKRETARIAT, TEKNIS, PENDIDIKAN, SEKOLAH, KESEHATAN, RUMAH_SAKIT, PUSKESMAS, MADRASAH,
    PERGURUAN_TINGGI, VERTIKAL
  }

  /** A work unit; {@code provinsiKode} is where it is (null: Jakarta headquarters or unknown). */
  public record SatuanKerja(int id, int instansiId, String nama, String lokasi, Kind kind, Integer provinsiKode) {
  }

  /** A structural unit; {@code eselonLabel} is the grade of its head, e.g. "III.a". */
  public record UnitOrganisasi(int id, int satuanKerjaId, Integer parentId, int eselon,
                               String eselonLabel, String nama) {

    /** The title of the unit's head, e.g. "Kepala Bidang Pendidikan Dasar", "Direktur Jenderal Pajak". */
    public String jabatanKepala() {
      if (nama.startsWith("Direktorat Jenderal ")) {
        return "Direktur Jenderal " + nama.substring("Direktorat Jenderal ".length());
      }
      if (nama.startsWith("Direktorat ")) {
        return "Direktur " + nama.substring("Direktorat ".length());
      }
      if (nama.startsWith("Sekretariat ")) {
        return "Sekretaris " + nama.substring("Sekretariat ".length());
      }
      if (nama.equals("Sekretariat")) {
        return "Sekretaris";
      }
      if (nama.startsWith("Inspektorat")) {
        return "Inspektur" + nama.substring("Inspektorat".length());
      }
      if (nama.startsWith("Rumah Sakit") || nama.startsWith("RSUP")) {
        return "Direktur " + nama;
      }
      return "Kepala " + nama;
    }
  }

  private static final String[] ROMAN = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
      "XI", "XII", "XIII", "XIV"};

  private static final String[][] KANREG = {
      {"BKN Pusat", "Jakarta"},
      {"Kantor Regional I BKN", "Yogyakarta"}, {"Kantor Regional II BKN", "Surabaya"},
      {"Kantor Regional III BKN", "Bandung"}, {"Kantor Regional IV BKN", "Makassar"},
      {"Kantor Regional V BKN", "Jakarta"}, {"Kantor Regional VI BKN", "Medan"},
      {"Kantor Regional VII BKN", "Palembang"}, {"Kantor Regional VIII BKN", "Banjarmasin"},
      {"Kantor Regional IX BKN", "Jayapura"}, {"Kantor Regional X BKN", "Denpasar"},
      {"Kantor Regional XI BKN", "Manado"}, {"Kantor Regional XII BKN", "Pekanbaru"},
      {"Kantor Regional XIII BKN", "Banda Aceh"}, {"Kantor Regional XIV BKN", "Manokwari"}};

  /**
   * Central ministries and agencies (Kabinet Kerja, 2015) with a rough relative size (thousands
   * of PNS), so generated data puts most central PNS where they really are.
   */
  private static final Object[][] PUSAT = {
      {"Kementerian Sekretariat Negara", 3}, {"Kementerian Dalam Negeri", 6},
      {"Kementerian Luar Negeri", 4}, {"Kementerian Pertahanan", 40},
      {"Kementerian Hukum dan Hak Asasi Manusia", 50}, {"Kementerian Keuangan", 70},
      {"Kementerian Energi dan Sumber Daya Mineral", 5}, {"Kementerian Perindustrian", 5},
      {"Kementerian Perdagangan", 4}, {"Kementerian Pertanian", 20},
      {"Kementerian Lingkungan Hidup dan Kehutanan", 15}, {"Kementerian Perhubungan", 25},
      {"Kementerian Kelautan dan Perikanan", 10}, {"Kementerian Ketenagakerjaan", 4},
      {"Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi", 3},
      {"Kementerian Pekerjaan Umum dan Perumahan Rakyat", 20}, {"Kementerian Kesehatan", 45},
      {"Kementerian Pendidikan dan Kebudayaan", 20},
      {"Kementerian Riset, Teknologi, dan Pendidikan Tinggi", 90}, {"Kementerian Sosial", 4},
      {"Kementerian Agama", 230}, {"Kementerian Pariwisata", 2},
      {"Kementerian Komunikasi dan Informatika", 4},
      {"Kementerian Koperasi dan Usaha Kecil dan Menengah", 1},
      {"Kementerian Pemberdayaan Perempuan dan Perlindungan Anak", 1},
      {"Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", 1},
      {"Kementerian Perencanaan Pembangunan Nasional/Bappenas", 1},
      {"Kementerian Badan Usaha Milik Negara", 1}, {"Kementerian Pemuda dan Olahraga", 1},
      {"Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional", 20},
      {"Kementerian Koordinator Bidang Politik, Hukum, dan Keamanan", 1},
      {"Kementerian Koordinator Bidang Perekonomian", 1},
      {"Kementerian Koordinator Bidang Pembangunan Manusia dan Kebudayaan", 1},
      {"Kementerian Koordinator Bidang Kemaritiman", 1},
      {"Kejaksaan Agung", 22}, {"Mahkamah Agung", 30}, {"Sekretariat Kabinet", 1},
      {"Kepolisian Negara Republik Indonesia", 25}, {"Badan Kepegawaian Negara", 3},
      {"Lembaga Administrasi Negara", 1}, {"Arsip Nasional Republik Indonesia", 1},
      {"Badan Pusat Statistik", 15}, {"Badan Pengawasan Keuangan dan Pembangunan", 6},
      {"Badan Pemeriksa Keuangan", 6}, {"Badan Meteorologi, Klimatologi, dan Geofisika", 5},
      {"Badan Pengawas Obat dan Makanan", 4},
      {"Badan Kependudukan dan Keluarga Berencana Nasional", 4},
      {"Badan Nasional Penanggulangan Bencana", 1}, {"Badan Narkotika Nasional", 3},
      {"Badan Nasional Penanggulangan Terorisme", 1}, {"Badan Informasi Geospasial", 1},
      {"Badan Tenaga Nuklir Nasional", 3}, {"Badan Pengawas Tenaga Nuklir", 1},
      {"Badan Pengkajian dan Penerapan Teknologi", 3}, {"Lembaga Ilmu Pengetahuan Indonesia", 5},
      {"Lembaga Penerbangan dan Antariksa Nasional", 2}, {"Badan Standardisasi Nasional", 1},
      {"Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah", 1},
      {"Badan Koordinasi Penanaman Modal", 1},
      {"Badan Nasional Penempatan dan Perlindungan Tenaga Kerja Indonesia", 1},
      {"Badan SAR Nasional", 3}, {"Badan Keamanan Laut", 1}, {"Badan Intelijen Negara", 2},
      {"Lembaga Sandi Negara", 1}, {"Perpustakaan Nasional Republik Indonesia", 1},
      {"Badan Ekonomi Kreatif", 1}, {"Badan Nasional Pengelola Perbatasan", 1},
      {"Sekretariat Jenderal Dewan Perwakilan Rakyat", 2},
      {"Sekretariat Jenderal Majelis Permusyawaratan Rakyat", 1},
      {"Sekretariat Jenderal Dewan Perwakilan Daerah", 1},
      {"Sekretariat Jenderal Komisi Pemilihan Umum", 10},
      {"Sekretariat Jenderal Badan Pengawas Pemilihan Umum", 2},
      {"Kepaniteraan dan Sekretariat Jenderal Mahkamah Konstitusi", 1},
      {"Sekretariat Jenderal Komisi Yudisial", 1}, {"Komisi Pemberantasan Korupsi", 1},
      {"Ombudsman Republik Indonesia", 1}, {"Pusat Pelaporan dan Analisis Transaksi Keuangan", 1},
      {"Sekretariat Jenderal Komisi Nasional Hak Asasi Manusia", 1},
      {"Lembaga Penyiaran Publik Televisi Republik Indonesia", 3},
      {"Lembaga Penyiaran Publik Radio Republik Indonesia", 3},
      {"Badan Pengusahaan Kawasan Perdagangan Bebas dan Pelabuhan Bebas Batam", 2}};

  /** Directorates general of the big ministries (real ones); others get deputies. */
  private static final Map<String, String[]> DITJEN = Map.ofEntries(
      Map.entry("Kementerian Keuangan", new String[] {"Direktorat Jenderal Pajak",
          "Direktorat Jenderal Bea dan Cukai", "Direktorat Jenderal Perbendaharaan", "Direktorat Jenderal Anggaran"}),
      Map.entry("Kementerian Dalam Negeri", new String[] {"Direktorat Jenderal Otonomi Daerah",
          "Direktorat Jenderal Kependudukan dan Pencatatan Sipil", "Direktorat Jenderal Bina Keuangan Daerah"}),
      Map.entry("Kementerian Kesehatan", new String[] {"Direktorat Jenderal Pelayanan Kesehatan",
          "Direktorat Jenderal Pencegahan dan Pengendalian Penyakit", "Direktorat Jenderal Kesehatan Masyarakat"}),
      Map.entry("Kementerian Pendidikan dan Kebudayaan", new String[] {"Direktorat Jenderal Guru dan Tenaga Kependidikan",
          "Direktorat Jenderal Pendidikan Dasar dan Menengah", "Direktorat Jenderal Kebudayaan"}),
      Map.entry("Kementerian Agama", new String[] {"Direktorat Jenderal Pendidikan Islam",
          "Direktorat Jenderal Bimbingan Masyarakat Islam", "Direktorat Jenderal Penyelenggaraan Haji dan Umrah"}),
      Map.entry("Kementerian Hukum dan Hak Asasi Manusia", new String[] {"Direktorat Jenderal Pemasyarakatan",
          "Direktorat Jenderal Imigrasi", "Direktorat Jenderal Administrasi Hukum Umum"}),
      Map.entry("Kementerian Perhubungan", new String[] {"Direktorat Jenderal Perhubungan Darat",
          "Direktorat Jenderal Perhubungan Laut", "Direktorat Jenderal Perhubungan Udara"}),
      Map.entry("Kementerian Pertanian", new String[] {"Direktorat Jenderal Tanaman Pangan",
          "Direktorat Jenderal Hortikultura", "Direktorat Jenderal Perkebunan"}),
      Map.entry("Kementerian Pekerjaan Umum dan Perumahan Rakyat", new String[] {"Direktorat Jenderal Bina Marga",
          "Direktorat Jenderal Sumber Daya Air", "Direktorat Jenderal Cipta Karya"}),
      Map.entry("Kementerian Riset, Teknologi, dan Pendidikan Tinggi", new String[] {
          "Direktorat Jenderal Pembelajaran dan Kemahasiswaan", "Direktorat Jenderal Sumber Daya Iptek dan Dikti"}));

  /** Ministries with vertical offices in every province, and how the office is called. */
  private static final Map<String, String> VERTIKAL = Map.of(
      "Kementerian Agama", "Kantor Wilayah Kementerian Agama Provinsi %s",
      "Kementerian Hukum dan Hak Asasi Manusia", "Kantor Wilayah Kementerian Hukum dan HAM %s",
      "Kementerian Keuangan", "Kantor Wilayah Direktorat Jenderal Perbendaharaan Provinsi %s",
      "Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional", "Kantor Wilayah Badan Pertanahan Nasional Provinsi %s",
      "Badan Pusat Statistik", "Badan Pusat Statistik Provinsi %s",
      "Kejaksaan Agung", "Kejaksaan Tinggi %s",
      "Mahkamah Agung", "Pengadilan Tinggi %s");

  private static final String[] RSUP = {"RSUP Dr. Cipto Mangunkusumo|Jakarta Pusat|31",
      "RSUP Fatmawati|Jakarta Selatan|31", "RSUP Dr. Hasan Sadikin|Bandung|32", "RSUP Dr. Kariadi|Semarang|33",
      "RSUP Dr. Sardjito|Yogyakarta|34", "RSUP Sanglah|Denpasar|51", "RSUP Dr. Wahidin Sudirohusodo|Makassar|73",
      "RSUP H. Adam Malik|Medan|12", "RSUP Dr. M. Djamil|Padang|13", "RSUP Prof. Dr. R. D. Kandou|Manado|71"};

  private static final String[] UNIVERSITAS = {"Universitas Indonesia|Depok|32",
      "Universitas Gadjah Mada|Yogyakarta|34", "Institut Teknologi Bandung|Bandung|32",
      "Universitas Airlangga|Surabaya|35", "Universitas Hasanuddin|Makassar|73", "Universitas Sumatera Utara|Medan|12",
      "Universitas Andalas|Padang|13", "Universitas Diponegoro|Semarang|33", "Universitas Brawijaya|Malang|35",
      "Universitas Udayana|Denpasar|51", "Universitas Sam Ratulangi|Manado|71", "Universitas Cenderawasih|Jayapura|94",
      "Universitas Lambung Mangkurat|Banjarmasin|63", "Universitas Sriwijaya|Palembang|16",
      "Universitas Syiah Kuala|Banda Aceh|11", "Universitas Nusa Cendana|Kupang|53", "Universitas Pattimura|Ambon|81",
      "Universitas Negeri Jakarta|Jakarta Timur|31"};

  /** A university per province, for education histories; others study at home or in Java. */
  static final Map<Integer, String> UNIVERSITAS_DAERAH = Map.ofEntries(
      Map.entry(11, "Universitas Syiah Kuala"), Map.entry(12, "Universitas Sumatera Utara"),
      Map.entry(13, "Universitas Negeri Padang"), Map.entry(14, "Universitas Riau"), Map.entry(15, "Universitas Jambi"),
      Map.entry(16, "Universitas Sriwijaya"), Map.entry(17, "Universitas Bengkulu"), Map.entry(18, "Universitas Lampung"),
      Map.entry(19, "Universitas Bangka Belitung"), Map.entry(21, "Universitas Maritim Raja Ali Haji"),
      Map.entry(31, "Universitas Negeri Jakarta"), Map.entry(32, "Universitas Pendidikan Indonesia"),
      Map.entry(33, "Universitas Negeri Semarang"), Map.entry(34, "Universitas Negeri Yogyakarta"),
      Map.entry(35, "Universitas Negeri Surabaya"), Map.entry(36, "Universitas Sultan Ageng Tirtayasa"),
      Map.entry(51, "Universitas Pendidikan Ganesha"), Map.entry(52, "Universitas Mataram"),
      Map.entry(53, "Universitas Nusa Cendana"), Map.entry(61, "Universitas Tanjungpura"),
      Map.entry(62, "Universitas Palangka Raya"), Map.entry(63, "Universitas Lambung Mangkurat"),
      Map.entry(64, "Universitas Mulawarman"), Map.entry(65, "Universitas Borneo Tarakan"),
      Map.entry(71, "Universitas Negeri Manado"), Map.entry(72, "Universitas Tadulako"),
      Map.entry(73, "Universitas Negeri Makassar"), Map.entry(74, "Universitas Halu Oleo"),
      Map.entry(75, "Universitas Negeri Gorontalo"), Map.entry(76, "Universitas Sulawesi Barat"),
      Map.entry(81, "Universitas Pattimura"), Map.entry(82, "Universitas Khairun"),
      Map.entry(91, "Universitas Papua"), Map.entry(94, "Universitas Cenderawasih"));

  private static final OrganisationTree INSTANCE = build();

  private final List<Kanreg> kanreg;
  private final List<Instansi> instansi;
  private final List<SatuanKerja> satuanKerja;
  private final List<UnitOrganisasi> unitOrganisasi;
  private final Map<Integer, Instansi> instansiById;
  private final Map<Integer, SatuanKerja> satuanKerjaById;
  private final Map<Integer, List<SatuanKerja>> satuanKerjaPerInstansi;
  private final Map<Integer, List<UnitOrganisasi>> unitPerSatuanKerja;

  private OrganisationTree(List<Kanreg> kanreg, List<Instansi> instansi, List<SatuanKerja> satuanKerja,
                           List<UnitOrganisasi> unitOrganisasi) {
    this.kanreg = List.copyOf(kanreg);
    this.instansi = List.copyOf(instansi);
    this.satuanKerja = List.copyOf(satuanKerja);
    this.unitOrganisasi = List.copyOf(unitOrganisasi);
    Map<Integer, Instansi> ib = new HashMap<>();
    instansi.forEach(i -> ib.put(i.id(), i));
    instansiById = Collections.unmodifiableMap(ib);
    Map<Integer, SatuanKerja> sb = new HashMap<>();
    Map<Integer, List<SatuanKerja>> si = new HashMap<>();
    for (SatuanKerja s : satuanKerja) {
      sb.put(s.id(), s);
      si.computeIfAbsent(s.instansiId(), k -> new ArrayList<>()).add(s);
    }
    satuanKerjaById = Collections.unmodifiableMap(sb);
    satuanKerjaPerInstansi = Collections.unmodifiableMap(si);
    Map<Integer, List<UnitOrganisasi>> us = new HashMap<>();
    unitOrganisasi.forEach(u -> us.computeIfAbsent(u.satuanKerjaId(), k -> new ArrayList<>()).add(u));
    unitPerSatuanKerja = Collections.unmodifiableMap(us);
  }

  public static OrganisationTree get() {
    return INSTANCE;
  }

  public List<Kanreg> kanreg() {
    return kanreg;
  }

  public List<Instansi> instansi() {
    return instansi;
  }

  public List<SatuanKerja> satuanKerja() {
    return satuanKerja;
  }

  public List<UnitOrganisasi> unitOrganisasi() {
    return unitOrganisasi;
  }

  public Instansi instansi(int id) {
    return instansiById.get(id);
  }

  /** The agency with exactly this name; for fixed choices such as the demo data. */
  public Instansi instansiNamed(String nama) {
    return instansi.stream().filter(i -> i.nama().equals(nama)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no instansi named " + nama));
  }

  public SatuanKerja satuanKerja(int id) {
    return satuanKerjaById.get(id);
  }

  public List<SatuanKerja> satuanKerjaOf(int instansiId) {
    return satuanKerjaPerInstansi.getOrDefault(instansiId, List.of());
  }

  public List<UnitOrganisasi> unitsOf(int satuanKerjaId) {
    return unitPerSatuanKerja.getOrDefault(satuanKerjaId, List.of());
  }

  public static String roman(int n) {
    return ROMAN[n];
  }

  // ---------------------------------------------------------------- building

  private static OrganisationTree build() {
    Builder b = new Builder();
    for (int i = 0; i < KANREG.length; i++) {
      b.kanreg.add(new Kanreg(i, i == 0 ? "PUSAT" : "KR" + ROMAN[i], KANREG[i][0], KANREG[i][1]));
    }
    Wilayah wilayah = Wilayah.get();
    for (int i = 0; i < PUSAT.length; i++) {
      String nama = (String) PUSAT[i][0];
      Instansi pusat = new Instansi(4001 + i, Integer.toString(4001 + i), nama, Jenis.PUSAT, null, null, 0,
          "Jakarta", (Integer) PUSAT[i][1]);
      b.instansi.add(pusat);
      b.pusat(pusat, wilayah);
    }
    for (Provinsi p : wilayah.provinsi()) {
      int id = p.kode() * 100;
      Instansi prov = new Instansi(id, Integer.toString(id), "Pemerintah Provinsi " + p.nama(), Jenis.PROVINSI,
          p.kode(), null, p.kanregId(), p.ibukota(), 8);
      b.instansi.add(prov);
      b.daerah(prov, p.ibukota(), "Provinsi " + p.nama());
      for (Kabupaten k : wilayah.kabupaten(p.kode())) {
        if (!k.otonom()) {
          continue;
        }
        Instansi kab = new Instansi(k.kodeBps(), Integer.toString(k.kodeBps()), "Pemerintah " + k.namaLengkap(),
            k.kota() ? Jenis.KOTA : Jenis.KABUPATEN, p.kode(), k.kode(), p.kanregId(), k.namaLengkap(),
            k.kota() ? 4 : 6);
        b.instansi.add(kab);
        b.daerah(kab, k.namaLengkap(), k.namaLengkap());
      }
    }
    return new OrganisationTree(b.kanreg, b.instansi, b.satuanKerja, b.unitOrganisasi);
  }

  private static final class Builder {
    final List<Kanreg> kanreg = new ArrayList<>();
    final List<Instansi> instansi = new ArrayList<>();
    final List<SatuanKerja> satuanKerja = new ArrayList<>();
    final List<UnitOrganisasi> unitOrganisasi = new ArrayList<>();
    private final Map<Integer, Integer> satkerCount = new HashMap<>();
    private int nextUnit;

    void pusat(Instansi agency, Wilayah wilayah) {
      boolean kementerian = agency.nama().startsWith("Kementerian");
      String lokasi = "Jakarta Pusat";
      // Eselon I units of the headquarters.
      SatuanKerja setjen = satker(agency, kementerian ? "Sekretariat Jenderal" : "Sekretariat Utama", lokasi,
          Kind.SEKRETARIAT);
      eselonOne(setjen, new String[] {"Biro Perencanaan", "Biro Kepegawaian", "Biro Keuangan", "Biro Umum"},
          new String[] {"Bagian Program", "Bagian Tata Usaha"});
      SatuanKerja itjen = satker(agency, kementerian ? "Inspektorat Jenderal" : "Inspektorat Utama", lokasi,
          Kind.TEKNIS);
      eselonOne(itjen, new String[] {"Sekretariat Inspektorat", "Inspektorat I", "Inspektorat II"},
          new String[] {"Bagian Perencanaan", "Bagian Evaluasi"});
      String[] ditjen = DITJEN.getOrDefault(agency.nama(),
          new String[] {"Deputi Bidang Kebijakan", "Deputi Bidang Penyelenggaraan"});
      for (String d : ditjen) {
        SatuanKerja s = satker(agency, d, lokasi, Kind.TEKNIS);
        eselonOne(s, new String[] {"Sekretariat", "Direktorat Perencanaan dan Program",
            "Direktorat Pembinaan", "Direktorat Pengendalian"}, new String[] {"Subdirektorat Pertama", "Subdirektorat Kedua"});
      }
      String vertikal = VERTIKAL.get(agency.nama());
      if (vertikal != null) {
        for (Provinsi p : wilayah.provinsi()) {
          SatuanKerja kanwil = satker(agency, String.format(vertikal, p.nama()), p.ibukota(), Kind.VERTIKAL, p.kode());
          UnitOrganisasi head = unit(kanwil, null, 2, "II.a", kanwil.nama());
          UnitOrganisasi tu = unit(kanwil, head.id(), 3, "III.a", "Bagian Tata Usaha");
          unit(kanwil, tu.id(), 4, "IV.a", "Subbagian Kepegawaian");
          unit(kanwil, tu.id(), 4, "IV.a", "Subbagian Keuangan");
          UnitOrganisasi bidang = unit(kanwil, head.id(), 3, "III.a", "Bidang Pelayanan");
          unit(kanwil, bidang.id(), 4, "IV.a", "Seksi Pelayanan");
        }
      }
      if (agency.nama().equals("Kementerian Agama")) {
        for (Provinsi p : wilayah.provinsi()) {
          satker(agency, "Madrasah Aliyah Negeri 1 " + p.ibukota(), p.ibukota(), Kind.MADRASAH, p.kode());
          satker(agency, "Madrasah Tsanawiyah Negeri 1 " + p.ibukota(), p.ibukota(), Kind.MADRASAH, p.kode());
        }
      }
      if (agency.nama().equals("Kementerian Kesehatan")) {
        for (String r : RSUP) {
          String[] f = r.split("\\|");
          SatuanKerja rs = satker(agency, f[0], f[1], Kind.RUMAH_SAKIT, Integer.parseInt(f[2]));
          hospital(rs, "II.a");
        }
      }
      if (agency.nama().equals("Kementerian Riset, Teknologi, dan Pendidikan Tinggi")) {
        for (String u : UNIVERSITAS) {
          String[] f = u.split("\\|");
          SatuanKerja kampus = satker(agency, f[0], f[1], Kind.PERGURUAN_TINGGI, Integer.parseInt(f[2]));
          UnitOrganisasi biro = unit(kampus, null, 2, "II.a", "Biro Umum dan Keuangan");
          unit(kampus, biro.id(), 3, "III.a", "Bagian Kepegawaian");
        }
      }
      if (BknAgency.is(agency.nama())) {
        for (int k = 1; k < KANREG.length; k++) {
          SatuanKerja kr = satker(agency, KANREG[k][0] + " " + KANREG[k][1], KANREG[k][1], Kind.VERTIKAL);
          UnitOrganisasi head = unit(kr, null, 2, "II.a", kr.nama());
          unit(kr, head.id(), 3, "III.a", "Bagian Umum");
          unit(kr, head.id(), 3, "III.a", "Bidang Informasi Kepegawaian");
        }
      }
    }

    /** A regional government: kota is where its offices are, wilayah how its hospital is called. */
    void daerah(Instansi agency, String kota, String wilayah) {
      String shortName = kota.replaceFirst("^(Kabupaten|Kota) ", "");
      boolean provinsi = agency.jenis() == Jenis.PROVINSI;
      String kepala = provinsi ? "II.a" : "II.b";
      SatuanKerja setda = satker(agency, "Sekretariat Daerah", kota, Kind.SEKRETARIAT);
      UnitOrganisasi sekda = unit(setda, null, provinsi ? 1 : 2, provinsi ? "I.b" : "II.a", "Sekretariat Daerah");
      for (String bagian : new String[] {"Bagian Pemerintahan", "Bagian Hukum", "Bagian Organisasi", "Bagian Umum"}) {
        UnitOrganisasi u = unit(setda, sekda.id(), 3, "III.a", bagian);
        unit(setda, u.id(), 4, "IV.a", "Subbagian Tata Usaha " + bagian.substring("Bagian ".length()));
      }
      dinas(agency, "Sekretariat DPRD", kota, Kind.SEKRETARIAT, kepala,
          "Bagian Umum", "Bagian Persidangan");
      dinas(agency, "Inspektorat", kota, Kind.TEKNIS, kepala, "Inspektur Pembantu Wilayah I",
          "Inspektur Pembantu Wilayah II");
      dinas(agency, "Badan Perencanaan Pembangunan Daerah", kota, Kind.TEKNIS, kepala,
          "Bidang Ekonomi", "Bidang Sosial Budaya", "Bidang Fisik dan Prasarana");
      dinas(agency, "Badan Kepegawaian Daerah", kota, Kind.TEKNIS, kepala,
          "Bidang Mutasi", "Bidang Pengembangan Pegawai", "Bidang Informasi Kepegawaian");
      dinas(agency, "Badan Pengelolaan Keuangan dan Aset Daerah", kota, Kind.TEKNIS, kepala,
          "Bidang Anggaran", "Bidang Perbendaharaan", "Bidang Aset");
      dinas(agency, "Dinas Pendidikan", kota, Kind.PENDIDIKAN, kepala, "Bidang Pendidikan Dasar",
          "Bidang Pendidikan Menengah", "Bidang Pendidik dan Tenaga Kependidikan");
      dinas(agency, "Dinas Kesehatan", kota, Kind.KESEHATAN, kepala, "Bidang Pelayanan Kesehatan",
          "Bidang Pencegahan dan Pengendalian Penyakit", "Bidang Kesehatan Masyarakat");
      SatuanKerja rsud = satker(agency, "Rumah Sakit Umum Daerah " + wilayah, kota, Kind.RUMAH_SAKIT);
      hospital(rsud, provinsi ? "II.a" : "II.b");
      dinas(agency, "Dinas Pekerjaan Umum", kota, Kind.TEKNIS, kepala, "Bidang Bina Marga",
          "Bidang Sumber Daya Air", "Bidang Cipta Karya");
      dinas(agency, "Dinas Perhubungan", kota, Kind.TEKNIS, kepala, "Bidang Lalu Lintas", "Bidang Angkutan");
      dinas(agency, "Dinas Sosial", kota, Kind.TEKNIS, kepala, "Bidang Rehabilitasi Sosial",
          "Bidang Perlindungan dan Jaminan Sosial");
      dinas(agency, "Satuan Polisi Pamong Praja", kota, Kind.TEKNIS, kepala, "Bidang Penegakan Perundang-undangan",
          "Bidang Ketertiban Umum");
      if (provinsi) {
        dinas(agency, "Dinas Kehutanan", kota, Kind.TEKNIS, kepala, "Bidang Perlindungan Hutan",
            "Bidang Rehabilitasi Hutan");
        dinas(agency, "Badan Penanggulangan Bencana Daerah", kota, Kind.TEKNIS, "III.a",
            "Bidang Kedaruratan dan Logistik");
        // In 2015 the provinces ran the special schools; SMA/SMK were the regencies' and cities'.
        school(agency, "SLB Negeri " + shortName, kota);
        return;
      }
      dinas(agency, "Dinas Kependudukan dan Pencatatan Sipil", kota, Kind.TEKNIS, kepala,
          "Bidang Pelayanan Pendaftaran Penduduk", "Bidang Pelayanan Pencatatan Sipil");
      dinas(agency, "Dinas Pertanian", kota, Kind.TEKNIS, kepala, "Bidang Tanaman Pangan",
          "Bidang Penyuluhan");
      // Where the districts are known (the demo region), units are named after them as real ones are:
      // "Puskesmas Soreang", "SD Negeri 1 Majalaya"; a regency names its secondary schools after the
      // district too ("SMA Negeri 1 Soreang"), a city after itself ("SMA Negeri 1 Bandung").
      List<String> districts = Kecamatan.of(agency.id());
      boolean named = districts.size() >= 4;
      String[] arah = {"Utara", "Selatan", "Timur", "Barat"};
      for (int i = 0; i < 4; i++) {
        String nama = named ? "Puskesmas " + districts.get(i) : "Puskesmas " + shortName + " " + arah[i];
        SatuanKerja pkm = satker(agency, nama, kota, Kind.PUSKESMAS);
        UnitOrganisasi head = unit(pkm, null, 4, "IV.a", pkm.nama());
        unit(pkm, head.id(), 4, "IV.b", "Subbagian Tata Usaha " + pkm.nama());
      }
      for (int n = 1; n <= 4; n++) {
        school(agency, named ? "SD Negeri 1 " + districts.get(n - 1) : "SD Negeri " + n + " " + shortName, kota);
      }
      boolean byDistrict = named && agency.jenis() == Jenis.KABUPATEN;
      school(agency, byDistrict ? "SMP Negeri 1 " + districts.get(0) : "SMP Negeri 1 " + shortName, kota);
      school(agency, byDistrict ? "SMP Negeri 1 " + districts.get(1) : "SMP Negeri 2 " + shortName, kota);
      school(agency, byDistrict ? "SMA Negeri 1 " + districts.get(0) : "SMA Negeri 1 " + shortName, kota);
      school(agency, byDistrict ? "SMK Negeri 1 " + districts.get(2) : "SMK Negeri 1 " + shortName, kota);
    }

    private void dinas(Instansi agency, String nama, String kota, Kind kind, String eselonKepala, String... bidang) {
      SatuanKerja s = satker(agency, nama, kota, kind);
      int eselon = eselonKepala.startsWith("III") ? 3 : 2;
      UnitOrganisasi head = unit(s, null, eselon, eselonKepala, nama);
      String lower = eselon == 2 ? "III.a" : "IV.a";
      UnitOrganisasi sekretariat = unit(s, head.id(), eselon + 1, lower, eselon == 2 ? "Sekretariat" : "Subbagian Umum");
      if (eselon == 2) {
        unit(s, sekretariat.id(), 4, "IV.a", "Subbagian Umum dan Kepegawaian");
        unit(s, sekretariat.id(), 4, "IV.a", "Subbagian Keuangan");
      }
      for (String b : bidang) {
        UnitOrganisasi u = unit(s, head.id(), eselon + 1, lower, b);
        if (eselon == 2) {
          unit(s, u.id(), 4, "IV.a", "Seksi " + b.replaceFirst("^(Bidang|Bagian|Inspektur Pembantu) ", ""));
        }
      }
    }

    private void hospital(SatuanKerja rs, String eselonKepala) {
      UnitOrganisasi head = unit(rs, null, 2, eselonKepala, rs.nama());
      UnitOrganisasi tu = unit(rs, head.id(), 3, "III.a", "Bagian Tata Usaha");
      unit(rs, tu.id(), 4, "IV.a", "Subbagian Kepegawaian");
      UnitOrganisasi medik = unit(rs, head.id(), 3, "III.a", "Bidang Pelayanan Medik");
      unit(rs, medik.id(), 4, "IV.a", "Seksi Pelayanan Rawat Inap");
      UnitOrganisasi kep = unit(rs, head.id(), 3, "III.a", "Bidang Keperawatan");
      unit(rs, kep.id(), 4, "IV.a", "Seksi Asuhan Keperawatan");
    }

    private void school(Instansi agency, String nama, String kota) {
      satker(agency, nama, kota, Kind.SEKOLAH); // schools have no eselon structure
    }

    private void eselonOne(SatuanKerja s, String[] eselonTwo, String[] eselonThree) {
      UnitOrganisasi head = unit(s, null, 1, "I.a", s.nama());
      for (String two : eselonTwo) {
        UnitOrganisasi u2 = unit(s, head.id(), 2, "II.a", two);
        for (String three : eselonThree) {
          UnitOrganisasi u3 = unit(s, u2.id(), 3, "III.a", three + " " + shortName(two));
          unit(s, u3.id(), 4, "IV.a", "Subbagian Tata Usaha " + shortName(u3.nama()));
        }
      }
    }

    private static String shortName(String nama) {
      return nama.replaceFirst("^(Biro|Direktorat|Bagian|Subdirektorat|Sekretariat|Inspektorat) ?", "").trim();
    }

    private SatuanKerja satker(Instansi agency, String nama, String lokasi, Kind kind) {
      return satker(agency, nama, lokasi, kind, agency.provinsiKode());
    }

    private SatuanKerja satker(Instansi agency, String nama, String lokasi, Kind kind, Integer provinsiKode) {
      int n = satkerCount.merge(agency.id(), 1, Integer::sum);
      SatuanKerja s = new SatuanKerja(agency.id() * 1000 + n, agency.id(), nama, lokasi, kind, provinsiKode);
      satuanKerja.add(s);
      nextUnit = 1;
      return s;
    }

    private UnitOrganisasi unit(SatuanKerja s, Integer parent, int eselon, String label, String nama) {
      UnitOrganisasi u = new UnitOrganisasi(s.id() * 100 + nextUnit++, s.id(), parent, eselon, label, nama);
      unitOrganisasi.add(u);
      return u;
    }
  }
}

package id.go.bkn.epupns.sapk;

import id.go.bkn.epupns.sapk.Names.Person;
import id.go.bkn.epupns.sapk.OrganisationTree.Instansi;
import id.go.bkn.epupns.sapk.OrganisationTree.Kind;
import id.go.bkn.epupns.sapk.OrganisationTree.SatuanKerja;
import id.go.bkn.epupns.sapk.OrganisationTree.UnitOrganisasi;
import id.go.bkn.epupns.sapk.SapkCsv.Column;
import id.go.bkn.epupns.sapk.Wilayah.Culture;
import id.go.bkn.epupns.sapk.Wilayah.Kabupaten;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Realistic synthetic PNS records, one SAPK CSV row ({@link SapkCsv}) at a time, deterministic for
 * a seed. NIP and NIK agree (birth date, sex; NIK province = the work unit's province), NIPs are
 * unique (sequence per birth date + CPNS month + sex), rank follows education and years of service
 * (entry rank by diploma, a promotion every four years up to the diploma's ceiling), and the five
 * history lists agree with the record. About one PNS in three is a teacher; doctors and nurses
 * work in health units; structural officials head a unit organisasi of their work unit.
 */
public final class PnsGenerator {

  /** The SAPK data are as of the 2015 campaign's start. */
  public static final LocalDate DEFAULT_SNAPSHOT = LocalDate.of(2015, 9, 1);

  /** What a PNS does; decides work unit, education, title and histories. */
  public enum Role { GURU, DOKTER, PERAWAT, DOSEN, FUNGSIONAL_LAIN, STRUKTURAL, UMUM }

  /**
   * A person whose identity is fixed (demo accounts): NIP and NIK as given, in the named work unit
   * of the agency; everything else generated consistently.
   */
  public record Profile(String nip, String nik, String nama, int instansiId, String satuanKerjaNama, Role role) {
  }

  private static final int FIRST_BIRTH_YEAR = 1950;
  private static final int LAST_BIRTH_YEAR = 2000;
  private static final int MIN_CPNS_AGE_MONTHS = 17 * 12;
  private static final int CPNS_AGE_SPAN_MONTHS = 35 * 12;

  private static final String[] SPESIALIS = {"Sp.PD|Penyakit Dalam", "Sp.A|Ilmu Kesehatan Anak",
      "Sp.OG|Obstetri dan Ginekologi", "Sp.B|Ilmu Bedah", "Sp.An|Anestesiologi", "Sp.M|Ilmu Penyakit Mata",
      "Sp.THT-KL|Telinga Hidung Tenggorok", "Sp.KK|Dermatologi dan Venereologi", "Sp.Rad|Radiologi",
      "Sp.P|Pulmonologi", "Sp.S|Neurologi", "Sp.JP|Kardiologi"};
  private static final String[] S1_GURU = {"Matematika", "Bahasa Indonesia", "Bahasa Inggris", "Biologi", "Fisika",
      "Kimia", "Sejarah", "Ekonomi", "Geografi", "Guru Sekolah Dasar", "Guru Sekolah Dasar", "Guru Sekolah Dasar",
      "Agama Islam", "Jasmani dan Kesehatan", "Bimbingan dan Konseling", "Pancasila dan Kewarganegaraan", "Seni Rupa"};
  private static final String[] S1_UMUM = {"S.E.|Manajemen", "S.E.|Akuntansi", "S.H.|Ilmu Hukum",
      "S.Sos.|Ilmu Administrasi Negara", "S.IP.|Ilmu Pemerintahan", "S.Kom.|Teknik Informatika", "S.T.|Teknik Sipil",
      "S.P.|Agroteknologi", "S.Si.|Statistika", "S.AP.|Administrasi Publik", "S.Ag.|Pendidikan Agama Islam",
      "S.Psi.|Psikologi", "S.Sos.|Sosiologi", "S.E.|Ekonomi Pembangunan", "S.T.|Teknik Lingkungan"};
  private static final String[] S2_UMUM = {"M.Si.|Ilmu Administrasi", "M.M.|Magister Manajemen",
      "M.AP.|Administrasi Publik", "M.H.|Ilmu Hukum", "M.T.|Teknik Sipil", "M.Ak.|Akuntansi",
      "M.Si.|Perencanaan Wilayah", "M.Kes.|Kesehatan Masyarakat"};
  private static final String[] S3_UMUM = {"Ilmu Administrasi", "Ilmu Pemerintahan", "Manajemen", "Ilmu Hukum",
      "Manajemen Pendidikan"};
  private static final String[] D3_UMUM = {"Akuntansi", "Manajemen Informatika", "Administrasi Perkantoran",
      "Teknik Sipil", "Perpajakan", "Kesekretariatan"};
  private static final String[] SMA_JURUSAN = {"SMA IPA", "SMA IPS", "SMK Akuntansi", "SMK Administrasi Perkantoran",
      "SMK Teknik Mesin", "SMA IPS"};
  private static final String[] UMUM_RENDAH = {"Caraka", "Pengemudi", "Petugas Keamanan", "Pramu Kebersihan",
      "Pengadministrasi Umum"};
  private static final String[] UMUM_MENENGAH = {"Pengadministrasi Umum", "Pengelola Data", "Operator Komputer",
      "Bendahara", "Pengadministrasi Kepegawaian", "Pengadministrasi Keuangan", "Pengelola Barang Milik Daerah",
      "Pengarsip"};
  private static final String[] UMUM_TINGGI = {"Penyusun Program dan Anggaran", "Penyusun Laporan Keuangan",
      "Analis Data dan Informasi", "Verifikator Keuangan", "Analis Perencanaan", "Pengelola Kepegawaian",
      "Analis Kebijakan", "Pengelola Pengadaan Barang/Jasa"};
  private static final String[] FUNGSIONAL_LAIN = {"Penyuluh Pertanian", "Auditor", "Pranata Komputer",
      "Analis Kepegawaian", "Arsiparis", "Pengawas Sekolah", "Apoteker", "Statistisi", "Perencana", "Pustakawan"};
  private static final String[] DIKLAT_TEKNIS = {"Diklat Pengadaan Barang/Jasa Pemerintah|32",
      "Bimbingan Teknis Pengelolaan Keuangan Daerah|40", "Diklat Kearsipan|40",
      "Bimbingan Teknis Aplikasi SAPK|24", "Pelatihan Komputer Perkantoran|30",
      "Diklat Penyusunan Laporan Kinerja|30", "Diklat Pelayanan Prima|30"};
  private static final String[] JALAN = {"Merdeka", "Jenderal Sudirman", "Ahmad Yani", "Diponegoro", "Gajah Mada",
      "Pahlawan", "Veteran", "Imam Bonjol", "Sultan Hasanuddin", "Pattimura", "Kartini", "Hayam Wuruk",
      "Cut Nyak Dien", "Teuku Umar", "Gatot Subroto", "Pemuda", "Melati", "Mawar", "Kenanga", "Flamboyan",
      "Cempaka", "Raya Timur", "Sisingamangaraja", "Slamet Riyadi", "Dr. Wahidin", "Ki Hajar Dewantara"};
  private static final String[] PEKERJAAN_PASANGAN = {"Mengurus Rumah Tangga", "Wiraswasta", "PNS",
      "Karyawan Swasta", "Petani", "Pedagang", "Guru Honorer", "TNI/Polri", "Buruh", "Mengurus Rumah Tangga"};
  private static final String[] HP = {"0812", "0813", "0811", "0821", "0822", "0852", "0853", "0857", "0856",
      "0878", "0877", "0896", "0819", "0838"};

  private final SplittableRandom rnd;
  private final LocalDate snapshot;
  private final YearMonth snapshotMonth;
  private final OrganisationTree tree = OrganisationTree.get();
  private final Wilayah wilayah = Wilayah.get();
  private final List<Instansi> agencies;
  private final long[] cumulativeWeights;
  /** NIP sequences so far, per (birth day, CPNS month offset, sex): flat memory whatever the count. */
  private final short[] sequences;
  private final Map<String, Integer> sequencesOutOfRange = new HashMap<>();
  private final Map<Culture, List<Kabupaten>> birthPlaces = new EnumMap<>(Culture.class);
  private final Map<Integer, Map<Kind, List<SatuanKerja>>> unitsByKind = new HashMap<>();

  /** Every agency of the organisation tree, weighted by its rough size. */
  public PnsGenerator(long seed) {
    this(seed, DEFAULT_SNAPSHOT, OrganisationTree.get().instansi(), null);
  }

  /**
   * PNS of the given agencies only; weights (same order) say how many each gets, null = by size.
   * Central agencies get 20% of all PNS, provinces 8%, regencies and cities 72%, as in 2015.
   */
  public PnsGenerator(long seed, LocalDate snapshot, List<Instansi> agencies, int[] weights) {
    this.rnd = new SplittableRandom(seed);
    this.snapshot = snapshot;
    this.snapshotMonth = YearMonth.from(snapshot);
    this.agencies = List.copyOf(agencies);
    this.cumulativeWeights = new long[agencies.size()];
    Map<OrganisationTree.Jenis, Long> perJenis = new EnumMap<>(OrganisationTree.Jenis.class);
    for (Instansi i : agencies) {
      perJenis.merge(i.jenis(), (long) i.weight(), Long::sum);
    }
    long total = 0;
    for (int i = 0; i < agencies.size(); i++) {
      Instansi a = agencies.get(i);
      long w;
      if (weights != null) {
        w = weights[i];
      } else {
        long share = switch (a.jenis()) {
          case PUSAT -> 20;
          case PROVINSI -> 8;
          default -> 36;
        };
        w = Math.max(1, a.weight() * share * 1_000_000L / perJenis.get(a.jenis()));
      }
      total += w;
      cumulativeWeights[i] = total;
    }
    int days = (int) ChronoUnit.DAYS.between(LocalDate.of(FIRST_BIRTH_YEAR, 1, 1), LocalDate.of(LAST_BIRTH_YEAR + 1, 1, 1));
    this.sequences = new short[days * CPNS_AGE_SPAN_MONTHS * 2];
    for (Wilayah.Provinsi p : wilayah.provinsi()) {
      birthPlaces.computeIfAbsent(p.culture(), c -> new ArrayList<>()).addAll(wilayah.kabupaten(p.kode()));
    }
  }

  public LocalDate snapshot() {
    return snapshot;
  }

  /** The next random PNS. */
  public String[] next() {
    Instansi agency = agencies.get(pickAgency());
    Role role = role(agency);
    SatuanKerja satker = satuanKerja(agency, role);
    if (satker == null) {
      role = Role.UMUM;
      satker = satuanKerja(agency, role);
    }
    return new Person0(agency, satker, role, null).build();
  }

  /** A PNS with a fixed identity (see {@link Profile}). */
  public String[] next(Profile profile) {
    Instansi agency = tree.instansi(profile.instansiId());
    SatuanKerja satker = tree.satuanKerjaOf(agency.id()).stream()
        .filter(s -> s.nama().equals(profile.satuanKerjaNama())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no satuan kerja " + profile.satuanKerjaNama()));
    return new Person0(agency, satker, profile.role(), profile).build();
  }

  private int pickAgency() {
    long r = rnd.nextLong(cumulativeWeights[cumulativeWeights.length - 1]);
    int lo = 0;
    int hi = cumulativeWeights.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulativeWeights[mid] > r) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private Role role(Instansi agency) {
    int r = rnd.nextInt(1000);
    if (agency.pusat()) {
      if (agency.nama().equals("Kementerian Agama")) {
        return r < 420 ? Role.GURU : r < 520 ? Role.STRUKTURAL : Role.UMUM;
      }
      if (agency.nama().equals("Kementerian Kesehatan")) {
        return r < 120 ? Role.DOKTER : r < 420 ? Role.PERAWAT : r < 520 ? Role.STRUKTURAL : Role.UMUM;
      }
      if (agency.nama().startsWith("Kementerian Riset")) {
        return r < 450 ? Role.DOSEN : r < 530 ? Role.STRUKTURAL : Role.UMUM;
      }
      return r < 110 ? Role.STRUKTURAL : r < 170 ? Role.FUNGSIONAL_LAIN : Role.UMUM;
    }
    if (agency.jenis() == OrganisationTree.Jenis.PROVINSI) {
      return r < 60 ? Role.GURU : r < 90 ? Role.DOKTER : r < 170 ? Role.PERAWAT : r < 290 ? Role.STRUKTURAL
          : r < 340 ? Role.FUNGSIONAL_LAIN : Role.UMUM;
    }
    return r < 455 ? Role.GURU : r < 490 ? Role.DOKTER : r < 570 ? Role.PERAWAT : r < 660 ? Role.STRUKTURAL
        : r < 700 ? Role.FUNGSIONAL_LAIN : Role.UMUM;
  }

  private SatuanKerja satuanKerja(Instansi agency, Role role) {
    Map<Kind, List<SatuanKerja>> byKind = unitsByKind.computeIfAbsent(agency.id(), id -> {
      Map<Kind, List<SatuanKerja>> m = new EnumMap<>(Kind.class);
      for (SatuanKerja s : tree.satuanKerjaOf(id)) {
        m.computeIfAbsent(s.kind(), k -> new ArrayList<>()).add(s);
      }
      return m;
    });
    Kind[] kinds = switch (role) {
      case GURU -> rnd.nextInt(10) < 8 ? new Kind[] {Kind.SEKOLAH, Kind.MADRASAH} : new Kind[] {Kind.PENDIDIKAN};
      case DOKTER, PERAWAT -> switch (rnd.nextInt(10)) {
        case 0, 1 -> new Kind[] {Kind.KESEHATAN, Kind.RUMAH_SAKIT};
        case 2, 3, 4, 5 -> new Kind[] {Kind.RUMAH_SAKIT};
        default -> new Kind[] {Kind.PUSKESMAS, Kind.RUMAH_SAKIT};
      };
      case DOSEN -> new Kind[] {Kind.PERGURUAN_TINGGI};
      case STRUKTURAL -> new Kind[] {Kind.SEKRETARIAT, Kind.TEKNIS, Kind.PENDIDIKAN, Kind.KESEHATAN, Kind.VERTIKAL,
          Kind.RUMAH_SAKIT, Kind.PUSKESMAS};
      default -> new Kind[] {Kind.SEKRETARIAT, Kind.TEKNIS, Kind.TEKNIS, Kind.PENDIDIKAN, Kind.KESEHATAN,
          Kind.VERTIKAL, Kind.VERTIKAL, Kind.RUMAH_SAKIT, Kind.SEKOLAH, Kind.PUSKESMAS, Kind.PERGURUAN_TINGGI};
    };
    List<SatuanKerja> candidates = new ArrayList<>();
    for (Kind k : kinds) {
      candidates.addAll(byKind.getOrDefault(k, List.of()));
    }
    if (candidates.isEmpty()) {
      if (role == Role.GURU || role == Role.DOKTER || role == Role.PERAWAT || role == Role.DOSEN) {
        return null;
      }
      candidates.addAll(tree.satuanKerjaOf(agency.id()));
    }
    return candidates.get(rnd.nextInt(candidates.size()));
  }

  // ------------------------------------------------------------------ one person

  /** Builds one record; a class so that the many consistent facts can be shared between steps. */
  private final class Person0 {
    final Instansi agency;
    final SatuanKerja satker;
    Role role;
    final Profile profile;
    final String[] row = new String[SapkCsv.COLUMNS];
    boolean female;
    LocalDate birth;
    YearMonth cpns;
    Person person;
    String tingkat;          // final education
    String entryTingkat;     // education at CPNS
    int upgradeYear;         // year the final diploma came, when after CPNS
    String gelarDepan = "";
    String gelarBelakang = "";
    String jurusan;
    String spesialis;
    boolean dokterGigi;
    boolean bidan;
    final List<String[]> golongan = new ArrayList<>();
    final List<String[]> jabatan = new ArrayList<>();
    int provinsiKode;
    Kabupaten domisili;

    Person0(Instansi agency, SatuanKerja satker, Role role, Profile profile) {
      this.agency = agency;
      this.satker = satker;
      this.role = role;
      this.profile = profile;
    }

    String[] build() {
      identity();
      education();
      ranks();
      position();
      contact();
      histories();
      return row;
    }

    private void identity() {
      provinsiKode = satker.provinsiKode() != null ? satker.provinsiKode() : centralDomicile();
      List<Kabupaten> regencies = wilayah.kabupaten(provinsiKode);
      if (agency.kabupatenKode() != null) {
        domisili = regencies.stream().filter(k -> k.kode() == agency.kabupatenKode()).findFirst().orElseThrow();
      } else {
        domisili = regencies.get(rnd.nextInt(regencies.size()));
      }
      Culture culture = Names.cultureFor(wilayah.provinsi(provinsiKode).culture(), rnd);
      if (profile != null) {
        Nip nip = Nip.parse(profile.nip(), snapshotMonth).get();
        female = nip.female();
        birth = nip.birthDate();
        cpns = nip.cpnsStart();
        person = Names.person(culture, female, rnd);
        person = new Person(profile.nama(), person.agama(), person.marga(), person.culture());
        reserve(nip.birthDate(), nip.cpnsStart(), nip.female(), nip.sequence());
        row[Column.NIP.ordinal()] = nip.value();
        row[Column.NIK.ordinal()] = profile.nik();
      } else {
        female = rnd.nextInt(100) < switch (role) {
          case GURU -> 62;
          case DOKTER -> 55;
          case PERAWAT -> 78;
          case STRUKTURAL -> 28;
          default -> 40;
        };
        person = Names.person(culture, female, rnd);
        birthAndCpns();
        int seq = nextSequenceFor(birth, cpns, female);
        while (seq > 999) {
          // Never happens with real-world numbers; kept so that NIPs stay valid whatever the count.
          cpns = cpns.minusMonths(1);
          seq = nextSequenceFor(birth, cpns, female);
        }
        row[Column.NIP.ordinal()] = Nip.format(birth, cpns, female, seq);
        row[Column.NIK.ordinal()] = Nik.format(provinsiKode, domisili.kode(), 1 + rnd.nextInt(30), birth, female,
            1 + rnd.nextInt(9999));
      }
      if (cpns.isBefore(YearMonth.of(2008, 1))) {
        row[Column.NIP_LAMA.ordinal()] = (rnd.nextBoolean() ? "1" : "0") + digits(8);
      }
      row[Column.NAMA.ordinal()] = person.nama();
      row[Column.NAMA_DUKCAPIL.ordinal()] = Names.dukcapilSpelling(person.nama(), rnd);
      List<Kabupaten> places = birthPlaces.get(person.culture());
      Kabupaten place = rnd.nextInt(3) == 0 || places == null ? domisili : places.get(rnd.nextInt(places.size()));
      row[Column.TEMPAT_LAHIR.ordinal()] = place.nama();
      row[Column.TANGGAL_LAHIR.ordinal()] = birth.toString();
      row[Column.AGAMA.ordinal()] = person.agama();
      row[Column.JENIS_KELAMIN.ordinal()] = female ? "P" : "L";
    }

    private int centralDomicile() {
      int r = rnd.nextInt(100);
      if (r < 45) {
        return 31;
      }
      if (r < 65) {
        return 32;
      }
      if (r < 72) {
        return 36;
      }
      List<Wilayah.Provinsi> all = wilayah.provinsi();
      return all.get(rnd.nextInt(all.size())).kode();
    }

    private void birthAndCpns() {
      // PNS in 2015 were old: most were hired in the 1980s-1990s.
      int[] ageWeights = {12, 25, 33, 30};
      int bucket = Names.weighted(ageWeights, rnd);
      int maxAge = role == Role.GURU || role == Role.DOSEN || role == Role.FUNGSIONAL_LAIN ? 59 : 57;
      int age = switch (bucket) {
        case 0 -> 21 + rnd.nextInt(9);
        case 1 -> 30 + rnd.nextInt(10);
        case 2 -> 40 + rnd.nextInt(10);
        default -> 50 + rnd.nextInt(maxAge - 49);
      };
      birth = snapshot.minusYears(age).minusDays(rnd.nextInt(365));
      int minCpnsAge = switch (role) {
        case DOKTER -> 26;
        case DOSEN -> 25;
        case STRUKTURAL, GURU -> 21;
        default -> 19;
      };
      int maxCpnsAge = Math.min(35, age);
      int cpnsAge = minCpnsAge >= maxCpnsAge ? maxCpnsAge : minCpnsAge + skewedLow(maxCpnsAge - minCpnsAge);
      LocalDate start = birth.plusYears(cpnsAge).plusMonths(rnd.nextInt(12));
      cpns = YearMonth.from(start);
      YearMonth latest = snapshotMonth.minusMonths(1);
      if (cpns.isAfter(latest)) {
        cpns = latest;
      }
      YearMonth earliest = YearMonth.from(birth.plusYears(18));
      if (cpns.isBefore(earliest)) {
        cpns = earliest;
      }
    }

    private int skewedLow(int span) {
      return Math.min(rnd.nextInt(span + 1), rnd.nextInt(span + 1));
    }

    private void education() {
      int r = rnd.nextInt(100);
      int serviceYears = snapshot.getYear() - cpns.getYear();
      switch (role) {
        case GURU -> {
          tingkat = r < 5 ? "SMA" : r < 15 ? "D2" : r < 18 ? "D3" : r < 20 ? "D4" : r < 91 ? "S1" : "S2";
          jurusan = switch (tingkat) {
            case "SMA" -> "SPG";
            case "D2" -> "PGSD";
            case "D3", "D4" -> "Pendidikan " + pick(S1_GURU);
            default -> "Pendidikan " + pick(S1_GURU);
          };
          if (tingkat.equals("S1")) {
            gelarBelakang = jurusan.contains("Agama") ? "S.Pd.I." : "S.Pd.";
            // Many older teachers entered with D2 (PGSD) or SPG and took the S1 later.
            if (serviceYears > 10 && rnd.nextInt(100) < 45) {
              entryTingkat = rnd.nextBoolean() ? "D2" : "SMA";
            }
          } else if (tingkat.equals("S2")) {
            gelarBelakang = "S.Pd., M.Pd.";
            jurusan = "Manajemen Pendidikan";
            entryTingkat = "S1";
          } else if (tingkat.equals("D3")) {
            gelarBelakang = "A.Md.Pd.";
          } else if (tingkat.equals("D4")) {
            gelarBelakang = "S.ST.";
          }
        }
        case DOKTER -> {
          dokterGigi = r < 20;
          tingkat = !dokterGigi && rnd.nextInt(100) < 22 ? "S2" : "S1";
          if (tingkat.equals("S2")) {
            String[] sp = pick(SPESIALIS).split("\\|");
            spesialis = sp[1];
            gelarBelakang = sp[0];
            jurusan = "Spesialis " + sp[1];
            entryTingkat = "S1";
          } else {
            jurusan = dokterGigi ? "Profesi Dokter Gigi" : "Profesi Dokter";
          }
          gelarDepan = dokterGigi ? "drg." : "dr.";
        }
        case PERAWAT -> {
          bidan = female && r < 40;
          tingkat = r < 8 ? "SMA" : rnd.nextInt(100) < 75 ? "D3" : "S1";
          if (tingkat.equals("SMA")) {
            jurusan = bidan ? "Sekolah Bidan" : "Sekolah Perawat Kesehatan";
          } else if (tingkat.equals("D3")) {
            jurusan = bidan ? "Kebidanan" : "Keperawatan";
            gelarBelakang = bidan ? "A.Md.Keb." : "A.Md.Kep.";
          } else {
            jurusan = bidan ? "Kebidanan" : "Ilmu Keperawatan";
            gelarBelakang = bidan ? "S.ST." : "S.Kep., Ns.";
            tingkat = bidan ? "D4" : "S1";
            if (serviceYears > 8 && rnd.nextBoolean()) {
              entryTingkat = "D3";
            }
          }
        }
        case DOSEN -> {
          tingkat = r < 60 ? "S2" : "S3";
          jurusan = pick(S3_UMUM);
          gelarBelakang = tingkat.equals("S2") ? "M.Si." : "M.Si.";
          if (tingkat.equals("S3")) {
            gelarDepan = "Dr.";
            entryTingkat = "S2";
          }
        }
        case STRUKTURAL -> {
          tingkat = r < 52 ? "S1" : r < 95 ? "S2" : "S3";
          umumDegree();
          if (!tingkat.equals("S1") && rnd.nextInt(100) < 70) {
            entryTingkat = "S1";
          }
        }
        case FUNGSIONAL_LAIN -> {
          tingkat = r < 15 ? "D3" : r < 85 ? "S1" : "S2";
          umumDegree();
        }
        default -> {
          tingkat = r < 4 ? "SD" : r < 10 ? "SMP" : r < 50 ? "SMA" : r < 52 ? "D1" : r < 54 ? "D2" : r < 67 ? "D3"
              : r < 69 ? "D4" : r < 96 ? "S1" : "S2";
          umumDegree();
          if (tingkat.equals("S1") && serviceYears > 10 && rnd.nextInt(100) < 35) {
            entryTingkat = "SMA";
          }
        }
      }
      if (entryTingkat == null) {
        entryTingkat = tingkat;
      } else {
        int earliest = cpns.getYear() + 3;
        int latest = snapshot.getYear() - 1;
        if (earliest > latest) {
          entryTingkat = tingkat;
        } else {
          upgradeYear = earliest + rnd.nextInt(latest - earliest + 1);
        }
      }
      if (rnd.nextInt(100) < 6 && birth.getYear() < 1975 && "Islam".equals(person.agama())) {
        gelarDepan = (female ? "Hj. " : "H. ") + gelarDepan;
      }
      if (tingkat.equals("S3") && !gelarDepan.contains("Dr.")) {
        gelarDepan = (gelarDepan + " Dr.").trim();
      }
      row[Column.GELAR_DEPAN.ordinal()] = gelarDepan.trim();
      row[Column.GELAR_BELAKANG.ordinal()] = gelarBelakang;
      row[Column.PENDIDIKAN_TINGKAT.ordinal()] = tingkat;
      row[Column.PENDIDIKAN_NAMA.ordinal()] = pendidikanNama(tingkat, jurusan);
      row[Column.TAHUN_LULUS.ordinal()] = Integer.toString(graduationYear(tingkat, true));
    }

    private void umumDegree() {
      switch (tingkat) {
        case "SD", "SMP" -> jurusan = null;
        case "SMA" -> jurusan = pick(SMA_JURUSAN);
        case "D1", "D2" -> jurusan = "Komputer";
        case "D3" -> {
          jurusan = pick(D3_UMUM);
          gelarBelakang = "A.Md.";
        }
        case "D4" -> {
          jurusan = "Akuntansi";
          gelarBelakang = "S.ST.";
        }
        case "S1" -> {
          String[] d = pick(S1_UMUM).split("\\|");
          gelarBelakang = d[0];
          jurusan = d[1];
          if (birth.getYear() < 1970 && (d[0].equals("S.T.") || d[0].equals("S.P.")) && rnd.nextBoolean()) {
            gelarBelakang = "";
            gelarDepan = "Ir.";
          }
        }
        default -> {
          String[] s1 = pick(S1_UMUM).split("\\|");
          String[] s2 = pick(S2_UMUM).split("\\|");
          gelarBelakang = s1[0] + ", " + s2[0];
          jurusan = tingkat.equals("S3") ? pick(S3_UMUM) : s2[1];
        }
      }
    }

    private String pendidikanNama(String t, String j) {
      return switch (t) {
        case "SD" -> "SD";
        case "SMP" -> "SLTP";
        case "SMA" -> j == null ? "SLTA" : "SLTA/" + j;
        case "D1" -> "D-I " + j;
        case "D2" -> "D-II " + j;
        case "D3" -> "D-III " + j;
        case "D4" -> "D-IV " + j;
        case "S1" -> j.startsWith("Profesi") ? j : "S-1 " + j;
        case "S2" -> "S-2 " + j;
        default -> "S-3 " + j;
      };
    }

    /** Year a diploma came: school years by age, later diplomas before CPNS or at the upgrade. */
    private int graduationYear(String t, boolean finalDiploma) {
      int by = birth.getYear();
      return switch (t) {
        case "SD" -> by + 12;
        case "SMP" -> by + 15;
        case "SMA" -> by + 18;
        default -> {
          if (finalDiploma && upgradeYear > 0) {
            yield upgradeYear;
          }
          int years = switch (t) {
            case "D1" -> 19;
            case "D2" -> 20;
            case "D3" -> 21;
            case "D4", "S1" -> 23;
            case "S2" -> 25;
            default -> 29;
          };
          yield Math.min(by + years, cpns.getYear());
        }
      };
    }

    private void ranks() {
      LocalDate tmtCpns = cpns.atDay(1);
      LocalDate tmtPns = tmtCpns.plusYears(rnd.nextInt(4) == 0 ? 2 : 1);
      boolean stillCpns = tmtPns.isAfter(snapshot);
      int gol = entryGolongan(entryTingkat);
      int cap = ceiling();
      String skPrefix = agency.pusat() ? "KP.02.03/" : "823.3/";
      String skSuffix = agency.pusat() ? "/" : "/BKD/";
      golongan.add(new String[] {SapkCsv.GOLONGAN.get(gol), tmtCpns.toString(),
          "813.2/" + (1 + rnd.nextInt(9000)) + skSuffix + tmtCpns.getYear(), tmtCpns.minusMonths(1 + rnd.nextInt(2)).toString()});
      LocalDate tmt = tmtCpns;
      LocalDate next = period(tmtCpns.plusYears(4));
      LocalDate upgrade = upgradeYear > 0 ? period(LocalDate.of(upgradeYear, 6, 1).plusMonths(4)) : null;
      while (!next.isAfter(snapshot) || (upgrade != null && !upgrade.isAfter(snapshot))) {
        LocalDate when;
        int target;
        if (upgrade != null && !upgrade.isAfter(snapshot) && !upgrade.isAfter(next)) {
          when = upgrade;
          target = Math.max(gol, entryGolongan(tingkat));
          upgrade = null;
        } else {
          when = next;
          target = gol + 1;
        }
        next = period(when.plusYears(4));
        if (target > cap || target == gol || when.isBefore(tmtCpns.plusYears(1))) {
          continue;
        }
        gol = target;
        tmt = when;
        golongan.add(new String[] {SapkCsv.GOLONGAN.get(gol), tmt.toString(),
            skPrefix + (1 + rnd.nextInt(9000)) + skSuffix + tmt.getYear(), tmt.minusMonths(1 + rnd.nextInt(3)).toString()});
      }
      row[Column.TMT_CPNS.ordinal()] = tmtCpns.toString();
      row[Column.TMT_PNS.ordinal()] = stillCpns ? null : tmtPns.toString();
      row[Column.STATUS_PEGAWAI.ordinal()] = stillCpns ? "CPNS" : "PNS";
      row[Column.GOLONGAN.ordinal()] = SapkCsv.GOLONGAN.get(gol);
      row[Column.TMT_GOLONGAN.ordinal()] = tmt.toString();
      long months = ChronoUnit.MONTHS.between(tmtCpns, snapshot);
      row[Column.MASA_KERJA_TAHUN.ordinal()] = Long.toString(months / 12);
      row[Column.MASA_KERJA_BULAN.ordinal()] = Long.toString(months % 12);
      row[Column.KEDUDUKAN.ordinal()] = rnd.nextInt(1000) < 15 ? "Tugas Belajar" : "Aktif";
      row[Column.JENIS_PEGAWAI.ordinal()] = agency.pusat() ? "PNS Pusat" : "PNS Daerah";
    }

    /** Promotions take effect on 1 April or 1 October. */
    private LocalDate period(LocalDate date) {
      int m = date.getMonthValue();
      if (date.getDayOfMonth() == 1 && (m == 4 || m == 10)) {
        return date;
      }
      if (m < 4) {
        return LocalDate.of(date.getYear(), 4, 1);
      }
      if (m < 10) {
        return LocalDate.of(date.getYear(), 10, 1);
      }
      return LocalDate.of(date.getYear() + 1, 4, 1);
    }

    private int entryGolongan(String t) {
      if (role == Role.DOKTER && (t.equals("S1") || t.equals("S2"))) {
        return 9; // III/b
      }
      return switch (t) {
        case "SD" -> 0;
        case "SMP" -> 2;
        case "SMA", "D1" -> 4;
        case "D2" -> 5;
        case "D3" -> 6;
        case "D4", "S1" -> 8;
        case "S2" -> 9;
        default -> 10;
      };
    }

    /** Highest rank reachable: by diploma, higher for functional posts and senior officials. */
    private int ceiling() {
      int cap = switch (tingkat) {
        case "SD" -> 4;
        case "SMP" -> 6;
        case "SMA", "D1", "D2" -> 9;
        case "D3" -> 10;
        case "D4" -> 11;
        case "S1" -> 12;
        case "S2" -> 13;
        default -> 14;
      };
      if (role == Role.GURU || role == Role.DOKTER || role == Role.DOSEN || role == Role.STRUKTURAL) {
        cap += tingkat.startsWith("S") ? 1 : 0;
      }
      if (role == Role.DOSEN && tingkat.equals("S3")) {
        cap = 16;
      }
      return Math.min(cap, 16);
    }

    private void position() {
      int gol = SapkCsv.GOLONGAN.indexOf(row[Column.GOLONGAN.ordinal()]);
      List<UnitOrganisasi> units = tree.unitsOf(satker.id());
      UnitOrganisasi unit = null;
      String tmtGol = row[Column.TMT_GOLONGAN.ordinal()];
      if (role == Role.STRUKTURAL) {
        unit = headedUnit(units, gol);
        if (unit == null) {
          role = Role.UMUM;
        }
      }
      if (unit == null && !units.isEmpty()) {
        unit = units.get(units.size() == 1 ? 0 : 1 + rnd.nextInt(units.size() - 1));
      }
      row[Column.INSTANSI_INDUK_ID.ordinal()] = Integer.toString(agency.id());
      row[Column.INSTANSI_KERJA_ID.ordinal()] = Integer.toString(agency.id());
      row[Column.SATUAN_KERJA_ID.ordinal()] = Integer.toString(satker.id());
      row[Column.UNIT_ORGANISASI_ID.ordinal()] = unit == null ? null : Integer.toString(unit.id());
      row[Column.LOKASI_KERJA.ordinal()] = satker.lokasi();
      row[Column.GURU.ordinal()] = Boolean.toString(role == Role.GURU);
      row[Column.DOKTER.ordinal()] = Boolean.toString(role == Role.DOKTER);
      String tmtCpns = row[Column.TMT_CPNS.ordinal()];
      String firstJob = switch (entryTingkat) {
        case "SD", "SMP" -> pick(UMUM_RENDAH);
        case "S1", "S2", "S3", "D4" -> pick(UMUM_TINGGI);
        default -> pick(UMUM_MENENGAH);
      };
      switch (role) {
        case STRUKTURAL -> {
          LocalDate earliest = LocalDate.parse(tmtCpns).plusYears(6);
          LocalDate tmt = snapshot.minusDays(30 + rnd.nextInt(5 * 365));
          if (tmt.isBefore(earliest)) {
            tmt = earliest.isAfter(snapshot) ? snapshot.minusDays(1) : earliest;
          }
          row[Column.JENIS_JABATAN.ordinal()] = "STRUKTURAL";
          row[Column.JABATAN_STRUKTURAL.ordinal()] = unit.jabatanKepala();
          row[Column.TMT_JABATAN_STRUKTURAL.ordinal()] = tmt.toString();
          row[Column.ESELON.ordinal()] = unit.eselonLabel();
          row[Column.TMT_ESELON.ordinal()] = tmt.toString();
          jabatan.add(new String[] {"FUNGSIONAL_UMUM", pick(UMUM_TINGGI), satker.nama(), null, tmtCpns, null});
          if (unit.eselon() < 4) {
            LocalDate before = tmt.minusYears(3 + rnd.nextInt(3));
            if (before.isAfter(LocalDate.parse(tmtCpns))) {
              jabatan.add(new String[] {"STRUKTURAL", "Kepala Subbagian Umum", satker.nama(), "IV.a",
                  before.toString(), sk(before)});
            }
          }
          jabatan.add(new String[] {"STRUKTURAL", unit.jabatanKepala(), satker.nama(), unit.eselonLabel(),
              tmt.toString(), sk(tmt)});
        }
        case GURU, DOKTER, PERAWAT, DOSEN, FUNGSIONAL_LAIN -> {
          row[Column.JENIS_JABATAN.ordinal()] = "FUNGSIONAL_TERTENTU";
          String title = null;
          String titleTmt = null;
          // A new title with every rank that changes the level.
          for (String[] g : golongan) {
            String t = functionalTitle(SapkCsv.GOLONGAN.indexOf(g[0]));
            if (!t.equals(title)) {
              title = t;
              titleTmt = g[1];
              jabatan.add(new String[] {"FUNGSIONAL_TERTENTU", t, satker.nama(), null, g[1], sk(LocalDate.parse(g[1]))});
            }
          }
          row[Column.JABATAN_FUNGSIONAL_TERTENTU.ordinal()] = title;
          row[Column.TMT_JABATAN_FUNGSIONAL_TERTENTU.ordinal()] = titleTmt;
        }
        default -> {
          String now = switch (tingkat) {
            case "SD", "SMP" -> pick(UMUM_RENDAH);
            case "S1", "S2", "S3", "D4" -> pick(UMUM_TINGGI);
            default -> pick(UMUM_MENENGAH);
          };
          row[Column.JENIS_JABATAN.ordinal()] = "FUNGSIONAL_UMUM";
          String tmt = tmtCpns;
          jabatan.add(new String[] {"FUNGSIONAL_UMUM", firstJob, satker.nama(), null, tmtCpns, null});
          if (!now.equals(firstJob) && golongan.size() > 1) {
            tmt = golongan.get(golongan.size() - 1)[1];
            jabatan.add(new String[] {"FUNGSIONAL_UMUM", now, satker.nama(), null, tmt, null});
          }
          row[Column.JABATAN_FUNGSIONAL_UMUM.ordinal()] = now;
          row[Column.TMT_JABATAN_FUNGSIONAL_UMUM.ordinal()] = tmt;
        }
      }
      if (tmtGol == null) {
        throw new IllegalStateException("rank before position");
      }
    }

    private final String otherFunctional = pick(FUNGSIONAL_LAIN);

    private String functionalTitle(int gol) {
      String level;
      boolean ahli = gol >= 8;
      if (role == Role.DOSEN) {
        return gol <= 9 ? "Asisten Ahli" : gol <= 11 ? "Lektor" : gol <= 14 ? "Lektor Kepala" : "Guru Besar";
      }
      if (role == Role.PERAWAT && !ahli) {
        level = gol <= 6 ? "Pelaksana" : gol <= 7 ? "Pelaksana Lanjutan" : "Penyelia";
        return (bidan ? "Bidan " : "Perawat ") + level;
      }
      if (role == Role.FUNGSIONAL_LAIN && !ahli) {
        return otherFunctional + (gol <= 6 ? " Pelaksana" : " Pelaksana Lanjutan");
      }
      level = gol <= 9 ? "Pertama" : gol <= 11 ? "Muda" : gol <= 14 ? "Madya" : "Utama";
      return switch (role) {
        case GURU -> "Guru " + level;
        case DOKTER -> (dokterGigi ? "Dokter Gigi " : "Dokter ") + level;
        case PERAWAT -> (bidan ? "Bidan " : "Perawat ") + level;
        default -> otherFunctional + " " + level;
      };
    }

    /** A unit to head whose eselon the rank allows: IV from III/a, III from III/c, II from IV/a, I from IV/c. */
    private UnitOrganisasi headedUnit(List<UnitOrganisasi> units, int gol) {
      if (profile != null && !units.isEmpty()) {
        // Demo officials head the unit of a fixed rank-appropriate level, the first one.
        for (UnitOrganisasi u : units) {
          if (allowed(u.eselon(), gol) && u.eselon() >= 3) {
            return u;
          }
        }
      }
      List<UnitOrganisasi> allowed = new ArrayList<>();
      int[] weights = new int[units.size()];
      int n = 0;
      for (UnitOrganisasi u : units) {
        if (allowed(u.eselon(), gol)) {
          allowed.add(u);
          weights[n++] = switch (u.eselon()) {
            case 1 -> 1;
            case 2 -> 2;
            case 3 -> 5;
            default -> 10;
          };
        }
      }
      if (allowed.isEmpty()) {
        return null;
      }
      int[] w = new int[n];
      System.arraycopy(weights, 0, w, 0, n);
      return allowed.get(Names.weighted(w, rnd));
    }

    private boolean allowed(int eselon, int gol) {
      return switch (eselon) {
        case 1 -> gol >= 14;
        case 2 -> gol >= 12;
        case 3 -> gol >= 10;
        default -> gol >= 8;
      };
    }

    private String sk(LocalDate tmt) {
      return (agency.pusat() ? "KP.03.01/" : "821.2/") + (1 + rnd.nextInt(9000)) + (agency.pusat() ? "/" : "/BKD/")
          + tmt.getYear();
    }

    private void contact() {
      String kota = domisili.nama();
      row[Column.ALAMAT.ordinal()] = "Jl. " + pick(JALAN) + " No. " + (1 + rnd.nextInt(150)) + ", RT "
          + pad2(1 + rnd.nextInt(12)) + "/RW " + pad2(1 + rnd.nextInt(9)) + ", " + kota;
      row[Column.NOMOR_HP.ordinal()] = pick(HP) + digits(rnd.nextBoolean() ? 7 : 8);
      if (rnd.nextInt(100) < 70) {
        String[] parts = SPACES.split(NOT_A_LETTER.matcher(person.nama().toLowerCase()).replaceAll("").trim());
        String local = parts[0] + (parts.length > 1 ? "." + parts[parts.length - 1] : "") + (10 + rnd.nextInt(90));
        row[Column.EMAIL.ordinal()] = local + (rnd.nextInt(4) == 0 ? "@yahoo.co.id" : "@gmail.com");
      }
      if (rnd.nextInt(100) < 97) {
        row[Column.BPJS_NOMOR.ordinal()] = "000" + digits(10);
        row[Column.BPJS_NAMA.ordinal()] = person.nama().toUpperCase();
        row[Column.BPJS_TANGGAL_LAHIR.ordinal()] = birth.toString();
      }
      row[Column.BAPERTARUM_PUNYA_RUMAH.ordinal()] = Boolean.toString(rnd.nextInt(100) < 62);
      row[Column.KPE_PUNYA.ordinal()] = Boolean.toString(rnd.nextInt(100) < 35);
    }

    private void histories() {
      row[Column.RIWAYAT_GOLONGAN.ordinal()] = SapkCsv.joinRows(golongan);
      row[Column.RIWAYAT_PENDIDIKAN.ordinal()] = SapkCsv.joinRows(schooling());
      row[Column.RIWAYAT_DIKLAT.ordinal()] = SapkCsv.joinRows(training());
      row[Column.RIWAYAT_JABATAN.ordinal()] = SapkCsv.joinRows(jabatan);
      row[Column.KELUARGA.ordinal()] = SapkCsv.joinRows(family());
    }

    private List<String[]> schooling() {
      List<String[]> rows = new ArrayList<>();
      String town = row[Column.TEMPAT_LAHIR.ordinal()];
      rows.add(new String[] {"SD", "SD Negeri " + (1 + rnd.nextInt(12)) + " " + town, null,
          Integer.toString(graduationYear("SD", false)), "DN-" + digits(2) + " Dd " + digits(7)});
      if (tingkat.equals("SD")) {
        return rows;
      }
      rows.add(new String[] {"SMP", "SMP Negeri " + (1 + rnd.nextInt(6)) + " " + town, null,
          Integer.toString(graduationYear("SMP", false)), "DN-" + digits(2) + " DI " + digits(7)});
      if (tingkat.equals("SMP")) {
        return rows;
      }
      String sma = "SPG".equals(jurusan) ? "SPG Negeri " + town
          : jurusan != null && jurusan.startsWith("Sekolah") ? jurusan + " Depkes " + town
          : "SMA Negeri " + (1 + rnd.nextInt(5)) + " " + town;
      rows.add(new String[] {"SMA", sma, tingkat.equals("SMA") ? jurusan : null,
          Integer.toString(graduationYear("SMA", false)), "DN-" + digits(2) + " Ma " + digits(7)});
      if (tingkat.equals("SMA")) {
        return rows;
      }
      String kampus = OrganisationTree.UNIVERSITAS_DAERAH.getOrDefault(provinsiKode, "Universitas Terbuka");
      if (!entryTingkat.equals(tingkat) && !entryTingkat.equals("SMA")) {
        String entryJurusan = role == Role.DOKTER ? "Profesi Dokter" : entryTingkat.equals("D2") ? "PGSD"
            : entryTingkat.equals("D3") ? jurusan : "Pendidikan " + pick(S1_GURU);
        rows.add(new String[] {entryTingkat, kampus, entryJurusan, Integer.toString(graduationYear(entryTingkat, false)),
            digits(4) + "/UN/" + graduationYear(entryTingkat, false)});
      }
      if (upgradeYear > 0 && role == Role.GURU && tingkat.equals("S1")) {
        kampus = "Universitas Terbuka";
      }
      int year = graduationYear(tingkat, true);
      rows.add(new String[] {tingkat, kampus, jurusan, Integer.toString(year), digits(4) + "/UN/" + year});
      return rows;
    }

    private List<String[]> training() {
      List<String[]> rows = new ArrayList<>();
      int cpnsYear = cpns.getYear();
      int now = snapshot.getYear();
      String gol = golongan.get(0)[0];
      if (cpnsYear + 1 <= now) {
        rows.add(new String[] {"STRUKTURAL", gol.startsWith("III") ? "Diklat Prajabatan Golongan III"
            : "Diklat Prajabatan Golongan I/II", Integer.toString(cpnsYear + 1), gol.startsWith("III") ? "204" : "180"});
      }
      String eselon = row[Column.ESELON.ordinal()];
      if (eselon != null) {
        int year = Integer.parseInt(row[Column.TMT_ESELON.ordinal()].substring(0, 4));
        if (!eselon.startsWith("IV")) {
          rows.add(new String[] {"STRUKTURAL", "Diklat Kepemimpinan Tingkat IV", Integer.toString(Math.max(cpnsYear + 2, year - 4)), "285"});
        }
        String level = eselon.startsWith("IV") ? "IV" : eselon.startsWith("III") ? "III" : eselon.startsWith("II") ? "II" : "I";
        rows.add(new String[] {"STRUKTURAL", "Diklat Kepemimpinan Tingkat " + level, Integer.toString(Math.min(now, year + 1)),
            level.equals("IV") ? "285" : level.equals("III") ? "380" : "490"});
      }
      if (role == Role.GURU && now - cpnsYear > 5 && rnd.nextBoolean()) {
        rows.add(new String[] {"FUNGSIONAL", "Pendidikan dan Latihan Profesi Guru (PLPG)",
            Integer.toString(2008 + rnd.nextInt(Math.max(1, now - 2008))), "90"});
      }
      if (role == Role.DOKTER) {
        rows.add(new String[] {"FUNGSIONAL", dokterGigi ? "Pelatihan Pengendalian Infeksi Kedokteran Gigi"
            : "Pelatihan Advanced Cardiac Life Support", Integer.toString(Math.min(now, cpnsYear + 2)), "40"});
      }
      if (role == Role.PERAWAT) {
        rows.add(new String[] {"FUNGSIONAL", bidan ? "Pelatihan Asuhan Persalinan Normal"
            : "Pelatihan Basic Trauma Cardiac Life Support", Integer.toString(Math.min(now, cpnsYear + 2)), "40"});
      }
      int teknis = rnd.nextInt(3);
      for (int i = 0; i < teknis && cpnsYear + 2 <= now; i++) {
        String[] d = pick(DIKLAT_TEKNIS).split("\\|");
        rows.add(new String[] {"TEKNIS", d[0], Integer.toString(cpnsYear + 2 + rnd.nextInt(now - cpnsYear - 1)), d[1]});
      }
      return rows;
    }

    private List<String[]> family() {
      List<String[]> rows = new ArrayList<>();
      int age = snapshot.getYear() - birth.getYear();
      if (age < 24 || rnd.nextInt(100) >= 88) {
        return rows;
      }
      LocalDate married = birth.plusYears(23 + rnd.nextInt(Math.min(10, age - 22))).plusDays(rnd.nextInt(365));
      if (married.isAfter(snapshot)) {
        married = snapshot.minusMonths(2);
      }
      Person spouse = Names.relative(person, !female, null, rnd);
      LocalDate spouseBirth = female ? birth.minusYears(rnd.nextInt(7)).minusDays(rnd.nextInt(365))
          : birth.plusYears(rnd.nextInt(6)).plusDays(rnd.nextInt(365));
      String job = female ? pick(PEKERJAAN_PASANGAN) : pick(PEKERJAAN_PASANGAN);
      if (!female && job.equals("TNI/Polri")) {
        job = "Mengurus Rumah Tangga";
      }
      rows.add(new String[] {female ? "SUAMI" : "ISTRI", spouse.nama(), spouseBirth.toString(), married.toString(),
          female && job.equals("Mengurus Rumah Tangga") ? "Wiraswasta" : job});
      String marga = female ? spouse.marga() : person.marga();
      int children = Names.weighted(new int[] {8, 20, 35, 25, 12}, rnd);
      LocalDate born = married.plusMonths(10 + rnd.nextInt(18));
      for (int i = 0; i < children && born.isBefore(snapshot); i++) {
        boolean girl = rnd.nextBoolean();
        Person child = Names.relative(female ? spouse : person, girl, marga, rnd);
        long childAge = ChronoUnit.YEARS.between(born, snapshot);
        String work = childAge >= 23 ? (rnd.nextBoolean() ? "Karyawan Swasta" : null)
            : childAge >= 19 ? "Mahasiswa" : childAge >= 6 ? "Pelajar" : null;
        rows.add(new String[] {"ANAK", child.nama(), born.toString(), null, work});
        born = born.plusMonths(20 + rnd.nextInt(40));
      }
      return rows;
    }
  }

  // ------------------------------------------------------------------ NIP sequences

  private int sequenceKey(LocalDate b, YearMonth c, boolean f) {
    if (b.getYear() < FIRST_BIRTH_YEAR || b.getYear() > LAST_BIRTH_YEAR) {
      return -1;
    }
    int day = (int) ChronoUnit.DAYS.between(LocalDate.of(FIRST_BIRTH_YEAR, 1, 1), b);
    int offset = (int) ChronoUnit.MONTHS.between(YearMonth.from(b), c) - MIN_CPNS_AGE_MONTHS;
    if (offset < 0 || offset >= CPNS_AGE_SPAN_MONTHS) {
      return -1;
    }
    return (day * CPNS_AGE_SPAN_MONTHS + offset) * 2 + (f ? 1 : 0);
  }

  private int nextSequenceFor(LocalDate b, YearMonth c, boolean f) {
    int key = sequenceKey(b, c, f);
    if (key < 0) {
      return sequencesOutOfRange.merge(b + "/" + c + "/" + f, 1, Integer::sum);
    }
    return ++sequences[key];
  }

  private void reserve(LocalDate b, YearMonth c, boolean f, int sequence) {
    int key = sequenceKey(b, c, f);
    if (key < 0) {
      sequencesOutOfRange.merge(b + "/" + c + "/" + f, sequence, Math::max);
    } else if (sequences[key] < sequence) {
      sequences[key] = (short) sequence;
    }
  }

  private String digits(int n) {
    char[] out = new char[n];
    for (int i = 0; i < n; i++) {
      out[i] = (char) ('0' + rnd.nextInt(10));
    }
    return new String(out);
  }

  private String pick(String[] values) {
    return values[rnd.nextInt(values.length)];
  }

  // Compiled once: String.replaceAll and split(" +") compiled them for every PNS.
  private static final java.util.regex.Pattern NOT_A_LETTER = java.util.regex.Pattern.compile("[^a-z ]");
  private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile(" +");

  private static String pad2(int n) {
    return n < 10 ? "0" + n : Integer.toString(n);
  }
}

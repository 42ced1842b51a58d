package id.go.bkn.epupns.testing;

import id.go.bkn.epupns.auth.PasswordHasher;
import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.sapk.Nik;
import id.go.bkn.epupns.sapk.Nip;
import id.go.bkn.epupns.sapk.Scope;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A tiny SAPK for tests that need known rows: one BKN office, an agency that requires approval
 * (BKN, id 1) and one that does not (Kota Bandung, id 2), work units, and PNS created on demand.
 */
public final class SapkFixture {

  public static final int INSTANSI_BKN = 1;
  public static final int INSTANSI_BANDUNG = 2;
  public static final int SATKER_BKN = 10;
  public static final int SATKER_DISDIK_BANDUNG = 20;
  public static final int SATKER_DINKES_BANDUNG = 21;
  public static final String OFFICER_PASSWORD = "petugas-rahasia-2015";

  private final TestService service;
  private int sequence = 1;

  public SapkFixture(TestService service) {
    this(service, true);
  }

  /** {@code organisation} false: the database has its organisation tree already; only PNS and officers are added. */
  public SapkFixture(TestService service, boolean organisation) {
    this.service = service;
    if (!organisation) {
      return;
    }
    service.sql("insert into kanreg values (0, '00', 'BKN Pusat', 'Jakarta'), (3, '03', 'Kantor Regional III', 'Bandung')");
    service.sql("insert into instansi values ($1, '4011', 'Badan Kepegawaian Negara', 'PUSAT', null, 0, true)", INSTANSI_BKN);
    service.sql("insert into instansi values ($1, '3273', 'Pemerintah Kota Bandung', 'KOTA', 32, 3, false)", INSTANSI_BANDUNG);
    service.sql("insert into satuan_kerja values ($1, $2, 'Direktorat Pengolahan Data', 'Jakarta')", SATKER_BKN, INSTANSI_BKN);
    service.sql("insert into satuan_kerja values ($1, $2, 'Dinas Pendidikan', 'Bandung')", SATKER_DISDIK_BANDUNG, INSTANSI_BANDUNG);
    service.sql("insert into satuan_kerja values ($1, $2, 'Dinas Kesehatan', 'Bandung')", SATKER_DINKES_BANDUNG, INSTANSI_BANDUNG);
  }

  /** A PNS with a valid NIP and a NIK that agrees with it. */
  public record Person(String nip, String nik, String nama) {
  }

  public Person pns(int satuanKerjaId, boolean female) {
    return pns(satuanKerjaId, female, 1).get(0);
  }

  /** That many PNS of the work unit at once (one statement), alternately female and male from {@code female}. */
  public java.util.List<Person> pns(int satuanKerjaId, boolean female, int count) {
    if (sequence + count - 1 > 999) {
      throw new IllegalStateException("a fixture makes at most 999 PNS (the NIP's serial has three digits)");
    }
    java.util.List<Person> people = new java.util.ArrayList<>();
    java.util.List<LocalDate> births = new java.util.ArrayList<>();
    java.util.List<String> genders = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      boolean f = female ^ (i % 2 == 1);
      // 37 days apart from 1980 while the TMT CPNS (2005) stays after the 16th birthday (the first 80), then from
      // 1962 again: the serial keeps the NIPs distinct.
      LocalDate birth = sequence <= 80 ? LocalDate.of(1980, 1, 1).plusDays(sequence * 37L)
          : LocalDate.of(1962, 1, 1).plusDays(sequence * 37L % (26 * 365));
      people.add(new Person(Nip.format(birth, YearMonth.of(2005, 3), f, sequence),
          Nik.format(32, 73, 5, birth, f, sequence), (f ? "Siti Rahayu " : "Budi Santoso ") + sequence));
      births.add(birth);
      genders.add(f ? "P" : "L");
      sequence++;
    }
    int instansi = satuanKerjaId == SATKER_BKN ? INSTANSI_BKN : INSTANSI_BANDUNG;
    service.sql("""
        insert into pns (nip, nik, nama, tempat_lahir, tanggal_lahir, agama, jenis_kelamin, tmt_cpns, tmt_pns,
          golongan, tmt_golongan, pendidikan_tingkat, jenis_pegawai, status_pegawai, instansi_induk_id,
          instansi_kerja_id, satuan_kerja_id, lokasi_kerja, jenis_jabatan)
        select nip, nik, nama, 'Bandung', lahir, 'Islam', jk, date '2005-03-01', date '2006-03-01', 'III/b',
          date '2012-04-01', 'S1', 'PNS Daerah', 'PNS', $6, $6, $7, 'Bandung', 'FUNGSIONAL_UMUM'
          from unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[]) as p(nip, nik, nama, lahir, jk)""",
        people.stream().map(Person::nip).toArray(String[]::new), people.stream().map(Person::nik).toArray(String[]::new),
        people.stream().map(Person::nama).toArray(String[]::new), births.toArray(LocalDate[]::new),
        genders.toArray(String[]::new), instansi, satuanKerjaId);
    return people;
  }

  /** An officer account (password {@link #OFFICER_PASSWORD}) for a new PNS of the work unit. */
  public Person officer(String role, int satuanKerjaId) {
    return officer(Role.valueOf(role), satuanKerjaId);
  }

  /**
   * An officer account for a new PNS of the work unit, scoped at its role's level ({@link Role#scopeLevel()}):
   * that work unit, its agency, or its agency's BKN office.
   */
  public Person officer(Role role, int satuanKerjaId) {
    Person person = pns(satuanKerjaId, false);
    int instansi = satuanKerjaId == SATKER_BKN ? INSTANSI_BKN : INSTANSI_BANDUNG;
    Scope scope = Scope.of(role.scopeLevel(), satuanKerjaId, instansi, instansi == INSTANSI_BKN ? 0 : 3);
    String hash = new PasswordHasher(service.running().config(), null).hashNow(OFFICER_PASSWORD);
    service.sql("""
        insert into officer (nip, nama, role, satuan_kerja_id, instansi_id, kanreg_id, password_hash)
        values ($1, $2, $3, $4, $5, $6, $7)""",
        person.nip(), person.nama(), role.name(), scope.satuanKerjaId(), scope.instansiId(),
        scope.kanregId() == null ? null : scope.kanregId().shortValue(), hash);
    return person;
  }
}

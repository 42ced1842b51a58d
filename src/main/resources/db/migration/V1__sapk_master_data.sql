-- SAPK: the national personnel database that every PNS checks during PUPNS.
-- Organisation tree: kanreg (BKN office) -> instansi (agency) -> satuan_kerja (work unit, SKPD)
-- -> unit_organisasi (eselon 1-4). Every PNS belongs to one work unit.

create table kanreg (
  id          smallint primary key,          -- 0 = BKN Pusat, 1..14 = Kantor Regional I..XIV
  kode        text not null unique,
  nama        text not null,
  kota        text not null
);

create table instansi (
  id                 integer primary key,
  kode               text not null unique,   -- BKN agency code, e.g. 4011 (K/L) or 1100 (Prov. Aceh)
  nama               text not null,
  jenis              text not null check (jenis in ('PUSAT', 'PROVINSI', 'KABUPATEN', 'KOTA')),
  provinsi_kode      smallint check (provinsi_kode between 11 and 94),  -- BPS/Dukcapil province code
  kanreg_id          smallint not null references kanreg(id),
  -- Some agencies let their PNS log in without the bureau's approval (as in 2015).
  approval_required  boolean not null default true
);
create index instansi_kanreg on instansi(kanreg_id);

create table satuan_kerja (
  id           integer primary key,
  instansi_id  integer not null references instansi(id),
  nama         text not null,
  lokasi       text not null
);
create index satuan_kerja_instansi on satuan_kerja(instansi_id);

create table unit_organisasi (
  id               integer primary key,
  satuan_kerja_id  integer not null references satuan_kerja(id),
  parent_id        integer references unit_organisasi(id),
  eselon           smallint not null check (eselon between 1 and 4),
  nama             text not null
);
create index unit_organisasi_satuan_kerja on unit_organisasi(satuan_kerja_id);

-- The PNS record: Data Utama, Data Posisi and Stakeholder of SPEC 4.3.
create table pns (
  nip                          char(18) primary key,
  nip_lama                     char(9),
  nik                          char(16),
  nama                         text not null,               -- as in the BKN database
  nama_dukcapil                text,                        -- as in the civil registry
  gelar_depan                  text,
  gelar_belakang               text,
  tempat_lahir                 text not null,
  tanggal_lahir                date not null,
  agama                        text not null,
  jenis_kelamin                char(1) not null check (jenis_kelamin in ('L', 'P')),
  tmt_cpns                     date not null,
  tmt_pns                      date,
  golongan                     text not null,               -- I/a .. IV/e
  tmt_golongan                 date not null,
  pendidikan_tingkat           text not null,               -- SD .. S3
  pendidikan_nama              text,                        -- e.g. S-2 Magister Manajemen
  tahun_lulus                  smallint,
  kedudukan                    text not null default 'Aktif',
  jenis_pegawai                text not null,
  status_pegawai               text not null check (status_pegawai in ('CPNS', 'PNS')),
  masa_kerja_tahun             smallint not null default 0,
  masa_kerja_bulan             smallint not null default 0 check (masa_kerja_bulan between 0 and 11),
  alamat                       text,
  nomor_hp                     text,
  email                        text,
  -- Data Posisi
  instansi_induk_id            integer not null references instansi(id),
  instansi_kerja_id            integer not null references instansi(id),
  satuan_kerja_id              integer not null references satuan_kerja(id),
  unit_organisasi_id           integer references unit_organisasi(id),
  lokasi_kerja                 text not null,
  jenis_jabatan                text not null check (jenis_jabatan in ('STRUKTURAL', 'FUNGSIONAL_TERTENTU', 'FUNGSIONAL_UMUM')),
  jabatan_struktural           text,
  tmt_jabatan_struktural       date,
  eselon                       text,                        -- I.a .. IV.b
  tmt_eselon                   date,
  jabatan_fungsional_tertentu  text,
  tmt_jabatan_fungsional_tertentu date,
  jabatan_fungsional_umum      text,
  tmt_jabatan_fungsional_umum  date,
  guru                         boolean not null default false,
  dokter                       boolean not null default false,
  -- Stakeholder
  bpjs_nomor                   text,
  bpjs_nama                    text,
  bpjs_tanggal_lahir           date,
  bapertarum_punya_rumah       boolean,
  kpe_punya                    boolean,
  updated_at                   timestamptz not null default now()
);
create index pns_satuan_kerja on pns(satuan_kerja_id);
create index pns_instansi_kerja on pns(instansi_kerja_id);

-- History lists (Data Riwayat). Each row is dated; the PNS confirms, corrects or adds rows.
create table riwayat_golongan (
  id          bigint generated always as identity primary key,
  nip         char(18) not null references pns(nip) on delete cascade,
  golongan    text not null,
  tmt         date not null,
  nomor_sk    text,
  tanggal_sk  date
);
create index riwayat_golongan_nip on riwayat_golongan(nip);

create table riwayat_pendidikan (
  id            bigint generated always as identity primary key,
  nip           char(18) not null references pns(nip) on delete cascade,
  tingkat       text not null,
  nama_sekolah  text not null,
  jurusan       text,
  tahun_lulus   smallint not null,
  nomor_ijazah  text
);
create index riwayat_pendidikan_nip on riwayat_pendidikan(nip);

create table riwayat_diklat (
  id       bigint generated always as identity primary key,
  nip      char(18) not null references pns(nip) on delete cascade,
  jenis    text not null check (jenis in ('STRUKTURAL', 'FUNGSIONAL', 'TEKNIS')),
  nama     text not null,
  tahun    smallint not null,
  jam      smallint
);
create index riwayat_diklat_nip on riwayat_diklat(nip);

create table riwayat_jabatan (
  id             bigint generated always as identity primary key,
  nip            char(18) not null references pns(nip) on delete cascade,
  jenis_jabatan  text not null,
  nama_jabatan   text not null,
  unit_kerja     text,
  eselon         text,
  tmt            date not null,
  nomor_sk       text
);
create index riwayat_jabatan_nip on riwayat_jabatan(nip);

create table keluarga (
  id              bigint generated always as identity primary key,
  nip             char(18) not null references pns(nip) on delete cascade,
  hubungan        text not null check (hubungan in ('SUAMI', 'ISTRI', 'ANAK')),
  nama            text not null,
  tanggal_lahir   date,
  tanggal_nikah   date,
  pekerjaan       text
);
create index keluarga_nip on keluarga(nip);

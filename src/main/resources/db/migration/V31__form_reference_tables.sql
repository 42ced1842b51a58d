-- Reference tables the form's autocomplete offers (SPEC 4.3, seed 001): schools and health units
-- per agency (kept by the agency's admin), medical specialties nationwide.
-- National size: ~300k schools, ~10k Puskesmas + hospitals, but a few hundred to a few thousand
-- per agency. Lookups are "this agency, name contains q, alphabetical, first 20": a btree on
-- (instansi_id, lower(nama) collate "C") walks the agency's names in order and stops after 20
-- matches. Measured on 300k schools / 540 agencies: 0.1-1.3 ms (5 ms cold), where a trigram GIN
-- index (pg_trgm + btree_gin) took 9-16 ms, because the common trigrams of "SD Negeri ..., Kota ..."
-- are in nearly every row.

create table ref_sekolah (
  id           bigint generated always as identity primary key,
  instansi_id  integer not null references instansi(id),
  npsn         text,
  nama         text not null check (length(nama) between 2 and 200),
  jenjang      text not null check (jenjang in ('SD', 'SMP', 'SMA')),
  alamat       text
);
create index ref_sekolah_by_name on ref_sekolah (instansi_id, (lower(nama) collate "C"));

create table ref_unit_kesehatan (
  id           bigint generated always as identity primary key,
  instansi_id  integer not null references instansi(id),
  jenis        text not null check (jenis in ('Puskesmas', 'Rumah Sakit')),
  nama         text not null check (length(nama) between 2 and 200),
  alamat       text
);
create index ref_unit_kesehatan_by_name on ref_unit_kesehatan (instansi_id, (lower(nama) collate "C"));

create table ref_spesialis (
  id    integer generated always as identity primary key,
  nama  text not null unique
);

insert into ref_spesialis (nama) values
  ('Anak'), ('Anestesiologi dan Terapi Intensif'), ('Bedah'), ('Bedah Saraf'), ('Bedah Mulut'),
  ('Forensik dan Medikolegal'), ('Jantung dan Pembuluh Darah'), ('Kedokteran Fisik dan Rehabilitasi'),
  ('Kedokteran Jiwa (Psikiatri)'), ('Kulit dan Kelamin'), ('Mata'), ('Mikrobiologi Klinik'),
  ('Neurologi (Saraf)'), ('Obstetri dan Ginekologi'), ('Orthopaedi dan Traumatologi'), ('Paru'),
  ('Patologi Anatomi'), ('Patologi Klinik'), ('Penyakit Dalam'), ('Radiologi'), ('Telinga Hidung Tenggorok'),
  ('Urologi'), ('Gizi Klinik'), ('Kedokteran Olahraga'), ('Konservasi Gigi'), ('Ortodonsia'),
  ('Periodonsia'), ('Prostodonsia'), ('Kedokteran Gigi Anak'), ('Penyakit Mulut');

-- Demo and test content for one agency until the admin screens exist:
--   select form_seed_reference(2, 'Bandung', 40, 10);
-- gives 40 schools per level (SD, SMP, SMA) and 10 Puskesmas + 2 hospitals. Idempotent per agency.
create function form_seed_reference(p_instansi integer, p_kota text, p_schools integer, p_puskesmas integer)
returns integer language plpgsql as $$
declare
  added integer := 0;
begin
  if exists (select 1 from ref_sekolah where instansi_id = p_instansi)
     or exists (select 1 from ref_unit_kesehatan where instansi_id = p_instansi) then
    return 0;
  end if;
  insert into ref_sekolah (instansi_id, npsn, nama, jenjang, alamat)
  select p_instansi, lpad((p_instansi * 100000 + j.n * 10000 + g)::text, 8, '0'),
         j.prefix || ' Negeri ' || g || ' ' || p_kota, j.jenjang, 'Jl. Pendidikan No. ' || g || ', ' || p_kota
    from (values (1, 'SD', 'SD'), (2, 'SMP', 'SMP'), (3, 'SMA', 'SMA')) as j(n, jenjang, prefix),
         generate_series(1, p_schools) g;
  get diagnostics added = row_count;
  insert into ref_unit_kesehatan (instansi_id, jenis, nama, alamat)
  select p_instansi, 'Puskesmas', 'Puskesmas ' || p_kota || ' ' || g, 'Kecamatan ' || g || ', ' || p_kota
    from generate_series(1, p_puskesmas) g
  union all
  select p_instansi, 'Rumah Sakit', v.nama || ' ' || p_kota, p_kota
    from (values ('RSUD'), ('RS Khusus Ibu dan Anak')) v(nama);
  return added + p_puskesmas + 2;
end $$;

-- National-size data for the form benchmark (not used by tests). Run on a migrated, empty database:
--   psql -h 127.0.0.1 -U postgres -d epupns_bench -v pns=1000000 -f src/test/resources/form/bench-data.sql
-- 34 provinces' worth of agencies (540), 10 work units each, :pns PNS with history rows,
-- 300k schools and ~10k Puskesmas/hospitals in the reference tables.
\set ON_ERROR_STOP on
set synchronous_commit = off;
insert into kanreg select k, lpad(k::text, 2, '0'), 'Kanreg ' || k, 'Kota ' || k from generate_series(0, 14) k;
insert into instansi select i, (1000 + i)::text, 'Instansi ' || i, case when i <= 80 then 'PUSAT' else 'KABUPATEN' end,
  case when i <= 80 then null else 11 + i % 80 end, i % 15, i % 3 = 0 from generate_series(1, 540) i;
insert into satuan_kerja select i * 10 + s, i, 'Satuan Kerja ' || s || ' Instansi ' || i, 'Kota ' || i
  from generate_series(1, 540) i, generate_series(0, 9) s;
insert into pns (nip, nama, tempat_lahir, tanggal_lahir, agama, jenis_kelamin, tmt_cpns, tmt_pns, golongan, tmt_golongan,
  pendidikan_tingkat, pendidikan_nama, tahun_lulus, jenis_pegawai, status_pegawai, masa_kerja_tahun, masa_kerja_bulan,
  alamat, nomor_hp, email, instansi_induk_id, instansi_kerja_id, satuan_kerja_id, lokasi_kerja, jenis_jabatan,
  jabatan_fungsional_umum, tmt_jabatan_fungsional_umum, guru, dokter, bpjs_nomor, bpjs_nama)
select '19' || lpad(g::text, 16, '0'), 'Pegawai ' || g, 'Kota ' || (g % 500), date '1960-01-01' + (g % 14000),
  (array['Islam','Kristen','Katolik','Hindu','Buddha','Konghucu'])[1 + g % 6], case when g % 2 = 0 then 'L' else 'P' end,
  date '1985-01-01' + (g % 9000), date '1986-01-01' + (g % 9000), (array['II/c','III/a','III/b','III/c','IV/a'])[1 + g % 5],
  date '1990-01-01' + (g % 8000), (array['SMA','D3','S1','S2'])[1 + g % 4], 'Pendidikan ' || g % 100, 1980 + g % 35,
  'PNS Daerah', 'PNS', g % 30, g % 12, 'Jl. Contoh No. ' || g % 300, '0812' || lpad((g % 100000000)::text, 8, '0'),
  'pegawai' || g || '@contoh.go.id', 1 + g % 540, 1 + g % 540, (1 + g % 540) * 10 + g % 10, 'Kota ' || g % 540,
  'FUNGSIONAL_UMUM', 'Pelaksana', date '1995-01-01' + (g % 7000), g % 7 = 0, g % 23 = 0,
  lpad(g::text, 13, '0'), 'Pegawai ' || g
from generate_series(1, :pns) g;
insert into riwayat_golongan (nip, golongan, tmt, nomor_sk)
select p.nip, (array['II/a','II/b','III/a','III/b'])[1 + r], p.tmt_cpns + r * 1460, 'SK-' || r
  from pns p, generate_series(0, 1) r;
insert into riwayat_pendidikan (nip, tingkat, nama_sekolah, tahun_lulus) select nip, pendidikan_tingkat, 'Universitas Contoh', tahun_lulus from pns;
insert into riwayat_diklat (nip, jenis, nama, tahun, jam) select nip, 'TEKNIS', 'Diklat Teknis', 2010, 40 from pns;
insert into riwayat_jabatan (nip, jenis_jabatan, nama_jabatan, tmt) select nip, 'FUNGSIONAL_UMUM', 'Pelaksana', tmt_cpns from pns;
insert into keluarga (nip, hubungan, nama, tanggal_lahir, tanggal_nikah)
select nip, case when jenis_kelamin = 'L' then 'ISTRI' else 'SUAMI' end, 'Pasangan ' || nama, tanggal_lahir, tmt_cpns from pns;
insert into ref_sekolah (instansi_id, npsn, nama, jenjang)
select 1 + g % 540, lpad(g::text, 8, '0'), (array['SD','SMP','SMA'])[1 + g % 3] || ' Negeri ' || (g / 540) || ' Kota ' || (1 + g % 540),
  (array['SD','SMP','SMA'])[1 + g % 3] from generate_series(1, 300000) g;
insert into ref_unit_kesehatan (instansi_id, jenis, nama)
select 1 + g % 540, case when g % 10 = 0 then 'Rumah Sakit' else 'Puskesmas' end,
  case when g % 10 = 0 then 'RSUD ' else 'Puskesmas ' end || (g / 540) || ' Kota ' || (1 + g % 540) from generate_series(1, 10000) g;
analyze;

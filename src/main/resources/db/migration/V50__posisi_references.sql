-- Data Posisi: instansi induk/kerja, satuan kerja and unit organisasi are corrected by picking a
-- row of the organisation tree (autocomplete), no longer by free text. The SAPK column of the form
-- shows them as {id, nama, parent id} so that a pick can be checked against its parent
-- (a work unit of the agency, a unit of the work unit).

-- Autocomplete walks a parent's names in order, as for the schools (V31).
create index instansi_by_name on instansi ((lower(nama) collate "C"));
create index satuan_kerja_by_name on satuan_kerja (instansi_id, (lower(nama) collate "C"));
create index unit_organisasi_by_name on unit_organisasi (satuan_kerja_id, (lower(nama) collate "C"));

-- "Sekretariat Daerah / Bagian Umum / Subbagian Tata Usaha": the unit's path from eselon 1 down.
create function unit_organisasi_jalur(p_id integer) returns text
language sql stable parallel safe as $$
  with recursive up as (
    select id, parent_id, eselon, nama from unit_organisasi where id = p_id
    union all
    select o.id, o.parent_id, o.eselon, o.nama from unit_organisasi o join up on o.id = up.parent_id)
  select string_agg(nama, ' / ' order by eselon) from up
$$;

drop view form_sapk_pns;
create view form_sapk_pns as
select p.nip, p.nip_lama, p.nama, p.nama_dukcapil, p.gelar_depan, p.gelar_belakang, p.tempat_lahir,
       p.tanggal_lahir, p.agama, p.jenis_kelamin, p.tmt_cpns, p.tmt_pns, p.golongan, p.tmt_golongan,
       p.pendidikan_tingkat, p.pendidikan_nama, p.tahun_lulus, p.kedudukan, p.jenis_pegawai, p.status_pegawai,
       p.masa_kerja_tahun, p.masa_kerja_bulan, p.alamat, p.nomor_hp, p.email,
       jsonb_build_object('id', ii.id, 'nama', ii.nama) as instansi_induk,
       jsonb_build_object('id', ik.id, 'nama', ik.nama) as instansi_kerja,
       jsonb_build_object('id', sk.id, 'nama', sk.nama, 'instansi_id', sk.instansi_id) as satuan_kerja,
       (select jsonb_build_object('id', u.id, 'nama', u.nama, 'eselon', u.eselon, 'satuan_kerja_id', u.satuan_kerja_id,
                                  'jalur', unit_organisasi_jalur(u.id))
          from unit_organisasi u where u.id = p.unit_organisasi_id) as unit_organisasi,
       p.lokasi_kerja, p.jenis_jabatan, p.jabatan_struktural, p.tmt_jabatan_struktural, p.eselon, p.tmt_eselon,
       p.jabatan_fungsional_tertentu, p.tmt_jabatan_fungsional_tertentu, p.jabatan_fungsional_umum,
       p.tmt_jabatan_fungsional_umum, p.guru, p.dokter,
       p.bpjs_nomor, p.bpjs_nama, p.bpjs_tanggal_lahir, p.bapertarum_punya_rumah, p.kpe_punya,
       p.satuan_kerja_id, p.instansi_kerja_id, ik.kanreg_id, ik.nama as instansi_kerja_nama
  from pns p
  join instansi ii on ii.id = p.instansi_induk_id
  join instansi ik on ik.id = p.instansi_kerja_id
  join satuan_kerja sk on sk.id = p.satuan_kerja_id;

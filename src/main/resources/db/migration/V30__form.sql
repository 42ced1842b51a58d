-- The PUPNS form (SPEC 4.3): drafts per section with an optimistic version, supporting documents,
-- and the submission that the tiered verification (SPEC 4.4) works through.

-- One row per PNS once they first save; locked (state SUBMITTED) by the submission.
create table form (
  nip           char(18) primary key references pns(nip),
  state         text not null default 'DRAFT' check (state in ('DRAFT', 'SUBMITTED')),
  created_at    timestamptz not null default now(),
  submitted_at  timestamptz
);

-- A section's draft: marks, corrections, new data and history rows, as the catalogue shapes them.
-- Saved with UPDATE ... WHERE version = $n, so two tabs cannot overwrite each other silently.
create table form_section (
  nip         char(18) not null references form(nip),
  section     text not null,
  version     integer not null check (version > 0),
  content     jsonb not null,
  updated_at  timestamptz not null default now(),
  primary key (nip, section)
);

-- Uploaded supporting documents. The bytes live outside the database under their SHA-256
-- (uploads.directory), so the same scan uploaded twice is stored once.
create table document (
  id            bigint generated always as identity primary key,
  owner_nip     char(18) not null references pns(nip),
  sha256        char(64) not null,
  kind          text,
  size_bytes    integer not null check (size_bytes > 0),
  content_type  text not null check (content_type in ('application/pdf', 'image/jpeg', 'image/png')),
  name          text not null,
  created_at    timestamptz not null default now(),
  unique (owner_nip, sha256)
);
create index document_sha256 on document(sha256);

-- Which draft item (a field name or a history row reference) a document supports.
-- The foreign key keeps a linked document from being deleted.
create table form_document_link (
  nip          char(18) not null references form(nip),
  section      text not null,
  item         text not null,
  document_id  bigint not null references document(id),
  primary key (nip, section, item, document_id)
);
create index form_document_link_document on form_document_link(document_id);

-- A submitted form: one per PNS in the campaign. Scope columns are copied at submission time
-- so that the SKPD/BKD/BKN inboxes do not depend on later moves of the PNS.
create table submission (
  id               bigint generated always as identity primary key,
  nip              char(18) not null unique references pns(nip),
  satuan_kerja_id  integer not null references satuan_kerja(id),
  instansi_id      integer not null references instansi(id),
  kanreg_id        smallint not null references kanreg(id),
  submitted_at     timestamptz not null default now(),
  status           text not null check (status in ('IN_VERIFICATION', 'COMPLETED')),
  completed_at     timestamptz
);
create index submission_satuan_kerja on submission(satuan_kerja_id, status);
create index submission_instansi on submission(instansi_id, status);
create index submission_kanreg on submission(kanreg_id, status);

-- Exactly the items the PNS changed. Each passes the tiers SKPD -> BKD -> BKN up to its final
-- authority (from the field catalogue). current_tier is null once the item is resolved.
--   action: CORRECT (a SAPK value corrected), FILL (new data: Data Guru/Dokter),
--           ADD_ROW / REMOVE_ROW (history rows added or asked to be removed)
create table submission_field (
  id               bigint generated always as identity primary key,
  submission_id    bigint not null references submission(id),
  section          text not null,
  field            text not null,                 -- field name, or '_row' for ADD_ROW/REMOVE_ROW
  row_ref          text,                          -- history row: SAPK row id or 'baru-...'
  action           text not null check (action in ('CORRECT', 'FILL', 'ADD_ROW', 'REMOVE_ROW')),
  label            text not null,
  sapk_value       jsonb,
  corrected_value  jsonb,
  final_authority  text not null check (final_authority in ('SKPD', 'BKD', 'BKN')),
  current_tier     text check (current_tier in ('SKPD', 'BKD', 'BKN')),
  status           text not null default 'PENDING' check (status in ('PENDING', 'MS', 'TMS', 'APPLIED')),
  resolved_at      timestamptz,
  unique nulls not distinct (submission_id, section, field, row_ref)
);
create index submission_field_submission on submission_field(submission_id);
create index submission_field_pending on submission_field(current_tier, submission_id) where status = 'PENDING';

create table submission_field_document (
  submission_field_id  bigint not null references submission_field(id),
  document_id          bigint not null references document(id),
  primary key (submission_field_id, document_id)
);
create index submission_field_document_document on submission_field_document(document_id);

-- One verdict per item and tier, with who, when and why (SPEC 4.4).
create table submission_decision (
  id                   bigint generated always as identity primary key,
  submission_field_id  bigint not null references submission_field(id),
  tier                 text not null check (tier in ('SKPD', 'BKD', 'BKN')),
  verdict              text not null check (verdict in ('MS', 'TMS')),
  reason               text,
  decided_by           char(18) not null,
  decided_at           timestamptz not null default now(),
  unique (submission_field_id, tier),
  check (verdict = 'MS' or reason is not null)
);

-- What the form shows in the "DATABASE PNS" column: one column per catalogue field name.
create view form_sapk_pns as
select p.nip, p.nip_lama, p.nama, p.nama_dukcapil, p.gelar_depan, p.gelar_belakang, p.tempat_lahir,
       p.tanggal_lahir, p.agama, p.jenis_kelamin, p.tmt_cpns, p.tmt_pns, p.golongan, p.tmt_golongan,
       p.pendidikan_tingkat, p.pendidikan_nama, p.tahun_lulus, p.kedudukan, p.jenis_pegawai, p.status_pegawai,
       p.masa_kerja_tahun, p.masa_kerja_bulan, p.alamat, p.nomor_hp, p.email,
       ii.nama as instansi_induk, ik.nama as instansi_kerja, sk.nama as satuan_kerja,
       (select string_agg(u.nama, ' / ' order by u.eselon)
          from (with recursive up as (
                  select id, parent_id, eselon, nama from unit_organisasi where id = p.unit_organisasi_id
                  union all
                  select o.id, o.parent_id, o.eselon, o.nama from unit_organisasi o join up on o.id = up.parent_id)
                select eselon, nama from up) u) as unit_organisasi,
       p.lokasi_kerja, p.jenis_jabatan, p.jabatan_struktural, p.tmt_jabatan_struktural, p.eselon, p.tmt_eselon,
       p.jabatan_fungsional_tertentu, p.tmt_jabatan_fungsional_tertentu, p.jabatan_fungsional_umum,
       p.tmt_jabatan_fungsional_umum, p.guru, p.dokter,
       p.bpjs_nomor, p.bpjs_nama, p.bpjs_tanggal_lahir, p.bapertarum_punya_rumah, p.kpe_punya,
       p.satuan_kerja_id, p.instansi_kerja_id, ik.kanreg_id, ik.nama as instansi_kerja_nama
  from pns p
  join instansi ii on ii.id = p.instansi_induk_id
  join instansi ik on ik.id = p.instansi_kerja_id
  join satuan_kerja sk on sk.id = p.satuan_kerja_id;

-- History rows as the form shows them: 'ref' identifies a row, 'urut' orders it.
create view form_sapk_riwayat_golongan as
select nip, id::text as ref, tmt as urut, golongan, tmt, nomor_sk, tanggal_sk from riwayat_golongan;
create view form_sapk_riwayat_pendidikan as
select nip, id::text as ref, make_date(tahun_lulus, 1, 1) as urut, tingkat, nama_sekolah, jurusan, tahun_lulus,
       nomor_ijazah from riwayat_pendidikan;
create view form_sapk_riwayat_diklat as
select nip, id::text as ref, make_date(tahun, 1, 1) as urut, jenis, nama, tahun, jam from riwayat_diklat;
create view form_sapk_riwayat_jabatan as
select nip, id::text as ref, tmt as urut, jenis_jabatan, nama_jabatan, unit_kerja, eselon, tmt, nomor_sk
  from riwayat_jabatan;
create view form_sapk_keluarga as
select nip, id::text as ref, coalesce(tanggal_lahir, tanggal_nikah) as urut, hubungan, nama, tanggal_lahir,
       tanggal_nikah, pekerjaan from keluarga;

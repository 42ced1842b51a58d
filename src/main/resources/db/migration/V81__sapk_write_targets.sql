-- Where verification writes an accepted correction (SPEC 4.4: "MS at the final authority -> the
-- correction is applied to the SAPK record"). Every catalogue field and history section names its
-- write target (field-catalogue.yaml: section `target`, field `column`); start-up checks each one
-- against information_schema, so a renamed column stops the service instead of failing a decision.

-- NIP is SAPK's key: every table refers to it. A verified NIP correction is kept here and applied
-- by BKN's own NIP-change procedure, not by changing the key in place.
alter table pns add column nip_baru char(18);

-- Data Guru and Data Dokter: new data (entry sections) with no column in SAPK's record until now.
create table pns_guru (
  nip                     char(18) primary key references pns(nip) on delete cascade,
  sekolah_id              bigint references ref_sekolah(id),
  jenjang                 text,
  bidang_studi            text,
  mata_pelajaran          text,
  tunjangan_sertifikasi   boolean,
  tanggal_sk_sertifikasi  date,
  jumlah_kelas            smallint,
  murid_per_kelas         smallint,
  jam_per_minggu          smallint,
  updated_at              timestamptz not null default now()
);

create table pns_dokter (
  nip                 char(18) primary key references pns(nip) on delete cascade,
  jenis_unit          text,
  unit_kesehatan_id   bigint references ref_unit_kesehatan(id),
  jenis_dokter        text,
  spesialis_id        integer references ref_spesialis(id),
  jenis_puskesmas     text,
  tipe_puskesmas      text,
  tipe_rumah_sakit    text,
  kunjungan_per_hari  smallint,
  kemampuan_per_hari  smallint,
  updated_at          timestamptz not null default now()
);

-- Every change verification made to a SAPK record: exactly one row per applied item, with who
-- (NIP and role), when, the value before and after (as stored: ids for references, the whole row
-- for added and removed history rows) and why. Only ever inserted. The SAPK re-import reads it
-- to keep verified values (README: "SAPK re-import and verified data").
create table sapk_change (
  id             bigint generated always as identity primary key,
  nip            char(18) not null references pns(nip),
  target_table   text not null,
  target_column  text,              -- null when a whole history row was added or removed
  row_id         bigint,            -- the history row; null for the PNS's own record
  action         text not null check (action in ('CORRECT', 'FILL', 'ADD_ROW', 'REMOVE_ROW')),
  old_value      jsonb,
  new_value      jsonb,
  reason         text,
  item_id        bigint not null unique,  -- the verification item (submission_field.id) that made it
  changed_by     char(18) not null,
  changed_by_role text not null,
  changed_at     timestamptz not null default now()
);
create index sapk_change_nip on sapk_change(nip, changed_at);

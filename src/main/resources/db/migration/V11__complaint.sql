-- Pengaduan: a PNS whose NIP is not in SAPK tells the agency. The agency's admins list them.
create table complaint (
  id            bigint generated always as identity primary key,
  nip           char(18) not null,
  nama          text not null,
  nik           char(16) not null,
  instansi_id   integer not null references instansi(id),
  description   text not null,
  contact       text not null,
  client_ip     text,
  created_at    timestamptz not null default now()
);
create index complaint_instansi_newest on complaint(instansi_id, created_at desc, id desc);
create index complaint_newest on complaint(created_at desc, id desc);

-- Agency autocomplete (GET /api/instansi?q=): substring match on the name, indexed by trigrams.
create extension if not exists pg_trgm;
create index instansi_nama_trgm on instansi using gin (lower(nama) gin_trgm_ops);

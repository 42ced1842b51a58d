-- Reference tables kept by the admins (form/reference/ReferenceAdminRoutes): an entry is retired
-- instead of deleted (forms that chose it keep it; the autocomplete no longer offers it), and each
-- has one natural key per agency, so a CSV import can be repeated without duplicates.
alter table ref_sekolah add column retired_at timestamptz;
alter table ref_unit_kesehatan add column retired_at timestamptz;
alter table ref_spesialis add column retired_at timestamptz;

create unique index ref_sekolah_key on ref_sekolah (instansi_id, (lower(nama)), jenjang);
create unique index ref_unit_kesehatan_key on ref_unit_kesehatan (instansi_id, (lower(nama)), jenis);
create unique index ref_spesialis_key on ref_spesialis ((lower(nama)));

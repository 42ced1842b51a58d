-- The campaign schedule in the database (seeded from config/ on first start, then edited by
-- ADMIN_BKN): the national windows, and staggered windows per agency or per province that replace
-- them for those PNS (an agency's own window wins over its province's). Every change bumps the one
-- version row; each process checks it every schedule.refreshMillis and reloads when it moved.
create table campaign_window (
  window_key       text primary key check (window_key in ('REGISTRATION', 'FORM', 'VERIFICATION')),
  starts_on        date not null,
  ends_on          date not null check (ends_on >= starts_on),
  changed_by       char(18),
  changed_by_role  text,
  changed_at       timestamptz
);

create table campaign_window_override (
  id               bigint generated always as identity primary key,
  window_key       text not null references campaign_window(window_key),
  instansi_id      integer references instansi(id),
  provinsi_kode    smallint check (provinsi_kode between 11 and 94),
  starts_on        date not null,
  ends_on          date not null check (ends_on >= starts_on),
  changed_by       char(18),
  changed_by_role  text,
  changed_at       timestamptz not null default now(),
  constraint campaign_window_override_target check ((instansi_id is null) <> (provinsi_kode is null))
);
create unique index campaign_window_override_agency on campaign_window_override (window_key, instansi_id)
  where instansi_id is not null;
create unique index campaign_window_override_province on campaign_window_override (window_key, provinsi_kode)
  where provinsi_kode is not null;

create table campaign_schedule_version (
  one      boolean primary key default true check (one),
  version  bigint not null default 0
);
insert into campaign_schedule_version values (true, 0);

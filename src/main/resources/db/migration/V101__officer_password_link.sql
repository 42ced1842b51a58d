-- Officers set their own password through an emailed single-use link (no initial passwords handed
-- over): an appointed account has no password until then. Removing an officer keeps its row (its
-- decisions and claims name it) but ends it: removed_at set, disabled.
alter table officer alter column password_hash drop not null;
alter table officer add column email text;
alter table officer add column removed_at timestamptz;

-- Only the SHA-256 of the link's random token is stored (as for password_reset); single use, expires.
create table officer_password_link (
  id           bigint generated always as identity primary key,
  officer_id   bigint not null references officer(id),
  token_hash   bytea not null unique,
  expires_at   timestamptz not null,
  used_at      timestamptz,
  created_at   timestamptz not null default now()
);
create index officer_password_link_open on officer_password_link(officer_id) where used_at is null;

-- A removed (or disabled) officer's sessions end with a reason of their own.
alter table auth_session drop constraint auth_session_end_reason_check;
alter table auth_session add constraint auth_session_end_reason_check
  check (end_reason in ('LOGOUT', 'REFRESH_REUSED', 'ACCOUNT_ENDED'));

-- Login sessions, owned by auth. One row per login; every access and refresh token names its row
-- (claim sid), and the route guard reads it with the account on every request, so ending a
-- session stops its tokens at once. Kept in PostgreSQL, not Redis: a signed-in user keeps working
-- while Redis (which holds only the short-lived guards) is down.
create table auth_session (
  id               uuid primary key,
  registration_id  bigint references registration(id) on delete cascade,
  officer_id       bigint references officer(id) on delete cascade,
  -- SHA-256 of the id (jti) of the one refresh token that may be used next; any older one is a reuse.
  refresh_hash     bytea not null,
  created_at       timestamptz not null default now(),
  refreshed_at     timestamptz,
  -- The absolute end (created_at + jwt.sessionMaxSeconds): refreshing never extends it.
  expires_at       timestamptz not null,
  ended_at         timestamptz,
  end_reason       text check (end_reason in ('LOGOUT', 'REFRESH_REUSED')),
  constraint auth_session_one_account check ((registration_id is null) <> (officer_id is null))
);
create index auth_session_expires on auth_session(expires_at);
create index auth_session_registration on auth_session(registration_id) where registration_id is not null;
create index auth_session_officer on auth_session(officer_id) where officer_id is not null;

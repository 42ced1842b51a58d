-- Password reset by emailed link. Only the SHA-256 of the link's random token is stored, so the
-- table alone cannot reset anyone's password. A token is single-use (used_at) and expires.
create table password_reset (
  id               bigint generated always as identity primary key,
  registration_id  bigint not null references registration(id),
  token_hash       bytea not null unique,
  expires_at       timestamptz not null,
  used_at          timestamptz,
  created_at       timestamptz not null default now()
);
create index password_reset_registration on password_reset(registration_id) where used_at is null;

-- Proof lookups by registration number already use registration_registration_number_key;
-- status by NIP reads the newest registration of a NIP.
create index registration_nip_newest on registration(nip, created_at desc, id desc);
drop index registration_nip;

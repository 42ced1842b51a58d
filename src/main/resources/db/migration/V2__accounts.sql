-- Who can log in: PNS through their registration, officers through an officer account.

create table registration (
  id                    bigint generated always as identity primary key,
  nip                   char(18) not null references pns(nip),
  registration_number   text not null unique,
  nik                   char(16) not null,
  email                 text not null,
  password_hash         text not null,
  -- Only a hash of the normalised mother's maiden name is kept: it is compared, never shown.
  mother_name_hash      text not null,
  security_question     text not null,
  -- Encrypted (AES-GCM, secrets.dataKey): recovery shows the answer back to its owner.
  security_answer_enc   bytea not null,
  status                text not null check (status in ('PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'RESET')),
  status_reason         text,
  decided_by            char(18),
  decided_at            timestamptz,
  -- Bumped on every change that must end existing sessions (reset, password change).
  token_version         integer not null default 0,
  created_at            timestamptz not null default now()
);
-- Exactly one active registration per NIP, whatever the number of parallel attempts.
create unique index registration_one_active_per_nip on registration(nip)
  where status in ('PENDING_APPROVAL', 'APPROVED');
create index registration_nip on registration(nip);
create index registration_pending on registration(status, created_at);

create table officer (
  id               bigint generated always as identity primary key,
  nip              char(18) not null unique,
  nama             text not null,
  role             text not null check (role in ('VERIFIER_SKPD', 'VERIFIER_BKD', 'VERIFIER_BKN', 'ADMIN_INSTANSI', 'ADMIN_BKN')),
  -- Scope: work unit for SKPD, agency for BKD and ADMIN_INSTANSI, BKN office for VERIFIER_BKN.
  satuan_kerja_id  integer references satuan_kerja(id),
  instansi_id      integer references instansi(id),
  kanreg_id        smallint references kanreg(id),
  password_hash    text not null,
  disabled         boolean not null default false,
  token_version    integer not null default 0,
  created_at       timestamptz not null default now(),
  constraint officer_scope check (
    (role = 'VERIFIER_SKPD' and satuan_kerja_id is not null) or
    (role in ('VERIFIER_BKD', 'ADMIN_INSTANSI') and instansi_id is not null) or
    (role = 'VERIFIER_BKN' and kanreg_id is not null) or
    (role = 'ADMIN_BKN'))
);

-- Mail goes out through this outbox, written in the same transaction as the change it reports.
create table mail_outbox (
  id             bigint generated always as identity primary key,
  recipient      text not null,
  subject        text not null,
  body           text not null,
  created_at     timestamptz not null default now(),
  attempts       integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  sent_at        timestamptz,
  last_error     text
);
create index mail_outbox_due on mail_outbox(next_attempt_at) where sent_at is null;

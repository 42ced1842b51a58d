-- Who decided what about registrations and officer accounts, when and why (SPEC 4.4/4.5: every
-- decision is kept). Rows are only ever inserted.

create table registration_decision (
  id               bigint generated always as identity primary key,
  registration_id  bigint not null references registration(id),
  nip              char(18) not null,
  decision         text not null check (decision in ('APPROVE', 'REJECT', 'RESET')),
  from_status      text not null,
  to_status        text not null,
  reason           text,
  decided_by       char(18) not null,
  decided_by_role  text not null,
  decided_at       timestamptz not null default now()
);
create index registration_decision_nip on registration_decision(nip, decided_at);

-- Officer appointments, role and scope changes, disabling; agency approval switches.
create table admin_audit (
  id          bigint generated always as identity primary key,
  actor_nip   char(18),              -- null when done with the command-line tool
  actor_role  text,
  action      text not null,         -- OFFICER_CREATE, OFFICER_UPDATE, OFFICER_DISABLE, OFFICER_ENABLE, APPROVAL_SWITCH
  target      text not null,         -- officer NIP or instansi id
  details     jsonb not null default '{}',
  at          timestamptz not null default now()
);
create index admin_audit_target on admin_audit(target, at);

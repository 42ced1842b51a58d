-- Tiered verification (SPEC 4.4): the routing table, per-tier queues with claims, decision rounds.
-- The verification feature owns these tables and the submission tables of V30.

-- Routing as data: each catalogue item's final authority, seeded from the catalogue at start-up
-- (new items added, existing ones never overwritten), changed by ADMIN_BKN with who and when.
-- A whole history row ("_row") routes every item of a history section.
create table verification_route (
  section           text not null,
  field             text not null,
  final_authority   text not null check (final_authority in ('SKPD', 'BKD', 'BKN')),
  catalogue_authority text not null check (catalogue_authority in ('SKPD', 'BKD', 'BKN')),
  changed_by        char(18),
  changed_by_role   text,
  changed_at        timestamptz,
  primary key (section, field)
);
create table verification_route_change (
  id               bigint generated always as identity primary key,
  section          text not null,
  field            text not null,
  from_authority   text not null,
  to_authority     text not null,
  changed_by       char(18) not null,
  changed_by_role  text not null,
  changed_at       timestamptz not null default now()
);

-- The PNS's name at submission, for the inbox's name filter and list without a join to pns.
alter table submission add column nama text;

-- Items: PENDING at current_tier; RETURNED to the PNS (to be corrected and submitted again: a new
-- round, entering at SKPD); ended as TMS, APPLIED (MS at the final authority: written to SAPK) or
-- WITHDRAWN (a returned item the PNS no longer asks to change).
alter table submission_field drop constraint submission_field_status_check;
update submission_field set status = 'PENDING' where status = 'MS';
alter table submission_field add constraint submission_field_status_check
  check (status in ('PENDING', 'RETURNED', 'TMS', 'APPLIED', 'WITHDRAWN'));
alter table submission_field add column round smallint not null default 1;
alter table submission_field add constraint submission_field_tier_when_pending
  check ((status = 'PENDING') = (current_tier is not null));

-- One verdict per item, round and tier; RETURN sends an item back to the PNS.
alter table submission_decision drop constraint submission_decision_verdict_check;
alter table submission_decision add constraint submission_decision_verdict_check
  check (verdict in ('MS', 'TMS', 'RETURN'));
alter table submission_decision drop constraint submission_decision_submission_field_id_tier_key;
alter table submission_decision add column round smallint not null default 1;
alter table submission_decision add column decided_by_role text;
alter table submission_decision add constraint submission_decision_one_per_round
  unique (submission_field_id, round, tier);
create index submission_decision_decided_by on submission_decision(decided_by, decided_at);

-- Each submission's queue entry per tier: how many of its items wait there, in which sections,
-- and who holds the claim (a lease). The inboxes read only this table: the placement and the
-- submission time are copied, so that each inbox is one index range in submission time order
-- (keyset paged) and never touches the items. pending = 0 once the tier is done with it.
create table submission_tier (
  submission_id     bigint not null references submission(id),
  tier              text not null check (tier in ('SKPD', 'BKD', 'BKN')),
  satuan_kerja_id   integer not null,
  instansi_id       integer not null,
  kanreg_id         smallint not null,
  submitted_at      timestamptz not null,
  nama              text not null,
  pending           integer not null check (pending >= 0),
  sections          text[] not null default '{}',
  claimed_by        char(18),
  claim_expires_at  timestamptz,
  finished_at       timestamptz,
  primary key (submission_id, tier)
);
create index submission_tier_work_unit on submission_tier (tier, satuan_kerja_id, submitted_at, submission_id)
  where pending > 0;
create index submission_tier_agency on submission_tier (tier, instansi_id, submitted_at, submission_id)
  where pending > 0;
create index submission_tier_office on submission_tier (tier, kanreg_id, submitted_at, submission_id)
  where pending > 0;
create index submission_tier_claims on submission_tier (claimed_by) where claimed_by is not null;

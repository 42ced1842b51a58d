-- Monitoring (issue 11): exact counters for GET /api/admin/stats and the backlog view, kept in the
-- same transaction as every change they count, by statement-level triggers with transition tables.
--
-- Why triggers and not calls from each feature: the counted tables have many writers (registration,
-- approval and its undo, the agency approval switch, bulk accounts, load-test preparation, demo data,
-- SAPK imports, form submit, decisions, resubmits, queue recounts), and a counter that one of them
-- forgets to call is silently wrong. A trigger sees every committed change, whoever makes it, in the
-- same transaction. Statement-level (not row-level): one grouped upsert per statement, so a bulk
-- COPY of 4.5 M PNS does one aggregate, not 4.5 M upserts. The triggers write only the monitoring
-- tables below (owned by admin/monitoring); they read the counted tables and never change them.
--
-- Every counter is a sum of "contributions" of rows: a statement adds the contributions of its new
-- rows and subtracts those of its old rows (an update is both), so the counters equal a recount
-- (monitoring_unit_recount) after every statement. MonitoringCountsTest checks exactly that after a
-- scripted campaign through the HTTP API.

-- Per work unit (satuan kerja). Registrations count where the PNS is now (pns.satuan_kerja_id: a
-- move of the PNS moves its registration too); submissions where they were submitted (the copied
-- placement the inboxes use).
create table monitoring_unit (
  satuan_kerja_id  integer primary key,
  pns              bigint not null default 0,  -- PNS in SAPK
  registered       bigint not null default 0,  -- active registrations (PENDING_APPROVAL or APPROVED)
  approved         bigint not null default 0,  -- APPROVED registrations
  submitted        bigint not null default 0,  -- submissions
  completed        bigint not null default 0,  -- COMPLETED submissions
  waiting_skpd     bigint not null default 0,  -- submissions with an item pending at the tier
  waiting_bkd      bigint not null default 0,
  waiting_bkn      bigint not null default 0,
  items_skpd       bigint not null default 0,  -- items pending at the tier
  items_bkd        bigint not null default 0,
  items_bkn        bigint not null default 0,
  items_ms         bigint not null default 0,  -- items accepted at their final authority (APPLIED)
  items_tms        bigint not null default 0,  -- items refused (TMS)
  items_returned   bigint not null default 0   -- items now returned to the PNS (RETURNED)
);

-- Per agency, tier and campaign day: submissions that entered the tier's queue (an item pending there
-- where none was), that cleared it (none pending any more), and the decisions taken at the tier.
-- The backlog on a day is the running sum of entered - cleared; the burn-down rate is cleared per day.
create table monitoring_flow (
  instansi_id  integer not null,
  tier         text not null check (tier in ('SKPD', 'BKD', 'BKN')),
  day          date not null,
  entered      integer not null default 0,
  cleared      integer not null default 0,
  ms           integer not null default 0,
  tms          integer not null default 0,
  returned     integer not null default 0,
  primary key (instansi_id, tier, day)
);
create index monitoring_flow_day on monitoring_flow (day);

-- The campaign's time zone (schedule.timeZone), which days are counted in; set at start-up from the
-- configuration (MonitoringModule.prepare).
create table monitoring_setting (
  id         boolean primary key default true check (id),
  time_zone  text not null
);
insert into monitoring_setting values (true, 'Asia/Jakarta');

create function monitoring_today() returns date language sql stable as $$
  select (now() at time zone (select time_zone from monitoring_setting))::date
$$;

-- The rows a statement changed, with a sign: +1 new rows, -1 old rows (an update has both).
create function monitoring_sides(op text, columns text) returns text language sql immutable as $$
  select case op
    when 'INSERT' then format('select %s, 1 as sign from new_rows', columns)
    when 'DELETE' then format('select %s, -1 as sign from old_rows', columns)
    else format('select %s, 1 as sign from new_rows union all select %s, -1 from old_rows', columns, columns)
  end
$$;

-- The statement adding grouped deltas (a query with satuan_kerja_id and the named columns) to
-- monitoring_unit. Built here, executed by the trigger function itself: only it sees the transition tables.
create function monitoring_unit_upsert(deltas text, measures text[]) returns text language sql immutable as $$
  select format('insert into monitoring_unit as u (satuan_kerja_id, %s)
                 select satuan_kerja_id, %s from (%s) d group by satuan_kerja_id having %s
                 on conflict (satuan_kerja_id) do update set %s',
    (select string_agg(format('%I', m), ', ') from unnest(measures) m),
    (select string_agg(format('sum(%1$I)::bigint as %1$I', m), ', ') from unnest(measures) m),
    deltas,
    (select string_agg(format('sum(%I) <> 0', m), ' or ') from unnest(measures) m),
    (select string_agg(format('%1$I = u.%1$I + excluded.%1$I', m), ', ') from unnest(measures) m))
$$;

-- PNS in SAPK, and the registrations of PNS that move to another work unit.
create function monitoring_pns_changed() returns trigger language plpgsql as $$
begin
  execute monitoring_unit_upsert(format($q$
      select d.satuan_kerja_id, d.sign as pns,
             d.sign * (r.nip is not null)::int as registered,
             d.sign * coalesce(r.status = 'APPROVED', false)::int as approved
        from (%s) d
        left join registration r on r.nip = d.nip and r.status in ('PENDING_APPROVAL', 'APPROVED')$q$,
      monitoring_sides(TG_OP, 'nip, satuan_kerja_id')), array['pns', 'registered', 'approved']);
  return null;
end $$;

create function monitoring_registration_changed() returns trigger language plpgsql as $$
begin
  execute monitoring_unit_upsert(format($q$
      select p.satuan_kerja_id, d.sign * (d.status in ('PENDING_APPROVAL', 'APPROVED'))::int as registered,
             d.sign * (d.status = 'APPROVED')::int as approved
        from (%s) d join pns p on p.nip = d.nip$q$,
      monitoring_sides(TG_OP, 'nip, status')), array['registered', 'approved']);
  return null;
end $$;

create function monitoring_submission_changed() returns trigger language plpgsql as $$
begin
  execute monitoring_unit_upsert(format($q$
      select satuan_kerja_id, sign as submitted, sign * (status = 'COMPLETED')::int as completed from (%s) d$q$,
      monitoring_sides(TG_OP, 'satuan_kerja_id, status')), array['submitted', 'completed']);
  return null;
end $$;

create function monitoring_queue_changed() returns trigger language plpgsql as $$
begin
  execute monitoring_unit_upsert(format($q$
      select satuan_kerja_id,
             sign * (tier = 'SKPD' and pending > 0)::int as waiting_skpd,
             sign * (tier = 'BKD' and pending > 0)::int as waiting_bkd,
             sign * (tier = 'BKN' and pending > 0)::int as waiting_bkn,
             sign * case when tier = 'SKPD' then pending else 0 end as items_skpd,
             sign * case when tier = 'BKD' then pending else 0 end as items_bkd,
             sign * case when tier = 'BKN' then pending else 0 end as items_bkn
        from (%s) d$q$, monitoring_sides(TG_OP, 'satuan_kerja_id, tier, pending')),
      array['waiting_skpd', 'waiting_bkd', 'waiting_bkn', 'items_skpd', 'items_bkd', 'items_bkn']);
  -- Per queue entry: +1 entered (now waiting, was not), -1 cleared (was waiting, is not).
  execute format($q$
      insert into monitoring_flow as f (instansi_id, tier, day, entered, cleared)
      select instansi_id, tier, monitoring_today(), count(*) filter (where change > 0), count(*) filter (where change < 0)
        from (select submission_id, tier, min(instansi_id) as instansi_id, sum(sign * (pending > 0)::int) as change
                from (%s) d group by submission_id, tier) c
       where change <> 0
       group by instansi_id, tier
      on conflict (instansi_id, tier, day) do update
        set entered = f.entered + excluded.entered, cleared = f.cleared + excluded.cleared$q$,
      monitoring_sides(TG_OP, 'submission_id, tier, instansi_id, pending'));
  return null;
end $$;

create function monitoring_item_changed() returns trigger language plpgsql as $$
begin
  execute monitoring_unit_upsert(format($q$
      select s.satuan_kerja_id, d.sign * (d.status = 'APPLIED')::int as items_ms,
             d.sign * (d.status = 'TMS')::int as items_tms, d.sign * (d.status = 'RETURNED')::int as items_returned
        from (%s) d join submission s on s.id = d.submission_id
       where d.status in ('APPLIED', 'TMS', 'RETURNED')$q$,
      monitoring_sides(TG_OP, 'submission_id, status')), array['items_ms', 'items_tms', 'items_returned']);
  return null;
end $$;

-- Decisions are only ever inserted.
create function monitoring_decision_added() returns trigger language plpgsql as $$
begin
  insert into monitoring_flow as f (instansi_id, tier, day, ms, tms, returned)
  select s.instansi_id, d.tier, monitoring_today(), count(*) filter (where d.verdict = 'MS'),
         count(*) filter (where d.verdict = 'TMS'), count(*) filter (where d.verdict = 'RETURN')
    from new_rows d
    join submission_field i on i.id = d.submission_field_id
    join submission s on s.id = i.submission_id
   group by s.instansi_id, d.tier
  on conflict (instansi_id, tier, day) do update
    set ms = f.ms + excluded.ms, tms = f.tms + excluded.tms, returned = f.returned + excluded.returned;
  return null;
end $$;

create trigger monitoring_pns_insert after insert on pns referencing new table as new_rows
  for each statement execute function monitoring_pns_changed();
create trigger monitoring_pns_update after update on pns referencing new table as new_rows old table as old_rows
  for each statement execute function monitoring_pns_changed();
create trigger monitoring_pns_delete after delete on pns referencing old table as old_rows
  for each statement execute function monitoring_pns_changed();
create trigger monitoring_registration_insert after insert on registration referencing new table as new_rows
  for each statement execute function monitoring_registration_changed();
create trigger monitoring_registration_update after update on registration referencing new table as new_rows old table as old_rows
  for each statement execute function monitoring_registration_changed();
create trigger monitoring_registration_delete after delete on registration referencing old table as old_rows
  for each statement execute function monitoring_registration_changed();
create trigger monitoring_submission_insert after insert on submission referencing new table as new_rows
  for each statement execute function monitoring_submission_changed();
create trigger monitoring_submission_update after update on submission referencing new table as new_rows old table as old_rows
  for each statement execute function monitoring_submission_changed();
create trigger monitoring_submission_delete after delete on submission referencing old table as old_rows
  for each statement execute function monitoring_submission_changed();
create trigger monitoring_queue_insert after insert on submission_tier referencing new table as new_rows
  for each statement execute function monitoring_queue_changed();
create trigger monitoring_queue_update after update on submission_tier referencing new table as new_rows old table as old_rows
  for each statement execute function monitoring_queue_changed();
create trigger monitoring_queue_delete after delete on submission_tier referencing old table as old_rows
  for each statement execute function monitoring_queue_changed();
create trigger monitoring_item_insert after insert on submission_field referencing new table as new_rows
  for each statement execute function monitoring_item_changed();
create trigger monitoring_item_update after update on submission_field referencing new table as new_rows old table as old_rows
  for each statement execute function monitoring_item_changed();
create trigger monitoring_item_delete after delete on submission_field referencing old table as old_rows
  for each statement execute function monitoring_item_changed();
create trigger monitoring_decision_insert after insert on submission_decision referencing new table as new_rows
  for each statement execute function monitoring_decision_added();

-- The full recount the counters must always equal (tests compare; the migration starts from it).
create view monitoring_unit_recount as
select satuan_kerja_id, sum(pns)::bigint as pns, sum(registered)::bigint as registered, sum(approved)::bigint as approved,
       sum(submitted)::bigint as submitted, sum(completed)::bigint as completed,
       sum(waiting_skpd)::bigint as waiting_skpd, sum(waiting_bkd)::bigint as waiting_bkd, sum(waiting_bkn)::bigint as waiting_bkn,
       sum(items_skpd)::bigint as items_skpd, sum(items_bkd)::bigint as items_bkd, sum(items_bkn)::bigint as items_bkn,
       sum(items_ms)::bigint as items_ms, sum(items_tms)::bigint as items_tms, sum(items_returned)::bigint as items_returned
  from (
    select p.satuan_kerja_id, 1 as pns, (r.nip is not null)::int as registered, coalesce((r.status = 'APPROVED')::int, 0) as approved,
           0 as submitted, 0 as completed, 0 as waiting_skpd, 0 as waiting_bkd, 0 as waiting_bkn,
           0 as items_skpd, 0 as items_bkd, 0 as items_bkn, 0 as items_ms, 0 as items_tms, 0 as items_returned
      from pns p left join registration r on r.nip = p.nip and r.status in ('PENDING_APPROVAL', 'APPROVED')
    union all
    select s.satuan_kerja_id, 0, 0, 0, 1, (s.status = 'COMPLETED')::int, 0, 0, 0, 0, 0, 0,
           (select count(*) from submission_field f where f.submission_id = s.id and f.status = 'APPLIED'),
           (select count(*) from submission_field f where f.submission_id = s.id and f.status = 'TMS'),
           (select count(*) from submission_field f where f.submission_id = s.id and f.status = 'RETURNED')
      from submission s
    union all
    select t.satuan_kerja_id, 0, 0, 0, 0, 0, (t.tier = 'SKPD' and t.pending > 0)::int, (t.tier = 'BKD' and t.pending > 0)::int,
           (t.tier = 'BKN' and t.pending > 0)::int, case when t.tier = 'SKPD' then t.pending else 0 end,
           case when t.tier = 'BKD' then t.pending else 0 end, case when t.tier = 'BKN' then t.pending else 0 end, 0, 0, 0
      from submission_tier t
  ) c
 group by satuan_kerja_id;

insert into monitoring_unit select * from monitoring_unit_recount;

-- The flow of work done before this migration, from its event times: entered on the submission day,
-- cleared on the day the tier finished, decisions on their day.
insert into monitoring_flow (instansi_id, tier, day, entered, cleared, ms, tms, returned)
select instansi_id, tier, day, sum(entered), sum(cleared), sum(ms), sum(tms), sum(returned)
  from (
    select t.instansi_id, t.tier, (t.submitted_at at time zone 'Asia/Jakarta')::date as day, 1 as entered, 0 as cleared,
           0 as ms, 0 as tms, 0 as returned
      from submission_tier t where t.pending > 0 or t.finished_at is not null
    union all
    select t.instansi_id, t.tier, (t.finished_at at time zone 'Asia/Jakarta')::date, 0, 1, 0, 0, 0
      from submission_tier t where t.pending = 0 and t.finished_at is not null
    union all
    select s.instansi_id, d.tier, (d.decided_at at time zone 'Asia/Jakarta')::date, 0, 0,
           (d.verdict = 'MS')::int, (d.verdict = 'TMS')::int, (d.verdict = 'RETURN')::int
      from submission_decision d join submission_field f on f.id = d.submission_field_id join submission s on s.id = f.submission_id
  ) e
 group by instansi_id, tier, day;

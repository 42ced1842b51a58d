-- Monitoring (issue 11): the daily flow per work unit instead of per agency, and the waiting queue entries
-- per work unit, tier and submission day, both kept by the V110 triggers in the same transaction as the
-- changes they count (so exact, never a recount).
--
-- 1. monitoring_flow (V110) had one row per agency, tier and day: every submit and every decision of an
--    agency updated the same row of today and held its lock until commit, so the agency's submits and
--    decisions ran one at a time, whatever their work units. monitoring_unit_flow has the same counts per
--    work unit; agency and national figures are sums at read time.
-- 2. The backlog view read the queue itself (count, min and percentile over every waiting entry: 2 s
--    nationally at 450,000 entries). monitoring_unit_wait counts the waiting entries per work unit, tier
--    and submission day: the count is its sum, the oldest wait its first day, the median the first day
--    where the running sum reaches half (percentile_disc(0.5) at the resolution of a day).
--
-- Locks. Every writer of a work unit's submissions (submit, resubmit, decisions) takes the work unit's
-- advisory lock (verification's Queues.lockWorkUnit) after the submission row and before anything is
-- counted. The rows here are per work unit, so every counter row such a writer locks belongs to the work
-- unit whose advisory lock it already holds: writers of different work units never meet on them, and
-- writers of one work unit queue on the advisory lock before they touch any. A statement that changes
-- several work units at once (bulk loads, demo data) locks their rows in key order (work unit, tier, day:
-- every upsert below is ordered), so two such statements cannot wait for each other crosswise either.
-- Within one trigger the tables are always taken in the same order: monitoring_unit, monitoring_unit_flow,
-- monitoring_unit_wait.

create table monitoring_unit_flow (
  satuan_kerja_id  integer not null,
  tier             text not null check (tier in ('SKPD', 'BKD', 'BKN')),
  day              date not null,
  instansi_id      integer not null,           -- the work unit's agency (as the queue entries carry it)
  entered          integer not null default 0, -- submissions that began waiting at the tier (none pending there before)
  cleared          integer not null default 0, -- submissions that stopped waiting there
  ms               integer not null default 0, -- decisions taken at the tier
  tms              integer not null default 0,
  returned         integer not null default 0,
  primary key (satuan_kerja_id, tier, day)
) with (fillfactor = 70);
create index monitoring_unit_flow_agency on monitoring_unit_flow (instansi_id, day);
create index monitoring_unit_flow_day on monitoring_unit_flow (day);

-- Closed days per agency. A day's flow rows are written only while it is today (monitoring_today(): the
-- transaction's start in the campaign zone), so once a day is two days past nothing changes its rows any more,
-- and their per-agency sums, made once (monitoring_close_days, at start-up and then periodically), stay exact.
-- Readers (monitoring_agency_flow_all) take closed days from here and the open ones from the work units, in
-- one snapshot: the national trend and decisions read a few rows per agency and day, not one per work unit.
create table monitoring_agency_flow (
  instansi_id  integer not null,
  tier         text not null check (tier in ('SKPD', 'BKD', 'BKN')),
  day          date not null,
  entered      bigint not null,
  cleared      bigint not null,
  ms           bigint not null,
  tms          bigint not null,
  returned     bigint not null,
  primary key (instansi_id, tier, day)
);
create table monitoring_flow_closed (
  id       boolean primary key default true check (id),
  through  date not null           -- monitoring_agency_flow holds every day up to this one
);
insert into monitoring_flow_closed values (true, '-infinity');

create view monitoring_agency_flow_all as
select a.instansi_id, a.tier, a.day, a.entered, a.cleared, a.ms, a.tms, a.returned
  from monitoring_agency_flow a
 where a.day <= (select through from monitoring_flow_closed)
union all
select u.instansi_id, u.tier, u.day, u.entered, u.cleared, u.ms, u.tms, u.returned
  from monitoring_unit_flow u
 where u.day > (select through from monitoring_flow_closed);

-- Sums the work units' rows of the days newly two days past into monitoring_agency_flow; the rows added.
create function monitoring_close_days() returns integer language plpgsql as $$
declare
  closed date;
  target date := monitoring_today() - 2;
  added integer;
begin
  select through into closed from monitoring_flow_closed for update;
  if closed >= target then
    return 0;
  end if;
  insert into monitoring_agency_flow (instansi_id, tier, day, entered, cleared, ms, tms, returned)
  select instansi_id, tier, day, sum(entered), sum(cleared), sum(ms), sum(tms), sum(returned)
    from monitoring_unit_flow
   where day > closed and day <= target
   group by instansi_id, tier, day;
  get diagnostics added = row_count;
  update monitoring_flow_closed set through = target;
  return added;
end $$;

create table monitoring_unit_wait (
  satuan_kerja_id  integer not null,
  tier             text not null check (tier in ('SKPD', 'BKD', 'BKN')),
  day              date not null,               -- the submission day (campaign time zone) of the entries
  instansi_id      integer not null,
  waiting          integer not null,            -- a row that reaches 0 is deleted by the same trigger
  primary key (satuan_kerja_id, tier, day)
) with (fillfactor = 70);
create index monitoring_unit_wait_agency on monitoring_unit_wait (instansi_id);
-- No check that waiting stays at least 0: the candidate row of an upsert carries the delta, negative for entries
-- that stopped waiting, and PostgreSQL checks it before the conflict turns it into an update.

-- The full recount monitoring_unit_wait must always equal (the tests compare; this migration and a change of
-- the campaign time zone start from it).
create view monitoring_unit_wait_recount as
select satuan_kerja_id, tier, (submitted_at at time zone (select time_zone from monitoring_setting))::date as day,
       min(instansi_id) as instansi_id, count(*)::int as waiting
  from submission_tier
 where pending > 0
 group by 1, 2, 3;

-- The work unit upserts of V110, now in key order (see "Locks" above).
create or replace function monitoring_unit_upsert(deltas text, measures text[]) returns text language sql immutable as $$
  select format('insert into monitoring_unit as u (satuan_kerja_id, %s)
                 select satuan_kerja_id, %s from (%s) d group by satuan_kerja_id having %s
                 order by satuan_kerja_id
                 on conflict (satuan_kerja_id) do update set %s',
    (select string_agg(format('%I', m), ', ') from unnest(measures) m),
    (select string_agg(format('sum(%1$I)::bigint as %1$I', m), ', ') from unnest(measures) m),
    deltas,
    (select string_agg(format('sum(%I) <> 0', m), ' or ') from unnest(measures) m),
    (select string_agg(format('%1$I = u.%1$I + excluded.%1$I', m), ', ') from unnest(measures) m))
$$;

create or replace function monitoring_queue_changed() returns trigger language plpgsql as $$
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
  -- Per queue entry: +1 entered (now waiting, was not), -1 cleared (was waiting, is not), on its work unit's day row.
  execute format($q$
      insert into monitoring_unit_flow as f (satuan_kerja_id, tier, day, instansi_id, entered, cleared)
      select satuan_kerja_id, tier, monitoring_today(), min(instansi_id),
             count(*) filter (where change > 0), count(*) filter (where change < 0)
        from (select submission_id, tier, min(satuan_kerja_id) as satuan_kerja_id, min(instansi_id) as instansi_id,
                     sum(sign * (pending > 0)::int) as change
                from (%s) d group by submission_id, tier) c
       where change <> 0
       group by satuan_kerja_id, tier
       order by satuan_kerja_id, tier
      on conflict (satuan_kerja_id, tier, day) do update
        set entered = f.entered + excluded.entered, cleared = f.cleared + excluded.cleared$q$,
      monitoring_sides(TG_OP, 'submission_id, tier, satuan_kerja_id, instansi_id, pending'));
  -- Waiting entries per submission day: +1 where an entry began waiting, -1 where it stopped.
  execute format($q$
      insert into monitoring_unit_wait as w (satuan_kerja_id, tier, day, instansi_id, waiting)
      select satuan_kerja_id, tier, day, min(instansi_id), sum(change)::int
        from (select satuan_kerja_id, tier, (submitted_at at time zone (select time_zone from monitoring_setting))::date as day,
                     instansi_id, sign * (pending > 0)::int as change
                from (%s) d) c
       group by satuan_kerja_id, tier, day
      having sum(change) <> 0
       order by satuan_kerja_id, tier, day
      on conflict (satuan_kerja_id, tier, day) do update set waiting = w.waiting + excluded.waiting$q$,
      monitoring_sides(TG_OP, 'satuan_kerja_id, tier, instansi_id, submitted_at, pending'));
  -- Days left without a waiting entry go, so the backlog reads only what waits.
  if TG_OP <> 'INSERT' then
    execute format($q$
        delete from monitoring_unit_wait w
         using (select distinct satuan_kerja_id, tier,
                       (submitted_at at time zone (select time_zone from monitoring_setting))::date as day
                  from old_rows where pending > 0) k
         where w.satuan_kerja_id = k.satuan_kerja_id and w.tier = k.tier and w.day = k.day and w.waiting = 0$q$);
  end if;
  return null;
end $$;

-- Decisions are only ever inserted; counted on the work unit of their submission.
create or replace function monitoring_decision_added() returns trigger language plpgsql as $$
begin
  insert into monitoring_unit_flow as f (satuan_kerja_id, tier, day, instansi_id, ms, tms, returned)
  select s.satuan_kerja_id, d.tier, monitoring_today(), min(s.instansi_id), count(*) filter (where d.verdict = 'MS'),
         count(*) filter (where d.verdict = 'TMS'), count(*) filter (where d.verdict = 'RETURN')
    from new_rows d
    join submission_field i on i.id = d.submission_field_id
    join submission s on s.id = i.submission_id
   group by s.satuan_kerja_id, d.tier
   order by s.satuan_kerja_id, d.tier
  on conflict (satuan_kerja_id, tier, day) do update
    set ms = f.ms + excluded.ms, tms = f.tms + excluded.tms, returned = f.returned + excluded.returned;
  return null;
end $$;

-- The campaign time zone (schedule.timeZone), set at start-up (MonitoringModule.prepare). The waiting days are
-- kept in it, so a change rebuilds them from the queue, with the writers held off meanwhile; and closed days
-- that the new zone's today could still write are opened again. True when it changed.
create function monitoring_set_time_zone(zone text) returns boolean language plpgsql as $$
begin
  if (select time_zone from monitoring_setting) = zone then
    return false;
  end if;
  lock table monitoring_unit_wait in exclusive mode;
  update monitoring_setting set time_zone = zone;
  -- Today in the new zone may be a day the old one had already closed: those days are open again (their work
  -- unit rows are all still there).
  update monitoring_flow_closed set through = least(through, monitoring_today() - 3);
  delete from monitoring_agency_flow where day > (select through from monitoring_flow_closed);
  delete from monitoring_unit_wait;
  insert into monitoring_unit_wait (satuan_kerja_id, tier, day, instansi_id, waiting)
  select * from monitoring_unit_wait_recount order by 1, 2, 3;
  return true;
end $$;

insert into monitoring_unit_wait (satuan_kerja_id, tier, day, instansi_id, waiting)
select * from monitoring_unit_wait_recount order by 1, 2, 3;

-- Moving the flow kept so far. Per work unit it is rebuilt from the event times (entered on the submission
-- day, cleared on the day the tier finished, decisions on their day), which makes each work unit's running
-- sum equal its queue. Whatever the agency rows counted beyond that (re-entries after a resubmit, an entry
-- into BKD on the day SKPD passed it on) is added to the agency's first work unit as it was counted, so every
-- agency, tier and day keeps exactly the numbers monitoring_flow had; that difference sums to zero over the
-- days (both sides add up to the same queue), so it leaves the work unit's running sum unchanged.
insert into monitoring_unit_flow (satuan_kerja_id, tier, day, instansi_id, entered, cleared, ms, tms, returned)
with zone as (
  select time_zone from monitoring_setting
), events as (
  select t.satuan_kerja_id, t.tier, (t.submitted_at at time zone z.time_zone)::date as day, t.instansi_id,
         1 as entered, 0 as cleared, 0 as ms, 0 as tms, 0 as returned
    from submission_tier t cross join zone z where t.pending > 0 or t.finished_at is not null
  union all
  select t.satuan_kerja_id, t.tier, (t.finished_at at time zone z.time_zone)::date, t.instansi_id, 0, 1, 0, 0, 0
    from submission_tier t cross join zone z where t.pending = 0 and t.finished_at is not null
  union all
  select s.satuan_kerja_id, d.tier, (d.decided_at at time zone z.time_zone)::date, s.instansi_id, 0, 0,
         (d.verdict = 'MS')::int, (d.verdict = 'TMS')::int, (d.verdict = 'RETURN')::int
    from submission_decision d join submission_field f on f.id = d.submission_field_id
    join submission s on s.id = f.submission_id cross join zone z
), rebuilt as (
  select satuan_kerja_id, tier, day, min(instansi_id) as instansi_id, sum(entered) as entered, sum(cleared) as cleared,
         sum(ms) as ms, sum(tms) as tms, sum(returned) as returned
    from events group by 1, 2, 3
), per_agency as (
  select instansi_id, tier, day, sum(entered) as entered, sum(cleared) as cleared, sum(ms) as ms, sum(tms) as tms,
         sum(returned) as returned
    from rebuilt group by 1, 2, 3
), rest as (
  select instansi_id, tier, day,
         coalesce(o.entered, 0) - coalesce(r.entered, 0) as entered, coalesce(o.cleared, 0) - coalesce(r.cleared, 0) as cleared,
         coalesce(o.ms, 0) - coalesce(r.ms, 0) as ms, coalesce(o.tms, 0) - coalesce(r.tms, 0) as tms,
         coalesce(o.returned, 0) - coalesce(r.returned, 0) as returned
    from monitoring_flow o full join per_agency r using (instansi_id, tier, day)
), first_unit as (
  select instansi_id, min(id) as satuan_kerja_id from satuan_kerja group by instansi_id
), moved as (
  select satuan_kerja_id, tier, day, instansi_id, entered, cleared, ms, tms, returned from rebuilt
  union all
  select u.satuan_kerja_id, x.tier, x.day, x.instansi_id, x.entered, x.cleared, x.ms, x.tms, x.returned
    from rest x join first_unit u using (instansi_id)
   where (x.entered, x.cleared, x.ms, x.tms, x.returned) <> (0, 0, 0, 0, 0)
)
select satuan_kerja_id, tier, day, min(instansi_id), sum(entered), sum(cleared), sum(ms), sum(tms), sum(returned)
  from moved group by 1, 2, 3 order by 1, 2, 3;

drop table monitoring_flow;

-- Inbox counters: how many submissions wait at each tier per work unit, in all and per section, kept
-- by triggers on the queue table in the same transaction as every queue change (so exact, never a
-- recount). The busiest BKD inbox (100,000+ near the deadline) then counts by summing its work units'
-- rows instead of passing over its whole index range. section '' is the all-sections total.
create table inbox_count (
  tier             text not null check (tier in ('SKPD', 'BKD', 'BKN')),
  satuan_kerja_id  integer not null,
  instansi_id      integer not null,
  kanreg_id        smallint not null,
  section          text not null,
  submissions      bigint not null check (submissions >= 0),
  primary key (tier, satuan_kerja_id, section)
);
create index inbox_count_agency on inbox_count (tier, instansi_id);
create index inbox_count_office on inbox_count (tier, kanreg_id);

-- The counters move by the queue rows that began or stopped waiting (or changed sections) in one
-- statement, summed per counter: one update per counter and statement, also for bulk loads.
create function inbox_count_shift(stopped submission_tier[], started submission_tier[]) returns void language sql as $$
  with delta as (
    select r.tier, r.satuan_kerja_id, r.instansi_id, r.kanreg_id, s as section, sum(r.delta)::bigint as delta
      from (select x.*, -1 as delta from unnest(stopped) x union all select x.*, 1 from unnest(started) x) r
     cross join lateral unnest(array[''] || r.sections) as s
     group by 1, 2, 3, 4, 5 having sum(r.delta) <> 0
  ), moved as (
    update inbox_count c set submissions = c.submissions + d.delta
      from delta d where c.tier = d.tier and c.satuan_kerja_id = d.satuan_kerja_id and c.section = d.section
    returning c.tier, c.satuan_kerja_id, c.section
  )
  -- A counter's first row (a work unit's first waiting submission at that tier); a concurrent first goes to the update.
  insert into inbox_count as c (tier, satuan_kerja_id, instansi_id, kanreg_id, section, submissions)
  select d.tier, d.satuan_kerja_id, d.instansi_id, d.kanreg_id, d.section, d.delta
    from delta d
   where not exists (select 1 from moved m where m.tier = d.tier and m.satuan_kerja_id = d.satuan_kerja_id and m.section = d.section)
  on conflict (tier, satuan_kerja_id, section) do update set submissions = c.submissions + excluded.submissions
$$;

create function inbox_count_track() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform inbox_count_shift('{}'::submission_tier[], array(select row(n.*)::submission_tier from new_rows n where n.pending > 0));
  elsif tg_op = 'DELETE' then
    perform inbox_count_shift(array(select row(o.*)::submission_tier from old_rows o where o.pending > 0), '{}'::submission_tier[]);
  else
    -- Claims and unchanged recounts move nothing.
    perform inbox_count_shift(
      array(select row(o.*)::submission_tier from old_rows o join new_rows n using (submission_id, tier)
             where o.pending > 0 and (n.pending = 0 or n.sections <> o.sections)),
      array(select row(n.*)::submission_tier from new_rows n join old_rows o using (submission_id, tier)
             where n.pending > 0 and (o.pending = 0 or n.sections <> o.sections)));
  end if;
  return null;
end
$$;

create trigger inbox_count_insert after insert on submission_tier
  referencing new table as new_rows for each statement execute function inbox_count_track();
create trigger inbox_count_update after update on submission_tier
  referencing old table as old_rows new table as new_rows for each statement execute function inbox_count_track();
create trigger inbox_count_delete after delete on submission_tier
  referencing old table as old_rows for each statement execute function inbox_count_track();

insert into inbox_count (tier, satuan_kerja_id, instansi_id, kanreg_id, section, submissions)
select t.tier, t.satuan_kerja_id, t.instansi_id, t.kanreg_id, s, count(*)
  from submission_tier t cross join lateral unnest(array[''] || t.sections) as s
 where t.pending > 0
 group by 1, 2, 3, 4, 5;

-- The live claims of one tier (about one per verifier at work), for the inbox's mine/unclaimed counts.
create index submission_tier_live_claims on submission_tier (tier, claim_expires_at) where claimed_by is not null and pending > 0;

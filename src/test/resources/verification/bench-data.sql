-- Verification data at scale, for the inbox plan test and the benchmark (README, "Verification: measured").
-- Two functions; nothing runs when this file is loaded.
--
--   select verification_bench_sapk(60000, 50);      -- a synthetic SAPK: 50 agencies (agency 1 holds 30% of the
--                                                   -- PNS, the next four 5% each), 10 work units each, n PNS
--   select verification_bench_submissions(500000);  -- that many PNS of the database (big agencies big, as the
--                                                   -- PNS are spread) submit 2-6 items each, ~4 on average,
--                                                   -- spread over the tiers as in the middle of a campaign
--   select verification_bench_submissions(300000, 4021, 10, 75);  -- near the deadline in one agency: up to
--                                                   -- 300,000 more of its PNS submit, 10% of the items wait at
--                                                   -- SKPD and 75% at BKD (its BKD inbox passes 100,000)
--
-- The second works on any SAPK (e.g. 4.5 M PNS from sapk-generate-import) and is idempotent per PNS.

create or replace function verification_bench_sapk(p_pns integer, p_agencies integer) returns integer
language plpgsql as $$
begin
  insert into kanreg values (0, '00', 'BKN Pusat', 'Jakarta'), (3, '03', 'Kanreg III', 'Bandung') on conflict do nothing;
  insert into instansi (id, kode, nama, jenis, provinsi_kode, kanreg_id, approval_required)
  select g, 'B' || g, 'Instansi Bench ' || g, 'KOTA', 32, case when g % 2 = 0 then 3 else 0 end, true
    from generate_series(1, p_agencies) g on conflict do nothing;
  insert into satuan_kerja (id, instansi_id, nama, lokasi)
  select (a - 1) * 10 + u, a, 'Satuan Kerja ' || u || ' Instansi ' || a, 'Kota'
    from generate_series(1, p_agencies) a, generate_series(1, 10) u on conflict do nothing;
  insert into pns (nip, nama, tempat_lahir, tanggal_lahir, agama, jenis_kelamin, tmt_cpns, golongan, tmt_golongan,
                   pendidikan_tingkat, jenis_pegawai, status_pegawai, instansi_induk_id, instansi_kerja_id,
                   satuan_kerja_id, lokasi_kerja, jenis_jabatan)
  select '8' || lpad(g::text, 17, '0'), (case when g % 2 = 0 then 'Siti ' else 'Budi ' end) || 'Bench ' || g, 'Bandung',
         date '1980-01-01', 'Islam', case when g % 2 = 0 then 'P' else 'L' end, date '2005-03-01', 'III/a',
         date '2005-03-01', 'S1', 'PNS Daerah', 'PNS', a, a, (a - 1) * 10 + 1 + g % 10, 'Bandung', 'FUNGSIONAL_UMUM'
    from (select g, case when g % 20 < 6 then 1 when g % 20 < 10 then 2 + g % 4
                         else 6 + g % greatest(p_agencies - 5, 1) end as a
            from generate_series(1, p_pns) g) x
  on conflict do nothing;
  return p_pns;
end $$;

drop function if exists verification_bench_submissions(integer);
create or replace function verification_bench_submissions(p_submissions integer, p_instansi integer default null,
                                                          p_at_skpd integer default 55, p_at_bkd integer default 25)
returns integer
language plpgsql as $$
declare
  added integer;
begin
  create temporary table bench_new on commit drop as
  select p.nip, p.nama, p.satuan_kerja_id, p.instansi_kerja_id, i.kanreg_id
    from pns p join instansi i on i.id = p.instansi_kerja_id
   where not exists (select 1 from submission s where s.nip = p.nip)
     and (p_instansi is null or p.instansi_kerja_id = p_instansi)
   order by md5(p.nip) limit p_submissions;
  insert into submission (nip, nama, satuan_kerja_id, instansi_id, kanreg_id, submitted_at, status)
  select nip, nama, satuan_kerja_id, instansi_kerja_id, kanreg_id,
         timestamptz '2015-09-01 08:00+07' + (abs(hashtext(nip)) % 7776000) * interval '1 second', 'IN_VERIFICATION'
    from bench_new;
  get diagnostics added = row_count;
  -- 2-6 distinct items per submission; each pending at a tier it passes, or resolved.
  insert into submission_field (submission_id, section, field, row_ref, action, label, sapk_value, corrected_value,
                                final_authority, current_tier, status, resolved_at)
  select s.id, f.section, f.field, null, 'CORRECT', f.label, to_jsonb('lama'::text), to_jsonb('baru'::text),
         f.authority, t.tier, case when t.tier is null then 'APPLIED' else 'PENDING' end,
         case when t.tier is null then now() end
    from submission s
    join bench_new n on n.nip = s.nip
    cross join lateral generate_series(1, 2 + abs(hashtext(s.nip)) % 5) as kk(n)
    join (values (1, 'utama', 'alamat', 'Alamat', 'SKPD'), (2, 'posisi', 'lokasi_kerja', 'Lokasi kerja', 'BKD'),
                 (3, 'utama', 'tmt_cpns', 'TMT CPNS', 'BKN'), (4, 'stakeholder', 'bpjs_nomor', 'BPJS: nomor kartu', 'SKPD'),
                 (5, 'utama', 'golongan', 'Gol. ruang terakhir', 'BKN'), (6, 'utama', 'nomor_hp', 'Nomor HP', 'SKPD'))
         as f(k, section, field, label, authority) on f.k = kk.n
    cross join lateral (select (abs(hashtext(s.nip || f.field)) % 100) as r) rr
    cross join lateral (select case
        when rr.r < p_at_skpd then 'SKPD'
        when rr.r < p_at_skpd + p_at_bkd and f.authority in ('BKD', 'BKN') then 'BKD'
        when rr.r < p_at_skpd + p_at_bkd + 10 and f.authority = 'BKN' then 'BKN'
        else null end as tier) t;
  insert into submission_tier as q (submission_id, tier, satuan_kerja_id, instansi_id, kanreg_id, submitted_at, nama,
                                    pending, sections)
  select s.id, f.current_tier, s.satuan_kerja_id, s.instansi_id, s.kanreg_id, s.submitted_at, s.nama, count(*),
         array_agg(distinct f.section order by f.section)
    from submission s join bench_new n on n.nip = s.nip
    join submission_field f on f.submission_id = s.id and f.status = 'PENDING'
   group by s.id, f.current_tier;
  update submission s set status = 'COMPLETED', completed_at = now()
    from bench_new n
   where n.nip = s.nip and not exists (select 1 from submission_field f where f.submission_id = s.id and f.status = 'PENDING');
  return added;
end $$;

-- One audit log of officers' actions (audit.AuditLog is its only writer): admin_audit gains the
-- agency an action is about, so an ADMIN_INSTANSI reads its own agency's entries, and indexes for
-- the newest-first keyset pages (GET /api/admin/audit), overall, per agency and per actor.
alter table admin_audit add column instansi_id integer references instansi(id);
comment on column admin_audit.action is 'audit.AuditLog.Action';
comment on column admin_audit.instansi_id is 'the agency the action is about; null for national ones';
create index admin_audit_newest on admin_audit (id desc);
create index admin_audit_agency on admin_audit (instansi_id, id desc) where instansi_id is not null;
create index admin_audit_actor on admin_audit (actor_nip, id desc);

-- Entries written before this version: officers and approval switches name their agency.
update admin_audit a set instansi_id = coalesce(o.instansi_id, s.instansi_id)
  from officer o left join satuan_kerja s on s.id = o.satuan_kerja_id
 where a.target = o.nip and a.action like 'OFFICER_%';
update admin_audit a set instansi_id = i.id
  from instansi i
 where a.action = 'APPROVAL_SWITCH' and a.target = i.id::text;

-- Routing changes were audited in their own table; they move to the one log (verification writes
-- ROUTE_CHANGE through AuditLog now; the route row keeps who changed it last).
insert into admin_audit (actor_nip, actor_role, action, target, details, at)
select changed_by, changed_by_role, 'ROUTE_CHANGE', section || '.' || field,
       jsonb_build_object('from', from_authority, 'to', to_authority), changed_at
  from verification_route_change order by changed_at;
drop table verification_route_change;

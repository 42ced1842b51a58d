-- Complaints are worked on (issue 11): assigned to an officer of the agency, then handled with a note
-- (the complainant is mailed in the same transaction when the contact is an email address).
alter table complaint add column status text not null default 'OPEN' check (status in ('OPEN', 'ASSIGNED', 'HANDLED'));
alter table complaint add column assigned_to char(18);
alter table complaint add column assigned_by char(18);
alter table complaint add column assigned_at timestamptz;
alter table complaint add column handled_by char(18);
alter table complaint add column handled_at timestamptz;
alter table complaint add column handled_note text;
alter table complaint add constraint complaint_handled_has_note
  check (status <> 'HANDLED' or (handled_note is not null and handled_by is not null and handled_at is not null));
create index complaint_instansi_status on complaint(instansi_id, status, created_at desc, id desc);

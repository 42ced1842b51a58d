-- An officer's scope is exactly one level of the organisation tree (sapk.Scope, auth.Role's
-- scopeLevel): the id of its role's level is set and the other two are not. V2 only asked for the
-- needed id, so a row could carry a second, contradicting one. ScopeTest checks that this
-- constraint and Role.scopeLevel() agree for every role and level.
alter table officer drop constraint officer_scope;
alter table officer add constraint officer_scope check (
  case role
    when 'VERIFIER_SKPD'  then satuan_kerja_id is not null and instansi_id is null and kanreg_id is null
    when 'VERIFIER_BKD'   then instansi_id is not null and satuan_kerja_id is null and kanreg_id is null
    when 'ADMIN_INSTANSI' then instansi_id is not null and satuan_kerja_id is null and kanreg_id is null
    when 'VERIFIER_BKN'   then kanreg_id is not null and satuan_kerja_id is null and instansi_id is null
    when 'ADMIN_BKN'      then satuan_kerja_id is null and instansi_id is null and kanreg_id is null
    else false
  end);

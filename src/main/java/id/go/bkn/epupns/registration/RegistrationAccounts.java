package id.go.bkn.epupns.registration;

import id.go.bkn.epupns.auth.PnsAccounts;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** The PNS's login accounts for auth: a registration, its status and the agency's approval switch. */
final class RegistrationAccounts implements PnsAccounts {

  private static final String BY_ID = """
      select r.id, r.nip, r.status, r.token_version, r.password_hash, p.instansi_kerja_id, i.approval_required
        from registration r
        join pns p on p.nip = r.nip
        join instansi i on i.id = p.instansi_kerja_id
       where r.id = $1""";
  private static final String BY_NUMBER = """
      select r.id, r.nip, r.status, r.token_version, r.password_hash, p.instansi_kerja_id, i.approval_required
        from registration r
        join pns p on p.nip = r.nip
        join instansi i on i.id = p.instansi_kerja_id
       where r.registration_number = $1 and r.status in """ + RegistrationStatus.ACTIVE_SQL;

  private final Pool pool;

  RegistrationAccounts(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<PnsAccount> byId(long registrationId) {
    return one(BY_ID, registrationId);
  }

  @Override
  public Future<PnsAccount> byNumber(String canonicalNumber) {
    return one(BY_NUMBER, canonicalNumber);
  }

  @Override
  public String canonicalNumber(String typed) {
    return RegistrationNumbers.canonical(typed);
  }

  private Future<PnsAccount> one(String sql, Object key) {
    return pool.preparedQuery(sql).execute(Tuple.of(key))
        .map(rows -> rows.size() == 0 ? null : account(rows.iterator().next()));
  }

  private static PnsAccount account(Row row) {
    RegistrationStatus status = RegistrationStatus.valueOf(row.getString("status"));
    boolean approvalRequired = row.getBoolean("approval_required");
    boolean usable = status.mayLogIn(approvalRequired);
    return new PnsAccount(row.getLong("id"), row.getString("nip"), row.getInteger("instansi_kerja_id"),
        row.getInteger("token_version"), row.getString("password_hash"), usable,
        status == RegistrationStatus.PENDING_APPROVAL && !usable);
  }
}

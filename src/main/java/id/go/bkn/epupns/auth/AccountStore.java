package id.go.bkn.epupns.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** The current state of the accounts behind tokens: PNS registrations and officer accounts. */
final class AccountStore {

  /** A PNS may use the service once approved, or at once when the agency skips approval. */
  static final String PNS_BY_ID = """
      select r.id, r.nip, r.status, r.token_version, r.password_hash,
             p.satuan_kerja_id, p.instansi_kerja_id, i.kanreg_id, i.approval_required
        from registration r
        join pns p on p.nip = r.nip
        join instansi i on i.id = p.instansi_kerja_id
       where r.id = $1""";
  static final String PNS_BY_NUMBER = """
      select r.id, r.nip, r.status, r.token_version, r.password_hash,
             p.satuan_kerja_id, p.instansi_kerja_id, i.kanreg_id, i.approval_required
        from registration r
        join pns p on p.nip = r.nip
        join instansi i on i.id = p.instansi_kerja_id
       where r.registration_number = $1 and r.status in ('PENDING_APPROVAL', 'APPROVED')""";
  static final String OFFICER_BY_ID = """
      select id, nip, role, satuan_kerja_id, instansi_id, kanreg_id, disabled, token_version, password_hash
        from officer where id = $1""";
  static final String OFFICER_BY_NIP = """
      select id, nip, role, satuan_kerja_id, instansi_id, kanreg_id, disabled, token_version, password_hash
        from officer where nip = $1""";

  private final Pool pool;

  AccountStore(Pool pool) {
    this.pool = pool;
  }

  /** A login account: its caller identity, password hash and whether it may act now. */
  record Account(Caller caller, String passwordHash, boolean usable, boolean awaitingApproval) {
  }

  Future<Account> pnsById(long id) {
    return one(PNS_BY_ID, id, AccountStore::pns);
  }

  Future<Account> pnsByRegistrationNumber(String number) {
    return one(PNS_BY_NUMBER, number, AccountStore::pns);
  }

  Future<Account> officerById(long id) {
    return one(OFFICER_BY_ID, id, AccountStore::officer);
  }

  Future<Account> officerByNip(String nip) {
    return one(OFFICER_BY_NIP, nip, AccountStore::officer);
  }

  private Future<Account> one(String sql, Object key, java.util.function.Function<Row, Account> map) {
    return pool.preparedQuery(sql).execute(Tuple.of(key))
        .map(rows -> rows.size() == 0 ? null : map.apply(rows.iterator().next()));
  }

  private static Account pns(Row row) {
    String status = row.getString("status");
    boolean approved = "APPROVED".equals(status);
    boolean pendingButFree = "PENDING_APPROVAL".equals(status) && !row.getBoolean("approval_required");
    Caller caller = new Caller(row.getLong("id"), row.getString("nip"), Role.PNS, row.getInteger("satuan_kerja_id"),
        row.getInteger("instansi_kerja_id"), row.getInteger("kanreg_id"), row.getInteger("token_version"));
    return new Account(caller, row.getString("password_hash"), approved || pendingButFree,
        "PENDING_APPROVAL".equals(status) && !pendingButFree);
  }

  private static Account officer(Row row) {
    Caller caller = new Caller(row.getLong("id"), row.getString("nip"), Role.valueOf(row.getString("role")),
        row.getInteger("satuan_kerja_id"), row.getInteger("instansi_id"), row.getInteger("kanreg_id"),
        row.getInteger("token_version"));
    return new Account(caller, row.getString("password_hash"), !row.getBoolean("disabled"), false);
  }
}

package id.go.bkn.epupns.auth;

import id.go.bkn.epupns.sapk.Scope;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * The current state of the accounts behind tokens: officer accounts (this feature's table), the
 * PNS's registrations (with the query {@link PnsAccounts} of the registration feature gives), and
 * (for the route guard, in the same query) whether the token's session is still live.
 */
final class AccountStore {

  /** A PNS account (from registration's query) and, in the same round trip, whether its session is live. */
  private static final String PNS_WITH_SESSION = """
      select a.*, exists (select 1 from auth_session s where s.id = $2 and s.registration_id = a.id
                             and s.ended_at is null and s.expires_at > now()) as session_live
        from (%s) a""";
  static final String OFFICER_BY_ID = """
      select o.id, o.nip, o.role, o.satuan_kerja_id, o.instansi_id, o.kanreg_id, o.disabled, o.token_version,
             o.password_hash,
             exists (select 1 from auth_session s where s.id = $2 and s.officer_id = o.id
                        and s.ended_at is null and s.expires_at > now()) as session_live
        from officer o where o.id = $1""";
  static final String OFFICER_BY_NIP = """
      select id, nip, role, satuan_kerja_id, instansi_id, kanreg_id, disabled, token_version, password_hash
        from officer where nip = $1""";

  /**
   * Names of the caller and of its scope, for the pages that show who is signed in: the work unit
   * (and its agency) of a VERIFIER_SKPD, the agency of an agency's officer or of a PNS, the BKN office.
   */
  static final String PROFILE = """
      select coalesce(o.nama, p.nama) as nama,
             s.id as satker_id, s.nama as satker_nama,
             i.id as instansi_id, i.nama as instansi_nama,
             k.id as kanreg_id, k.nama as kanreg_nama
        from (select $1::bigint as officer_id, $2::char(18) as nip) q
        left join officer o on o.id = q.officer_id
        left join pns p on p.nip = q.nip
        left join satuan_kerja s on s.id = $3
        left join instansi i on i.id = coalesce($4, s.instansi_id)
        left join kanreg k on k.id = $5""";

  private final Pool pool;
  private final PnsAccounts pns;
  private final String pnsById;

  AccountStore(Pool pool, PnsAccounts pns) {
    this.pool = pool;
    this.pns = pns;
    this.pnsById = PNS_WITH_SESSION.formatted(pns.byIdQuery());
  }

  /**
   * A login account: its caller identity, password hash and whether it may act now; sessionLive
   * only from the by-id reads (whether the given session is still open).
   */
  record Account(Caller caller, String passwordHash, boolean usable, boolean awaitingApproval, boolean sessionLive) {
  }

  /** The PNS account behind a registration id, and whether the session is live. */
  Future<Account> pnsById(long id, java.util.UUID session) {
    return pool.preparedQuery(pnsById).execute(Tuple.of(id, session))
        .map(rows -> rows.size() == 0 ? null : pns(rows.iterator().next()));
  }

  Future<Account> pnsByRegistrationNumber(String number) {
    return one(pns.byNumberQuery(), number, AccountStore::pns);
  }

  /** The stored form of a typed registration number, or null (then the username may be a NIP). */
  String canonicalNumber(String typed) {
    return pns.canonicalNumber(typed);
  }

  Future<Account> officerById(long id, java.util.UUID session) {
    return pool.preparedQuery(OFFICER_BY_ID).execute(Tuple.of(id, session))
        .map(rows -> rows.size() == 0 ? null : officer(rows.iterator().next()));
  }

  Future<Account> officerByNip(String nip) {
    return one(OFFICER_BY_NIP, nip, AccountStore::officer);
  }

  /**
   * The caller's name, its scope as {level, id, nama}, and the names of the work unit, agency and
   * BKN office it is about, each as {id, nama} or null when the scope has no such part.
   */
  Future<io.vertx.core.json.JsonObject> profile(Caller caller) {
    Long officerId = caller.role() == Role.PNS ? null : caller.accountId();
    return pool.preparedQuery(PROFILE)
        .execute(Tuple.of(officerId, caller.nip(), caller.scope().satuanKerjaId(), caller.scope().instansiId(),
            caller.scope().kanregId()))
        .map(rows -> {
          Row row = rows.iterator().next();
          io.vertx.core.json.JsonObject scope = caller.scope().toJson().put("nama", switch (caller.scope().level()) {
            case WORK_UNIT -> row.getString("satker_nama");
            case AGENCY, OWN_RECORD -> row.getString("instansi_nama");
            case BKN_OFFICE -> row.getString("kanreg_nama");
            case NATIONAL -> "Seluruh Indonesia";
          });
          return new io.vertx.core.json.JsonObject()
              .put("nama", row.getString("nama"))
              .put("scope", scope)
              .put("satuanKerja", named(row, "satker_id", "satker_nama"))
              .put("instansi", named(row, "instansi_id", "instansi_nama"))
              .put("kanreg", named(row, "kanreg_id", "kanreg_nama"));
        });
  }

  private static io.vertx.core.json.JsonObject named(Row row, String id, String nama) {
    Object value = row.getValue(id);
    return value == null ? null
        : new io.vertx.core.json.JsonObject().put("id", ((Number) value).intValue()).put("nama", row.getString(nama));
  }

  private Future<Account> one(String sql, Object key, java.util.function.Function<Row, Account> map) {
    return pool.preparedQuery(sql).execute(Tuple.of(key))
        .map(rows -> rows.size() == 0 ? null : map.apply(rows.iterator().next()));
  }

  private static Account pns(Row row) {
    Caller caller = new Caller(row.getLong("id"), row.getString("nip"), Role.PNS,
        Scope.ownRecord(row.getInteger("instansi_id")), row.getInteger("token_version"));
    return new Account(caller, row.getString("password_hash"), row.getBoolean("usable"),
        row.getBoolean("awaiting_approval"), sessionLive(row));
  }

  private static Account officer(Row row) {
    Role role = Role.valueOf(row.getString("role"));
    Scope scope = Scope.of(role.scopeLevel(), row.getInteger("satuan_kerja_id"), row.getInteger("instansi_id"),
        row.getInteger("kanreg_id"));
    if (scope == null) { // the officer_scope check makes this impossible; refuse rather than guess
      return null;
    }
    Caller caller = new Caller(row.getLong("id"), row.getString("nip"), role, scope, row.getInteger("token_version"));
    return new Account(caller, row.getString("password_hash"), !row.getBoolean("disabled"), false, sessionLive(row));
  }

  private static boolean sessionLive(Row row) {
    return row.getColumnIndex("session_live") >= 0 && Boolean.TRUE.equals(row.getBoolean("session_live"));
  }
}

package id.go.bkn.epupns.registration;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.Set;

/** The SQL of registration, status, proof and recovery: one prepared statement per step. */
final class RegistrationStore {

  static final String ACTIVE = RegistrationStatus.ACTIVE_SQL;
  static final Set<String> ACTIVE_STATUSES = RegistrationStatus.ACTIVE.stream().map(Enum::name)
      .collect(java.util.stream.Collectors.toUnmodifiableSet());

  private static final String LOOKUP = """
      select p.nip, p.nama, i.nama as instansi
        from pns p join instansi i on i.id = p.instansi_kerja_id
       where p.nip = $1""";
  // One round trip before the expensive hash: the SAPK record and whether the NIP is taken.
  private static final String FOR_REGISTRATION = """
      select p.nip, p.nik, p.nama, p.email as sapk_email, i.id as instansi_id, i.nama as instansi, i.approval_required,
             exists (select 1 from registration r where r.nip = p.nip and r.status in """ + ACTIVE + """
      ) as registered
        from pns p join instansi i on i.id = p.instansi_kerja_id
       where p.nip = $1""";
  // Approved on creation (agency without approval): decided_at = created_at and no decided_by,
  // which is how the approval list tells an automatic approval from a bureau's.
  private static final String INSERT = """
      insert into registration (nip, registration_number, nik, email, password_hash, mother_name_hash,
                                security_question, security_answer_enc, status, decided_at)
      values ($1, $2, $3, $4, $5, $6, $7, $8, $9, case when $9 = 'APPROVED' then now() end)
      returning id, created_at, status""";
  private static final String NEWEST_STATUS = """
      select status, status_reason from registration
       where nip = $1 order by created_at desc, id desc limit 1""";
  private static final String ACTIVE_BY_NIP = """
      select r.id, r.nip, r.registration_number, r.email, r.security_question, r.security_answer_enc,
             r.mother_name_hash, p.nama
        from registration r join pns p on p.nip = r.nip
       where r.nip = $1 and r.status in """ + ACTIVE;
  private static final String PROOF = """
      select r.registration_number, r.nip, r.status, r.created_at, p.nama, i.nama as instansi,
             s.nama as satuan_kerja
        from registration r
        join pns p on p.nip = r.nip
        join instansi i on i.id = p.instansi_kerja_id
        join satuan_kerja s on s.id = p.satuan_kerja_id
       where r.registration_number = $1""";
  private static final String INSERT_RESET = """
      insert into password_reset (registration_id, token_hash, expires_at)
      values ($1, $2, now() + make_interval(mins => $3))""";
  private static final String RESET_BY_TOKEN = """
      select t.id, t.registration_id, t.used_at, t.expires_at < now() as expired, r.nip, r.email, r.status,
             p.email as sapk_email
        from password_reset t join registration r on r.id = t.registration_id join pns p on p.nip = r.nip
       where t.token_hash = $1""";
  // The used_at guard makes the token single-use even when two confirmations race.
  private static final String USE_RESET = """
      update password_reset set used_at = now() where id = $1 and used_at is null and expires_at >= now()""";
  private static final String RETIRE_OTHER_RESETS = """
      update password_reset set used_at = now() where registration_id = $1 and used_at is null""";
  private static final String SET_PASSWORD = """
      update registration set password_hash = $2, token_version = token_version + 1
       where id = $1 and status in """ + ACTIVE;

  private final Pool pool;

  RegistrationStore(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  record Sapk(String nip, String nik, String nama, String email, int instansiId, String instansi, boolean approvalRequired,
              boolean registered) {
  }

  record Active(long id, String nip, String registrationNumber, String email, String securityQuestion,
                byte[] securityAnswerEnc, String motherNameHash, String nama) {
  }

  record ProofRow(String registrationNumber, String nip, String status, OffsetDateTime createdAt, String nama,
                  String instansi, String satuanKerja) {
  }

  record ResetToken(long id, long registrationId, boolean used, boolean expired, String nip, String email,
                    String status, String sapkEmail) implements SetPasswordByLink.Link {
    /** Used, or the registration is no longer active (reset, refused). */
    @Override
    public boolean spent() {
      return used || !ACTIVE_STATUSES.contains(status);
    }
  }

  Future<Row> lookup(String nip) {
    return one(LOOKUP, Tuple.of(nip));
  }

  Future<Sapk> forRegistration(String nip) {
    return one(FOR_REGISTRATION, Tuple.of(nip)).map(row -> row == null ? null : new Sapk(row.getString("nip"),
        row.getString("nik"), row.getString("nama"), row.getString("sapk_email"), row.getInteger("instansi_id"),
        row.getString("instansi"), row.getBoolean("approval_required"), row.getBoolean("registered")));
  }

  static Future<Row> insert(SqlClient tx, Tuple values) {
    return tx.preparedQuery(INSERT).execute(values).map(rows -> rows.iterator().next());
  }

  Future<Row> newestStatus(String nip) {
    return one(NEWEST_STATUS, Tuple.of(nip));
  }

  Future<Active> active(String nip) {
    return one(ACTIVE_BY_NIP, Tuple.of(nip)).map(row -> row == null ? null : new Active(row.getLong("id"),
        row.getString("nip"), row.getString("registration_number"), row.getString("email"),
        row.getString("security_question"), row.getBuffer("security_answer_enc").getBytes(),
        row.getString("mother_name_hash"), row.getString("nama")));
  }

  Future<ProofRow> proof(String registrationNumber) {
    return one(PROOF, Tuple.of(registrationNumber)).map(row -> row == null ? null : new ProofRow(
        row.getString("registration_number"), row.getString("nip"), row.getString("status"),
        row.getOffsetDateTime("created_at"), row.getString("nama"), row.getString("instansi"),
        row.getString("satuan_kerja")));
  }

  static Future<Void> insertReset(SqlClient tx, long registrationId, byte[] tokenHash, int minutes) {
    return tx.preparedQuery(INSERT_RESET).execute(Tuple.of(registrationId, io.vertx.core.buffer.Buffer.buffer(tokenHash),
        minutes)).mapEmpty();
  }

  Future<ResetToken> resetToken(byte[] tokenHash) {
    return one(RESET_BY_TOKEN, Tuple.of(io.vertx.core.buffer.Buffer.buffer(tokenHash))).map(row -> row == null
        ? null
        : new ResetToken(row.getLong("id"), row.getLong("registration_id"), row.getValue("used_at") != null,
            row.getBoolean("expired"), row.getString("nip"), row.getString("email"), row.getString("status"),
            row.getString("sapk_email")));
  }

  /** True when this call used the token up (false: someone else did, or it expired meanwhile). */
  static Future<Boolean> useReset(SqlClient tx, long tokenId) {
    return tx.preparedQuery(USE_RESET).execute(Tuple.of(tokenId)).map(rows -> rows.rowCount() == 1);
  }

  static Future<Boolean> setPassword(SqlClient tx, long registrationId, String hash) {
    return tx.preparedQuery(RETIRE_OTHER_RESETS).execute(Tuple.of(registrationId))
        .compose(v -> tx.preparedQuery(SET_PASSWORD).execute(Tuple.of(registrationId, hash)))
        .map(rows -> rows.rowCount() == 1);
  }

  private Future<Row> one(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args).map(rows -> rows.size() == 0 ? null : rows.iterator().next());
  }
}

package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.audit.AuditLog;
import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.auth.PasswordHasher;
import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.ClientIp;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.mail.LinkTokens;
import id.go.bkn.epupns.mail.MailOutbox;
import id.go.bkn.epupns.mail.MailSecrets;
import id.go.bkn.epupns.ratelimit.RateLimiter;
import id.go.bkn.epupns.registration.PasswordPolicy;
import id.go.bkn.epupns.registration.SetPasswordByLink;
import id.go.bkn.epupns.schedule.CampaignSchedule;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * An appointed officer's own password, set through a single-use link mailed to it (no initial
 * password is ever shown or handed over): {@link #send} in the appointing transaction, and
 * POST /api/officer-password {token, password, passwordConfirmation} from /atur-sandi-petugas.html.
 * The token is the password reset's kind ({@link LinkTokens}: only its SHA-256 stored, sealed in the
 * mail) and setting the password is the reset's flow ({@link SetPasswordByLink}: the same checks and
 * per-IP limit); a new link makes the earlier ones void; setting the password is in the audit log,
 * with the officer as actor, and mailed to it.
 */
final class OfficerPasswordLinks implements Feature {

  private static final String VOID_OPEN = """
      update officer_password_link set used_at = now()
       where officer_id = (select id from officer where nip = $1) and used_at is null""";
  private static final String INSERT = """
      insert into officer_password_link (officer_id, token_hash, expires_at)
      select id, $2, now() + make_interval(hours => $3) from officer where nip = $1
      returning expires_at, (select email from officer where nip = $1) as email""";
  private static final String FIND = """
      select l.id, l.officer_id, l.used_at is not null as used, l.expires_at <= now() as expired,
             o.nip, o.nama, o.role, o.email, o.disabled, coalesce(o.instansi_id, s.instansi_id) as agency_id
        from officer_password_link l
        join officer o on o.id = l.officer_id
        left join satuan_kerja s on s.id = o.satuan_kerja_id
       where l.token_hash = $1""";
  private static final String USE = """
      update officer_password_link set used_at = now() where id = $1 and used_at is null returning id""";
  private static final String SET_PASSWORD = """
      update officer set password_hash = $2, token_version = token_version + 1 where id = $1""";

  private final Pool pool;
  private final MailSecrets secrets;
  private final SetPasswordByLink setPassword;
  private final CampaignSchedule schedule;
  private final String baseUrl;
  private final int hours;

  OfficerPasswordLinks(Pool pool, MailSecrets secrets, PasswordHasher hasher, PasswordPolicy passwords,
                       RateLimiter limiter, ClientIp clientIp, CampaignSchedule schedule, String baseUrl, int hours) {
    this.pool = pool;
    this.secrets = secrets;
    this.setPassword = new SetPasswordByLink(pool, passwords, hasher, limiter, clientIp);
    this.schedule = schedule;
    this.baseUrl = baseUrl;
    this.hours = hours;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/officer-password").handler(setPassword.handler(new Links()));
  }

  /**
   * A new link for the officer (as {@link OfficerRoutes} answers it), mailed in the caller's
   * transaction; earlier open links stop working. Answers {sentTo (masked), expiresAt}.
   */
  Future<JsonObject> send(SqlClient tx, Caller caller, JsonObject officer) {
    String token = LinkTokens.newToken();
    String nip = officer.getString("nip");
    return tx.preparedQuery(VOID_OPEN).execute(Tuple.of(nip))
        .compose(v -> tx.preparedQuery(INSERT).execute(Tuple.of(nip, LinkTokens.sha256(token), hours)))
        .compose(rows -> {
          Row row = rows.iterator().next();
          String email = row.getString("email");
          return MailOutbox.enqueueWithSecret(tx, secrets, email, "Anda diangkat sebagai petugas e-PUPNS",
                  appointedMail(officer, caller), token)
              .map(v -> new JsonObject().put("sentTo", RegistrationApprovalRoutes.maskEmail(email))
                  .put("expiresAt", schedule.time(row.getOffsetDateTime("expires_at"))));
        });
  }

  private String appointedMail(JsonObject officer, Caller caller) {
    return """
        Yth. %s,

        Anda diangkat sebagai %s e-PUPNS untuk %s.
        Buat kata sandi Anda melalui tautan berikut. Tautan ini hanya dapat dipakai sekali dan berlaku %d jam:
        %s/atur-sandi-petugas.html?token=%s

        Setelah itu masuk di %s/masuk.html dengan NIP Anda dan kata sandi tersebut.
        Diangkat oleh NIP %s (%s). Bila Anda tidak merasa diangkat, abaikan email ini dan hubungi bagian
        kepegawaian instansi Anda.
        """.formatted(officer.getString("nama"), Role.valueOf(officer.getString("role")).label(), scopeName(officer),
        hours, baseUrl, MailOutbox.SECRET, baseUrl, caller.nip(), caller.role().label());
  }

  private static String scopeName(JsonObject officer) {
    for (String key : new String[] {"satuanKerja", "kanreg", "instansi"}) {
      JsonObject named = officer.getJsonObject(key);
      if (named != null) {
        return named.getString("nama");
      }
    }
    return "seluruh Indonesia";
  }

  /** An officer's link as FIND reads it. */
  private record OfficerLink(long id, long officerId, boolean used, boolean expired, String nip, String nama,
                             Role role, String email, boolean disabled, Integer agencyId)
      implements SetPasswordByLink.Link {
    /** Used, or the officer was removed (disabled) since. */
    @Override
    public boolean spent() {
      return used || disabled;
    }
  }

  /** The officer link's kind of the one set-password flow ({@link SetPasswordByLink}). */
  private final class Links implements SetPasswordByLink.Kind<OfficerLink> {
    @Override
    public Future<OfficerLink> find(byte[] tokenHash) {
      return pool.preparedQuery(FIND).execute(Tuple.of(tokenHash)).map(rows -> {
        if (rows.size() == 0) {
          return null;
        }
        Row row = rows.iterator().next();
        return new OfficerLink(row.getLong("id"), row.getLong("officer_id"), row.getBoolean("used"),
            row.getBoolean("expired"), row.getString("nip"), row.getString("nama"), Role.valueOf(row.getString("role")),
            row.getString("email"), row.getBoolean("disabled"), row.getInteger("agency_id"));
      });
    }

    @Override
    public Future<Boolean> use(SqlClient tx, OfficerLink link) {
      return tx.preparedQuery(USE).execute(Tuple.of(link.id())).map(used -> used.size() > 0);
    }

    @Override
    public Future<?> setPassword(SqlClient tx, OfficerLink link, String hash) {
      return tx.preparedQuery(SET_PASSWORD).execute(Tuple.of(link.officerId(), hash))
          .compose(v -> AuditLog.record(tx, new AuditLog.Actor(link.nip(), link.role()),
              AuditLog.Action.OFFICER_PASSWORD_SET, link.nip(), link.agencyId(),
              new JsonObject().put("nama", link.nama())))
          .compose(v -> MailOutbox.enqueue(tx, link.email(), "Kata sandi e-PUPNS Anda telah dibuat", """
              Yth. %s,

              Kata sandi akun petugas e-PUPNS Anda (NIP %s) baru saja dibuat. Masuk di %s/masuk.html.
              Bila bukan Anda yang membuatnya, segera hubungi admin instansi Anda.
              """.formatted(link.nama(), link.nip(), baseUrl)));
    }

    @Override
    public String incompleteToken() {
      return "Tautan pembuatan kata sandi tidak lengkap. Buka lagi tautan dari email Anda.";
    }

    @Override
    public ApiError unknown() {
      return new ApiError(400, "LINK_INVALID", "Tautan pembuatan kata sandi tidak dikenal. "
          + "Minta tautan baru kepada admin yang mengangkat Anda.");
    }

    @Override
    public ApiError spent() {
      return new ApiError(410, "LINK_USED", "Tautan ini sudah dipakai atau tidak berlaku "
          + "lagi. Bila Anda belum membuat kata sandi, minta tautan baru kepada admin.");
    }

    @Override
    public ApiError expired() {
      return new ApiError(410, "LINK_EXPIRED", "Tautan ini sudah kedaluwarsa. Minta tautan "
          + "baru kepada admin yang mengangkat Anda.");
    }

    @Override
    public ApiError usedMeanwhile() {
      return new ApiError(410, "LINK_USED", "Tautan ini sudah dipakai.");
    }

    @Override
    public String done() {
      return "Kata sandi telah dibuat. Silakan masuk dengan NIP dan kata sandi Anda.";
    }
  }
}

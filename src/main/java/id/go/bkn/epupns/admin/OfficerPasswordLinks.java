package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.audit.AuditLog;
import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.auth.PasswordHasher;
import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.ClientIp;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.core.http.FieldErrors;
import id.go.bkn.epupns.core.http.JsonBodies;
import id.go.bkn.epupns.mail.LinkTokens;
import id.go.bkn.epupns.mail.MailOutbox;
import id.go.bkn.epupns.mail.MailSecrets;
import id.go.bkn.epupns.ratelimit.RateLimiter;
import id.go.bkn.epupns.registration.PasswordPolicy;
import id.go.bkn.epupns.schedule.CampaignSchedule;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * An appointed officer's own password, set through a single-use link mailed to it (no initial
 * password is ever shown or handed over): {@link #send} in the appointing transaction, and
 * POST /api/officer-password {token, password, passwordConfirmation} from /atur-sandi-petugas.html.
 * The token is the password reset's kind ({@link LinkTokens}: only its SHA-256 stored, sealed in the
 * mail); a new link makes the earlier ones void; setting the password is in the audit log, with
 * the officer as actor, and mailed to it.
 */
final class OfficerPasswordLinks implements Feature {

  /** The rate limit flow (per IP) shared with the PNS password reset. */
  private static final String LIMIT = "passwordReset";

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
  private final PasswordHasher hasher;
  private final PasswordPolicy passwords;
  private final RateLimiter limiter;
  private final ClientIp clientIp;
  private final CampaignSchedule schedule;
  private final String baseUrl;
  private final int hours;

  OfficerPasswordLinks(Pool pool, MailSecrets secrets, PasswordHasher hasher, PasswordPolicy passwords,
                       RateLimiter limiter, ClientIp clientIp, CampaignSchedule schedule, String baseUrl, int hours) {
    this.pool = pool;
    this.secrets = secrets;
    this.hasher = hasher;
    this.passwords = passwords;
    this.limiter = limiter;
    this.clientIp = clientIp;
    this.schedule = schedule;
    this.baseUrl = baseUrl;
    this.hours = hours;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/officer-password").handler(this::setPassword);
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

  private void setPassword(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    FieldErrors errors = new FieldErrors();
    String token = JsonBodies.text(body, "token");
    if (!LinkTokens.wellFormed(token)) {
      errors.add("token", "Tautan pembuatan kata sandi tidak lengkap. Buka lagi tautan dari email Anda.");
    }
    String password = JsonBodies.raw(body, "password");
    passwords.check(password, JsonBodies.raw(body, "passwordConfirmation"), null, errors, "password",
        "passwordConfirmation");
    errors.throwIfAny();
    limiter.check(LIMIT, RateLimiter.Subject.IP, clientIp.of(ctx))
        .compose(v -> pool.preparedQuery(FIND).execute(Tuple.of(LinkTokens.sha256(token))))
        .compose(rows -> {
          Row link = rows.size() == 0 ? null : rows.iterator().next();
          if (link == null) {
            return Future.failedFuture(new ApiError(400, "LINK_INVALID", "Tautan pembuatan kata sandi tidak dikenal. "
                + "Minta tautan baru kepada admin yang mengangkat Anda."));
          }
          if (link.getBoolean("used") || link.getBoolean("disabled")) {
            return Future.failedFuture(new ApiError(410, "LINK_USED", "Tautan ini sudah dipakai atau tidak berlaku "
                + "lagi. Bila Anda belum membuat kata sandi, minta tautan baru kepada admin."));
          }
          if (link.getBoolean("expired")) {
            return Future.failedFuture(new ApiError(410, "LINK_EXPIRED", "Tautan ini sudah kedaluwarsa. Minta tautan "
                + "baru kepada admin yang mengangkat Anda."));
          }
          if (password.contains(link.getString("nip"))) {
            return Future.failedFuture(ApiError.field("password", "Kata sandi tidak boleh memuat NIP Anda."));
          }
          return hasher.hash(password).compose(hash -> pool.withTransaction(tx -> tx.preparedQuery(USE)
              .execute(Tuple.of(link.getLong("id")))
              .compose(used -> used.size() == 0
                  ? Future.failedFuture(new ApiError(410, "LINK_USED", "Tautan ini sudah dipakai."))
                  : tx.preparedQuery(SET_PASSWORD).execute(Tuple.of(link.getLong("officer_id"), hash)))
              .compose(v -> AuditLog.record(tx, new AuditLog.Actor(link.getString("nip"), link.getString("role")),
                  AuditLog.Action.OFFICER_PASSWORD_SET, link.getString("nip"), link.getInteger("agency_id"),
                  new JsonObject().put("nama", link.getString("nama"))))
              .compose(v -> MailOutbox.enqueue(tx, link.getString("email"), "Kata sandi e-PUPNS Anda telah dibuat", """
                  Yth. %s,

                  Kata sandi akun petugas e-PUPNS Anda (NIP %s) baru saja dibuat. Masuk di %s/masuk.html.
                  Bila bukan Anda yang membuatnya, segera hubungi admin instansi Anda.
                  """.formatted(link.getString("nama"), link.getString("nip"), baseUrl)))));
        })
        .onSuccess(v -> {
          ctx.response().putHeader("Cache-Control", "no-store");
          ctx.json(new JsonObject().put("message", "Kata sandi telah dibuat. Silakan masuk dengan NIP dan kata sandi Anda."));
        })
        .onFailure(ctx::fail);
  }
}

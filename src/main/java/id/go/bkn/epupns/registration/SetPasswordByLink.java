package id.go.bkn.epupns.registration;

import id.go.bkn.epupns.auth.PasswordHasher;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.ClientIp;
import id.go.bkn.epupns.core.http.FieldErrors;
import id.go.bkn.epupns.core.http.JsonBodies;
import id.go.bkn.epupns.mail.LinkTokens;
import id.go.bkn.epupns.ratelimit.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

/**
 * The one flow that sets a password with the token of a mailed single-use link ({@link LinkTokens}):
 * a PNS's password reset (POST /api/recovery/password-reset/confirm, {@link RecoveryRoutes}) and an
 * appointed officer's first password (POST /api/officer-password, admin's OfficerPasswordLinks).
 * Both take {token, password, passwordConfirmation}; this checks the token's form and the password
 * policy, counts the request against the password reset's per-IP limit, finds the link by the
 * token's SHA-256, refuses an unknown, spent or expired link and a password that contains the NIP,
 * hashes the password, and in one transaction uses the link up (once: a concurrent request that was
 * first wins) and lets the link's {@link Kind} write the password and what goes with it. Each kind
 * keeps its own table, error codes and words.
 */
public final class SetPasswordByLink {

  /** A link as its table has it. */
  public interface Link {
    /** The account's NIP: the password may not contain it. */
    String nip();

    /** Used already, or its account may no longer set a password. */
    boolean spent();

    boolean expired();
  }

  /** One kind of link: where it is kept, what setting the password writes, and its words. */
  public interface Kind<L extends Link> {
    /** The link of this token hash, or null. */
    Future<L> find(byte[] tokenHash);

    /** Marks the link used, in the transaction; false when another request used it first. */
    Future<Boolean> use(SqlClient tx, L link);

    /** Writes the password hash and what goes with it (mail, audit), in the same transaction. */
    Future<?> setPassword(SqlClient tx, L link, String hash);

    /** The token field's message when the token is missing or malformed. */
    String incompleteToken();

    ApiError unknown();

    ApiError spent();

    ApiError expired();

    /** When a concurrent request used the link between the check and the transaction. */
    default ApiError usedMeanwhile() {
      return spent();
    }

    /** The answer's message. */
    String done();
  }

  private final Pool pool;
  private final PasswordPolicy passwords;
  private final PasswordHasher hasher;
  private final RateLimiter limiter;
  private final ClientIp clientIp;

  public SetPasswordByLink(Pool pool, PasswordPolicy passwords, PasswordHasher hasher, RateLimiter limiter,
                           ClientIp clientIp) {
    this.pool = pool;
    this.passwords = passwords;
    this.hasher = hasher;
    this.limiter = limiter;
    this.clientIp = clientIp;
  }

  /** The route handler of one kind of link. */
  public <L extends Link> Handler<RoutingContext> handler(Kind<L> kind) {
    return ctx -> setPassword(ctx, kind);
  }

  private <L extends Link> void setPassword(RoutingContext ctx, Kind<L> kind) {
    JsonObject body = JsonBodies.object(ctx);
    FieldErrors errors = new FieldErrors();
    String token = JsonBodies.text(body, "token");
    if (!LinkTokens.wellFormed(token)) {
      errors.add("token", kind.incompleteToken());
    }
    String password = JsonBodies.raw(body, "password");
    passwords.check(password, JsonBodies.raw(body, "passwordConfirmation"), null, errors, "password",
        "passwordConfirmation");
    errors.throwIfAny();
    limiter.check(RecoveryRoutes.RESET, RateLimiter.Subject.IP, clientIp.of(ctx))
        .compose(v -> kind.find(LinkTokens.sha256(token)))
        .compose(link -> {
          if (link == null) {
            return Future.failedFuture(kind.unknown());
          }
          if (link.spent()) {
            return Future.failedFuture(kind.spent());
          }
          if (link.expired()) {
            return Future.failedFuture(kind.expired());
          }
          if (password.contains(link.nip())) {
            return Future.failedFuture(ApiError.field("password", "Kata sandi tidak boleh memuat NIP Anda."));
          }
          return hasher.hash(password).compose(hash -> pool.withTransaction(tx -> kind.use(tx, link)
              .compose(used -> used
                  ? kind.setPassword(tx, link, hash).<Void>mapEmpty()
                  : Future.<Void>failedFuture(kind.usedMeanwhile()))));
        })
        .onSuccess(v -> {
          ctx.response().setStatusCode(200).putHeader("Cache-Control", "no-store");
          ctx.json(new JsonObject().put("message", kind.done()));
        })
        .onFailure(ctx::fail);
  }
}

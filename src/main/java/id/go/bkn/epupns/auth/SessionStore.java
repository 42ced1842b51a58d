package id.go.bkn.epupns.auth;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Login sessions (table auth_session, V61). A session lives until logout, until an old refresh
 * token of it is used again (then the whole session ends: someone has a copy), or until its
 * absolute end, whichever comes first. Refresh tokens rotate: each use hands out a new one and
 * makes the old one a reuse. Only the SHA-256 of the current refresh token's id is stored.
 */
final class SessionStore {

  private static final String CREATE = """
      insert into auth_session (id, registration_id, officer_id, refresh_hash, expires_at)
      values ($1, $2, $3, $4, now() + make_interval(secs => $5))
      returning expires_at""";

  // One statement, atomic against a parallel refresh with the same token: the row is locked, then
  // either rotated (the token was the current one) or ended (it was an older one: a reuse).
  private static final String ROTATE = """
      with s as (
        select id, refresh_hash = $2 as current from auth_session
         where id = $1 and ended_at is null and expires_at > now()
           for update),
      rotated as (
        update auth_session a set refresh_hash = $3, refreshed_at = now()
          from s where a.id = s.id and s.current
        returning a.expires_at),
      ended as (
        update auth_session a set ended_at = now(), end_reason = 'REFRESH_REUSED'
          from s where a.id = s.id and not s.current
        returning a.id)
      select (select expires_at from rotated) as expires_at, (select count(*) from ended) as ended""";

  private static final String END = """
      update auth_session set ended_at = now(), end_reason = 'LOGOUT' where id = $1 and ended_at is null""";

  // Sessions past their absolute end are kept a day (for support questions), then removed in batches.
  private static final String PURGE = """
      delete from auth_session where id in (
        select id from auth_session where expires_at < now() - interval '1 day' limit 10000)""";

  private final Pool pool;
  private final int maxSeconds;

  SessionStore(Pool pool, int maxSeconds) {
    this.pool = pool;
    this.maxSeconds = maxSeconds;
  }

  /** The outcome of using a refresh token: its session rotated (new end known), reused (ended now), or gone. */
  record Rotation(OffsetDateTime expiresAt, boolean reused) {

    boolean rotated() {
      return expiresAt != null;
    }
  }

  /** A new session for the caller whose first refresh token has the id; answers the session's absolute end. */
  Future<OffsetDateTime> create(UUID id, Caller caller, String refreshTokenId) {
    Long registration = caller.role() == Role.PNS ? caller.accountId() : null;
    Long officer = caller.role() == Role.PNS ? null : caller.accountId();
    return pool.preparedQuery(CREATE)
        .execute(Tuple.of(id, registration, officer, hash(refreshTokenId), maxSeconds))
        .map(rows -> rows.iterator().next().getOffsetDateTime("expires_at"));
  }

  Future<Rotation> rotate(UUID id, String usedTokenId, String nextTokenId) {
    return pool.preparedQuery(ROTATE).execute(Tuple.of(id, hash(usedTokenId), hash(nextTokenId)))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Rotation(row.getOffsetDateTime("expires_at"), row.getLong("ended") > 0);
        });
  }

  Future<Void> end(UUID id) {
    return pool.preparedQuery(END).execute(Tuple.of(id)).mapEmpty();
  }

  Future<Integer> purgeExpired() {
    return pool.query(PURGE).execute().map(rows -> rows.rowCount());
  }

  private static Buffer hash(String tokenId) {
    try {
      return Buffer.buffer(MessageDigest.getInstance("SHA-256").digest(tokenId.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

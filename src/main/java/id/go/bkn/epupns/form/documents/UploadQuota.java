package id.go.bkn.epupns.form.documents;

import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.redis.RedisStore;
import io.vertx.core.Future;
import io.vertx.redis.client.Response;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

/**
 * How many bytes one PNS may upload per day (uploads.dailyBytesPerAccount, days in
 * schedule.timeZone), so that nobody fills the disk. Two steps in Redis: a file is reserved when it is
 * accepted, before it is stored (the check and the reservation in one Lua call, so parallel uploads cannot
 * pass it together), and the reservation is committed once the document row exists. A reservation that is
 * neither committed nor released (the process died mid-upload) stops counting after
 * uploads.reservationSeconds, so a crash never charges the day for a document that does not exist.
 * Deleting a document gives nothing back, and the same scan uploaded again counts again.
 */
public final class UploadQuota {

  // KEYS: the day's committed bytes, the day's pending reservations (sorted set, score = expiry in ms,
  // member = id:size). ARGV: size, limit, key ttl, now ms, reservation expiry ms, id.
  // Returns {accepted 1/0, bytes used counting the pending ones}.
  private static final String RESERVE = """
      redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[4])
      local used = tonumber(redis.call('GET', KEYS[1]) or '0')
      for _, member in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
        used = used + tonumber(string.match(member, ':(%d+)$'))
      end
      local size = tonumber(ARGV[1])
      if used + size > tonumber(ARGV[2]) then return {0, used} end
      redis.call('ZADD', KEYS[2], ARGV[5], ARGV[6] .. ':' .. ARGV[1])
      redis.call('EXPIRE', KEYS[2], ARGV[3])
      return {1, used + size}
      """;
  // KEYS as above; ARGV: member, size, key ttl. Only a reservation still pending is committed.
  private static final String COMMIT = """
      if redis.call('ZREM', KEYS[2], ARGV[1]) == 1 then
        redis.call('INCRBY', KEYS[1], ARGV[2])
        redis.call('EXPIRE', KEYS[1], ARGV[3])
      end
      return 1
      """;
  private static final String RELEASE = "return redis.call('ZREM', KEYS[1], ARGV[1])";
  private static final String TWO_DAYS = Long.toString(Duration.ofDays(2).toSeconds());

  /** Bytes held for one upload until it is committed or released. */
  public final class Reservation {
    private final String committedKey;
    private final String pendingKey;
    private final String member;
    private final long bytes;

    private Reservation(String committedKey, String pendingKey, String member, long bytes) {
      this.committedKey = committedKey;
      this.pendingKey = pendingKey;
      this.member = member;
      this.bytes = bytes;
    }

    /** The document row exists: the bytes count for the day. */
    public Future<Void> commit() {
      return redis.eval(COMMIT, List.of(committedKey, pendingKey), List.of(member, Long.toString(bytes), TWO_DAYS))
          .mapEmpty();
    }

    /** The upload failed: the bytes are given back. */
    public Future<Void> release() {
      return redis.eval(RELEASE, List.of(pendingKey), List.of(member)).mapEmpty();
    }
  }

  private final RedisStore redis;
  private final long dailyBytes;
  private final long reservationMillis;
  private final Clock clock;

  public UploadQuota(RedisStore redis, long dailyBytes, long reservationSeconds, Clock clock) {
    this.redis = redis;
    this.dailyBytes = dailyBytes;
    this.reservationMillis = reservationSeconds * 1000;
    this.clock = clock;
  }

  /** Holds the file's bytes on the PNS's day, or fails with 429 UPLOAD_QUOTA_EXCEEDED until tomorrow. */
  public Future<Reservation> reserve(String nip, long bytes) {
    LocalDate today = LocalDate.now(clock);
    String committed = redis.key("upload-bytes", nip, today.toString());
    String pending = redis.key("upload-pending", nip, today.toString());
    long now = clock.millis();
    String id = UUID.randomUUID().toString();
    return redis.eval(RESERVE, List.of(committed, pending), List.of(Long.toString(bytes), Long.toString(dailyBytes),
            TWO_DAYS, Long.toString(now), Long.toString(now + reservationMillis), id))
        .compose(response -> verdict(response,
            new Reservation(committed, pending, id + ":" + bytes, bytes)));
  }

  private Future<Reservation> verdict(Response response, Reservation reservation) {
    if (response.get(0).toInteger() == 1) {
      return Future.succeededFuture(reservation);
    }
    ZonedDateTime now = ZonedDateTime.now(clock);
    long wait = Math.max(1, Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay(now.getZone())).toSeconds());
    return Future.failedFuture(new ApiError(429, "UPLOAD_QUOTA_EXCEEDED",
        "Batas unggah harian (" + (dailyBytes / (1024 * 1024)) + " MB) sudah tercapai. Dokumen yang sudah diunggah dapat"
            + " dilampirkan lagi tanpa mengunggah ulang; unggahan baru dapat dilakukan besok.")
        .withHeader("Retry-After", Long.toString(wait))
        .with("retryAfter", wait).with("dailyBytes", dailyBytes).with("usedBytes", response.get(1).toLong()));
  }
}

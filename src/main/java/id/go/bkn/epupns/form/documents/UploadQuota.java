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

/**
 * How many bytes one PNS may upload per day (uploads.dailyBytesPerAccount, days in
 * schedule.timeZone), so that nobody fills the disk. Counted in Redis when a file is accepted,
 * before it is stored; deleting a document gives nothing back (its bytes stay until the orphan
 * cleanup), and the same scan uploaded again counts again. One Lua call: check and add atomically.
 */
public final class UploadQuota {

  // KEYS[1]: the day's counter. ARGV: size, limit, ttl. Returns {accepted 1/0, bytes used}.
  private static final String SCRIPT = """
      local used = tonumber(redis.call('GET', KEYS[1]) or '0')
      local size = tonumber(ARGV[1])
      if used + size > tonumber(ARGV[2]) then return {0, used} end
      redis.call('INCRBY', KEYS[1], size)
      redis.call('EXPIRE', KEYS[1], ARGV[3])
      return {1, used + size}
      """;
  private static final String TWO_DAYS = Long.toString(Duration.ofDays(2).toSeconds());

  private final RedisStore redis;
  private final long dailyBytes;
  private final Clock clock;

  public UploadQuota(RedisStore redis, long dailyBytes, Clock clock) {
    this.redis = redis;
    this.dailyBytes = dailyBytes;
    this.clock = clock;
  }

  /** Counts the file against the PNS's day, or fails with 429 UPLOAD_QUOTA_EXCEEDED until tomorrow. */
  public Future<Void> reserve(String nip, long bytes) {
    LocalDate today = LocalDate.now(clock);
    String key = redis.key("upload-bytes", nip, today.toString());
    return redis.eval(SCRIPT, List.of(key), List.of(Long.toString(bytes), Long.toString(dailyBytes), TWO_DAYS))
        .compose(this::verdict);
  }

  private Future<Void> verdict(Response response) {
    if (response.get(0).toInteger() == 1) {
      return Future.succeededFuture();
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

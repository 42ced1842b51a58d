package id.go.bkn.epupns.captcha;

import id.go.bkn.epupns.core.ServiceContext;
import id.go.bkn.epupns.core.blocking.BlockingWork;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.redis.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Captchas kept in Redis: the answer under captcha:&lt;id&gt; with a TTL, consumed atomically by one
 * Lua call (right or wrong), which leaves a short-lived "used" marker so that a second use can be
 * told apart from an expired one.
 */
public final class Captchas implements CaptchaVerifier {

  /** No 0/O, 1/I/L, and none of the pairs that noise makes look alike (2/Z, 5/S, 8/B, 6/G, Q). */
  static final String ALPHABET = "ACDEFHJKMNPRTUVWXY34679";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");

  // KEYS[1]: the answer, KEYS[2]: the used marker; ARGV[1]: marker lifetime (s).
  // Returns {1, answer} when it existed (now consumed), {2, ''} when already used, {0, ''} otherwise.
  private static final String CONSUME = """
      local answer = redis.call('GET', KEYS[1])
      if answer then
        redis.call('DEL', KEYS[1])
        redis.call('SET', KEYS[2], '1', 'EX', ARGV[1])
        return {1, answer}
      end
      if redis.call('EXISTS', KEYS[2]) == 1 then return {2, ''} end
      return {0, ''}
      """;

  private final RedisStore redis;
  private final BlockingWork drawing;
  private final CaptchaImage image = new CaptchaImage();
  private final SecureRandom random = new SecureRandom();
  private final int length;
  private final int ttlSeconds;
  private final int usedMarkerSeconds;
  private final boolean exposeAnswer;

  public Captchas(ServiceContext services) {
    var config = services.config();
    this.redis = services.redis();
    this.drawing = BlockingWork.create(services.vertx(), services.registry(), "captcha-image",
        config.integer("captcha.imageThreads"));
    this.length = config.integer("captcha.length");
    this.ttlSeconds = config.integer("captcha.ttlSeconds");
    this.usedMarkerSeconds = config.integer("captcha.usedMarkerSeconds");
    this.exposeAnswer = config.bool("captcha.exposeAnswer");
    this.failures = new java.util.EnumMap<>(Refusal.class);
    for (Refusal r : Refusal.values()) {
      failures.put(r, io.micrometer.core.instrument.Counter.builder("epupns_captcha_failures")
          .description("Captchas refused: wrong answer, used again, expired or unknown")
          .tag("reason", r.name()).register(services.registry()));
    }
  }

  private enum Refusal { WRONG, USED, EXPIRED }

  private final java.util.Map<Refusal, io.micrometer.core.instrument.Counter> failures;

  /** A new captcha: {id, image (PNG data URL)}, plus {answer} only when exposeAnswer is on. */
  Future<JsonObject> create() {
    String id = randomId();
    String text = randomText();
    Future<Response> stored = redis.setWithExpiry(answerKey(id), text, ttlSeconds);
    Future<byte[]> drawn = drawing.run(() -> image.png(text));
    return Future.all(stored, drawn).map(both -> {
      JsonObject out = new JsonObject()
          .put("id", id)
          .put("image", "data:image/png;base64," + Base64.getEncoder().encodeToString(drawn.result()))
          .put("expiresIn", ttlSeconds);
      if (exposeAnswer) {
        out.put("answer", text);
      }
      return out;
    });
  }

  @Override
  public Future<Void> consume(String id, String answer) {
    if (id == null || !ID.matcher(id).matches()) {
      return refused(Refusal.EXPIRED, expired());
    }
    String given = answer == null ? "" : answer.trim().toUpperCase();
    return redis.eval(CONSUME, List.of(answerKey(id), redis.key("captcha-used", "{" + id + "}")),
            List.of(Integer.toString(usedMarkerSeconds)))
        .compose(result -> switch (result.get(0).toInteger()) {
          case 1 -> result.get(1).toString().equalsIgnoreCase(given)
              ? Future.<Void>succeededFuture()
              : refused(Refusal.WRONG, failure("CAPTCHA_WRONG",
                  "Jawaban captcha salah. Silakan ketik huruf/angka pada gambar yang baru."));
          case 2 -> refused(Refusal.USED, failure("CAPTCHA_USED",
              "Captcha ini sudah dipakai. Setiap captcha hanya berlaku satu kali; silakan isi captcha yang baru."));
          default -> refused(Refusal.EXPIRED, expired());
        });
  }

  /** captcha:{id}: the id as hash tag, so the consume script's two keys share a Redis Cluster slot. */
  String answerKey(String id) {
    return redis.key("captcha", "{" + id + "}");
  }

  private static ApiError expired() {
    return failure("CAPTCHA_EXPIRED",
        "Captcha sudah kedaluwarsa atau tidak dikenal. Silakan isi captcha yang baru.");
  }

  private Future<Void> refused(Refusal reason, ApiError error) {
    failures.get(reason).increment();
    return Future.failedFuture(error);
  }

  private static ApiError failure(String code, String message) {
    return new ApiError(422, code, message, Map.of(ANSWER_FIELD, message));
  }

  private String randomId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private String randomText() {
    char[] text = new char[length];
    for (int i = 0; i < length; i++) {
      text[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    }
    return new String(text);
  }
}

package id.go.bkn.epupns.auth;

import id.go.bkn.epupns.core.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Signs and verifies the JWTs (Vert.x Auth JWT) with the asymmetric keys from config. The
 * algorithm is pinned (only keys of jwt.algorithm exist, so "none" or HMAC tokens fail), and
 * issuer, audience and expiry are checked; a token must be in the one canonical encoding (three
 * unpadded base64url parts, each exactly as it re-encodes), so no second spelling of a signed token
 * is accepted. Access tokens are short; refresh tokens renew them. Both name their session (claim
 * sid); refresh tokens also carry their own id (jti), which the session rotates on every use. A download
 * token (kept server-side under a link's id, never sent) opens one list request.
 */
public final class AuthTokens {

  static final String TYPE = "typ";
  static final String ACCESS = "access";
  static final String REFRESH = "refresh";
  /** A download link's token (see {@link #download}): one list, exactly as asked for, for jwt.downloadLinkSeconds. */
  static final String DOWNLOAD = "download";
  /** The download token's claim: the path and query of the one request it opens. */
  static final String TARGET = "dl";

  private final JWTAuth jwt;
  private final String algorithm;
  private final String issuer;
  private final List<String> audience;
  private final int accessSeconds;
  private final int refreshSeconds;
  private final int downloadSeconds;
  private final SecureRandom random = new SecureRandom();
  /**
   * Tokens whose signature, issuer and audience were verified, with their type, caller and expiry.
   * An ES256 check costs far more CPU than the rest of a typical request (profiled on the form
   * routes), and a client sends the same token many times: its signature is checked once. The key
   * is the whole token, so any change to it misses; expiry is checked on every use; the guard
   * still re-reads the account on every request, so revocation is unchanged.
   */
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();
  private final int verifiedCacheSize;

  private record Verified(String type, Claimed claimed, long expiresAtSecond) {
  }

  /**
   * What a verified token says: who, which session, (refresh and download tokens) the token's own id and
   * (download tokens) the path and query it opens.
   */
  record Claimed(Caller caller, UUID sessionId, String tokenId, String target) {
  }

  static final String SESSION = "sid";
  static final String TOKEN_ID = "jti";
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

  /** The verifier's leeway on expiry, in seconds (as given to the JWT options). */
  private static final int LEEWAY = 5;

  public AuthTokens(Vertx vertx, AppConfig config) {
    this.verifiedCacheSize = config.integer("jwt.verifiedCacheSize");
    this.algorithm = config.string("jwt.algorithm");
    this.issuer = config.string("jwt.issuer");
    this.audience = List.of(config.string("jwt.audience"));
    this.accessSeconds = config.integer("jwt.accessTokenSeconds");
    this.refreshSeconds = config.integer("jwt.refreshTokenSeconds");
    this.downloadSeconds = config.integer("jwt.downloadLinkSeconds");
    JWTOptions verify = new JWTOptions().setAlgorithm(algorithm).setIssuer(issuer).setAudience(audience)
        .setLeeway(LEEWAY);
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(read(config, "jwt.publicKeyFile")))
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(read(config, "jwt.privateKeyFile")))
        .setJWTOptions(verify));
  }

  private static String read(AppConfig config, String key) {
    try {
      return Files.readString(Path.of(config.string(key)));
    } catch (IOException e) {
      throw new UncheckedIOException(key + " cannot be read", e);
    }
  }

  /** Seconds an access token issued now lives: jwt.accessTokenSeconds, but never past the session's end. */
  int accessSeconds(OffsetDateTime sessionEnds) {
    return within(accessSeconds, sessionEnds);
  }

  String access(Caller caller, UUID session, OffsetDateTime sessionEnds) {
    return jwt.generateToken(caller.claims().put(TYPE, ACCESS).put(SESSION, session.toString()),
        options(within(accessSeconds, sessionEnds)));
  }

  /** A refresh token with the given id (see {@link #newTokenId}); lives jwt.refreshTokenSeconds, never past the session. */
  String refresh(Caller caller, UUID session, String tokenId, OffsetDateTime sessionEnds) {
    return jwt.generateToken(caller.claims().put(TYPE, REFRESH).put(SESSION, session.toString()).put(TOKEN_ID, tokenId),
        options(within(refreshSeconds, sessionEnds)));
  }

  /**
   * A download token: the caller of an open session may GET {@code target} (path and query, exactly) once
   * within jwt.downloadLinkSeconds, without the Authorization header a browser's own download cannot send.
   */
  String download(Caller caller, UUID session, String tokenId, String target) {
    return jwt.generateToken(caller.claims().put(TYPE, DOWNLOAD).put(SESSION, session.toString())
        .put(TOKEN_ID, tokenId).put(TARGET, target), options(downloadSeconds));
  }

  int downloadSeconds() {
    return downloadSeconds;
  }

  /** 128 random bits, base64url. */
  String newTokenId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private JWTOptions options(int seconds) {
    return new JWTOptions().setAlgorithm(algorithm).setIssuer(issuer).setAudience(audience)
        .setExpiresInSeconds(seconds);
  }

  private static int within(int seconds, OffsetDateTime sessionEnds) {
    long left = sessionEnds.toEpochSecond() - System.currentTimeMillis() / 1000;
    return (int) Math.max(1, Math.min(seconds, left));
  }

  /**
   * Verifies encoding, signature, algorithm, issuer, audience, expiry and the token type; answers
   * who the token speaks for and for which session. A token without a session is refused.
   */
  public Future<Claimed> verify(String token, String expectedType) {
    long now = System.currentTimeMillis() / 1000;
    Verified known = verifiedCacheSize > 0 ? verified.get(token) : null;
    if (known != null && now <= known.expiresAtSecond() + LEEWAY) {
      return expectedType.equals(known.type()) ? Future.succeededFuture(known.claimed())
          : Future.failedFuture(new IllegalArgumentException("wrong token type"));
    }
    if (!canonical(token)) {
      return Future.failedFuture(new IllegalArgumentException("not a canonically encoded JWT"));
    }
    return jwt.authenticate(new TokenCredentials(token)).compose(user -> {
      JsonObject claims = user.principal();
      Claimed claimed;
      try {
        claimed = new Claimed(Caller.fromClaims(claims), UUID.fromString(claims.getString(SESSION)),
            claims.getString(TOKEN_ID), claims.getString(TARGET));
      } catch (RuntimeException e) {
        return Future.failedFuture(new IllegalArgumentException("malformed claims"));
      }
      if (REFRESH.equals(claims.getString(TYPE)) && claimed.tokenId() == null) {
        return Future.failedFuture(new IllegalArgumentException("refresh token without id"));
      }
      if (DOWNLOAD.equals(claims.getString(TYPE)) && (claimed.tokenId() == null || claimed.target() == null)) {
        return Future.failedFuture(new IllegalArgumentException("download token without id or target"));
      }
      remember(token, claims, expiry(user), claimed, now);
      if (!expectedType.equals(claims.getString(TYPE))) {
        return Future.failedFuture(new IllegalArgumentException("wrong token type"));
      }
      return Future.succeededFuture(claimed);
    });
  }

  /**
   * Three unpadded base64url parts, each exactly what its bytes encode to. Lenient decoders accept
   * other spellings of the same bytes (padding, non-zero trailing bits, the +/ alphabet), which would
   * let one signed token be presented in many forms.
   */
  static boolean canonical(String token) {
    if (token.length() > 8192 || !SHAPE.matcher(token).matches()) {
      return false;
    }
    Base64.Decoder decoder = Base64.getUrlDecoder();
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    for (String part : token.split("\\.")) {
      try {
        if (!encoder.encodeToString(decoder.decode(part)).equals(part)) {
          return false;
        }
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    return true;
  }

  /** The token's exp claim: Vert.x keeps it among the user's attributes (older versions in the principal). */
  private static Long expiry(io.vertx.ext.auth.User user) {
    for (JsonObject where : new JsonObject[] {user.attributes(), user.principal(),
        user.attributes() == null ? null : user.attributes().getJsonObject("accessToken")}) {
      if (where != null && where.getValue("exp") instanceof Number exp) {
        return exp.longValue();
      }
    }
    return null;
  }

  private void remember(String token, JsonObject claims, Long exp, Claimed claimed, long now) {
    if (verifiedCacheSize <= 0 || exp == null || claims.getString(TYPE) == null) {
      return;
    }
    if (verified.size() >= verifiedCacheSize) {
      verified.values().removeIf(v -> now > v.expiresAtSecond() + LEEWAY);
      if (verified.size() >= verifiedCacheSize) {
        verified.clear();
      }
    }
    verified.put(token, new Verified(claims.getString(TYPE), claimed, exp));
  }
}

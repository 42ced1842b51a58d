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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs and verifies the JWTs (Vert.x Auth JWT) with the asymmetric keys from config. The
 * algorithm is pinned (only keys of jwt.algorithm exist, so "none" or HMAC tokens fail), and
 * issuer, audience and expiry are checked. Access tokens are short; refresh tokens renew them.
 */
public final class AuthTokens {

  static final String TYPE = "typ";
  static final String ACCESS = "access";
  static final String REFRESH = "refresh";

  private final JWTAuth jwt;
  private final JWTOptions accessOptions;
  private final JWTOptions refreshOptions;
  private final int accessSeconds;
  /**
   * Tokens whose signature, issuer and audience were verified, with their type, caller and expiry.
   * An ES256 check costs far more CPU than the rest of a typical request (profiled on the form
   * routes), and a client sends the same token many times: its signature is checked once. The key
   * is the whole token, so any change to it misses; expiry is checked on every use; the guard
   * still re-reads the account on every request, so revocation is unchanged.
   */
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();
  private final int verifiedCacheSize;

  private record Verified(String type, Caller caller, long expiresAtSecond) {
  }

  /** The verifier's leeway on expiry, in seconds (as given to the JWT options). */
  private static final int LEEWAY = 5;

  public AuthTokens(Vertx vertx, AppConfig config) {
    this.verifiedCacheSize = config.integer("jwt.verifiedCacheSize");
    String algorithm = config.string("jwt.algorithm");
    String issuer = config.string("jwt.issuer");
    List<String> audience = List.of(config.string("jwt.audience"));
    this.accessSeconds = config.integer("jwt.accessTokenSeconds");
    JWTOptions verify = new JWTOptions().setAlgorithm(algorithm).setIssuer(issuer).setAudience(audience)
        .setLeeway(LEEWAY);
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(read(config, "jwt.publicKeyFile")))
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(read(config, "jwt.privateKeyFile")))
        .setJWTOptions(verify));
    this.accessOptions = new JWTOptions().setAlgorithm(algorithm).setIssuer(issuer).setAudience(audience)
        .setExpiresInSeconds(accessSeconds);
    this.refreshOptions = new JWTOptions().setAlgorithm(algorithm).setIssuer(issuer).setAudience(audience)
        .setExpiresInSeconds(config.integer("jwt.refreshTokenSeconds"));
  }

  private static String read(AppConfig config, String key) {
    try {
      return Files.readString(Path.of(config.string(key)));
    } catch (IOException e) {
      throw new UncheckedIOException(key + " cannot be read", e);
    }
  }

  public int accessSeconds() {
    return accessSeconds;
  }

  public String access(Caller caller) {
    return jwt.generateToken(caller.claims().put(TYPE, ACCESS), accessOptions);
  }

  public String refresh(Caller caller) {
    return jwt.generateToken(caller.claims().put(TYPE, REFRESH), refreshOptions);
  }

  /** Verifies signature, algorithm, issuer, audience, expiry and the token type. */
  public Future<Caller> verify(String token, String expectedType) {
    long now = System.currentTimeMillis() / 1000;
    Verified known = verifiedCacheSize > 0 ? verified.get(token) : null;
    if (known != null && now <= known.expiresAtSecond() + LEEWAY) {
      return expectedType.equals(known.type()) ? Future.succeededFuture(known.caller())
          : Future.failedFuture(new IllegalArgumentException("wrong token type"));
    }
    return jwt.authenticate(new TokenCredentials(token)).compose(user -> {
      JsonObject claims = user.principal();
      Caller caller;
      try {
        caller = Caller.fromClaims(claims);
      } catch (RuntimeException e) {
        return Future.failedFuture(new IllegalArgumentException("malformed claims"));
      }
      remember(token, claims, expiry(user), caller, now);
      if (!expectedType.equals(claims.getString(TYPE))) {
        return Future.failedFuture(new IllegalArgumentException("wrong token type"));
      }
      return Future.succeededFuture(caller);
    });
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

  private void remember(String token, JsonObject claims, Long exp, Caller caller, long now) {
    if (verifiedCacheSize <= 0 || exp == null || claims.getString(TYPE) == null) {
      return;
    }
    if (verified.size() >= verifiedCacheSize) {
      verified.values().removeIf(v -> now > v.expiresAtSecond() + LEEWAY);
      if (verified.size() >= verifiedCacheSize) {
        verified.clear();
      }
    }
    verified.put(token, new Verified(claims.getString(TYPE), caller, exp));
  }
}

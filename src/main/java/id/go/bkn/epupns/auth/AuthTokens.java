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

  public AuthTokens(Vertx vertx, AppConfig config) {
    String algorithm = config.string("jwt.algorithm");
    String issuer = config.string("jwt.issuer");
    List<String> audience = List.of(config.string("jwt.audience"));
    this.accessSeconds = config.integer("jwt.accessTokenSeconds");
    JWTOptions verify = new JWTOptions().setAlgorithm(algorithm).setIssuer(issuer).setAudience(audience)
        .setLeeway(5);
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
    return jwt.authenticate(new TokenCredentials(token)).compose(user -> {
      JsonObject claims = user.principal();
      if (!expectedType.equals(claims.getString(TYPE))) {
        return Future.failedFuture(new IllegalArgumentException("wrong token type"));
      }
      try {
        return Future.succeededFuture(Caller.fromClaims(claims));
      } catch (RuntimeException e) {
        return Future.failedFuture(new IllegalArgumentException("malformed claims"));
      }
    });
  }
}

package id.go.bkn.epupns.auth;

import id.go.bkn.epupns.core.ServiceContext;
import id.go.bkn.epupns.core.blocking.BlockingWork;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.ratelimit.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The auth feature as other features see it: the route guard, password hashing and its routes. */
public final class AuthModule {

  private static final Logger LOG = LoggerFactory.getLogger(AuthModule.class);
  private static final long PURGE_EVERY_MS = 3_600_000L;

  private final AuthGuard guard;
  private final PasswordHasher hasher;
  private final LoginRoutes routes;

  private AuthModule(AuthGuard guard, PasswordHasher hasher, LoginRoutes routes) {
    this.guard = guard;
    this.hasher = hasher;
    this.routes = routes;
  }

  /** {@code pnsAccounts}: the registration feature's view of PNS accounts (auth does not read its tables). */
  public static AuthModule create(ServiceContext services, PnsAccounts pnsAccounts) {
    AuthTokens tokens = new AuthTokens(services.vertx(), services.config());
    AccountStore accounts = new AccountStore(services.pool(), pnsAccounts);
    PasswordHasher hasher = new PasswordHasher(services.config(), BlockingWork.create(services.vertx(),
        services.registry(), "password-hash", services.config().integer("passwordHash.workerPoolSize")));
    AuthGuard guard = new AuthGuard(tokens, accounts, services.redis());
    RateLimiter limiter = new RateLimiter(services.config(), services.redis(), services.registry());
    LoginThrottle throttle = new LoginThrottle(services.config(), services.redis());
    SessionStore sessions = new SessionStore(services.pool(), services.config().integer("jwt.sessionMaxSeconds"));
    // Each HTTP verticle sweeps old sessions now and then (the delete is idempotent and batched); the
    // timer belongs to the verticle and ends with it. Routes assembled outside a verticle sweep nothing.
    if (services.vertx().getOrCreateContext().deploymentID() != null) {
      services.vertx().setPeriodic(PURGE_EVERY_MS, PURGE_EVERY_MS, id -> sessions.purgeExpired()
          .onFailure(e -> LOG.warn("removing old sessions failed: {}", e.getMessage())));
    }
    return new AuthModule(guard, hasher, new LoginRoutes(tokens, accounts, hasher, guard, limiter, throttle,
        services.clientIp(), sessions, services.registry()));
  }

  public AuthGuard guard() {
    return guard;
  }

  public PasswordHasher hasher() {
    return hasher;
  }

  public Feature routes() {
    return routes;
  }
}

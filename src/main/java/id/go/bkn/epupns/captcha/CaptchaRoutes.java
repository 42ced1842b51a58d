package id.go.bkn.epupns.captcha;

import id.go.bkn.epupns.core.ServiceContext;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.ratelimit.RateLimiter;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** POST /api/captcha: a new captcha, rate limited per client IP. */
public final class CaptchaRoutes implements Feature {

  private final Captchas captchas;
  private final RateLimiter limiter;
  private final ServiceContext services;

  public CaptchaRoutes(ServiceContext services, Captchas captchas, RateLimiter limiter) {
    this.services = services;
    this.captchas = captchas;
    this.limiter = limiter;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/captcha").handler(this::create);
  }

  private void create(RoutingContext ctx) {
    limiter.check("captcha", RateLimiter.Subject.IP, services.clientIp().of(ctx))
        .compose(v -> captchas.create())
        .onSuccess(json -> ctx.response()
            .putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store")
            .end(json.encode()))
        .onFailure(ctx::fail);
  }
}

package id.go.bkn.epupns.admission;

import id.go.bkn.epupns.core.ServiceContext;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.FastLane;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.core.http.JsonBodies;
import id.go.bkn.epupns.ratelimit.RateLimiter;
import id.go.bkn.epupns.sapk.Nip;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The waiting room (admission control) in front of the PNS peak flows.
 * <ul>
 * <li>{@code POST /api/admission {flow, nip?}}: enter or poll. 200 ADMITTED with the admission
 *   cookie, or 202 WAITING with the position, the queue length, an estimated wait and when to
 *   poll again. One place per NIP (when given) or per browser (the browser id cookie).</li>
 * <li>{@code DELETE /api/admission}: the flow is over; the place goes to the next in line.</li>
 * <li>The routes of each gated flow (admission.flows, admission.gatedFlows) need a valid
 *   admission for that flow (403 ADMISSION_REQUIRED otherwise). Officers are never queued: their
 *   routes are in no flow, and a login by NIP (officers log in by NIP, PNS by registration number)
 *   passes the form flow's gate.</li>
 * </ul>
 * The number of admitted places adapts to the latency of admitted requests, measured by every
 * instance per latency class (a gradient limit, see {@link GradientLimit}; at most admission.ceiling). Redis down:
 * nobody new is admitted (503).
 */
public final class AdmissionRoutes implements Feature {

  static final String BROWSER_COOKIE = "epupns_wr";
  static final String TOKEN_COOKIE = "epupns_adm";
  static final String TOKEN_HEADER = "X-Admission";
  private static final Pattern OFFICER_LOGIN = Pattern.compile("\\d{18}");
  private static final Map<MeterRegistry, AtomicLong[]> GAUGES = new WeakHashMap<>();

  private final AdmissionSettings settings;
  private final WaitingRoom room;
  private final AdmissionTokens tokens;
  private final RateLimiter limiter;
  private final ServiceContext services;
  private final boolean secureCookies;
  private final GradientLimit gradient;
  private final AtomicLong[] gauges;
  private final Counter admitted;
  private final Counter queued;
  private final Counter refused;
  private final List<Gated> gated;

  public AdmissionRoutes(ServiceContext services, RateLimiter limiter) {
    this.services = services;
    this.settings = AdmissionSettings.from(services.config());
    this.room = new WaitingRoom(services.redis(), settings);
    this.gradient = new GradientLimit(settings.latencyClasses());
    this.tokens = new AdmissionTokens(services.config().string("secrets.dataKey"));
    this.limiter = limiter;
    this.secureCookies = services.config().string("http.publicBaseUrl").startsWith("https://");
    MeterRegistry registry = services.registry();
    this.gauges = gauges(registry);
    this.admitted = Counter.builder("epupns_admission_admitted").description("Places admitted by the waiting room")
        .register(registry);
    this.queued = Counter.builder("epupns_admission_queued").description("Enter requests answered WAITING")
        .register(registry);
    this.refused = Counter.builder("epupns_admission_required")
        .description("Gated requests refused for want of an admission").register(registry);
    this.gated = gatedRoutes(settings);
  }

  /** One set of gauges per registry, shared by the HTTP verticles of a process. */
  private static AtomicLong[] gauges(MeterRegistry registry) {
    synchronized (GAUGES) {
      return GAUGES.computeIfAbsent(registry, r -> {
        AtomicLong[] values = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()};
        Gauge.builder("epupns_admission_limit", values[0], AtomicLong::get)
            .description("Admitted places allowed now (adaptive)").register(r);
        Gauge.builder("epupns_admission_active", values[1], AtomicLong::get)
            .description("Places admitted and active").register(r);
        Gauge.builder("epupns_admission_waiting", values[2], AtomicLong::get)
            .description("Places waiting in the queue").register(r);
        Gauge.builder("epupns_admission_rate", values[3], v -> v.get() / 1000.0)
            .description("Admissions per second (decayed over about a minute)").register(r);
        return values;
      });
    }
  }

  @Override
  public void mount(Router router) {
    router.post("/api/admission").handler(this::enter);
    router.delete("/api/admission").handler(this::leave);
    if (!settings.enabled()) {
      return;
    }
    // One route without a path: a route with a path would prefix the route label of every
    // request's HTTP metrics.
    router.route().handler(ctx -> {
      Gated g = gatedFor(ctx.request().method(), ctx.normalizedPath());
      if (g == null || officerLogin(ctx)) {
        ctx.next();
        return;
      }
      admit(ctx.request(), ctx.normalizedPath(), g.flow, ctx::addBodyEndHandler)
          .onSuccess(v -> ctx.next()).onFailure(ctx::fail);
    });
    long period = settings.adjustSeconds() * 1000L;
    services.vertx().setPeriodic(period, period, id -> adjust());
  }

  /** The gate on the lane's requests too (GET /api/pns/{nip} is in the registration flow). */
  @Override
  public void mount(FastLane lane) {
    if (settings.enabled()) {
      lane.guard((request, atBodyEnd) -> {
        Gated g = gatedFor(request.method(), request.path());
        return g == null ? Future.succeededFuture() : admit(request, request.path(), g.flow, atBodyEnd);
      });
    }
  }

  private record Gated(String flow, HttpMethod method, String path, boolean prefix) {
  }

  private static List<Gated> gatedRoutes(AdmissionSettings settings) {
    List<Gated> gated = new ArrayList<>();
    for (String flow : settings.gated()) {
      for (String spec : settings.flows().get(flow)) {
        int space = spec.indexOf(' ');
        String path = space < 0 ? spec : spec.substring(space + 1);
        gated.add(new Gated(flow, space < 0 ? null : HttpMethod.valueOf(spec.substring(0, space)),
            path.endsWith("*") ? path.substring(0, path.length() - 1) : path, path.endsWith("*")));
      }
    }
    return gated;
  }

  private Gated gatedFor(HttpMethod method, String path) {
    for (Gated g : gated) {
      if ((g.method == null || g.method == method) && (g.prefix ? path.startsWith(g.path) : path.equals(g.path))) {
        return g;
      }
    }
    return null;
  }

  private void enter(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    String flow = JsonBodies.text(body, "flow");
    if (flow == null || !settings.flows().containsKey(flow)) {
      throw ApiError.field("flow", "Isi 'flow' dengan salah satu dari: " + String.join(", ", settings.flows().keySet()) + ".");
    }
    String nipText = JsonBodies.text(body, "nip");
    String nip = null;
    if (nipText != null) {
      Nip.Result parsed = Nip.parse(nipText);
      if (!parsed.valid()) {
        throw ApiError.field("nip", parsed.error());
      }
      nip = parsed.get().value();
    }
    ctx.response().putHeader("Cache-Control", "no-store");
    if (!settings.enabled() || !settings.gated().contains(flow)) {
      ctx.json(new JsonObject().put("status", "ADMITTED").put("flow", flow).put("gated", false));
      return;
    }
    String browser = browserId(ctx);
    String place = nip != null ? "nip:" + nip : "b:" + browser;
    limiter.check("admission", RateLimiter.Subject.IP, services.clientIp().of(ctx))
        .compose(v -> room.enter(place))
        .recover(WaitingRoom::closed)
        .onSuccess(answer -> {
          show(answer.limit(), answer.active(), answer.waiting(), answer.ratePerSecond());
          if (answer.admitted()) {
            admitted.increment();
            long expires = nowSeconds() + settings.idleSeconds();
            setToken(ctx, tokens.issue(flow, place, browser, expires));
            ctx.json(new JsonObject().put("status", "ADMITTED").put("flow", flow).put("gated", true)
                .put("expiresInSeconds", settings.idleSeconds()));
            return;
          }
          queued.increment();
          ctx.response().setStatusCode(202);
          ctx.json(new JsonObject().put("status", "WAITING").put("flow", flow)
              .put("position", answer.position())
              .put("waiting", answer.waiting())
              .put("estimatedWaitSeconds", estimate(answer))
              .put("pollAfterSeconds", answer.pollAfterSeconds()));
        })
        .onFailure(ctx::fail);
  }

  /**
   * The waiting room's estimate in whole seconds (the more pessimistic of the recent admission rate and
   * the limit with the mean hold time, see {@link WaitingRoom}); null while there is neither a recent
   * admission nor a finished session to estimate from (the page then says it cannot estimate yet rather
   * than make a number up).
   */
  static Long estimate(WaitingRoom.Place place) {
    if (place.estimatedWaitSeconds() < 0) {
      return null;
    }
    return Math.max(1, Math.round(place.estimatedWaitSeconds()));
  }

  private void leave(RoutingContext ctx) {
    String browser = validBrowser(ctx);
    String token = token(ctx);
    String place = null;
    for (String flow : settings.flows().keySet()) {
      AdmissionTokens.Admission admission = tokens.verify(token, flow, browser, nowSeconds());
      if (admission != null) {
        place = admission.place();
      }
    }
    if (place == null && browser != null) {
      place = "b:" + browser;
    }
    clearToken(ctx);
    if (place == null || !settings.enabled()) {
      ctx.response().setStatusCode(204).end();
      return;
    }
    room.leave(place).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  /**
   * Passes when the request carries a valid admission for the flow (renewing it at half its life), or fails with
   * the 403 that sends the page to the waiting room; the admitted request's latency feeds the gradient limit.
   */
  private Future<Void> admit(HttpServerRequest request, String path, String flow, Consumer<Handler<Void>> atBodyEnd) {
    long now = nowSeconds();
    String browser = validBrowser(request);
    AdmissionTokens.Admission admission = tokens.verify(token(request), flow, browser, now);
    if (admission == null) {
      refused.increment();
      return Future.failedFuture(new ApiError(403, "ADMISSION_REQUIRED",
          "Layanan sedang ramai. Silakan masuk ruang tunggu; Anda akan dilayani sesuai urutan kedatangan.")
          .with("flow", flow)
          .with("waitingRoomUrl", "/antrean.html?flow=" + flow));
    }
    long start = System.nanoTime();
    GradientLimit.LatencyClass latencyClass = gradient.classOf(request.method().name(), path);
    atBodyEnd.accept(v -> gradient.record(latencyClass, (System.nanoTime() - start) / 1_000_000));
    if (admission.expiresAtSeconds() - now > settings.idleSeconds() / 2) {
      return Future.succeededFuture();
    }
    // Half the idle time gone: still active, so the place is kept and the token renewed.
    return room.touch(admission.place()).compose(still -> {
      if (!still) {
        refused.increment();
        clearToken(request.response());
        return Future.failedFuture(new ApiError(403, "ADMISSION_REQUIRED",
            "Waktu layanan Anda sudah habis karena lama tidak aktif. Silakan masuk ruang tunggu lagi.")
            .with("flow", flow).with("waitingRoomUrl", "/antrean.html?flow=" + flow));
      }
      setToken(request.response(), tokens.issue(flow, admission.place(), browser, now + settings.idleSeconds()));
      return Future.succeededFuture();
    });
  }

  /** Officers log in by NIP; they are never queued behind PNS. */
  private static boolean officerLogin(RoutingContext ctx) {
    if (ctx.request().method() != HttpMethod.POST || !"/api/auth/login".equals(ctx.normalizedPath())) {
      return false;
    }
    try {
      JsonObject body = ctx.body() == null ? null : ctx.body().asJsonObject();
      String username = body == null ? null : body.getString("username");
      return username != null && OFFICER_LOGIN.matcher(username.replace(" ", "")).matches();
    } catch (RuntimeException e) {
      return false; // not JSON: the login route answers that
    }
  }

  private void adjust() {
    room.adjust(gradient.gradient())
        .onSuccess(state -> show(state.limit(), state.active(), state.waiting(), state.ratePerSecond()));
    // A failure (Redis down) leaves the limit as it was; enter answers 503 meanwhile.
  }

  private void show(long limit, long active, long waiting, double rate) {
    gauges[0].set(limit);
    gauges[1].set(active);
    gauges[2].set(waiting);
    gauges[3].set(Math.round(rate * 1000));
  }

  private String browserId(RoutingContext ctx) {
    String id = validBrowser(ctx);
    if (id == null) {
      id = tokens.newBrowserId();
      ctx.response().addCookie(Cookie.cookie(BROWSER_COOKIE, id).setPath("/").setHttpOnly(true)
          .setSecure(secureCookies).setSameSite(CookieSameSite.STRICT));
    }
    return id;
  }

  private static String validBrowser(RoutingContext ctx) {
    return validBrowser(ctx.request());
  }

  private static String validBrowser(HttpServerRequest request) {
    Cookie cookie = request.getCookie(BROWSER_COOKIE);
    String id = cookie == null ? null : cookie.getValue();
    return id != null && AdmissionTokens.BROWSER_ID.matcher(id).matches() ? id : null;
  }

  private static String token(RoutingContext ctx) {
    return token(ctx.request());
  }

  private static String token(HttpServerRequest request) {
    String header = request.getHeader(TOKEN_HEADER);
    if (header != null) {
      return header;
    }
    Cookie cookie = request.getCookie(TOKEN_COOKIE);
    return cookie == null ? null : cookie.getValue();
  }

  private void setToken(RoutingContext ctx, String token) {
    setToken(ctx.response(), token);
  }

  private void setToken(HttpServerResponse response, String token) {
    response.addCookie(Cookie.cookie(TOKEN_COOKIE, token).setPath("/").setHttpOnly(true)
        .setSecure(secureCookies).setSameSite(CookieSameSite.STRICT).setMaxAge(settings.idleSeconds()));
  }

  private void clearToken(RoutingContext ctx) {
    clearToken(ctx.response());
  }

  private void clearToken(HttpServerResponse response) {
    response.addCookie(Cookie.cookie(TOKEN_COOKIE, "").setPath("/").setHttpOnly(true)
        .setSecure(secureCookies).setSameSite(CookieSameSite.STRICT).setMaxAge(0));
  }

  private static long nowSeconds() {
    return System.currentTimeMillis() / 1000;
  }
}

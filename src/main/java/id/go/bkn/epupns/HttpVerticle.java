package id.go.bkn.epupns;

import id.go.bkn.epupns.core.EventLoopDelay;
import id.go.bkn.epupns.core.ServiceContext;
import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.database.Database;
import id.go.bkn.epupns.core.database.DatabaseSettings;
import id.go.bkn.epupns.core.database.DatabaseOutage;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.ApiMethods;
import id.go.bkn.epupns.core.http.ClientIp;
import id.go.bkn.epupns.core.http.ErrorHandler;
import id.go.bkn.epupns.core.http.FastLane;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.core.http.HealthRoutes;
import id.go.bkn.epupns.core.http.LargeBody;
import id.go.bkn.epupns.core.http.RequestIds;
import id.go.bkn.epupns.core.http.SecurityHeaders;
import id.go.bkn.epupns.core.http.SlowClients;
import id.go.bkn.epupns.core.http.StrictFraming;
import id.go.bkn.epupns.core.http.TextInput;
import id.go.bkn.epupns.core.http.UnreadBodies;
import id.go.bkn.epupns.core.redis.RedisStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.sqlclient.Pool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP server instance (the service runs http.instances of them, one per event loop).
 * Assembles the router: HEAD as GET on the API, request ids, security headers, closing after answers that
 * left a body unread, the text check of path and query, OPTIONS on the API, JSON body limit, every feature's
 * routes, static pages, and the one error handler; the few hot routes of the {@link FastLane} go ahead of it all. The server itself refuses ambiguous framing and cuts
 * clients too slow to send their request ({@link SlowClients}).
 */
public final class HttpVerticle extends VerticleBase {

  private final AppConfig config;
  private final PrometheusMeterRegistry registry;
  private final DatabaseOutage outage;
  private RedisStore redis;

  public HttpVerticle(AppConfig config, io.micrometer.core.instrument.MeterRegistry registry, DatabaseOutage outage) {
    this.config = config;
    this.registry = (PrometheusMeterRegistry) registry;
    this.outage = outage;
  }

  @Override
  public Future<?> start() {
    Pool pool = Database.pool(vertx, DatabaseSettings.from(config));
    redis = RedisStore.create(vertx, config);
    EventLoopDelay.start(vertx, registry);
    ServiceContext services = new ServiceContext(vertx, config, pool, redis, registry,
        ClientIp.from(config));

    Router router = Router.router(vertx);
    SecurityHeaders securityHeaders = new SecurityHeaders(config.integer("http.hstsMaxAgeSeconds"));
    // First: its reroute starts the chain again, so nothing below runs twice.
    router.route().handler(ApiMethods.headAsGet());
    RequestIds requestIds = new RequestIds(config.bool("log.accessLog"));
    ErrorHandler errors = new ErrorHandler(outage);
    FastLane lane = new FastLane(config.bool("http.fastLane"), requestIds, securityHeaders, errors, registry);
    router.route().handler(requestIds);
    router.route().handler(securityHeaders);
    router.route().handler(new UnreadBodies(config.integer("http.drainLimitBytes")));
    router.route().handler(TextInput.edge());
    router.route().handler(ApiMethods.options(router));
    List<Feature> features = Features.all(services);
    LargeBody jsonLimit = LargeBody.json(config.integer("http.bodyLimitBytes"));
    BodyHandler jsonBodies = BodyHandler.create(false).setBodyLimit(jsonLimit.maxBytes());
    // Routes that read larger bodies (a reference table's CSV import) have their own limit, named in their 413.
    Map<LargeBody, BodyHandler> largeBodies = new LinkedHashMap<>();
    for (Feature feature : features) {
      for (LargeBody large : feature.largeBodies()) {
        largeBodies.put(large, BodyHandler.create(false).setBodyLimit(large.maxBytes()));
      }
    }
    // No path on this route: a route with a path would prefix every route label of the HTTP metrics.
    router.route().handler(ctx -> {
      // Multipart uploads carry their own, larger limit on their own route.
      // GET and HEAD without a body (the lookup, every page of lists) skip it: nothing to read, and the body
      // handler's set-up is a measurable share of the cheapest requests.
      String type = ctx.request().getHeader("Content-Type");
      HttpMethod method = ctx.request().method();
      if (!ctx.normalizedPath().startsWith("/api/") || type != null && type.toLowerCase().startsWith("multipart/")
          || (method == HttpMethod.GET || method == HttpMethod.HEAD) && UnreadBodies.declaredLength(ctx.request()) == 0) {
        ctx.next();
        return;
      }
      for (Map.Entry<LargeBody, BodyHandler> large : largeBodies.entrySet()) {
        if (large.getKey().matches(method, ctx.normalizedPath())) {
          large.getKey().mark(ctx);
          large.getValue().handle(ctx);
          return;
        }
      }
      jsonLimit.mark(ctx);
      jsonBodies.handle(ctx);
    });

    new HealthRoutes(pool, redis, registry, config.string("management.token")).mount(router);
    for (Feature feature : features) {
      feature.mount(router);
      feature.mount(lane);
    }
    router.get("/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/yaml; charset=utf-8")
        .sendFile("openapi.yaml"));
    router.route("/api/*").handler(ctx -> ctx.fail(ApiError.notFound(
        "Alamat API " + ctx.request().path() + " tidak ada.")));
    router.route().handler(StaticHandler.create("webroot")
        .setCachingEnabled(true)
        .setMaxAgeSeconds(300)
        .setIncludeHidden(false)
        .setDirectoryListing(false));
    router.route().failureHandler(errors);

    HttpServerOptions options = new HttpServerOptions()
        .setIdleTimeout(config.integer("http.idleTimeoutSeconds"))
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setCompressionSupported(true)
        .setMaxFormAttributeSize(8192)
        // HTTP/1.1 only (behind the proxy): without h2c detection a connection is set up, and seen by the
        // connection handler below, before its first byte is read.
        .setHttp2ClearTextEnabled(false);
    SlowClients slowClients = new SlowClients(vertx, config.integer("http.headerReadTimeoutSeconds"),
        config.integer("http.keepAliveTimeoutSeconds"), config.integer("http.bodyReadTimeoutSeconds"));
    return vertx.createHttpServer(options)
        .connectionHandler(connection -> {
          StrictFraming.install(connection, options);
          slowClients.track(connection);
        })
        .invalidRequestHandler(StrictFraming.invalidRequests(securityHeaders))
        .requestHandler(slowClients.wrap(lane.before(router)))
        .listen(config.integer("http.port"))
        .recover(e -> Future.failedFuture(new IllegalStateException(
            "cannot listen on port " + config.integer("http.port") + ": " + e.getMessage())));
  }

  @Override
  public Future<?> stop() {
    if (redis != null) {
      redis.close();
    }
    return Future.succeededFuture();
  }
}

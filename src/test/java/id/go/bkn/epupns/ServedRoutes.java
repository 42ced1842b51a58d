package id.go.bkn.epupns;

import id.go.bkn.epupns.core.ServiceContext;
import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.database.Database;
import id.go.bkn.epupns.core.database.DatabaseSettings;
import id.go.bkn.epupns.core.http.ClientIp;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.core.http.HealthRoutes;
import id.go.bkn.epupns.core.redis.RedisStore;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;

import java.util.ArrayList;
import java.util.List;

/**
 * The routes the service really serves, read from a Router assembled exactly as {@link HttpVerticle} assembles
 * it ({@link Features#all} plus health and metrics), without changing main code: the features are created
 * against the running test service's settings, mounted on a fresh router, and the router lists its routes.
 * HttpVerticle's own routes (GET /openapi.yaml, the /api catch-all 404, static pages) are added by hand.
 */
public final class ServedRoutes {

  /** One method and path pattern, as the router has it ("/api/pns/:nip"). */
  public record Served(HttpMethod method, String path) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private ServedRoutes() {
  }

  public static List<Served> of(TestService service) {
    AppConfig config = service.running().config();
    var vertx = service.vertx();
    Pool pool = Database.pool(vertx, DatabaseSettings.from(config));
    RedisStore redis = RedisStore.create(vertx, config);
    try {
      ServiceContext services = new ServiceContext(vertx, config, pool, redis, service.running().registry(),
          new ClientIp(config.string("http.trustedClientIpHeader")));
      Router router = Router.router(vertx);
      new HealthRoutes(pool, redis, service.running().registry(), config.string("management.token")).mount(router);
      for (Feature feature : Features.all(services)) {
        feature.mount(router);
      }
      List<Served> served = new ArrayList<>();
      for (Route route : router.getRoutes()) {
        if (route.getPath() == null || route.methods() == null) {
          continue;
        }
        for (HttpMethod method : route.methods()) {
          Served s = new Served(method, route.getPath());
          if (!served.contains(s)) {
            served.add(s);
          }
        }
      }
      served.add(new Served(HttpMethod.GET, "/openapi.yaml"));
      return served;
    } finally {
      redis.close();
      pool.close();
    }
  }
}

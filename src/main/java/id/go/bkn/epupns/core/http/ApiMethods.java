package id.go.bkn.epupns.core.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * HEAD and OPTIONS on the API, which the routes (mounted for GET, POST, ...) do not list: HEAD is answered as
 * GET without the body (the server drops it for HEAD), OPTIONS with 204 and Allow naming the path's methods;
 * a path no route serves stays 404. Static pages handle both themselves.
 */
public final class ApiMethods {

  private static final String REROUTED = "epupns.headAsGet";

  private ApiMethods() {
  }

  /** First handler of the router: a reroute runs the chain again from the start, so nothing ran twice. */
  public static Handler<RoutingContext> headAsGet() {
    return ctx -> {
      if (ctx.request().method() == HttpMethod.HEAD && ctx.get(REROUTED) == null
          && ctx.request().path() != null && ctx.request().path().startsWith("/api/")) {
        ctx.put(REROUTED, true);
        ctx.reroute(HttpMethod.GET, ctx.request().uri());
        return;
      }
      ctx.next();
    };
  }

  public static Handler<RoutingContext> options(Router router) {
    return ctx -> {
      String path = ctx.request().path();
      if (ctx.request().method() != HttpMethod.OPTIONS || path == null || !path.startsWith("/api/")) {
        ctx.next();
        return;
      }
      Set<HttpMethod> allowed = allowed(router.getRoutes(), path);
      if (allowed.isEmpty()) {
        ctx.fail(ApiError.notFound("Alamat API " + path + " tidak ada."));
        return;
      }
      if (allowed.contains(HttpMethod.GET)) {
        allowed.add(HttpMethod.HEAD);
      }
      allowed.add(HttpMethod.OPTIONS);
      ctx.response().setStatusCode(204)
          .putHeader("Allow", allowed.stream().map(HttpMethod::name).collect(Collectors.joining(", ")))
          .end();
    };
  }

  /** The methods of the routes whose path template ("/api/pns/:nip", "/x/*") matches the path. */
  static Set<HttpMethod> allowed(List<Route> routes, String path) {
    Set<HttpMethod> out = new LinkedHashSet<>();
    String[] actual = path.split("/", -1);
    for (Route route : routes) {
      if (route.getPath() == null || route.methods() == null || route.methods().isEmpty()) {
        continue;
      }
      if (matches(route.getPath().split("/", -1), actual)) {
        out.addAll(route.methods());
      }
    }
    return out;
  }

  private static boolean matches(String[] template, String[] actual) {
    for (int i = 0; i < template.length; i++) {
      if (template[i].equals("*") && i == template.length - 1) {
        return true;
      }
      if (i >= actual.length) {
        return false;
      }
      boolean param = template[i].startsWith(":") && !actual[i].isEmpty();
      if (!param && !template[i].equals(actual[i])) {
        return false;
      }
    }
    return template.length == actual.length;
  }
}

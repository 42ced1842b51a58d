package id.go.bkn.epupns.core.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Requests of one exact, hot shape answered before the router: GET {@code /api/pns/{18 digits}} ("Cari" at the
 * registration peak). Measured on a quiet box, the router's chain (its handlers and the matching of ~100 routes)
 * cost about as much CPU as the lookup itself (README "Capacity"). A request the lane takes gets what the chain
 * gives it: the request id and access-log line, the security headers, the metrics' route label and the one error
 * model. Anything else (HEAD, a query, a body, another path, a segment that is not exactly the digits) goes to the
 * router unchanged, so the route mounted there stays the contract and the lane only a shortcut to it.
 */
public final class FastLane {

  /** A lane route's work for the path's digits: the JSON answer, or a failure the error model renders. */
  @FunctionalInterface
  public interface Answer {
    Future<JsonObject> answer(HttpServerRequest request, String digits);
  }

  /**
   * A check a feature puts in front of routes, which the lane must make too (the waiting room's gate): a
   * succeeded future passes, a failed one is the answer (the error model); work for the end of the answer is
   * handed to {@code atBodyEnd}.
   */
  @FunctionalInterface
  public interface Guard {
    Future<Void> check(HttpServerRequest request, Consumer<Handler<Void>> atBodyEnd);
  }

  /** loggedPath: what the access log writes for every path of the route when it masks the digits, else null. */
  private record Route(String prefix, int digits, String label, String loggedPath, Answer answer) {
  }

  private final List<Route> routes = new ArrayList<>();
  private final List<Guard> guards = new ArrayList<>();
  private final boolean enabled;
  private final RequestIds requestIds;
  private final SecurityHeaders securityHeaders;
  private final ErrorHandler errors;
  private final Counter served;

  public FastLane(boolean enabled, RequestIds requestIds, SecurityHeaders securityHeaders, ErrorHandler errors,
      MeterRegistry registry) {
    this.enabled = enabled;
    this.requestIds = requestIds;
    this.securityHeaders = securityHeaders;
    this.errors = errors;
    // How much of the traffic took the lane (the rest of a route's requests went through the router).
    this.served = Counter.builder("epupns_fast_lane_requests").description("Requests answered before the router")
        .register(registry);
  }

  /**
   * GET {@code prefix} followed by exactly {@code digits} ASCII digits, without query or body; {@code routeLabel}
   * is the router's path template of the same route, so metrics do not tell the two apart.
   */
  public void getDigits(String prefix, int digits, String routeLabel, Answer answer) {
    // Worked out once only where the log masks the digits (a NIP): every such path is written the same way.
    // Digits the log keeps are written as they came (null: per request).
    String sample = prefix + "0".repeat(digits);
    String masked = RequestIds.loggedPath(sample);
    routes.add(new Route(prefix, digits, routeLabel, masked.equals(sample) ? null : masked, answer));
  }

  /** Every lane request passes the guards, in the order given, before its answer. */
  public void guard(Guard guard) {
    guards.add(guard);
  }

  /** The server's request handler: the lane's routes first, then the router. */
  public Handler<HttpServerRequest> before(Handler<HttpServerRequest> router) {
    if (!enabled || routes.isEmpty()) {
      return router;
    }
    return request -> {
      Route route = match(request);
      if (route == null) {
        router.handle(request);
      } else {
        serve(route, request);
      }
    };
  }

  private Route match(HttpServerRequest request) {
    if (request.method() != HttpMethod.GET || request.query() != null || UnreadBodies.declaredLength(request) != 0) {
      return null;
    }
    String path = request.path();
    for (Route route : routes) {
      if (path.length() == route.prefix.length() + route.digits && path.startsWith(route.prefix)
          && digitsFrom(path, route.prefix.length())) {
        return route;
      }
    }
    return null;
  }

  private static boolean digitsFrom(String path, int start) {
    for (int i = start; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private void serve(Route route, HttpServerRequest request) {
    served.increment();
    List<Handler<Void>> atBodyEnd = new ArrayList<>(2);
    String id = requestIds.begin(request, atBodyEnd::add, route.loggedPath);
    request.response().bodyEndHandler(v -> atBodyEnd.forEach(h -> h.handle(null)));
    securityHeaders.apply(request.response().headers());
    request.routed(route.label);
    Future<Void> passed = Future.succeededFuture();
    for (Guard guard : guards) {
      passed = passed.compose(v -> guard.check(request, atBodyEnd::add));
    }
    passed.compose(v -> route.answer.answer(request, request.path().substring(route.prefix.length())))
        .onComplete(result -> {
          if (result.succeeded()) {
            request.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(result.result().toBuffer());
          } else {
            errors.answer(request, result.cause(), id);
          }
        });
  }
}

package id.go.bkn.epupns.core.http;

import io.vertx.ext.web.Router;

/** A feature mounts its own routes; the HTTP verticle knows features only through this. */
public interface Feature {

  void mount(Router router);

  /** The few hot routes also answered before the router ({@link FastLane}); most features have none. */
  default void mount(FastLane lane) {
  }
}

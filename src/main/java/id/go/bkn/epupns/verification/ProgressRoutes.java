package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.auth.AuthGuard;
import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.core.http.Feature;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * GET /api/me/progress: the PNS's submission, each item with its route and each tier's state, and
 * the tiers in order (code and label), so that pages know the tiers from the API.
 */
final class ProgressRoutes implements Feature {

  private final AuthGuard guard;
  private final SubmissionStore store;

  ProgressRoutes(AuthGuard guard, SubmissionStore store) {
    this.guard = guard;
    this.store = store;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/me/progress").handler(guard.require(Role.PNS)).handler(this::progress);
  }

  private void progress(RoutingContext ctx) {
    store.progress(Caller.of(ctx).nip())
        .onSuccess(progress -> {
          JsonObject body = progress == null
              ? new JsonObject().put("state", "DRAFT").put("submissionId", null).put("fields", new JsonArray())
              : progress.put("state", "SUBMITTED");
          ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
              .end(body.put("tiers", Routing.tierList()).encode());
        })
        .onFailure(ctx::fail);
  }
}

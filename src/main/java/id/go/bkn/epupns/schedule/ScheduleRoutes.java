package id.go.bkn.epupns.schedule;

import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.sapk.RequestedAgency;
import io.vertx.ext.web.Router;

/**
 * GET /api/schedule[?instansiId=]: the campaign windows, for the home page and every client; with an
 * agency, as its PNS have them (its staggered window where it has one). Cached briefly: a change of
 * the schedule reaches the pages within seconds.
 */
public final class ScheduleRoutes implements Feature {

  private final CampaignSchedule schedule;

  public ScheduleRoutes(CampaignSchedule schedule) {
    this.schedule = schedule;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/schedule").handler(ctx -> {
      Integer agency = RequestedAgency.parse(ctx, "instansiId");
      ctx.response()
          .putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "public, max-age=5")
          .end(schedule.toJson(agency).encode());
    });
  }
}

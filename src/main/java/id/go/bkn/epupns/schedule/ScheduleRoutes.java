package id.go.bkn.epupns.schedule;

import id.go.bkn.epupns.core.http.Feature;
import io.vertx.ext.web.Router;

/** GET /api/schedule: the campaign windows, for the home page and every client. */
public final class ScheduleRoutes implements Feature {

  private final CampaignSchedule schedule;

  public ScheduleRoutes(CampaignSchedule schedule) {
    this.schedule = schedule;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/schedule").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "public, max-age=60")
        .end(schedule.toJson().encode()));
  }
}

package id.go.bkn.epupns.monitoring;

import id.go.bkn.epupns.auth.AuthModule;
import id.go.bkn.epupns.core.ServiceContext;
import id.go.bkn.epupns.core.blocking.BlockingWork;
import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.database.Database;
import id.go.bkn.epupns.core.database.DatabaseSettings;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.schedule.CampaignSchedule;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.List;

/**
 * Monitoring and lists of the campaign (issue 11, SPEC 4.5): the counts (GET /api/admin/stats), the
 * backlog with its burn-down forecast, the nominative list and the non-participants. Owns the
 * monitoring_* tables, which its triggers (V110) keep in step with registrations and verification.
 */
public final class MonitoringModule {

  private static final String TIME_ZONE = "update monitoring_setting set time_zone = $1 where time_zone <> $1";

  private MonitoringModule() {
  }

  /** At start-up: the campaign days the counters are kept in follow schedule.timeZone. */
  public static Future<Void> prepare(Pool pool, AppConfig config) {
    return pool.preparedQuery(TIME_ZONE).execute(Tuple.of(config.string("schedule.timeZone"))).mapEmpty();
  }

  public static List<Feature> features(ServiceContext services, AuthModule auth, CampaignSchedule schedule) {
    AppConfig config = services.config();
    return List.of(
        new StatsRoutes(services.pool(), auth.guard()),
        new BacklogRoutes(services.pool(), auth.guard(), schedule, config.integer("monitoring.forecastDays")),
        new ListRoutes(services.pool(), Database.streamingPool(services.vertx(), DatabaseSettings.from(config),
            config.integer("monitoring.streams")), auth.guard(), schedule,
            BlockingWork.create(services.vertx(), services.registry(), "nominatif-pdf", config.integer("monitoring.pdfThreads")),
            config.integer("monitoring.streamFetchRows"), config.integer("monitoring.pdfMaxRows")));
  }
}

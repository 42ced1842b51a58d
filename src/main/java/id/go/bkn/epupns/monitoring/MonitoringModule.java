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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Monitoring and lists of the campaign (issue 11, SPEC 4.5): the counts (GET /api/admin/stats), the
 * backlog with its burn-down forecast, the nominative list and the non-participants. Owns the
 * monitoring_* tables, which its triggers (V110, V150) keep in step with registrations and verification.
 */
public final class MonitoringModule {

  /** The zone's days; a change rebuilds the waiting days of the backlog from the queue (V150). */
  private static final String TIME_ZONE = "select monitoring_set_time_zone($1)";
  /** Sums the work units' flow of the days two days past per agency (V150): what the national reads use. */
  private static final String CLOSE_DAYS = "select monitoring_close_days()";
  private static final Logger LOG = LoggerFactory.getLogger(MonitoringModule.class);

  private MonitoringModule() {
  }

  /** At start-up: the campaign days the counters are kept in follow schedule.timeZone. */
  public static Future<Void> prepare(Pool pool, AppConfig config) {
    return pool.preparedQuery(TIME_ZONE).execute(Tuple.of(config.string("schedule.timeZone")))
        .compose(v -> pool.query(CLOSE_DAYS).execute()).mapEmpty();
  }

  public static List<Feature> features(ServiceContext services, AuthModule auth, CampaignSchedule schedule) {
    AppConfig config = services.config();
    // Each HTTP verticle closes past days now and then (idempotent: the first does it, the row lock queues the
    // others, who find nothing left); the timer belongs to the verticle and ends with it.
    if (services.vertx().getOrCreateContext().deploymentID() != null) {
      long every = config.integer("monitoring.closeDaysMinutes") * 60_000L;
      services.vertx().setPeriodic(every, every, id -> services.pool().query(CLOSE_DAYS).execute()
          .onFailure(e -> LOG.warn("closing past monitoring days failed: {}", e.getMessage())));
    }
    return List.of(
        new StatsRoutes(services.pool(), auth.guard()),
        new BacklogRoutes(services.pool(), auth.guard(), schedule, config.integer("monitoring.forecastDays")),
        new ListRoutes(services.pool(), Database.streamingPool(services.vertx(), DatabaseSettings.from(config),
            config.integer("monitoring.streams")), auth.guard(), schedule,
            BlockingWork.create(services.vertx(), services.registry(), "nominatif-pdf", config.integer("monitoring.pdfThreads")),
            config.integer("monitoring.streamFetchRows"), config.integer("monitoring.pdfMaxRows")));
  }
}

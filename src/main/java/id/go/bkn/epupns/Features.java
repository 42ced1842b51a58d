package id.go.bkn.epupns;

import id.go.bkn.epupns.admin.AdminModule;
import id.go.bkn.epupns.admission.AdmissionRoutes;
import id.go.bkn.epupns.audit.AuditRoutes;
import id.go.bkn.epupns.auth.AuthModule;
import id.go.bkn.epupns.captcha.CaptchaRoutes;
import id.go.bkn.epupns.captcha.Captchas;
import id.go.bkn.epupns.complaint.ComplaintRoutes;
import id.go.bkn.epupns.core.ServiceContext;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.form.FormModule;
import id.go.bkn.epupns.monitoring.MonitoringModule;
import id.go.bkn.epupns.ratelimit.RateLimiter;
import id.go.bkn.epupns.registration.RegistrationModule;

import id.go.bkn.epupns.schedule.CampaignSchedule;
import id.go.bkn.epupns.schedule.ScheduleRoutes;
import id.go.bkn.epupns.verification.VerificationModule;

import java.util.ArrayList;
import java.util.List;

/** The one place where features are wired together and handed to the HTTP verticle. */
final class Features {

  private Features() {
  }

  /** What needs the migrated database before any verticle serves: write targets checked, routing seeded. */
  static io.vertx.core.Future<Void> startupChecks(io.vertx.sqlclient.Pool pool, id.go.bkn.epupns.core.config.AppConfig config) {
    return VerificationModule.prepare(pool, FormModule.catalogue()).compose(v -> MonitoringModule.prepare(pool, config))
        .compose(v -> CampaignSchedule.seed(pool, config));
  }

  /**
   * Start-up work that would block the event loops if each HTTP verticle did it on its own loop: reading
   * and parsing the field catalogue and the password list (once per process, then shared), and the first
   * use of the JSON codec, the HMAC provider and the static-file handler (class loading and static set-up,
   * seconds on a busy machine). Run on a worker before the HTTP verticles are deployed.
   */
  static void prepare() {
    FormModule.catalogue().json().encode();
    RegistrationModule.prepare();
    try {
      javax.crypto.Mac.getInstance("HmacSHA256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    io.vertx.ext.web.handler.StaticHandler.create("webroot");
    preloadClasses();
  }

  /** Packages whose classes the event loops load first: this service's own, the SQL and Redis clients, the router. */
  private static final List<String> PRELOADED = List.of("id/go/bkn/epupns/", "io/vertx/sqlclient/", "io/vertx/pgclient/",
      "io/vertx/redis/", "io/vertx/ext/web/impl/", "io/vertx/ext/web/handler/impl/");

  /**
   * Loads (without initialising) the classes of {@link #PRELOADED} from the service's jar, so that reading and
   * defining them happens here and not on an event loop in the middle of its first requests (seen: 2-6 s blocked
   * on a busy machine, long enough for the first database connection to time out). A few MB of metaspace. Run
   * from classes (the tests), nothing is preloaded.
   */
  private static void preloadClasses() {
    try {
      java.security.CodeSource source = Features.class.getProtectionDomain().getCodeSource();
      if (source == null || !source.getLocation().getPath().endsWith(".jar")) {
        return;
      }
      ClassLoader loader = Features.class.getClassLoader();
      try (java.util.jar.JarFile jar = new java.util.jar.JarFile(new java.io.File(source.getLocation().toURI()))) {
        var entries = jar.entries();
        while (entries.hasMoreElements()) {
          String name = entries.nextElement().getName();
          if (name.endsWith(".class") && !name.contains("module-info") && PRELOADED.stream().anyMatch(name::startsWith)) {
            try {
              Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
              // Optional parts of a library (a missing optional dependency): loaded on use, if ever.
            }
          }
        }
      }
    } catch (java.io.IOException | java.net.URISyntaxException e) {
      // Only a warm-up: without it classes load on first use.
    }
  }

  static List<Feature> all(ServiceContext services) {
    List<Feature> features = new ArrayList<>();
    RateLimiter limiter = new RateLimiter(services.config(), services.redis(), services.registry());
    // First: its gates sit in front of the flows' own routes.
    features.add(new AdmissionRoutes(services, limiter));
    CampaignSchedule schedule = new CampaignSchedule(services.config());
    // The windows from the database, checked for changes every schedule.refreshMillis; the timer belongs
    // to the verticle. Routes assembled outside a verticle keep the settings' windows.
    if (services.vertx().getOrCreateContext().deploymentID() != null) {
      schedule.attach(services.vertx(), services.pool(), services.config().integer("schedule.refreshMillis"));
    }
    features.add(new ScheduleRoutes(schedule));
    AuthModule auth = AuthModule.create(services, RegistrationModule.accounts());
    features.add(auth.routes());
    features.addAll(AdminModule.features(services, auth, schedule, limiter));
    features.add(new AuditRoutes(services.pool(), auth.guard(), schedule));
    features.addAll(MonitoringModule.features(services, auth, schedule));
    Captchas captchas = new Captchas(services);
    features.add(new CaptchaRoutes(services, captchas, limiter));
    features.addAll(RegistrationModule.features(services, auth, captchas, limiter, schedule));
    features.add(new ComplaintRoutes(services.pool(), auth.guard(), captchas, limiter, services.clientIp(), schedule));
    // Verification first: the form hands submissions over to it.
    VerificationModule verification = VerificationModule.create(services, auth, FormModule.catalogue(), schedule,
        RegistrationModule.addresses());
    features.addAll(verification.routes());
    features.addAll(FormModule.create(services, auth, schedule, verification.handover(), verification.documentAccess())
        .routes());
    return features;
  }
}

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
    return VerificationModule.prepare(pool, FormModule.catalogue()).compose(v -> CampaignSchedule.seed(pool, config));
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
    Captchas captchas = new Captchas(services);
    features.add(new CaptchaRoutes(services, captchas, limiter));
    features.addAll(RegistrationModule.features(services, auth, captchas, limiter, schedule));
    features.add(new ComplaintRoutes(services.pool(), auth.guard(), captchas, limiter, services.clientIp()));
    // Verification first: the form hands submissions over to it.
    VerificationModule verification = VerificationModule.create(services, auth, FormModule.catalogue(), schedule,
        RegistrationModule.addresses());
    features.addAll(verification.routes());
    features.addAll(FormModule.create(services, auth, schedule, verification.handover(), verification.documentAccess())
        .routes());
    return features;
  }
}

package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.auth.AuthModule;
import id.go.bkn.epupns.core.ServiceContext;
import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.form.reference.ReferenceTables;
import id.go.bkn.epupns.mail.MailSecrets;
import id.go.bkn.epupns.ratelimit.RateLimiter;
import id.go.bkn.epupns.registration.PasswordPolicy;
import id.go.bkn.epupns.schedule.CampaignSchedule;

import java.util.List;

/** The administration features (SPEC 4.5): registration approval, agency switch, officers and their lookups. */
public final class AdminModule {

  private AdminModule() {
  }

  public static List<Feature> features(ServiceContext services, AuthModule auth, CampaignSchedule schedule,
                                       RateLimiter limiter) {
    AppConfig config = services.config();
    String baseUrl = config.string("http.publicBaseUrl");
    OfficerPasswordLinks links = new OfficerPasswordLinks(services.pool(), new MailSecrets(config.string("secrets.dataKey")),
        auth.hasher(), PasswordPolicy.shared(), limiter, services.clientIp(), schedule, baseUrl,
        config.integer("officers.passwordLinkHours"));
    return List.of(
        new RegistrationApprovalRoutes(services.pool(), auth.guard(), baseUrl, schedule),
        new AgencyApprovalRoutes(services.pool(), auth.guard(), baseUrl),
        new OfficerRoutes(services.pool(), auth.guard(), schedule, links),
        links,
        new LookupRoutes(services.pool(), auth.guard(), new ReferenceTables(services.pool())));
  }
}

package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.auth.AuthModule;
import id.go.bkn.epupns.core.ServiceContext;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.schedule.CampaignSchedule;

import java.util.List;

/** The administration features (SPEC 4.5): registration approval, agency switch, officers. */
public final class AdminModule {

  private AdminModule() {
  }

  public static List<Feature> features(ServiceContext services, AuthModule auth, CampaignSchedule schedule) {
    String baseUrl = services.config().string("http.publicBaseUrl");
    return List.of(
        new RegistrationApprovalRoutes(services.pool(), auth.guard(), baseUrl, schedule),
        new AgencyApprovalRoutes(services.pool(), auth.guard(), baseUrl),
        new OfficerRoutes(services.pool(), auth.guard(), auth.hasher(), schedule));
  }
}

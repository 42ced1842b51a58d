package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.auth.AuthModule;
import id.go.bkn.epupns.core.ServiceContext;
import id.go.bkn.epupns.core.http.Feature;

import java.util.List;

/** The administration features (SPEC 4.5): registration approval, agency switch, officers. */
public final class AdminModule {

  private AdminModule() {
  }

  public static List<Feature> features(ServiceContext services, AuthModule auth) {
    return List.of(
        new RegistrationApprovalRoutes(services.pool(), auth.guard(), services.config().string("http.publicBaseUrl")),
        new AgencyApprovalRoutes(services.pool(), auth.guard()),
        new OfficerRoutes(services.pool(), auth.guard(), auth.hasher()));
  }
}

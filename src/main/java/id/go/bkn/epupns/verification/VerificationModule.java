package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.auth.AuthModule;
import id.go.bkn.epupns.core.ServiceContext;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.form.SubmissionHandover;
import id.go.bkn.epupns.form.catalogue.Catalogue;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.util.List;

/**
 * The tiered verification feature (SPEC 4.4) as others see it: the {@link SubmissionHandover} the form submits
 * through, and its routes. It owns the submission tables (submission, submission_field and their
 * documents and decisions).
 */
public final class VerificationModule {

  private final SubmissionStore store;
  private final List<Feature> routes;

  private VerificationModule(SubmissionStore store, List<Feature> routes) {
    this.store = store;
    this.routes = routes;
  }

  public static VerificationModule create(ServiceContext services, AuthModule auth, Catalogue catalogue) {
    Routing routing = new Routing(catalogue);
    SubmissionStore store = new SubmissionStore(services.pool(), routing);
    return new VerificationModule(store, List.of(new ProgressRoutes(auth.guard(), store)));
  }

  /**
   * Checks at start-up that every write target of the catalogue exists in the schema with a
   * fitting type; a failed future stops start-up with the list of problems.
   */
  public static Future<Void> checkSchema(SqlClient client, Catalogue catalogue) {
    return new WriteTargets(catalogue).check(client);
  }

  public SubmissionHandover handover() {
    return store;
  }

  public List<Feature> routes() {
    return routes;
  }
}

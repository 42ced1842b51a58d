package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.auth.AuthModule;
import id.go.bkn.epupns.core.ServiceContext;
import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.form.SubmissionHandover;
import id.go.bkn.epupns.form.catalogue.Catalogue;
import id.go.bkn.epupns.form.documents.DocumentAccess;
import id.go.bkn.epupns.sapk.SapkRecords;
import id.go.bkn.epupns.schedule.CampaignSchedule;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.time.ZoneId;
import java.util.List;

/**
 * The tiered verification feature (SPEC 4.4) as others see it: the {@link SubmissionHandover} the
 * form submits through, the document access of officers in scope, and its routes. It owns the
 * submission tables (submission, submission_field, their documents and decisions, submission_tier)
 * and the routing table; it writes SAPK only through {@link SapkRecords}.
 */
public final class VerificationModule {

  private final SubmissionStore store;
  private final DocumentAccess documents;
  private final List<Feature> routes;

  private VerificationModule(SubmissionStore store, DocumentAccess documents, List<Feature> routes) {
    this.store = store;
    this.documents = documents;
    this.routes = routes;
  }

  public static VerificationModule create(ServiceContext services, AuthModule auth, Catalogue catalogue,
                                          CampaignSchedule schedule, PnsAddresses addresses) {
    AppConfig config = services.config();
    Routing routing = new Routing(catalogue);
    SubmissionStore store = new SubmissionStore(services.pool(), routing);
    Decisions decisions = new Decisions(services.pool(), new WriteTargets(catalogue), new SapkRecords(), addresses,
        config.string("http.publicBaseUrl"), schedule);
    VerificationRoutes officers = new VerificationRoutes(auth.guard(), catalogue,
        ZoneId.of(config.string("schedule.timeZone")), services.pool(),
        new Inbox(services.pool(), List.copyOf(catalogue.sections().keySet())),
        new Claims(services.pool(), config.integer("verification.claimMinutes")), decisions,
        new History(services.pool()), new RoutingAdmin(services.pool(), routing),
        config.integer("verification.inboxPageSize"), config.integer("verification.inboxMaxPageSize"),
        config.section("verification").getJsonArray("commonReasons"));
    return new VerificationModule(store, new VerifierDocuments(services.pool()),
        List.of(new ProgressRoutes(auth.guard(), store), officers));
  }

  /**
   * At start-up, before any verticle serves: checks every write target of the catalogue against
   * the schema (a failed future stops start-up with the list of problems) and seeds the routing
   * table with the catalogue's new items.
   */
  public static Future<Void> prepare(SqlClient client, Catalogue catalogue) {
    return new WriteTargets(catalogue).check(client).compose(v -> new Routing(catalogue).seed(client));
  }

  public SubmissionHandover handover() {
    return store;
  }

  /** Officers in scope may read the documents of the submissions they verify. */
  public DocumentAccess documentAccess() {
    return documents;
  }

  public List<Feature> routes() {
    return routes;
  }
}

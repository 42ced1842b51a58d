package id.go.bkn.epupns.form;

import id.go.bkn.epupns.auth.AuthModule;
import id.go.bkn.epupns.core.ServiceContext;
import id.go.bkn.epupns.core.blocking.BlockingWork;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.form.catalogue.Catalogue;
import id.go.bkn.epupns.form.documents.ContentStore;
import id.go.bkn.epupns.form.documents.DocumentAccess;
import id.go.bkn.epupns.form.documents.DocumentRoutes;
import id.go.bkn.epupns.form.documents.UploadQuota;
import id.go.bkn.epupns.form.reference.ReferenceRoutes;
import id.go.bkn.epupns.form.reference.ReferenceAdminRoutes;
import id.go.bkn.epupns.form.reference.ReferenceTables;
import id.go.bkn.epupns.ratelimit.RateLimiter;
import id.go.bkn.epupns.schedule.CampaignSchedule;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/**
 * The PUPNS form feature as others see it: its routes, the field catalogue (verification routes
 * by its authorities) and the document store (verification reads documents in its scope).
 */
public final class FormModule {

  /** Loaded once per JVM: the catalogue is immutable and every verticle instance shares it. */
  private static volatile Catalogue shared;

  private final Catalogue catalogue;
  private final ContentStore content;
  private final List<Feature> routes;

  private FormModule(Catalogue catalogue, ContentStore content, List<Feature> routes) {
    this.catalogue = catalogue;
    this.content = content;
    this.routes = routes;
  }

  public static FormModule create(ServiceContext services, AuthModule auth, CampaignSchedule schedule,
                                  SubmissionHandover verification, DocumentAccess documentAccess) {
    Catalogue catalogue = catalogue();
    for (Catalogue.Section section : catalogue.sections().values()) {
      section.fields().values().stream().filter(f -> f.reference() != null).forEach(f -> {
        ReferenceTables.Table table = ReferenceTables.Table.named(f.reference()).orElseThrow(() ->
            new IllegalStateException(Catalogue.RESOURCE + ": unknown reference table " + f.reference()));
        if ((table.scope() == ReferenceTables.Scope.PARENT) != (f.scope() != null)) {
          throw new IllegalStateException(Catalogue.RESOURCE + ": " + section.id() + "." + f.name() + " needs a scope"
              + " exactly when its table " + f.reference() + " lists the rows of a parent");
        }
      });
    }
    Clock clock = Clock.system(ZoneId.of(services.config().string("schedule.timeZone")));
    ReferenceTables references = new ReferenceTables(services.pool());
    DraftValidator validator = new DraftValidator(catalogue, references, clock);
    FormStore store = new FormStore(services.pool(), catalogue, verification);
    BlockingWork fileIo = BlockingWork.create(services.vertx(), services.registry(), "file-io",
        services.config().integer("uploads.workerPoolSize"));
    ContentStore content = new ContentStore(Path.of(services.config().string("uploads.directory")), fileIo);
    // Limits are stateless (counters live in Redis): the form keeps its own limiter for rateLimit.documents.
    RateLimiter limiter = new RateLimiter(services.config(), services.redis(), services.registry());
    UploadQuota quota = new UploadQuota(services.redis(), services.config().integer("uploads.dailyBytesPerAccount"),
        services.config().integer("uploads.reservationSeconds"), clock);
    List<Feature> routes = List.of(
        new FormRoutes(auth.guard(), catalogue, store, validator, new SubmitPlan(catalogue, validator), schedule,
            verification),
        new DocumentRoutes(auth.guard(), services.pool(), content, catalogue, DocumentAccess.ownerOnly().or(documentAccess),
            services.config().integer("uploads.maxBytes"), schedule, limiter, services.clientIp(), quota),
        new ReferenceRoutes(auth.guard(), references),
        new ReferenceAdminRoutes(services.pool(), auth.guard(),
            BlockingWork.create(services.vertx(), services.registry(), "reference-import", 1),
            services.config().integer("reference.importMaxBytes"), services.config().integer("reference.importMaxLines")));
    return new FormModule(catalogue, content, routes);
  }

  public static Catalogue catalogue() {
    Catalogue c = shared;
    if (c == null) {
      synchronized (FormModule.class) {
        if (shared == null) {
          shared = Catalogue.load();
        }
        c = shared;
      }
    }
    return c;
  }

  public Catalogue fieldCatalogue() {
    return catalogue;
  }

  public ContentStore documents() {
    return content;
  }

  public List<Feature> routes() {
    return routes;
  }
}

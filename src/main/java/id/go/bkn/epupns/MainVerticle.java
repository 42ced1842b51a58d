package id.go.bkn.epupns;

import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.config.StartupChecks;
import id.go.bkn.epupns.sapk.Wilayah;
import id.go.bkn.epupns.core.database.Database;
import id.go.bkn.epupns.core.database.DatabaseOutage;
import id.go.bkn.epupns.core.database.DatabaseSettings;
import id.go.bkn.epupns.core.database.SchemaMigrator;
import id.go.bkn.epupns.core.redis.RedisStore;
import id.go.bkn.epupns.mail.MailSenderVerticle;
import id.go.bkn.epupns.form.FormDemoData;
import id.go.bkn.epupns.form.FormModule;
import id.go.bkn.epupns.form.documents.DocumentSweeper;
import id.go.bkn.epupns.verification.VerificationDemoData;
import id.go.bkn.epupns.sapk.DemoData;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Prepares the database (create, migrate, optional demo data), then deploys the HTTP verticle
 * instances and the background verticles. Any failure fails the deployment, so start-up stops.
 */
public final class MainVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(MainVerticle.class);

  private final AppConfig config;
  private final MeterRegistry registry;
  private final boolean demo;

  public MainVerticle(AppConfig config, MeterRegistry registry, boolean demo) {
    this.config = config;
    this.registry = registry;
    this.demo = demo;
  }

  @Override
  public Future<?> start() {
    // On a worker: the checks read the JWT key file, and the province names are read from the jar once here,
    // not by the first request that names a province.
    return vertx.executeBlocking(() -> {
      StartupChecks.run(config);
      Wilayah.get();
      return DatabaseSettings.from(config);
    }, false).compose(this::startWith);
  }

  private Future<String> startWith(DatabaseSettings db) {
    return vertx.executeBlocking(() -> SchemaMigrator.migrate(db), false)
        .recover(e -> Future.failedFuture(new IllegalStateException(
            "PostgreSQL at " + db.describe() + " is not usable: " + Application.rootMessage(e))))
        // Files read and classes set up once, on a worker: not on the event loops (each HTTP verticle's).
        .compose(migrated -> vertx.executeBlocking(() -> {
          Features.prepare();
          return null;
        }, false))
        .compose(prepared -> checkSchema(db))
        .compose(v -> demo ? loadDemoData(db) : Future.succeededFuture())
        .compose(v -> checkRedis())
        .compose(v -> {
          Pool pool = Database.pool(vertx, db);
          DatabaseOutage outage = new DatabaseOutage(vertx, pool, db, registry);
          return DocumentSweeper.start(vertx, pool, config, registry)
              .compose(swept -> vertx.deployVerticle(() -> new HttpVerticle(config, registry, outage),
                  new DeploymentOptions().setInstances(config.integer("http.instances"))))
              .compose(http -> config.integer("management.port") > 0
                  ? vertx.deployVerticle(new ManagementVerticle(config, registry, outage))
                  : Future.succeededFuture(""));
        })
        .compose(v -> vertx.deployVerticle(new MailSenderVerticle(config, registry)))
        .onSuccess(v -> {
          String open = addressToOpen();
          LOG.info("e-PUPNS listening on port {} with {} HTTP verticle instances: open {}/",
              config.integer("http.port"), config.integer("http.instances"), open);
          if (demo) {
            LOG.info("demo: register at {}/daftar.html as {} (NIP {}, NIK {}; Kota Bandung needs no approval, so he "
                    + "can log in at once); officers log in at {}/masuk.html with their NIP and password {} "
                    + "(e.g. agency admin of Kabupaten Bandung: NIP {}). Every demo identity is in README.md, \"Demo data\".",
                open, DemoData.DEMO_PNS_NAMA, DemoData.DEMO_PNS_NIP, DemoData.DEMO_PNS_NIK,
                open, DemoData.OFFICER_PASSWORD, DemoData.ADMIN_INSTANSI_KAB_BANDUNG_NIP);
          }
        });
  }

  /** http.publicBaseUrl, except that a local address gets the port actually listened on. */
  private String addressToOpen() {
    String base = config.string("http.publicBaseUrl").replaceAll("/+$", "");
    try {
      java.net.URI uri = java.net.URI.create(base);
      if ("localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost())) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + config.integer("http.port");
      }
    } catch (IllegalArgumentException e) {
      // Not a URI: print it as configured.
    }
    return base;
  }

  /**
   * Redis is checked, not required, at start-up: it holds only short-lived guards (captchas, rate
   * limits), and the service recovers by itself when it comes back. Meanwhile /health answers 503 (so a
   * load balancer keeps the instance out) and requests that need Redis get 503, never a 500.
   */
  private Future<Void> checkRedis() {
    RedisStore redis = RedisStore.create(vertx, config);
    return redis.ping()
        .timeout(2, TimeUnit.SECONDS)
        .transform(result -> {
          if (result.failed() || !Boolean.TRUE.equals(result.result())) {
            LOG.warn("Redis at {} is not reachable ({}): starting anyway; /health reports 503 until it is",
                config.string("redis.url").replaceAll("//[^@/]*@", "//"), result.failed() ? Application.rootMessage(result.cause()) : "no PONG");
          }
          redis.close();
          return Future.<Void>succeededFuture();
        });
  }

  /** The features' checks of the migrated schema (write targets of the catalogue). */
  private Future<Void> checkSchema(DatabaseSettings db) {
    Pool pool = Database.startupPool(vertx, db);
    return Features.startupChecks(pool, config).eventually(pool::close);
  }

  private Future<Void> loadDemoData(DatabaseSettings db) {
    Pool pool = Database.loadingPool(vertx, db);
    return DemoData.load(vertx, pool, config)
        .compose(records -> FormDemoData.load(pool).map(references -> {
          LOG.info("demo data loaded: {} PNS in {} agencies (Kabupaten Bandung, Kota Bandung, Provinsi Jawa Barat, "
                  + "Kementerian Kesehatan, Badan Kepegawaian Negara) with their histories and organisation tree, "
                  + "{} officer accounts, {} schools and {} health units for the teachers' and doctors' forms",
              records.pns(), records.agencies(), records.officers(), references.schools(), references.healthUnits());
          return (Void) null;
        }))
        .compose(v -> VerificationDemoData.load(pool, FormModule.catalogue(),
            DemoData.officers().stream().map(DemoData.Officer::nip).collect(java.util.stream.Collectors.toSet()),
            java.util.Set.of(DemoData.DEMO_PNS_NIP, DemoData.DEMO_PNS_TEACHER_NIP, DemoData.DEMO_PNS_DOCTOR_NIP,
                DemoData.DEMO_PNS_FEMALE_NIP, DemoData.DEMO_PNS_PUSAT_NIP)))
        .map(work -> {
          LOG.info("demo verification work: {} submitted forms in the demo inboxes (README, \"Demo inboxes\")",
              work.submissions());
          return (Void) null;
        })
        .eventually(pool::close);
  }
}

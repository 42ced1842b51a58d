package id.go.bkn.epupns.registration;

import id.go.bkn.epupns.auth.AuthModule;
import id.go.bkn.epupns.auth.PnsAccounts;
import id.go.bkn.epupns.verification.PnsAddresses;
import id.go.bkn.epupns.captcha.CaptchaVerifier;
import id.go.bkn.epupns.core.ServiceContext;
import id.go.bkn.epupns.core.blocking.BlockingWork;
import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.mail.MailSecrets;
import id.go.bkn.epupns.ratelimit.FailureBudget;
import id.go.bkn.epupns.ratelimit.RateLimiter;
import id.go.bkn.epupns.schedule.CampaignSchedule;

import java.time.Duration;
import java.util.List;

/** Wires the registration feature: lookup, registration, status, proof and recovery routes. */
public final class RegistrationModule {

  private RegistrationModule() {
  }

  /** The PNS's login accounts, for the auth feature (which is built first and knows only the interface). */
  public static PnsAccounts accounts() {
    return new RegistrationAccounts();
  }

  /** Where verification mails a PNS: the address of its active registration. */
  public static PnsAddresses addresses() {
    return () -> "(select r.email from registration r where r.nip = $1 and r.status in "
        + RegistrationStatus.ACTIVE_SQL + " order by r.id desc limit 1)";
  }

  /** What start-up reads from files once per process, read on a worker before the event loops need it. */
  public static void prepare() {
    PasswordPolicy.shared();
  }

  public static List<Feature> features(ServiceContext services, AuthModule auth, CaptchaVerifier captcha,
                                       RateLimiter limiter, CampaignSchedule schedule) {
    AppConfig config = services.config();
    RegistrationStore store = new RegistrationStore(services.pool());
    PasswordPolicy passwords = PasswordPolicy.shared();
    PersonalSecrets secrets = new PersonalSecrets(config.string("secrets.dataKey"));
    ProofSigner signer = new ProofSigner(config.string("secrets.proofSigningKey"),
        Duration.ofMinutes(config.integer("registration.proofLinkMinutes")));
    BlockingWork pdf = BlockingWork.create(services.vertx(), services.registry(), "pdf",
        config.integer("registration.pdfThreads"));
    String baseUrl = config.string("http.publicBaseUrl");
    FailureBudget budget = new FailureBudget(config, services.redis(), services.registry());
    return List.of(
        new RegistrationRoutes(store, passwords, secrets, signer, auth.hasher(), captcha, limiter, budget, schedule,
            services.clientIp(), config.section("registration").getJsonArray("securityQuestions"), baseUrl,
            services.registry()),
        new ProofRoutes(store, signer, pdf, limiter, services.clientIp(), schedule, baseUrl),
        new RecoveryRoutes(store, secrets, passwords, signer, auth.hasher(), captcha, limiter, budget,
            new MailSecrets(config.string("secrets.dataKey")), services.clientIp(),
            baseUrl, config.integer("registration.passwordResetMinutes")));
  }
}

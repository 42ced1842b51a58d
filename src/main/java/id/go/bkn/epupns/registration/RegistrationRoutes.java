package id.go.bkn.epupns.registration;

import id.go.bkn.epupns.auth.PasswordHasher;
import id.go.bkn.epupns.captcha.CaptchaVerifier;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.ClientIp;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.core.http.JsonBodies;
import id.go.bkn.epupns.mail.MailOutbox;
import id.go.bkn.epupns.ratelimit.RateLimiter;
import id.go.bkn.epupns.ratelimit.RateLimiter.Subject;
import id.go.bkn.epupns.sapk.Nip;
import id.go.bkn.epupns.schedule.CampaignSchedule;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Tuple;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The peak's hot path: GET /api/pns/{nip} (cari), POST /api/registrations, GET
 * /api/registrations/status, GET /api/registrations/questions. Cheap checks first (fields, rate
 * limit, captcha, window, one SAPK read), the Argon2 hash only when everything else passed, then
 * one transaction (registration + confirmation mail). The database's partial unique index decides
 * races for a NIP.
 */
final class RegistrationRoutes implements Feature {

  private static final int NUMBER_ATTEMPTS = 3;

  private final RegistrationStore store;
  private final PasswordPolicy passwords;
  private final PersonalSecrets secrets;
  private final ProofSigner proofs;
  private final PasswordHasher hasher;
  private final CaptchaVerifier captcha;
  private final RateLimiter limiter;
  private final CampaignSchedule schedule;
  private final ClientIp clientIp;
  private final JsonArray questions;
  private final String baseUrl;
  private final Counter registered;

  RegistrationRoutes(RegistrationStore store, PasswordPolicy passwords, PersonalSecrets secrets, ProofSigner proofs,
                     PasswordHasher hasher, CaptchaVerifier captcha, RateLimiter limiter, CampaignSchedule schedule,
                     ClientIp clientIp, JsonArray questions, String baseUrl, MeterRegistry registry) {
    this.store = store;
    this.passwords = passwords;
    this.secrets = secrets;
    this.proofs = proofs;
    this.hasher = hasher;
    this.captcha = captcha;
    this.limiter = limiter;
    this.schedule = schedule;
    this.clientIp = clientIp;
    this.questions = questions;
    this.baseUrl = baseUrl;
    this.registered = Counter.builder("epupns_registrations").description("Registrations created")
        .register(registry);
  }

  @Override
  public void mount(Router router) {
    router.get("/api/pns/:nip").handler(this::lookup);
    router.get("/api/registrations/questions").handler(this::questions);
    router.get("/api/registrations/status").handler(this::status);
    router.post("/api/registrations").handler(this::register);
  }

  static Map<Subject, String> ipAndNip(String ip, String nip) {
    Map<Subject, String> subjects = new LinkedHashMap<>();
    subjects.put(Subject.IP, ip);
    subjects.put(Subject.NIP, nip);
    return subjects;
  }

  static Nip validNip(String text) {
    Nip.Result nip = Nip.parse(text);
    if (!nip.valid()) {
      throw ApiError.field("nip", nip.error());
    }
    return nip.get();
  }

  private void lookup(RoutingContext ctx) {
    String nip = validNip(ctx.pathParam("nip")).value();
    limiter.check("lookup", ipAndNip(clientIp.of(ctx), nip))
        .compose(v -> store.lookup(nip))
        .onSuccess(row -> {
          if (row == null) {
            ctx.fail(SapkGuidance.nipNotFound(nip));
            return;
          }
          ctx.json(new JsonObject().put("nip", nip).put("nama", row.getString("nama"))
              .put("instansi", row.getString("instansi")));
        })
        .onFailure(ctx::fail);
  }

  private void questions(RoutingContext ctx) {
    ctx.response().putHeader("Cache-Control", "public, max-age=3600");
    ctx.json(new JsonObject().put("questions", questions).put("maxLength", RegistrationForm.QUESTION_MAX));
  }

  private void status(RoutingContext ctx) {
    String nip = validNip(ctx.queryParams().get("nip")).value();
    limiter.check("status", ipAndNip(clientIp.of(ctx), nip))
        .compose(v -> store.newestStatus(nip))
        .onSuccess(row -> {
          JsonObject out = new JsonObject().put("nip", nip);
          RegistrationStatus status = row == null ? RegistrationStatus.RESET
              : RegistrationStatus.valueOf(row.getString("status"));
          // A reset registration is void: the PNS may (and must) register again.
          out.put("status", status == RegistrationStatus.RESET ? "NOT_REGISTERED" : status.name());
          if (status == RegistrationStatus.REJECTED) {
            out.put("reason", row.getString("status_reason"));
          }
          ctx.response().putHeader("Cache-Control", "no-store");
          ctx.json(out);
        })
        .onFailure(ctx::fail);
  }

  private void register(RoutingContext ctx) {
    RegistrationForm form = RegistrationForm.read(JsonBodies.object(ctx), passwords);
    String nip = form.nip().value();
    limiter.check("registration", ipAndNip(clientIp.of(ctx), nip))
        .compose(v -> captcha.consume(form.captchaId(), form.captchaAnswer()))
        .compose(v -> {
          schedule.requireOpen(CampaignSchedule.Window.REGISTRATION);
          return store.forRegistration(nip);
        })
        .compose(sapk -> {
          if (sapk == null) {
            return Future.failedFuture(SapkGuidance.nipNotFound(nip));
          }
          if (sapk.nik() != null && !sapk.nik().equals(form.nik().value())) {
            return Future.failedFuture(ApiError.field("nik", "NIK tidak sama dengan NIK yang tercatat di SAPK "
                + "untuk NIP ini. Periksa kembali NIK pada KTP Anda."));
          }
          if (sapk.registered()) {
            // Saves an Argon2 hash; a race past this point is settled by the unique index.
            return Future.failedFuture(SapkGuidance.alreadyRegistered());
          }
          return hasher.hash(form.password()).compose(hash -> insert(form, sapk, hash, 1));
        })
        .onSuccess(number -> {
          registered.increment();
          ctx.response().setStatusCode(201).putHeader("Cache-Control", "no-store");
          ctx.json(new JsonObject()
              .put("registrationNumber", number)
              .put("status", RegistrationStatus.PENDING_APPROVAL.name())
              .put("proofUrl", proofs.freshLink(number)));
        })
        .onFailure(ctx::fail);
  }

  private Future<String> insert(RegistrationForm form, RegistrationStore.Sapk sapk, String hash, int attempt) {
    String number = RegistrationNumbers.generate();
    String nip = form.nip().value();
    Tuple values = Tuple.of(nip, number, form.nik().value(), form.email(), hash,
        secrets.motherNameHash(form.motherName()), form.securityQuestion(),
        Buffer.buffer(secrets.encryptAnswer(form.securityAnswer(), nip)), RegistrationStatus.PENDING_APPROVAL.name());
    Notices.Mail mail = Notices.registered(sapk.nama(), nip, number, baseUrl);
    return store.pool().withTransaction(tx -> RegistrationStore.insert(tx, values)
            .compose(row -> MailOutbox.enqueue(tx, form.email(), mail.subject(), mail.body())))
        .map(v -> number)
        .recover(failure -> {
          if (failure instanceof PgException pg && "23505".equals(pg.getSqlState())) {
            if ("registration_one_active_per_nip".equals(pg.getConstraint())) {
              return Future.failedFuture(SapkGuidance.alreadyRegistered());
            }
            if (attempt < NUMBER_ATTEMPTS && "registration_registration_number_key".equals(pg.getConstraint())) {
              return insert(form, sapk, hash, attempt + 1);
            }
          }
          return Future.failedFuture(failure);
        });
  }
}

package id.go.bkn.epupns.registration;

import id.go.bkn.epupns.auth.PasswordHasher;
import id.go.bkn.epupns.captcha.CaptchaVerifier;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.ClientIp;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.core.http.FastLane;
import id.go.bkn.epupns.core.http.FieldErrors;
import id.go.bkn.epupns.core.http.JsonBodies;
import id.go.bkn.epupns.mail.MailOutbox;
import id.go.bkn.epupns.ratelimit.FailureBudget;
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

/**
 * The peak's hot path: GET /api/pns/{nip} (cari), POST /api/registrations, GET
 * /api/registrations/status, GET /api/registrations/questions. Cheap checks first (fields, the IP's
 * rate limit, captcha, window, one SAPK read), the Argon2 hash only when everything else passed, then
 * one transaction (registration + confirmation mail). The database's partial unique index decides
 * races for a NIP. A NIP's own budget (rateLimit.registration.failuresPerNip) is spent only by a
 * wrong NIK behind a solved captcha, and refuses only clients that gave one (see {@link FailureBudget}).
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
  private final FailureBudget budget;
  private final CampaignSchedule schedule;
  private final ClientIp clientIp;
  private final JsonArray questions;
  private final String baseUrl;
  private final Counter registered;

  RegistrationRoutes(RegistrationStore store, PasswordPolicy passwords, PersonalSecrets secrets, ProofSigner proofs,
                     PasswordHasher hasher, CaptchaVerifier captcha, RateLimiter limiter, FailureBudget budget,
                     CampaignSchedule schedule, ClientIp clientIp, JsonArray questions, String baseUrl,
                     MeterRegistry registry) {
    this.store = store;
    this.passwords = passwords;
    this.secrets = secrets;
    this.proofs = proofs;
    this.hasher = hasher;
    this.captcha = captcha;
    this.limiter = limiter;
    this.budget = budget;
    this.schedule = schedule;
    this.clientIp = clientIp;
    this.questions = questions;
    this.baseUrl = baseUrl;
    this.registered = Counter.builder("epupns_registrations").description("Registrations created")
        .register(registry);
  }

  @Override
  public void mount(Router router) {
    router.get("/api/pns/:nip").handler(ctx -> lookup(ctx.pathParam("nip"), clientIp.of(ctx))
        .onSuccess(ctx::json).onFailure(ctx::fail));
    router.get("/api/registrations/questions").handler(this::questions);
    router.get("/api/registrations/status").handler(this::status);
    router.post("/api/registrations").handler(this::register);
  }

  @Override
  public void mount(FastLane lane) {
    lane.getDigits("/api/pns/", Nip.LENGTH, "/api/pns/:nip", (request, nip) -> lookup(nip, clientIp.of(request)));
  }

  static Nip validNip(String text) {
    Nip.Result nip = Nip.parse(text);
    if (!nip.valid()) {
      throw ApiError.field("nip", nip.error());
    }
    return nip.get();
  }

  private Future<JsonObject> lookup(String nipText, String ip) {
    String nip = validNip(nipText).value();
    // Per IP only: a NIP budget here would only let a stranger block its owner's "Cari".
    // The limit check (Redis) and the read (PostgreSQL) run side by side: one round trip of
    // waiting instead of two. The limit guards the answer: a refused lookup gets its 429 and
    // never the row (it costs one index probe that is thrown away).
    Future<Void> allowed = limiter.check("lookup", Subject.IP, ip);
    Future<io.vertx.sqlclient.Row> read = store.lookup(nip);
    return allowed.compose(v -> read).compose(row -> row == null
        ? Future.failedFuture(SapkGuidance.nipNotFound(nip))
        : Future.succeededFuture(new JsonObject().put("nip", nip).put("nama", row.getString("nama"))
            .put("instansi", row.getString("instansi"))));
  }

  private void questions(RoutingContext ctx) {
    ctx.response().putHeader("Cache-Control", "public, max-age=3600");
    ctx.json(new JsonObject().put("questions", questions).put("maxLength", RegistrationForm.QUESTION_MAX));
  }

  /**
   * Behind a captcha (query captchaId and captchaAnswer): the answer tells whether a NIP is
   * registered, so it must not be an oracle for scripts. GET as SPEC §5.1 has it; no-store.
   */
  private void status(RoutingContext ctx) {
    FieldErrors errors = new FieldErrors();
    Nip.Result parsed = Nip.parse(ctx.queryParams().get("nip"));
    if (!parsed.valid()) {
      errors.add("nip", parsed.error());
    }
    String captchaId = ctx.queryParams().get(CaptchaVerifier.ID_FIELD);
    String captchaAnswer = ctx.queryParams().get(CaptchaVerifier.ANSWER_FIELD);
    RegistrationForm.captcha(blankToNull(captchaId), blankToNull(captchaAnswer), errors);
    errors.throwIfAny();
    String nip = parsed.get().value();
    limiter.check("status", Subject.IP, clientIp.of(ctx))
        .compose(v -> captcha.consume(captchaId.trim(), captchaAnswer.trim()))
        .compose(v -> store.newestStatus(nip))
        .onSuccess(row -> {
          JsonObject out = new JsonObject().put("nip", nip);
          String status = row == null ? "RESET" : row.getString("status");
          // A reset registration is void: the PNS may (and must) register again.
          out.put("status", "RESET".equals(status) ? "NOT_REGISTERED" : status);
          if ("REJECTED".equals(status)) {
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
    String ip = clientIp.of(ctx);
    limiter.check("registration", Subject.IP, ip)
        .compose(v -> budget.admit("registration", Subject.NIP, nip, ip))
        .compose(v -> captcha.consume(form.captchaId(), form.captchaAnswer()))
        .compose(v -> store.forRegistration(nip))
        .compose(sapk -> {
          if (sapk == null) {
            return Future.failedFuture(SapkGuidance.nipNotFound(nip));
          }
          // The agency's own (staggered) window when it has one, else the national one.
          schedule.requireOpen(CampaignSchedule.Window.REGISTRATION, sapk.instansiId());
          if (sapk.nik() != null && !sapk.nik().equals(form.nik().value())) {
            return budget.failed("registration", Subject.NIP, nip, ip).compose(v -> Future.failedFuture(
                ApiError.field("nik", "NIK tidak sama dengan NIK yang tercatat di SAPK "
                    + "untuk NIP ini. Periksa kembali NIK pada KTP Anda.")));
          }
          if (sapk.registered()) {
            // Saves an Argon2 hash; a race past this point is settled by the unique index.
            return Future.failedFuture(SapkGuidance.alreadyRegistered());
          }
          return hasher.hash(form.password()).compose(hash -> insert(form, sapk, hash, 1));
        })
        .onSuccess(created -> {
          registered.increment();
          ctx.response().setStatusCode(201).putHeader("Cache-Control", "no-store");
          ctx.json(new JsonObject()
              .put("registrationNumber", created.number())
              .put("status", created.status().name())
              .put("proofUrl", proofs.freshLink(created.number())));
        })
        .onFailure(ctx::fail);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  /** A registration just made: its number and the status it starts in. */
  record Created(String number, RegistrationStatus status) {
  }

  private Future<Created> insert(RegistrationForm form, RegistrationStore.Sapk sapk, String hash, int attempt) {
    String number = RegistrationNumbers.generate();
    String nip = form.nip().value();
    RegistrationStatus status = RegistrationStatus.onCreation(sapk.approvalRequired());
    Tuple values = Tuple.from(new Object[] {nip, number, form.nik().value(), form.email(), hash,
        secrets.motherNameHash(form.motherName()), form.securityQuestion(),
        Buffer.buffer(secrets.encryptAnswer(form.securityAnswer(), nip)), status.name()});
    Notices.Mail mail = Notices.registered(sapk.nama(), nip, number, baseUrl, status);
    return store.pool().withTransaction(tx -> RegistrationStore.insert(tx, values)
            .compose(row -> MailOutbox.enqueue(tx, form.email(), mail.subject(), mail.body()))
            .compose(v -> SecurityNotice.enqueue(tx, form.email(), sapk.email(), SecurityNotice.Change.REGISTERED)))
        .map(v -> new Created(number, status))
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

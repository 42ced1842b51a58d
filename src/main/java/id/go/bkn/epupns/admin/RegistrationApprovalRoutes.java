package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.auth.AuthGuard;
import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.core.http.FieldErrors;
import id.go.bkn.epupns.core.http.Paging;
import id.go.bkn.epupns.core.http.JsonBodies;
import id.go.bkn.epupns.mail.MailOutbox;
import id.go.bkn.epupns.registration.RegistrationStatus;
import id.go.bkn.epupns.registration.RegistrationNumbers;
import id.go.bkn.epupns.sapk.Nip;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The bureau's approval list and decisions (SPEC 4.1 step 4 and the reset case):
 * GET /api/admin/registrations, POST /api/admin/registrations/{nip}/approve|reject|reset.
 * An ADMIN_INSTANSI sees and decides registrations of its own agency only (anything else is
 * "not found", never "forbidden", so that it learns nothing about other agencies); ADMIN_BKN may
 * read every agency's list. Each decision is written with who/when/why, audited and mailed in one
 * transaction.
 */
final class RegistrationApprovalRoutes implements Feature {

  static final int MAX_QUERY = 100;

  private static final String FILTER = """
        from registration r
        join pns p on p.nip = r.nip
        join satuan_kerja s on s.id = p.satuan_kerja_id
        join instansi i on i.id = p.instansi_kerja_id
       where ($1::int is null or p.instansi_kerja_id = $1)
         and r.status = $2
         and (($3::text is null and $4::text is null and $5::text is null)
              or r.nip like $3 or p.nama ilike $4 or r.registration_number = $5)""";
  private static final String LIST = """
      select r.nip, p.nama, s.id as satker_id, s.nama as satker_nama, i.id as instansi_id,
             i.nama as instansi_nama, r.registration_number, r.email, r.created_at, r.status,
             r.status_reason, r.decided_by, r.decided_at
      """ + FILTER + """

       order by r.created_at, r.id
       limit $6 offset $7""";
  private static final String COUNT = "select count(*) as total\n" + FILTER;

  /** The registration a decision is about: the NIP's active one, else its latest, in the agency. */
  private static final String LOCK = """
      select r.id, r.nip, r.registration_number, r.email, r.status, p.nama, p.email as sapk_email,
             i.nama as instansi_nama
        from registration r
        join pns p on p.nip = r.nip
        join instansi i on i.id = p.instansi_kerja_id
       where r.nip = $1 and p.instansi_kerja_id = $2
       order by (r.status in %s) desc, r.created_at desc, r.id desc
       limit 1
         for update of r""".formatted(RegistrationStatus.ACTIVE_SQL);
  private static final String DECIDE = """
      update registration
         set status = $2, status_reason = $3, decided_by = $4, decided_at = now(),
             token_version = token_version + $5
       where id = $1
      returning decided_at""";
  private static final String AUDIT = """
      insert into registration_decision (registration_id, nip, decision, from_status, to_status, reason,
                                         decided_by, decided_by_role)
      values ($1, $2, $3, $4, $5, $6, $7, $8)""";

  private final Pool pool;
  private final AuthGuard guard;
  private final String publicBaseUrl;

  RegistrationApprovalRoutes(Pool pool, AuthGuard guard, String publicBaseUrl) {
    this.pool = pool;
    this.guard = guard;
    this.publicBaseUrl = publicBaseUrl;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/admin/registrations").handler(guard.require(Role.ADMIN_INSTANSI, Role.ADMIN_BKN))
        .handler(this::list);
    router.post("/api/admin/registrations/:nip/:decision").handler(guard.require(Role.ADMIN_INSTANSI))
        .handler(this::decide);
  }

  private void list(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    FieldErrors errors = new FieldErrors();
    Integer instansi = AdminScope.readableInstansi(ctx, caller, errors);
    Paging paging = Paging.from(ctx, errors);
    String text = ctx.queryParams().get("status");
    RegistrationStatus parsed = text == null || text.isBlank() ? RegistrationStatus.PENDING_APPROVAL
        : RegistrationStatus.parse(text).orElse(null);
    String status = parsed == null ? null : parsed.name();
    if (parsed == null) {
      errors.add("status", "status harus salah satu dari PENDING_APPROVAL, APPROVED, REJECTED, RESET.");
    }
    String q = ctx.queryParams().get("q");
    q = q == null ? null : q.trim();
    if (q != null && q.length() > MAX_QUERY) {
      errors.add("q", "Kata pencarian paling banyak " + MAX_QUERY + " karakter.");
    }
    errors.throwIfAny();
    Tuple filter = filter(instansi, status, q == null || q.isEmpty() ? null : q);
    Future<JsonArray> items = pool.preparedQuery(LIST).execute(paging.limitOffset(filter)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(row -> out.add(item(row)));
      return out;
    });
    Future<Long> total = pool.preparedQuery(COUNT).execute(filter).map(rows -> rows.iterator().next().getLong(0));
    Future.all(items, total)
        .onSuccess(done -> ctx.json(paging.envelope(items.result(), total.result())))
        .onFailure(ctx::fail);
  }

  /** q: a NIP (prefix, digits), a registration number, or part of the name. */
  private static Tuple filter(Integer instansi, String status, String q) {
    String nipPrefix = null;
    String name = null;
    String number = null;
    if (q != null) {
      if (q.chars().allMatch(Character::isDigit)) {
        nipPrefix = q + "%";
      } else if (RegistrationNumbers.canonical(q.toUpperCase()) != null) {
        number = RegistrationNumbers.canonical(q.toUpperCase());
      } else {
        name = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
      }
    }
    return Tuple.of(instansi, status, nipPrefix, name, number);
  }

  private static JsonObject item(Row row) {
    return new JsonObject()
        .put("nip", row.getString("nip"))
        .put("nama", row.getString("nama"))
        .put("satuanKerja", new JsonObject().put("id", row.getInteger("satker_id")).put("nama", row.getString("satker_nama")))
        .put("instansi", new JsonObject().put("id", row.getInteger("instansi_id")).put("nama", row.getString("instansi_nama")))
        .put("registrationNumber", row.getString("registration_number"))
        .put("email", maskEmail(row.getString("email")))
        .put("createdAt", row.getOffsetDateTime("created_at").toString())
        .put("status", row.getString("status"))
        .put("statusReason", row.getString("status_reason"))
        .put("decidedBy", row.getString("decided_by"))
        .put("decidedAt", row.getOffsetDateTime("decided_at") == null ? null : row.getOffsetDateTime("decided_at").toString());
  }

  /** b***i@example.org: enough for the bureau to recognise it, not enough to harvest addresses. */
  static String maskEmail(String email) {
    int at = email == null ? -1 : email.indexOf('@');
    if (at < 1) {
      return "***";
    }
    String local = email.substring(0, at);
    String masked = local.length() <= 2 ? local.charAt(0) + "***" : local.charAt(0) + "***" + local.charAt(local.length() - 1);
    return masked + email.substring(at);
  }

  private void decide(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    RegistrationDecision decision = RegistrationDecision.fromPath(ctx.pathParam("decision"));
    if (decision == null) {
      throw ApiError.notFound("Alamat API " + ctx.request().path() + " tidak ada.");
    }
    Nip.Result nip = Nip.parse(ctx.pathParam("nip"));
    if (!nip.valid()) {
      throw ApiError.field("nip", nip.error());
    }
    // Approving needs no body; an empty one or JSON null is fine.
    String raw = ctx.body() == null ? null : ctx.body().asString();
    boolean empty = raw == null || raw.isBlank() || "null".equals(raw.trim());
    JsonObject body = empty ? new JsonObject() : JsonBodies.object(ctx);
    String reason = JsonBodies.text(body, "reason");
    FieldErrors errors = new FieldErrors();
    if (reason == null && decision.reasonRequired) {
      errors.add("reason", "Alasan wajib diisi.");
    } else if (reason != null && reason.length() > RegistrationDecision.MAX_REASON) {
      errors.add("reason", "Alasan paling banyak " + RegistrationDecision.MAX_REASON + " karakter.");
    }
    errors.throwIfAny();
    String nipValue = nip.get().value();
    pool.withTransaction(tx -> tx.preparedQuery(LOCK).execute(Tuple.of(nipValue, caller.scope().agencyId()))
            .compose(rows -> {
              if (rows.size() == 0) {
                return Future.failedFuture(notFound());
              }
              Row row = rows.iterator().next();
              String from = row.getString("status");
              if (!decision.from.contains(RegistrationStatus.valueOf(from))) {
                return Future.failedFuture(new ApiError(409, "INVALID_STATE",
                    "Pendaftaran berstatus " + from + " sehingga tidak dapat " + decision.done + ".")
                    .with("status", from));
              }
              return apply(tx, caller, decision, row, reason);
            }))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private Future<JsonObject> apply(SqlConnection tx, Caller caller, RegistrationDecision decision, Row row,
                                   String reason) {
    long id = row.getLong("id");
    String number = row.getString("registration_number");
    return tx.preparedQuery(DECIDE)
        .execute(Tuple.of(id, decision.to.name(), reason, caller.nip(), decision.endsSessions ? 1 : 0))
        .compose(updated -> {
          OffsetDateTime decidedAt = updated.iterator().next().getOffsetDateTime("decided_at");
          return tx.preparedQuery(AUDIT).execute(Tuple.from(new Object[] {id, row.getString("nip"),
                  decision.name(), row.getString("status"), decision.to.name(), reason, caller.nip(), caller.role().name()}))
              .compose(v -> mail(tx, decision, row, reason))
              .map(v -> new JsonObject()
                  .put("nip", row.getString("nip"))
                  .put("registrationNumber", number)
                  .put("status", decision.to.name())
                  .put("statusReason", reason)
                  .put("decidedBy", caller.nip())
                  .put("decidedAt", decidedAt.toString()));
        });
  }

  /** To the address the registration gave and, when different, the one SAPK holds (a reset may
   *  concern a registration someone else made with their own address). */
  private Future<Void> mail(SqlConnection tx, RegistrationDecision decision, Row row, String reason) {
    Set<String> recipients = new LinkedHashSet<>();
    recipients.add(row.getString("email").trim().toLowerCase());
    String sapkEmail = row.getString("sapk_email");
    if (sapkEmail != null && !sapkEmail.isBlank()) {
      recipients.add(sapkEmail.trim().toLowerCase());
    }
    String body = decision.mailBody(row.getString("nama"), row.getString("registration_number"),
        row.getString("instansi_nama"), reason, publicBaseUrl);
    Future<Void> chain = Future.succeededFuture();
    for (String to : recipients) {
      chain = chain.compose(v -> MailOutbox.enqueue(tx, to, decision.mailSubject, body));
    }
    return chain;
  }

  private static ApiError notFound() {
    return ApiError.notFound("Tidak ada pendaftaran dengan NIP tersebut di instansi Anda.");
  }
}

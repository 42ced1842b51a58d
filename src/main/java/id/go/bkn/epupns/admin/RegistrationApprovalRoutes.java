package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.audit.AuditLog;
import id.go.bkn.epupns.auth.AuthGuard;
import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.core.database.Like;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.core.http.FieldErrors;
import id.go.bkn.epupns.core.http.Paging;
import id.go.bkn.epupns.core.http.JsonBodies;
import id.go.bkn.epupns.mail.MailOutbox;
import id.go.bkn.epupns.registration.RegistrationNumbers;
import id.go.bkn.epupns.registration.RegistrationStatus;
import id.go.bkn.epupns.registration.SecurityNotice;
import id.go.bkn.epupns.sapk.Nip;
import id.go.bkn.epupns.sapk.RequestedAgency;
import id.go.bkn.epupns.schedule.CampaignSchedule;
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
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The bureau's approval list and decisions (SPEC 4.1 step 4 and the reset case):
 * GET /api/admin/registrations, POST /api/admin/registrations/{nip}/approve|reject|reset|undo-approve.
 * An ADMIN_INSTANSI sees and decides registrations of its own agency only (anything else is
 * "not found", never "forbidden", so that it learns nothing about other agencies); ADMIN_BKN may
 * read every agency's list. Each decision is written with who/when/why, audited and mailed in one
 * transaction. Approving is one tap and can be undone the same campaign day.
 */
final class RegistrationApprovalRoutes implements Feature {

  static final int MAX_QUERY = 100;
  private static final String STATUS_NAMES = Arrays.stream(RegistrationStatus.values()).map(Enum::name)
      .collect(Collectors.joining(", "));

  private static final String FILTER = """
        from registration r
        join pns p on p.nip = r.nip
        join satuan_kerja s on s.id = p.satuan_kerja_id
        join instansi i on i.id = p.instansi_kerja_id
       where ($1::int is null or p.instansi_kerja_id = $1)
         and r.status = $2
         and (($3::text is null and $4::text is null and $5::text is null)
              or r.nip like $3 or p.nama ilike $4 or r.registration_number = $5)""";
  // Waiting ones oldest first (first come, first served); decided ones newest decision first, so
  // that today's approvals, the ones that can still be undone, lead.
  private static final String LIST = """
      select r.nip, p.nama, s.id as satker_id, s.nama as satker_nama, i.id as instansi_id,
             i.nama as instansi_nama, r.registration_number, r.email, r.created_at, r.status,
             r.status_reason, r.decided_by, r.decided_at,
             (select o.nama from officer o where o.nip = r.decided_by) as decided_by_nama
      """ + FILTER + """

       order by case when $2 = 'PENDING_APPROVAL' then r.created_at end,
                coalesce(r.decided_at, r.created_at) desc, r.id
       limit $6 offset $7""";
  private static final String COUNT = "select count(*) as total\n" + FILTER;

  /** The registration a decision is about: the NIP's active one, else its latest, in the agency. */
  private static final String LOCK = """
      select r.id, r.nip, r.registration_number, r.email, r.status, r.decided_by, r.decided_at, p.nama,
             p.email as sapk_email, i.nama as instansi_nama,
             (select o.nama from officer o where o.nip = $3) as caller_nama
        from registration r
        join pns p on p.nip = r.nip
        join instansi i on i.id = p.instansi_kerja_id
       where r.nip = $1 and p.instansi_kerja_id = $2
       order by (r.status in ('PENDING_APPROVAL', 'APPROVED')) desc, r.created_at desc, r.id desc
       limit 1
         for update of r""";

  private final Pool pool;
  private final AuthGuard guard;
  private final String publicBaseUrl;
  private final CampaignSchedule schedule;

  RegistrationApprovalRoutes(Pool pool, AuthGuard guard, String publicBaseUrl, CampaignSchedule schedule) {
    this.pool = pool;
    this.guard = guard;
    this.publicBaseUrl = publicBaseUrl;
    this.schedule = schedule;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/admin/registrations").handler(guard.admins())
        .handler(this::list);
    router.post("/api/admin/registrations/:nip/:decision").handler(guard.require(Role.ADMIN_INSTANSI))
        .handler(this::decide);
  }

  private void list(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    FieldErrors errors = new FieldErrors();
    Integer instansi = RequestedAgency.listed(ctx, caller.scope(), "instansiId");
    Paging paging = Paging.from(ctx, errors);
    String text = ctx.queryParams().get("status");
    RegistrationStatus status = text == null || text.isBlank() ? RegistrationStatus.PENDING_APPROVAL
        : RegistrationStatus.of(text.trim().toUpperCase());
    if (status == null) {
      errors.add("status", "status harus salah satu dari " + STATUS_NAMES + ".");
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
  private static Tuple filter(Integer instansi, RegistrationStatus status, String q) {
    String nipPrefix = null;
    String name = null;
    String number = null;
    if (q != null) {
      if (q.chars().allMatch(Character::isDigit)) {
        nipPrefix = q + "%";
      } else if (RegistrationNumbers.canonical(q.toUpperCase()) != null) {
        number = RegistrationNumbers.canonical(q.toUpperCase());
      } else {
        name = Like.contains(q);
      }
    }
    return Tuple.of(instansi, status.name(), nipPrefix, name, number);
  }

  private JsonObject item(Row row) {
    OffsetDateTime decidedAt = row.getOffsetDateTime("decided_at");
    String decidedBy = row.getString("decided_by");
    boolean approved = RegistrationStatus.APPROVED.name().equals(row.getString("status"));
    return new JsonObject()
        .put("nip", row.getString("nip"))
        .put("nama", row.getString("nama"))
        .put("satuanKerja", new JsonObject().put("id", row.getInteger("satker_id")).put("nama", row.getString("satker_nama")))
        .put("instansi", new JsonObject().put("id", row.getInteger("instansi_id")).put("nama", row.getString("instansi_nama")))
        .put("registrationNumber", row.getString("registration_number"))
        .put("email", maskEmail(row.getString("email")))
        .put("createdAt", schedule.time(row.getOffsetDateTime("created_at")))
        .put("status", row.getString("status"))
        .put("statusReason", row.getString("status_reason"))
        .put("decidedBy", decidedBy)
        .put("decidedByNama", row.getString("decided_by_nama"))
        .put("decidedAt", schedule.time(decidedAt))
        .put("decidedAutomatically", approved && decidedBy == null)
        .put("undoableUntil", approved && decidedBy != null ? undoableUntil(decidedAt) : null);
  }

  /** The end of the campaign day of the approval while it has not passed, else null. */
  private String undoableUntil(OffsetDateTime approvedAt) {
    if (approvedAt == null) {
      return null;
    }
    OffsetDateTime until = schedule.endOfDay(approvedAt);
    return until.toInstant().isAfter(schedule.now()) ? schedule.time(until) : null;
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
    pool.withTransaction(tx -> tx.preparedQuery(LOCK).execute(Tuple.of(nipValue, caller.scope().agencyId(), caller.nip()))
            .compose(rows -> {
              if (rows.size() == 0) {
                return Future.failedFuture(notFound());
              }
              Row row = rows.iterator().next();
              String from = row.getString("status");
              if (!decision.from.contains(RegistrationStatus.of(from))) {
                return Future.failedFuture(new ApiError(409, "INVALID_STATE",
                    "Pendaftaran berstatus " + from + " sehingga tidak dapat " + decision.done + ".")
                    .with("status", from));
              }
              if (decision == RegistrationDecision.UNDO_APPROVE) {
                ApiError refused = undoRefused(row);
                if (refused != null) {
                  return Future.failedFuture(refused);
                }
              }
              return apply(tx, caller, decision, row, reason);
            }))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  /** Why this approval can no longer be undone, or null when it can. */
  private ApiError undoRefused(Row row) {
    if (row.getString("decided_by") == null) {
      return new ApiError(409, "INVALID_STATE", "Pendaftaran ini disetujui otomatis karena instansi tidak "
          + "memerlukan persetujuan; tidak ada persetujuan yang dapat dibatalkan. Gunakan Reset bila perlu.")
          .with("status", row.getString("status"));
    }
    if (undoableUntil(row.getOffsetDateTime("decided_at")) == null) {
      return new ApiError(409, "UNDO_TOO_LATE", "Persetujuan hanya dapat dibatalkan pada hari yang sama (sampai "
          + "pukul 24.00 " + schedule.zoneLabel() + "). Gunakan Reset bila pendaftaran ini tidak sah.")
          .with("status", row.getString("status"));
    }
    return null;
  }

  private Future<JsonObject> apply(SqlConnection tx, Caller caller, RegistrationDecision decision, Row row,
                                   String reason) {
    String number = row.getString("registration_number");
    // Back to PENDING_APPROVAL (undo) clears the decider and the reason: the history stays in registration_decision.
    return decision.apply(tx, List.of(row.getLong("id")), reason, caller)
        .compose(updated -> {
          OffsetDateTime decidedAt = updated.iterator().next().getOffsetDateTime("decided_at");
          return AuditLog.record(tx, caller, decision.audit, row.getString("nip"), caller.scope().agencyId(),
                  new JsonObject().put("registrationNumber", number).put("from", row.getString("status"))
                      .put("to", decision.to.name()).put("reason", reason))
              .compose(v -> mail(tx, decision, row, reason))
              .map(v -> new JsonObject()
                  .put("nip", row.getString("nip"))
                  .put("registrationNumber", number)
                  .put("status", decision.to.name())
                  .put("statusReason", reason)
                  .put("decidedBy", caller.nip())
                  .put("decidedByNama", row.getString("caller_nama"))
                  .put("decidedAt", schedule.time(decidedAt))
                  .put("undoableUntil", decision == RegistrationDecision.APPROVE ? undoableUntil(decidedAt) : null));
        });
  }

  /**
   * Every decision goes to the address the registration gave, and nowhere else with its details.
   * A reset also sends the SAPK address (when different) a notice without personal data: a reset
   * may concern a registration someone else made with their own address.
   */
  private Future<Void> mail(SqlConnection tx, RegistrationDecision decision, Row row, String reason) {
    String registered = row.getString("email");
    String body = decision.mailBody(row.getString("nama"), row.getString("registration_number"),
        row.getString("instansi_nama"), reason, publicBaseUrl);
    Future<Void> sent = MailOutbox.enqueue(tx, registered, decision.mailSubject, body);
    return decision == RegistrationDecision.RESET
        ? sent.compose(v -> SecurityNotice.enqueue(tx, registered, row.getString("sapk_email"), SecurityNotice.Change.RESET))
        : sent;
  }

  private static ApiError notFound() {
    return ApiError.notFound("Tidak ada pendaftaran dengan NIP tersebut di instansi Anda.");
  }
}

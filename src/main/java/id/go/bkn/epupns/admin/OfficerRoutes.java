package id.go.bkn.epupns.admin;

import id.go.bkn.epupns.audit.AuditLog;
import id.go.bkn.epupns.auth.AuthGuard;
import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.auth.OfficerSessions;
import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.core.database.Like;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.core.http.FieldErrors;
import id.go.bkn.epupns.core.http.JsonBodies;
import id.go.bkn.epupns.core.http.Paging;
import id.go.bkn.epupns.sapk.Nip;
import id.go.bkn.epupns.sapk.RequestedAgency;
import id.go.bkn.epupns.sapk.Scope;
import id.go.bkn.epupns.schedule.CampaignSchedule;
import id.go.bkn.epupns.verification.OfficerClaims;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Appointing officers (SPEC 4.5: by NIP and full name, as SAPK has them):
 * POST/GET /api/admin/officers, GET /api/admin/officers/roles (the roles the caller may give and the
 * scope each needs), PUT /api/admin/officers/{nip} (role and scope), DELETE /api/admin/officers/{nip}
 * (remove), POST /api/admin/officers/{nip}/disable|enable|password-link.
 * An ADMIN_INSTANSI appoints VERIFIER_SKPD for a work unit of its agency, VERIFIER_BKD and
 * ADMIN_INSTANSI of its agency, from the PNS of its agency; ADMIN_BKN appoints anyone anywhere (a
 * work unit's or agency's officer must be a PNS of that agency). A new officer gets no password: it
 * sets one through a single-use link mailed to it ({@link OfficerPasswordLinks}). Every change bumps
 * the officer's token version, so its tokens stop at once; disabling and removing also end its
 * sessions and release its verification claims; all of it in the audit log.
 */
final class OfficerRoutes implements Feature {

  /** Roles an ADMIN_INSTANSI may give, always inside its own agency. */
  static final Set<Role> AGENCY_ROLES = EnumSet.of(Role.VERIFIER_SKPD, Role.VERIFIER_BKD, Role.ADMIN_INSTANSI);
  static final int MAX_NAME = 200;
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

  static final String SELECT = """
      select o.nip, o.nama, o.role, o.satuan_kerja_id, s.nama as satker_nama,
             coalesce(o.instansi_id, s.instansi_id) as agency_id, i.nama as instansi_nama, o.instansi_id,
             o.kanreg_id, k.nama as kanreg_nama, o.email, o.password_hash is not null as password_set,
             o.disabled, o.removed_at, o.created_at
        from officer o
        left join satuan_kerja s on s.id = o.satuan_kerja_id
        left join instansi i on i.id = coalesce(o.instansi_id, s.instansi_id)
        left join kanreg k on k.id = o.kanreg_id
      """;
  private static final String FILTER = """
       where o.removed_at is null
         and ($1::int is null or coalesce(o.instansi_id, s.instansi_id) = $1)
         and ($2::text is null or o.role = $2)
         and (($3::text is null and $4::text is null) or o.nip like $3 or o.nama ilike $4)""";
  private static final String LIST = SELECT + FILTER + "\n order by o.nama, o.nip limit $5 offset $6";
  private static final String COUNT = """
      select count(*) from officer o left join satuan_kerja s on s.id = o.satuan_kerja_id
      """ + FILTER;
  private static final String ONE = SELECT + """
       where o.nip = $1 and o.removed_at is null and ($2::int is null or coalesce(o.instansi_id, s.instansi_id) = $2)""";
  /** The scope ids as they exist: a work unit's agency, whether the agency and office exist. */
  static final String SCOPE = """
      select (select instansi_id from satuan_kerja where id = $1) as satker_instansi,
             exists(select 1 from instansi where id = $2) as instansi_exists,
             exists(select 1 from kanreg where id = $3) as kanreg_exists""";
  private static final String PNS = """
      select p.nama, p.instansi_kerja_id, p.email, i.nama as instansi_nama
        from pns p join instansi i on i.id = p.instansi_kerja_id where p.nip = $1""";
  /** A new officer, or a removed one appointed again (its old row, as new: no password, enabled). */
  static final String INSERT = """
      insert into officer (nip, nama, role, satuan_kerja_id, instansi_id, kanreg_id, email, password_hash)
      values ($1, $2, $3, $4, $5, $6, $7, null)
      on conflict (nip) do update set nama = excluded.nama, role = excluded.role,
             satuan_kerja_id = excluded.satuan_kerja_id, instansi_id = excluded.instansi_id,
             kanreg_id = excluded.kanreg_id, email = excluded.email, password_hash = null, disabled = false,
             removed_at = null, token_version = officer.token_version + 1
       where officer.removed_at is not null
      returning id""";
  private static final String UPDATE_SCOPE = """
      update officer set role = $2, satuan_kerja_id = $3, instansi_id = $4, kanreg_id = $5,
             token_version = token_version + 1
       where nip = $1""";
  private static final String SET_DISABLED = """
      update officer set disabled = $2, token_version = token_version + 1 where nip = $1""";
  private static final String REMOVE = """
      update officer set removed_at = now(), disabled = true, token_version = token_version + 1 where nip = $1""";

  private final Pool pool;
  private final AuthGuard guard;
  private final CampaignSchedule schedule;
  private final OfficerPasswordLinks links;

  OfficerRoutes(Pool pool, AuthGuard guard, CampaignSchedule schedule, OfficerPasswordLinks links) {
    this.pool = pool;
    this.guard = guard;
    this.schedule = schedule;
    this.links = links;
  }

  @Override
  public void mount(Router router) {
    var admins = guard.admins();
    router.post("/api/admin/officers").handler(admins).handler(this::appoint);
    router.get("/api/admin/officers").handler(admins).handler(this::list);
    router.get("/api/admin/officers/roles").handler(admins).handler(this::roles);
    router.put("/api/admin/officers/:nip").handler(admins).handler(this::change);
    router.delete("/api/admin/officers/:nip").handler(admins).handler(this::remove);
    router.post("/api/admin/officers/:nip/disable").handler(admins).handler(ctx -> setDisabled(ctx, true));
    router.post("/api/admin/officers/:nip/enable").handler(admins).handler(ctx -> setDisabled(ctx, false));
    router.post("/api/admin/officers/:nip/password-link").handler(admins).handler(this::newLink);
  }

  /** The roles the caller may give, each with the scope level it needs and the API field naming it. */
  private void roles(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    JsonArray out = new JsonArray();
    for (Role role : Role.values()) {
      if (!role.isOfficer() || caller.role() == Role.ADMIN_INSTANSI && !AGENCY_ROLES.contains(role)) {
        continue;
      }
      Scope.Level level = role.scopeLevel();
      out.add(new JsonObject().put("role", role.name()).put("label", role.label())
          .put("scope", new JsonObject().put("level", level.name()).put("field", level.field())
              // An agency admin's agency roles are always its own agency: nothing to choose.
              .put("fixed", level == Scope.Level.NATIONAL
                  || level == Scope.Level.AGENCY && caller.scope().agencyId() != null)));
    }
    ctx.json(new JsonObject().put("items", out));
  }

  private void appoint(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    JsonObject body = JsonBodies.object(ctx);
    FieldErrors errors = new FieldErrors();
    Nip.Result nip = Nip.parse(JsonBodies.text(body, "nip"));
    if (!nip.valid()) {
      errors.add("nip", nip.error());
    }
    String nama = JsonBodies.text(body, "nama");
    if (nama == null) {
      errors.add("nama", "Nama lengkap wajib diisi.");
    } else if (nama.length() > MAX_NAME) {
      errors.add("nama", "Nama paling banyak " + MAX_NAME + " karakter.");
    }
    String email = JsonBodies.text(body, "email");
    if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
      errors.add("email", "Alamat email tidak valid (contoh: nama@instansi.go.id).");
    }
    Appointment scope = scope(caller, body, errors);
    errors.throwIfAny();
    String nipValue = nip.get().value();
    authorise(caller, scope)
        .compose(agency -> pool.preparedQuery(PNS).execute(Tuple.of(nipValue)).compose(rows -> {
          Row pns = rows.size() == 0 ? null : rows.iterator().next();
          if (pns == null || !caller.scope().coversAgency(pns.getInteger("instansi_kerja_id"))) {
            String message = caller.role() == Role.ADMIN_INSTANSI
                ? "NIP tersebut tidak ditemukan di antara PNS instansi Anda."
                : "NIP tersebut tidak ditemukan di SAPK.";
            return Future.failedFuture(new ApiError(404, "NOT_FOUND", message, Map.of("nip", message)));
          }
          if (agency != null && !agency.equals(pns.getInteger("instansi_kerja_id"))) {
            return Future.failedFuture(ApiError.field("nip", "NIP tersebut PNS " + pns.getString("instansi_nama")
                + ", bukan PNS instansi tempat ia akan diangkat."));
          }
          String notStaff = Appointment.staffProblem(scope.role(), pns.getString("instansi_nama"));
          if (notStaff != null) {
            return Future.failedFuture(ApiError.field("nip", notStaff));
          }
          String sapkName = pns.getString("nama");
          if (!sameName(nama, sapkName)) {
            return Future.failedFuture(ApiError.field("nama",
                "Nama tidak sama dengan nama di SAPK untuk NIP tersebut. Tulis nama lengkap sesuai SAPK."));
          }
          String address = email != null ? email : pns.getString("email");
          if (address == null || address.isBlank()) {
            return Future.failedFuture(ApiError.field("email", "SAPK tidak mencatat email NIP ini. Isi alamat email "
                + "petugas: tautan untuk membuat kata sandi dikirim ke sana."));
          }
          return pool.withTransaction(tx -> tx.preparedQuery(INSERT)
              .execute(Tuple.from(new Object[] {nipValue, sapkName, scope.role().name(), scope.satuanKerjaId(),
                  scope.instansiId(), scope.kanregId(), address}))
              .compose(inserted -> inserted.size() == 0
                  ? Future.failedFuture(ApiError.conflict("OFFICER_EXISTS",
                      "NIP tersebut sudah menjadi petugas. Ubah peran atau aktifkan kembali akunnya."))
                  : one(tx, nipValue, null))
              .compose(officer -> audit(tx, caller, AuditLog.Action.OFFICER_CREATE, officer, scopeJson(scope)))
              .compose(officer -> links.send(tx, caller, officer).map(link -> officer.put("passwordLink", link))));
        }))
        .onSuccess(officer -> ctx.response().setStatusCode(201).putHeader("Cache-Control", "no-store")
            .putHeader("Content-Type", "application/json").end(officer.encode()))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    FieldErrors errors = new FieldErrors();
    Integer instansi = RequestedAgency.listed(ctx, caller.scope(), "instansiId");
    Paging paging = Paging.from(ctx, errors);
    String role = ctx.queryParams().get("role");
    role = role == null || role.isBlank() ? null : role.trim().toUpperCase(Locale.ROOT);
    if (role != null) {
      Appointment.role(role, errors);
    }
    String q = ctx.queryParams().get("q");
    q = q == null || q.isBlank() ? null : q.trim();
    if (q != null && q.length() > MAX_NAME) {
      errors.add("q", "Kata pencarian terlalu panjang.");
    }
    errors.throwIfAny();
    // q: the start of a NIP (digits) or part of the name.
    boolean digits = q != null && q.chars().allMatch(Character::isDigit);
    String nipPrefix = digits ? q + "%" : null;
    String namePattern = q == null || digits ? null
        : Like.contains(q);
    Tuple filter = Tuple.of(instansi, role, nipPrefix, namePattern);
    Future<JsonArray> items = pool.preparedQuery(LIST)
        .execute(paging.limitOffset(filter))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(row -> out.add(officer(row)));
          return out;
        });
    Future<Long> total = pool.preparedQuery(COUNT).execute(filter).map(rows -> rows.iterator().next().getLong(0));
    Future.all(items, total)
        .onSuccess(done -> ctx.json(paging.envelope(items.result(), total.result())))
        .onFailure(ctx::fail);
  }

  /** New role and scope of an existing officer of the caller's agency. */
  private void change(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    String nip = targetNip(ctx, caller);
    JsonObject body = JsonBodies.object(ctx);
    FieldErrors errors = new FieldErrors();
    Appointment scope = scope(caller, body, errors);
    errors.throwIfAny();
    authorise(caller, scope)
        .compose(v -> pool.withTransaction(tx -> inScope(tx, caller, nip)
            .compose(before -> staff(tx, nip, scope.role()).map(before))
            .compose(before -> tx.preparedQuery(UPDATE_SCOPE).execute(Tuple.of(nip, scope.role().name(),
                    scope.satuanKerjaId(), scope.instansiId(), scope.kanregId()))
                .compose(u -> one(tx, nip, null))
                .compose(after -> audit(tx, caller, AuditLog.Action.OFFICER_UPDATE, after,
                    new JsonObject().put("before", before).put("after", scopeJson(scope)))))))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void setDisabled(RoutingContext ctx, boolean disabled) {
    Caller caller = Caller.of(ctx);
    String nip = targetNip(ctx, caller);
    pool.withTransaction(tx -> inScope(tx, caller, nip)
            .compose(before -> tx.preparedQuery(SET_DISABLED).execute(Tuple.of(nip, disabled))
                .compose(u -> disabled ? endWork(tx, before) : Future.succeededFuture(new JsonObject()))
                .compose(ended -> one(tx, nip, null).compose(after -> audit(tx, caller,
                    disabled ? AuditLog.Action.OFFICER_DISABLE : AuditLog.Action.OFFICER_ENABLE, after, ended)))))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  /** Removes the officer: its account ends (sessions, tokens), its claims go back to the inboxes. */
  private void remove(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    String nip = targetNip(ctx, caller);
    pool.withTransaction(tx -> inScope(tx, caller, nip)
            .compose(before -> tx.preparedQuery(REMOVE).execute(Tuple.of(nip))
                .compose(u -> endWork(tx, before))
                .compose(ended -> audit(tx, caller, AuditLog.Action.OFFICER_REMOVE, before,
                    ended.put("role", before.getString("role"))))))
        .onSuccess(officer -> ctx.json(officer.put("disabled", true)))
        .onFailure(ctx::fail);
  }

  /** A new set-password link for an officer who lost or let expire the first (earlier links stop working). */
  private void newLink(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    String nip = targetNip(ctx, caller);
    pool.withTransaction(tx -> inScope(tx, caller, nip)
            .compose(officer -> links.send(tx, caller, officer).map(link -> officer.put("passwordLink", link))))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  /** Ends the officer's sessions and releases its claims; what was ended, for the audit log. */
  private static Future<JsonObject> endWork(SqlClient tx, JsonObject officer) {
    return OfficerSessions.endAll(tx, officer.getString("nip"))
        .compose(sessions -> OfficerClaims.releaseAllOf(tx, officer.getString("nip"))
            .map(claims -> new JsonObject().put("sessionsEnded", sessions).put("claimsReleased", claims)));
  }

  private static String targetNip(RoutingContext ctx, Caller caller) {
    Nip.Result nip = Nip.parse(ctx.pathParam("nip"));
    if (!nip.valid()) {
      throw ApiError.field("nip", nip.error());
    }
    if (nip.get().value().equals(caller.nip())) {
      // An agency must not lock itself out by mistake; another admin can do it.
      throw ApiError.conflict("CANNOT_CHANGE_SELF", "Anda tidak dapat mengubah atau menonaktifkan akun Anda sendiri.");
    }
    return nip.get().value();
  }

  /** The officer as it is now, when the caller may manage it; 404 otherwise. */
  private Future<JsonObject> inScope(SqlClient client, Caller caller, String nip) {
    Integer agency = caller.scope().agencyId(); // null: the national scope
    return client.preparedQuery(ONE + " for update of o").execute(Tuple.of(nip, agency)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(ApiError.notFound("Tidak ada petugas dengan NIP tersebut di instansi Anda."))
        : Future.succeededFuture(officer(rows.iterator().next())));
  }

  /** Fails with a 400 on nip when the officer's PNS record (SAPK) does not allow the new role. */
  private static Future<Void> staff(SqlClient tx, String nip, Role role) {
    return tx.preparedQuery(PNS).execute(Tuple.of(nip)).compose(rows -> {
      String notStaff = Appointment.staffProblem(role,
          rows.size() == 0 ? null : rows.iterator().next().getString("instansi_nama"));
      return notStaff == null ? Future.succeededFuture() : Future.failedFuture(ApiError.field("nip", notStaff));
    });
  }

  private Future<JsonObject> one(SqlClient client, String nip, Integer agency) {
    return client.preparedQuery(ONE).execute(Tuple.of(nip, agency)).map(rows -> officer(rows.iterator().next()));
  }

  /** Role and scope from the body; an ADMIN_INSTANSI's agency roles default to its own agency. */
  private static Appointment scope(Caller caller, JsonObject body, FieldErrors errors) {
    Role role = Appointment.role(JsonBodies.text(body, "role"), errors);
    Integer satker = integer(body, "satuanKerjaId", errors);
    Integer instansi = integer(body, "instansiId", errors);
    Integer kanreg = integer(body, "kanregId", errors);
    if (role == null) {
      return null;
    }
    if (instansi == null && role.scopeLevel() == Scope.Level.AGENCY && caller.scope().agencyId() != null) {
      instansi = caller.scope().agencyId();
    }
    return Appointment.of(role, satker, instansi, kanreg, errors);
  }

  private static Integer integer(JsonObject body, String name, FieldErrors errors) {
    Object value = body.getValue(name);
    if (value == null || value instanceof String s && s.isBlank()) {
      return null;
    }
    if (value instanceof Integer i) {
      return i;
    }
    if (value instanceof String s && s.trim().matches("\\d{1,9}")) {
      return Integer.valueOf(s.trim());
    }
    errors.add(name, name + " harus berupa angka.");
    return null;
  }

  /**
   * The scope exists, and an ADMIN_INSTANSI gives only its agency's roles inside its agency
   * (403 otherwise: the roles and the other agencies' ids are no secret). Answers the agency the
   * scope is in (a work unit's or an agency's), null for a BKN office or the country.
   */
  private Future<Integer> authorise(Caller caller, Appointment scope) {
    if (caller.role() == Role.ADMIN_INSTANSI && !AGENCY_ROLES.contains(scope.role())) {
      return Future.failedFuture(ApiError.forbidden("Admin instansi hanya dapat mengangkat VERIFIER_SKPD, "
          + "VERIFIER_BKD atau ADMIN_INSTANSI di instansinya sendiri."));
    }
    return pool.preparedQuery(SCOPE).execute(Tuple.of(scope.satuanKerjaId(), scope.instansiId(), scope.kanregId()))
        .map(rows -> {
          Row row = rows.iterator().next();
          FieldErrors errors = new FieldErrors();
          Integer satkerAgency = row.getInteger("satker_instansi");
          if (scope.satuanKerjaId() != null && satkerAgency == null) {
            errors.add("satuanKerjaId", "Satuan kerja tidak ditemukan.");
          }
          if (scope.instansiId() != null && !row.getBoolean("instansi_exists")) {
            errors.add("instansiId", "Instansi tidak ditemukan.");
          }
          if (scope.kanregId() != null && !row.getBoolean("kanreg_exists")) {
            errors.add("kanregId", "Kantor regional tidak ditemukan.");
          }
          errors.throwIfAny();
          Integer agency = scope.satuanKerjaId() != null ? satkerAgency : scope.instansiId();
          if (agency != null && !caller.scope().coversAgency(agency)) {
            throw ApiError.forbidden("Anda hanya dapat mengangkat petugas di instansi Anda sendiri.");
          }
          return agency;
        });
  }

  /** Records the action on the officer (as it is after it) in the audit log; answers the officer. */
  private static Future<JsonObject> audit(SqlClient tx, Caller caller, AuditLog.Action action, JsonObject officer,
                                          JsonObject details) {
    JsonObject agency = officer.getJsonObject("instansi");
    return AuditLog.record(tx, caller, action, officer.getString("nip"), agency == null ? null : agency.getInteger("id"),
        details.put("nama", officer.getString("nama"))).map(officer);
  }

  static JsonObject scopeJson(Appointment scope) {
    return new JsonObject().put("role", scope.role().name()).put("satuanKerjaId", scope.satuanKerjaId())
        .put("instansiId", scope.instansiId()).put("kanregId", scope.kanregId());
  }

  /** Names compare without case and extra spaces: "budi  SANTOSO" is "Budi Santoso". */
  static boolean sameName(String typed, String sapk) {
    return normalise(typed).equals(normalise(sapk));
  }

  private static String normalise(String name) {
    return name.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private JsonObject officer(Row row) {
    Integer satker = row.getInteger("satuan_kerja_id");
    Integer agency = row.getInteger("agency_id");
    Integer kanreg = row.getInteger("kanreg_id");
    Role role = Role.valueOf(row.getString("role"));
    return new JsonObject()
        .put("nip", row.getString("nip"))
        .put("nama", row.getString("nama"))
        .put("role", role.name())
        .put("roleLabel", role.label())
        .put("satuanKerja", satker == null ? null : new JsonObject().put("id", satker).put("nama", row.getString("satker_nama")))
        .put("instansi", agency == null ? null : new JsonObject().put("id", agency).put("nama", row.getString("instansi_nama")))
        .put("kanregId", kanreg)
        .put("kanreg", kanreg == null ? null : new JsonObject().put("id", kanreg).put("nama", row.getString("kanreg_nama")))
        .put("email", row.getString("email") == null ? null : RegistrationApprovalRoutes.maskEmail(row.getString("email")))
        .put("passwordSet", row.getBoolean("password_set"))
        .put("disabled", row.getBoolean("disabled"))
        .put("createdAt", schedule.time(row.getOffsetDateTime("created_at")));
  }
}

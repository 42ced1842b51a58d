package id.go.bkn.epupns.complaint;

import id.go.bkn.epupns.auth.AuthGuard;
import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.captcha.CaptchaVerifier;
import id.go.bkn.epupns.core.database.Like;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.ClientIp;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.core.http.FieldErrors;
import id.go.bkn.epupns.core.http.Paging;
import id.go.bkn.epupns.core.http.JsonBodies;
import id.go.bkn.epupns.ratelimit.RateLimiter;
import id.go.bkn.epupns.ratelimit.RateLimiter.Subject;
import id.go.bkn.epupns.sapk.Nik;
import id.go.bkn.epupns.sapk.Nip;
import id.go.bkn.epupns.schedule.CampaignSchedule;
import id.go.bkn.epupns.sapk.RequestedAgency;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Pengaduan (SPEC 4.1 step 5): a PNS whose NIP is not in SAPK tells the agency
 * (POST /api/complaints, behind captcha and rate limit); the agency's ADMIN_INSTANSI lists its own,
 * ADMIN_BKN lists all (GET /api/admin/complaints). GET /api/instansi?q= is the public agency
 * autocomplete of the complaint page.
 */
public final class ComplaintRoutes implements Feature {

  static final int NAMA_MAX = 100;
  static final int DESCRIPTION_MIN = 10;
  static final int DESCRIPTION_MAX = 2000;
  static final int SEARCH_LIMIT = 20;
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[A-Za-z0-9.-]{1,189}\\.[A-Za-z]{2,63}");
  /** Indonesian phone numbers: 0…, 62… or +62…, 9 to 15 digits in all. */
  private static final Pattern PHONE = Pattern.compile("(\\+62|62|0)[0-9]{8,13}");

  private static final String INSERT_BY_ID = """
      insert into complaint (nip, nama, nik, instansi_id, description, contact, client_ip)
      select $1, $2, $3, i.id, $5, $6, $7 from instansi i where i.id = $4
      returning id""";
  private static final String INSERT_BY_NAME = """
      insert into complaint (nip, nama, nik, instansi_id, description, contact, client_ip)
      select $1, $2, $3, i.id, $5, $6, $7 from instansi i where i.kode = $4 or lower(i.nama) = lower($4)
      order by i.id limit 1
      returning id""";
  private static final String COLUMNS = """
      select c.id, c.nip, c.nama, c.nik, c.instansi_id, i.nama as instansi, c.description, c.contact, c.created_at,
             c.status, c.assigned_to, a.nama as assignee_nama, c.handled_at, c.handled_note, h.nama as handled_by_nama,
             count(*) over () as total
        from complaint c join instansi i on i.id = c.instansi_id
        left join officer a on a.nip = c.assigned_to
        left join officer h on h.nip = c.handled_by""";
  private static final String LIST_OF_INSTANSI = COLUMNS + """

       where c.instansi_id = $1 and ($4::text is null or c.status = $4)
         and ($5::text is null or c.nip like $5 or c.nama ilike $6)
       order by c.created_at desc, c.id desc limit $2 offset $3""";
  private static final String LIST_ALL = COLUMNS + """

       where ($3::text is null or c.status = $3) and ($4::text is null or c.nip like $4 or c.nama ilike $5)
       order by c.created_at desc, c.id desc limit $1 offset $2""";
  // Name substring (trigram index) or exact agency code; names starting with the text first.
  private static final String SEARCH_INSTANSI = """
      select id, kode, nama from instansi
       where lower(nama) like $1 escape '\\' or kode = $3
       order by (lower(nama) like $2 escape '\\') desc, nama
       limit $4""";

  /** Whether SAPK knows the NIP: what the public lookup GET /api/pns/{nip} tells too, nothing about registration. */
  private static final String IN_SAPK = "select exists (select from pns where nip = $1)";

  private final Pool pool;
  private final AuthGuard guard;
  private final CaptchaVerifier captcha;
  private final RateLimiter limiter;
  private final ClientIp clientIp;
  private final CampaignSchedule schedule;

  public ComplaintRoutes(Pool pool, AuthGuard guard, CaptchaVerifier captcha, RateLimiter limiter, ClientIp clientIp,
                         CampaignSchedule schedule) {
    this.pool = pool;
    this.guard = guard;
    this.captcha = captcha;
    this.limiter = limiter;
    this.clientIp = clientIp;
    this.schedule = schedule;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/complaints").handler(this::create);
    router.get("/api/admin/complaints").handler(guard.admins()).handler(this::list);
    router.get("/api/instansi").handler(this::searchInstansi);
    new ComplaintHandling(pool, guard).mount(router);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    FieldErrors errors = new FieldErrors();
    Nip.Result nip = Nip.parse(JsonBodies.text(body, "nip"));
    if (!nip.valid()) {
      errors.add("nip", nip.error());
    }
    String nama = JsonBodies.text(body, "nama");
    if (nama == null || nama.length() < 2 || nama.length() > NAMA_MAX) {
      errors.add("nama", "Nama lengkap wajib diisi (2 s.d. " + NAMA_MAX + " karakter).");
    }
    Nik.Result nik = Nik.parse(JsonBodies.text(body, "nik"));
    if (!nik.valid()) {
      errors.add("nik", nik.error());
    }
    Object instansiId = body.getValue("instansiId");
    String instansiText = JsonBodies.text(body, "instansi");
    Object instansiKey = null;
    boolean byId = false;
    if (instansiId instanceof Number n && n.longValue() > 0 && n.longValue() <= Integer.MAX_VALUE) {
      instansiKey = n.intValue();
      byId = true;
    } else if (instansiId instanceof String s && s.trim().matches("\\d{1,9}")) {
      instansiKey = Integer.parseInt(s.trim());
      byId = true;
    } else if (instansiText != null && instansiText.length() <= 200) {
      instansiKey = instansiText;
    } else {
      errors.add("instansiId", "Pilih instansi Anda dari daftar.");
    }
    String description = JsonBodies.text(body, "description");
    if (description == null || description.length() < DESCRIPTION_MIN || description.length() > DESCRIPTION_MAX) {
      errors.add("description", "Uraikan masalah Anda (" + DESCRIPTION_MIN + " s.d. " + DESCRIPTION_MAX + " karakter).");
    }
    String contact = contact(JsonBodies.text(body, "contact"));
    if (contact == null) {
      errors.add("contact", "Isi alamat email atau nomor HP yang dapat dihubungi (contoh: nama@contoh.go.id atau 08123456789).");
    }
    String captchaId = JsonBodies.text(body, CaptchaVerifier.ID_FIELD);
    String captchaAnswer = JsonBodies.text(body, CaptchaVerifier.ANSWER_FIELD);
    if (captchaId == null) {
      errors.add(CaptchaVerifier.ID_FIELD, "Captcha belum dimuat. Muat ulang gambar captcha.");
    }
    if (captchaAnswer == null) {
      errors.add(CaptchaVerifier.ANSWER_FIELD, "Ketik huruf/angka pada gambar captcha.");
    }
    errors.throwIfAny();

    String ip = clientIp.of(ctx);
    Map<Subject, String> subjects = new LinkedHashMap<>();
    subjects.put(Subject.IP, ip);
    subjects.put(Subject.NIP, nip.get().value());
    Tuple values = Tuple.of(nip.get().value(), nama, nik.get().value(), instansiKey, description, contact, ip);
    String insert = byId ? INSERT_BY_ID : INSERT_BY_NAME;
    limiter.check("complaint", subjects)
        .compose(v -> captcha.consume(captchaId, captchaAnswer))
        .compose(v -> pool.preparedQuery(IN_SAPK).execute(Tuple.of(nip.get().value())))
        .compose(found -> found.iterator().next().getBoolean(0)
            ? Future.failedFuture(nipInSapk(nip.get().value()))
            : pool.preparedQuery(insert).execute(values))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(ApiError.field("instansiId", "Instansi tidak dikenal. Pilih instansi Anda dari daftar."))
            : Future.succeededFuture(rows.iterator().next().getLong("id")))
        .onSuccess(id -> {
          ctx.response().setStatusCode(201).putHeader("Cache-Control", "no-store");
          ctx.json(new JsonObject().put("id", id).put("message",
              "Pengaduan Anda telah diterima dan diteruskan ke instansi Anda. Simpan nomor pengaduan ini: " + id + "."));
        })
        .onFailure(ctx::fail);
  }

  /**
   * A complaint is for a NIP SAPK does not know (SPEC 4.1 step 5); a NIP it knows registers, or recovers its number.
   * The same answer whether the NIP is registered or not (README "User enumeration").
   */
  static ApiError nipInSapk(String nip) {
    String message = "NIP " + nip + " tercatat di database kepegawaian (SAPK), jadi tidak perlu pengaduan. "
        + "Silakan mendaftar seperti biasa di halaman Pendaftaran; bila Anda sudah pernah mendaftar dan lupa nomor "
        + "registrasi, gunakan \"Lupa nomor registrasi\".";
    return new ApiError(409, "NIP_IN_SAPK", message, Map.of("nip", message))
        .with("registrationUrl", "/daftar.html").with("recoveryUrl", "/lupa-nomor.html");
  }

  /** An email address, or a phone number with spaces, dots and dashes removed; null when neither. */
  static String contact(String text) {
    if (text == null || text.length() > 254) {
      return null;
    }
    if (EMAIL.matcher(text).matches()) {
      return text;
    }
    String phone = text.replaceAll("[\\s.()-]", "");
    return PHONE.matcher(phone).matches() ? phone : null;
  }

  private void list(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    FieldErrors errors = new FieldErrors();
    Paging paging = Paging.from(ctx, errors);
    // ADMIN_BKN sees every agency's complaints, or one agency's when it names one.
    Integer instansi = RequestedAgency.listed(ctx, caller.scope(), "instansiId");
    ComplaintStatus status = null;
    String statusText = ctx.queryParams().get("status");
    if (statusText != null && !statusText.isBlank()) {
      status = ComplaintStatus.of(statusText.trim());
      if (status == null) {
        errors.add("status", "status harus OPEN, ASSIGNED atau HANDLED.");
      }
    }
    String q = ctx.queryParams().get("q");
    q = q == null || q.isBlank() ? null : q.trim();
    if (q != null && q.length() > NAMA_MAX) {
      errors.add("q", "Kata pencarian paling banyak " + NAMA_MAX + " karakter.");
    }
    errors.throwIfAny();
    String statusName = status == null ? null : status.name();
    String nipPrefix = q == null ? null : Like.prefix(q);
    String namePart = q == null ? null : Like.contains(q);
    Future<RowSet<Row>> rows = instansi == null
        ? pool.preparedQuery(LIST_ALL).execute(paging.limitOffset(Tuple.tuple()).addString(statusName)
            .addString(nipPrefix).addString(namePart))
        : pool.preparedQuery(LIST_OF_INSTANSI).execute(paging.limitOffset(Tuple.of(instansi)).addString(statusName)
            .addString(nipPrefix).addString(namePart));
    rows.onSuccess(result -> {
      JsonArray items = new JsonArray();
      long total = 0;
      for (Row row : result) {
        total = row.getLong("total");
        items.add(new JsonObject()
            .put("id", row.getLong("id"))
            .put("nip", row.getString("nip"))
            .put("nama", row.getString("nama"))
            .put("nik", row.getString("nik"))
            .put("instansiId", row.getInteger("instansi_id"))
            .put("instansi", row.getString("instansi"))
            .put("description", row.getString("description"))
            .put("contact", row.getString("contact"))
            .put("createdAt", schedule.time(row.getOffsetDateTime("created_at")))
            .put("status", row.getString("status"))
            .put("assignee", row.getString("assigned_to") == null ? null : new JsonObject()
                .put("nip", row.getString("assigned_to")).put("nama", row.getString("assignee_nama")))
            .put("handledAt", schedule.time(row.getOffsetDateTime("handled_at")))
            .put("handledBy", row.getString("handled_by_nama"))
            .put("handledNote", row.getString("handled_note")));
      }
      ctx.response().putHeader("Cache-Control", "no-store");
      ctx.json(paging.envelope(items, total));
    }).onFailure(ctx::fail);
  }

  private void searchInstansi(RoutingContext ctx) {
    String q = ctx.queryParams().get("q");
    q = q == null ? "" : q.trim();
    if (q.length() < 2 || q.length() > 100) {
      throw ApiError.field("q", "Ketik 2 s.d. 100 huruf nama instansi.");
    }
    String lower = Like.escape(q.toLowerCase(Locale.ROOT));
    Tuple args = Tuple.of("%" + lower + "%", lower + "%", q, SEARCH_LIMIT);
    limiter.check("autocomplete", Subject.IP, clientIp.of(ctx))
        .compose(v -> pool.preparedQuery(SEARCH_INSTANSI).execute(args))
        .onSuccess(rows -> {
          JsonArray items = new JsonArray();
          for (Row row : rows) {
            items.add(new JsonObject().put("id", row.getInteger("id")).put("kode", row.getString("kode"))
                .put("nama", row.getString("nama")));
          }
          ctx.response().putHeader("Cache-Control", "public, max-age=300");
          ctx.json(new JsonObject().put("items", items));
        })
        .onFailure(ctx::fail);
  }
}

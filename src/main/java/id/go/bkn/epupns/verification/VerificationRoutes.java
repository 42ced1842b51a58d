package id.go.bkn.epupns.verification;

import id.go.bkn.epupns.auth.AuthGuard;
import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.core.http.FieldErrors;
import id.go.bkn.epupns.core.http.JsonBodies;
import id.go.bkn.epupns.form.catalogue.Catalogue;
import id.go.bkn.epupns.sapk.Nip;
import id.go.bkn.epupns.sapk.Tier;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * The officers' verification API (SPEC 4.4, 5.1): GET /api/inbox, POST /api/inbox/next, GET /api/submissions/{id},
 * POST|DELETE /api/submissions/{id}/claim, POST /api/submissions/{id}/decisions,
 * POST /api/submissions/{id}/accept-all, GET /api/pns/{nip}/history, GET /api/admin/routing,
 * PUT /api/admin/routing/{section}/{field}.
 */
final class VerificationRoutes implements Feature {

  static final int MAX_REASON = 500;
  static final int MAX_DECISIONS = 500;

  private final AuthGuard guard;
  private final Catalogue catalogue;
  private final ZoneId zone;
  private final Inbox inbox;
  private final Claims claims;
  private final Decisions decisions;
  private final History history;
  private final RoutingAdmin routing;
  private final io.vertx.sqlclient.Pool pool;
  private final int pageSize;
  private final int maxPageSize;
  private final JsonArray reasons;

  VerificationRoutes(AuthGuard guard, Catalogue catalogue, ZoneId zone, io.vertx.sqlclient.Pool pool,
                     Inbox inbox, Claims claims, Decisions decisions, History history, RoutingAdmin routing, int pageSize,
                     int maxPageSize, JsonArray reasons) {
    this.guard = guard;
    this.catalogue = catalogue;
    this.zone = zone;
    this.pool = pool;
    this.inbox = inbox;
    this.claims = claims;
    this.decisions = decisions;
    this.history = history;
    this.routing = routing;
    this.pageSize = pageSize;
    this.maxPageSize = maxPageSize;
    this.reasons = reasons;
  }

  /**
   * The review page shows the PNS's scans inline: fetched with the session token and shown from blob:
   * URLs (an image, or a PDF in a frame), which the site-wide policy does not allow. Only this page gets
   * them; no route method, so it is no API operation.
   */
  static final String REVIEW_PAGE_CSP = "default-src 'self'; img-src 'self' data: blob:; frame-src blob:; "
      + "style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
      + "form-action 'self'";

  @Override
  public void mount(Router router) {
    router.route("/verifikasi/periksa.html").handler(ctx -> {
      ctx.response().headers().set("Content-Security-Policy", REVIEW_PAGE_CSP);
      ctx.next();
    });
    Handler<RoutingContext> verifiers = guard.require(Role.VERIFIER_SKPD, Role.VERIFIER_BKD, Role.VERIFIER_BKN);
    Handler<RoutingContext> officers = guard.require(Role.VERIFIER_SKPD, Role.VERIFIER_BKD, Role.VERIFIER_BKN,
        Role.ADMIN_INSTANSI, Role.ADMIN_BKN);
    router.get("/api/inbox").handler(verifiers).handler(this::inbox);
    router.post("/api/inbox/next").handler(verifiers).handler(this::next);
    router.get("/api/submissions/:id").handler(officers).handler(this::submission);
    router.post("/api/submissions/:id/claim").handler(verifiers).handler(this::claim);
    router.delete("/api/submissions/:id/claim").handler(officers).handler(this::release);
    router.post("/api/submissions/:id/decisions").handler(verifiers).handler(this::decide);
    router.post("/api/submissions/:id/accept-all").handler(verifiers).handler(this::acceptAll);
    router.get("/api/pns/:nip/history").handler(officers).handler(this::history);
    router.get("/api/admin/routing").handler(officers).handler(this::routes);
    router.put("/api/admin/routing/:section/:field").handler(guard.require(Role.ADMIN_BKN)).handler(this::reroute);
  }

  private void inbox(RoutingContext ctx) {
    FieldErrors errors = new FieldErrors();
    var params = ctx.queryParams();
    int size = pageSize;
    String sizeText = params.get("size");
    if (sizeText != null && !sizeText.isBlank()) {
      try {
        size = Integer.parseInt(sizeText.trim());
        if (size < 1 || size > maxPageSize) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        errors.add("size", "size harus bilangan bulat 1 s.d. " + maxPageSize + ".");
      }
    }
    Inbox.Cursor after = null;
    String afterText = params.get("after");
    if (afterText != null && !afterText.isBlank()) {
      try {
        after = Inbox.Cursor.decode(afterText.trim());
      } catch (RuntimeException e) {
        errors.add("after", "after harus nilai 'next' dari halaman sebelumnya.");
      }
    }
    String nip = blank(params.get("nip"));
    if (nip != null) {
      Nip.Result parsed = Nip.parse(nip);
      if (parsed.valid()) {
        nip = parsed.get().value();
      } else {
        errors.add("nip", parsed.error());
      }
    }
    String nama = blank(params.get("nama"));
    if (nama != null && (nama.length() < 2 || nama.length() > 100)) {
      errors.add("nama", "Ketik 2 s.d. 100 huruf dari nama PNS.");
    }
    Integer satker = null;
    String satkerText = blank(params.get("satuanKerjaId"));
    if (satkerText != null) {
      if (satkerText.matches("[1-9][0-9]{0,8}")) {
        satker = Integer.valueOf(satkerText);
      } else {
        errors.add("satuanKerjaId", "satuanKerjaId harus nomor satuan kerja.");
      }
    }
    OffsetDateTime from = date(params.get("from"), "from", errors, 0);
    OffsetDateTime until = date(params.get("to"), "to", errors, 1);
    String section = blank(params.get("section"));
    if (section != null && catalogue.section(section).isEmpty()) {
      errors.add("section", "Bagian '" + section + "' tidak ada di formulir.");
    }
    String claim = blank(params.get("claim"));
    if (claim != null && !claim.equals(Inbox.Filter.MINE) && !claim.equals(Inbox.Filter.UNCLAIMED)) {
      errors.add("claim", "claim harus 'mine' (sedang saya kerjakan) atau 'unclaimed' (belum dikerjakan siapa pun).");
    }
    errors.throwIfAny();
    // Counts come with the first page unless counts=false (a client that only wants the next item to work on).
    boolean counts = after == null ? !"false".equals(params.get("counts")) : "true".equals(params.get("counts"));
    inbox.page(Caller.of(ctx), new Inbox.Filter(nip, nama, satker, from, until, section, claim), after, size, counts)
        .onSuccess(body -> json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  private void next(RoutingContext ctx) {
    claims.next(Caller.of(ctx)).onSuccess(body -> json(ctx, 200, body)).onFailure(ctx::fail);
  }

  /** A yyyy-mm-dd date as the start of that day (plusDays 1: the end of it) in the schedule's time zone. */
  private OffsetDateTime date(String text, String name, FieldErrors errors, int plusDays) {
    String value = blank(text);
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value).plusDays(plusDays).atStartOfDay(zone).toOffsetDateTime();
    } catch (RuntimeException e) {
      errors.add(name, name + " harus tanggal (yyyy-mm-dd).");
      return null;
    }
  }

  private void submission(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    long id = id(ctx);
    SubmissionViews.view(pool, caller, id)
        .compose(view -> view == null ? Future.failedFuture(Decisions.notFound()) : Future.succeededFuture(view))
        .onSuccess(view -> json(ctx, 200, view.put("commonReasons", reasons)))
        .onFailure(ctx::fail);
  }

  private void claim(RoutingContext ctx) {
    claims.claim(Caller.of(ctx), id(ctx)).onSuccess(body -> json(ctx, 200, body)).onFailure(ctx::fail);
  }

  private void release(RoutingContext ctx) {
    claims.release(Caller.of(ctx), id(ctx)).onSuccess(body -> json(ctx, 200, body)).onFailure(ctx::fail);
  }

  private void decide(RoutingContext ctx) {
    long id = id(ctx);
    List<Decisions.Request> requests = DecisionRequests.parse(JsonBodies.object(ctx));
    // The window checked is the submission's agency's (Decisions, once the submission is read).
    decisions.decide(Caller.of(ctx), id, requests).onSuccess(result -> json(ctx, 200, result)).onFailure(ctx::fail);
  }

  private void acceptAll(RoutingContext ctx) {
    long id = id(ctx);
    decisions.decide(Caller.of(ctx), id, null).onSuccess(result -> json(ctx, 200, result)).onFailure(ctx::fail);
  }

  private void history(RoutingContext ctx) {
    Nip.Result nip = Nip.parse(ctx.pathParam("nip"));
    if (!nip.valid()) {
      throw ApiError.field("nip", nip.error());
    }
    history.of(Caller.of(ctx), nip.get().value())
        .compose(h -> h == null ? Future.failedFuture(ApiError.notFound("PNS tidak ditemukan di wilayah kerja Anda."))
            : Future.succeededFuture(h))
        .onSuccess(h -> json(ctx, 200, h))
        .onFailure(ctx::fail);
  }

  private void routes(RoutingContext ctx) {
    routing.list().onSuccess(body -> json(ctx, 200, body)).onFailure(ctx::fail);
  }

  private void reroute(RoutingContext ctx) {
    Object value = JsonBodies.object(ctx).getValue("finalAuthority");
    Tier tier = value instanceof String s ? Tier.parse(s).orElse(null) : null;
    if (tier == null) {
      throw ApiError.field("finalAuthority", "finalAuthority harus SKPD, BKD atau BKN.");
    }
    routing.change(Caller.of(ctx), ctx.pathParam("section"), ctx.pathParam("field"), tier)
        .onSuccess(body -> json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  private static long id(RoutingContext ctx) {
    String text = ctx.pathParam("id");
    if (text == null || !text.matches("[1-9][0-9]{0,17}")) {
      throw ApiError.field("id", "id harus nomor pengajuan.");
    }
    return Long.parseLong(text);
  }

  private static String blank(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(body.encode());
  }
}

package id.go.bkn.epupns.form.documents;

import id.go.bkn.epupns.auth.AuthGuard;
import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.ClientIp;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.core.http.LargeBody;
import id.go.bkn.epupns.core.http.TextInput;
import id.go.bkn.epupns.form.catalogue.Catalogue;
import id.go.bkn.epupns.ratelimit.RateLimiter;
import id.go.bkn.epupns.schedule.CampaignSchedule;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Supporting documents: POST /api/me/documents (multipart, field 'file', optional 'kind'),
 * GET /api/me/documents, GET /api/documents/{id} (the bytes, to whoever {@link DocumentAccess}
 * allows; anyone else gets 404), DELETE /api/me/documents/{id} (while the form is a draft and
 * the document supports no item).
 */
public final class DocumentRoutes implements Feature {

  /** Room for the multipart boundaries and part headers around the file itself. */
  static final int MULTIPART_OVERHEAD = 16 * 1024;

  private static final String INSERT = """
      insert into document (owner_nip, sha256, kind, size_bytes, content_type, name)
      values ($1, $2, $3, $4, $5, $6)
      on conflict (owner_nip, sha256) do update set kind = coalesce(excluded.kind, document.kind)
        where excluded.kind is null or excluded.kind is not distinct from document.kind
           or not (exists (select 1 from form_document_link l where l.document_id = document.id)
                   or exists (select 1 from submission_field_document s where s.document_id = document.id))
      returning id, sha256, kind, size_bytes, content_type, name, created_at""";
  /** The row the insert above left alone: the same bytes, linked, with another kind. */
  private static final String EXISTING = """
      select id, sha256, kind, size_bytes, content_type, name, created_at
        from document where owner_nip = $1 and sha256 = $2""";
  private static final String LIST = """
      select d.id, d.sha256, d.kind, d.size_bytes, d.content_type, d.name, d.created_at
        from document d where d.owner_nip = $1 order by d.id""";
  private static final String ONE = "select id, owner_nip, sha256, content_type, name from document where id = $1";
  private static final String FOR_DELETE = """
      select d.id,
             (select state from form f where f.nip = d.owner_nip) as state,
             exists (select 1 from form_document_link l where l.document_id = d.id)
               or exists (select 1 from submission_field_document s where s.document_id = d.id) as linked
        from document d where d.id = $1 and d.owner_nip = $2 for update""";
  private static final String DELETE = "delete from document where id = $1";

  private final AuthGuard guard;
  private final Pool pool;
  private final ContentStore content;
  private final Catalogue catalogue;
  private final DocumentAccess access;
  private final long maxBytes;
  private final CampaignSchedule schedule;
  private final RateLimiter limiter;
  private final ClientIp clientIp;
  private final UploadQuota quota;

  public DocumentRoutes(AuthGuard guard, Pool pool, ContentStore content, Catalogue catalogue, DocumentAccess access,
                        long maxBytes, CampaignSchedule schedule, RateLimiter limiter, ClientIp clientIp, UploadQuota quota) {
    this.schedule = schedule;
    this.limiter = limiter;
    this.clientIp = clientIp;
    this.quota = quota;
    this.guard = guard;
    this.pool = pool;
    this.content = content;
    this.catalogue = catalogue;
    this.access = access;
    this.maxBytes = maxBytes;
  }

  @Override
  public void mount(Router router) {
    BodyHandler uploads = BodyHandler.create(content.uploadsTmp().toString())
        .setBodyLimit(maxBytes + MULTIPART_OVERHEAD)
        .setHandleFileUploads(true)
        .setDeleteUploadedFilesOnEnd(true)
        .setMergeFormAttributes(true);
    // Nothing of the body is read (no temporary file is written) before the caller is known and within its
    // limits: the size and type check, the request paused, the caller, the rate limit per account and IP
    // (rateLimit.documents), only then the body, its text fields checked, and the file. After a refusal before
    // the body, the body is thrown away unread or the connection closed (UnreadBodies).
    router.post("/api/me/documents").handler(this::precheck);
    router.post("/api/me/documents").handler(guard.require(Role.PNS)).handler(this::limit);
    router.post("/api/me/documents").handler(uploads);
    router.post("/api/me/documents").handler(ctx -> {
      TextInput.requireMultipart(ctx);
      ctx.next();
    }).handler(this::upload);
    router.get("/api/me/documents").handler(guard.require(Role.PNS)).handler(this::list);
    router.delete("/api/me/documents/:id").handler(guard.require(Role.PNS)).handler(this::delete);
    router.get("/api/documents/:id").handler(guard.require(Role.PNS, Role.VERIFIER_SKPD, Role.VERIFIER_BKD,
        Role.VERIFIER_BKN, Role.ADMIN_INSTANSI, Role.ADMIN_BKN)).handler(this::download);
  }

  /** Refuses before reading the body: not multipart, or announced bigger than any allowed file. */
  private void precheck(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase().startsWith("multipart/form-data")) {
      throw new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "Kirim berkas sebagai multipart/form-data (isian 'file').");
    }
    String length = ctx.request().getHeader("Content-Length");
    if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxBytes + MULTIPART_OVERHEAD) {
      throw tooLarge();
    }
    // The body waits (TCP back-pressure) while the caller and the limits are checked; the body handler resumes it.
    ctx.request().pause();
    ctx.next();
  }

  private ApiError tooLarge() {
    return new ApiError(413, "PAYLOAD_TOO_LARGE", "Berkas terlalu besar: paling besar " + LargeBody.human(maxBytes)
        + ". Perkecil hasil pindaian (misalnya 150 dpi, hitam-putih) lalu coba lagi.")
        .with("maxBytes", maxBytes);
  }

  private void limit(RoutingContext ctx) {
    // The form-entry window of the PNS's agency (its staggered one, when it has one).
    schedule.requireOpen(CampaignSchedule.Window.FORM, Caller.of(ctx).scope().agencyId());
    Map<RateLimiter.Subject, String> subjects = new LinkedHashMap<>();
    subjects.put(RateLimiter.Subject.ACCOUNT, Caller.of(ctx).nip());
    subjects.put(RateLimiter.Subject.IP, clientIp.of(ctx));
    limiter.check("documents", subjects).onSuccess(v -> ctx.next()).onFailure(ctx::fail);
  }

  private void upload(RoutingContext ctx) {
    List<FileUpload> files = ctx.fileUploads().stream().filter(f -> "file".equals(f.name())).toList();
    if (files.size() != 1 || ctx.fileUploads().size() != 1) {
      throw ApiError.field("file", "Kirim tepat satu berkas pada isian 'file'.");
    }
    FileUpload file = files.get(0);
    if (file.size() > maxBytes) {
      throw tooLarge();
    }
    if (file.size() == 0) {
      throw ApiError.field("file", "Berkas kosong.");
    }
    String kind = ctx.request().getFormAttribute("kind");
    if (kind != null && kind.isBlank()) {
      kind = null;
    }
    if (kind != null && !catalogue.documentKinds().containsKey(kind)) {
      throw ApiError.field("kind", "Jenis dokumen tidak dikenal. Pilih salah satu dari daftar.");
    }
    String documentKind = kind;
    String name = cleanName(file.fileName());
    Caller caller = Caller.of(ctx);
    Path uploaded = Path.of(file.uploadedFileName());
    content.sniff(uploaded)
        .compose(type -> type.isPresent() ? Future.succeededFuture(type.get())
            : Future.failedFuture(new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "Hanya PDF, JPG atau PNG yang dapat diunggah.")))
        .compose(type -> quota.reserve(caller.nip(), file.size()).compose(reservation ->
            content.store(uploaded, type)
                .compose(stored -> record(caller.nip(), stored, documentKind, name, uploaded))
                .compose(row -> reservation.commit().map(row))
                .recover(e -> reservation.release().transform(released -> Future.<Row>failedFuture(e)))))
        .onSuccess(row -> ctx.response().setStatusCode(201)
            .putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store")
            .end(json(row).encode()))
        .onFailure(ctx::fail);
  }

  /**
   * The document row for the stored bytes. The same bytes again update the kind only while the document
   * supports no item: once linked (to a draft item or a submitted correction) its kind is fixed, or a draft
   * could swap an accepted kind for another after the check (409 DOCUMENT_KIND_FIXED).
   */
  private Future<Row> record(String nip, ContentStore.Stored stored, String kind, String name, Path uploaded) {
    return pool.preparedQuery(INSERT).execute(Tuple.of(nip, stored.sha256(), kind, (int) stored.size(),
            stored.contentType(), name))
        .compose(rows -> {
          if (rows.size() > 0) {
            return Future.succeededFuture(rows.iterator().next());
          }
          return pool.preparedQuery(EXISTING).execute(Tuple.of(nip, stored.sha256())).compose(existing -> {
            Row row = existing.iterator().next();
            return Future.failedFuture(ApiError.conflict("DOCUMENT_KIND_FIXED", "Berkas yang sama sudah diunggah sebagai "
                    + label(row.getString("kind")) + " dan sudah dilampirkan; jenisnya tidak dapat diubah lagi.")
                .with("document", json(row)));
          });
        })
        // The orphan sweep spares young objects; should it still have taken this one, the upload is at hand.
        .compose(row -> content.exists(stored.sha256()).compose(present -> present ? Future.succeededFuture(row)
            : content.store(uploaded, stored.contentType()).map(row)));
  }

  private String label(String kind) {
    var known = kind == null ? null : catalogue.documentKinds().get(kind);
    return known == null ? "dokumen tanpa jenis" : known.label();
  }

  private void list(RoutingContext ctx) {
    pool.preparedQuery(LIST).execute(Tuple.of(Caller.of(ctx).nip()))
        .onSuccess(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(json(r)));
          ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
              .end(new JsonObject().put("documents", out).encode());
        })
        .onFailure(ctx::fail);
  }

  private void download(RoutingContext ctx) {
    long id = id(ctx);
    Caller caller = Caller.of(ctx);
    pool.preparedQuery(ONE).execute(Tuple.of(id))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(notFound());
          }
          Row row = rows.iterator().next();
          return access.allows(caller, new DocumentAccess.Document(id, row.getString("owner_nip")))
              .compose(ok -> ok ? Future.succeededFuture(row) : Future.failedFuture(notFound()));
        })
        .onSuccess(row -> {
          String name = row.getString("name");
          ctx.response()
              .putHeader("Content-Type", row.getString("content_type"))
              .putHeader("Content-Disposition", "inline; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_")
                  + "\"; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
              .putHeader("Cache-Control", "private, no-store")
              .sendFile(content.pathOf(row.getString("sha256")).toString())
              .onFailure(e -> {
                if (!ctx.response().headWritten()) {
                  ctx.fail(e);
                }
              });
        })
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    long id = id(ctx);
    String nip = Caller.of(ctx).nip();
    pool.withTransaction(conn -> conn.preparedQuery(FOR_DELETE).execute(Tuple.of(id, nip)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(notFound());
      }
      Row row = rows.iterator().next();
      if ("SUBMITTED".equals(row.getString("state"))) {
        return Future.failedFuture(ApiError.conflict("FORM_LOCKED", "Formulir sudah dikirim; dokumen tidak dapat dihapus."));
      }
      if (row.getBoolean("linked")) {
        return Future.failedFuture(linked());
      }
      // Linked meanwhile by a save that the check above could not see yet (23503): still linked.
      return conn.preparedQuery(DELETE).execute(Tuple.of(id)).<Void>mapEmpty().recover(e ->
          Future.failedFuture(e instanceof io.vertx.pgclient.PgException pg && "23503".equals(pg.getSqlState())
              ? linked() : e));
    }))
        // The bytes stay: another row may share them (content-addressed); a sweep can collect orphans.
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private static ApiError linked() {
    return ApiError.conflict("DOCUMENT_LINKED",
        "Dokumen ini masih dilampirkan pada isian formulir. Lepaskan dulu dari isian tersebut, simpan, lalu hapus.");
  }

  private static long id(RoutingContext ctx) {
    String raw = ctx.pathParam("id");
    if (raw == null || !raw.matches("\\d{1,15}")) {
      throw notFound();
    }
    return Long.parseLong(raw);
  }

  private static ApiError notFound() {
    return ApiError.notFound("Dokumen tidak ditemukan.");
  }

  static JsonObject json(Row row) {
    return new JsonObject().put("id", row.getLong("id")).put("sha256", row.getString("sha256"))
        .put("kind", row.getString("kind")).put("size", row.getInteger("size_bytes"))
        .put("contentType", row.getString("content_type")).put("name", row.getString("name"))
        .put("createdAt", row.getOffsetDateTime("created_at").toString());
  }

  /**
   * The file's own name without any path, control or format characters (bidi overrides such as U+202E
   * would show "scan\u202Efdp.exe" as "scanexe.pdf") or excess length.
   */
  static String cleanName(String raw) {
    String name = raw == null ? "" : raw;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name = name.replaceAll("[\\p{Cc}\\p{Cf}]", "").strip();
    if (name.codePointCount(0, name.length()) > 120) {
      // The last 120 characters (the extension is at the end), never half of a surrogate pair.
      name = name.substring(name.offsetByCodePoints(name.length(), -120));
    }
    return name.isEmpty() ? "dokumen" : name;
  }

}

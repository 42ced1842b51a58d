package id.go.bkn.epupns.registration;

import id.go.bkn.epupns.core.blocking.BlockingWork;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.ClientIp;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.ratelimit.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import id.go.bkn.epupns.schedule.CampaignSchedule;

import java.time.Instant;
import java.time.ZoneId;

/**
 * The proof of registration: GET /api/proofs/{number}.pdf through a short-lived signed link, and
 * GET /api/proofs/verify?code= for the bureau to check a printed proof's QR code.
 */
final class ProofRoutes implements Feature {

  private final RegistrationStore store;
  private final ProofSigner signer;
  private final ProofPdf pdf;
  private final BlockingWork rendering;
  private final RateLimiter limiter;
  private final ClientIp clientIp;
  private final ZoneId zone;
  private final CampaignSchedule schedule;
  private final String baseUrl;

  ProofRoutes(RegistrationStore store, ProofSigner signer, BlockingWork rendering, RateLimiter limiter,
              ClientIp clientIp, CampaignSchedule schedule, String baseUrl) {
    this.store = store;
    this.signer = signer;
    this.rendering = rendering;
    this.limiter = limiter;
    this.clientIp = clientIp;
    this.schedule = schedule;
    this.zone = schedule.zone();
    this.pdf = new ProofPdf(schedule.zoneLabel());
    this.baseUrl = baseUrl;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/proofs/verify").handler(this::verify);
    router.get("/api/proofs/:file").handler(this::download);
  }

  /** The text of the QR code: the check page with the signed code, so any phone camera can open it. */
  String qrContent(String registrationNumber, String nip, java.time.LocalDate registered) {
    return baseUrl + "/cek-bukti.html?code=" + signer.code(registrationNumber, nip, registered);
  }

  private void download(RoutingContext ctx) {
    String file = ctx.pathParam("file");
    String number = file.endsWith(".pdf") ? RegistrationNumbers.canonical(file.substring(0, file.length() - 4)) : null;
    long expires;
    try {
      expires = Long.parseLong(ctx.queryParams().get("expires"));
    } catch (NumberFormatException e) {
      expires = -1;
    }
    String sig = ctx.queryParams().get("sig");
    if (number == null || expires < 0 || !signer.linkSignatureValid(number, expires, sig)) {
      throw new ApiError(403, "PROOF_LINK_INVALID", "Tautan tanda bukti tidak sah. Gunakan \"Lupa nomor registrasi\" "
          + "untuk mendapatkan tautan tanda bukti yang baru.").with("recoveryUrl", SapkGuidance.RECOVERY_PAGE);
    }
    if (Instant.now().getEpochSecond() > expires) {
      throw new ApiError(410, "PROOF_LINK_EXPIRED", "Tautan tanda bukti sudah kedaluwarsa. Gunakan \"Lupa nomor "
          + "registrasi\" untuk menampilkan nomor registrasi dan mengunduh tanda bukti lagi.")
          .with("recoveryUrl", SapkGuidance.RECOVERY_PAGE);
    }
    limiter.check("proof", RateLimiter.Subject.IP, clientIp.of(ctx))
        .compose(v -> store.proof(number))
        .compose(row -> {
          if (row == null || !RegistrationStore.ACTIVE_STATUSES.contains(row.status())) {
            return Future.failedFuture(ApiError.notFound("Pendaftaran dengan nomor ini tidak aktif lagi "
                + "(ditolak atau direset). Periksa status pendaftaran Anda."));
          }
          var registeredAt = row.createdAt().atZoneSameInstant(zone);
          ProofPdf.Proof proof = new ProofPdf.Proof(row.registrationNumber(), row.nip(), row.nama(), row.instansi(),
              row.satuanKerja(), registeredAt, RegistrationStatus.of(row.status()), qrContent(row.registrationNumber(), row.nip(), registeredAt.toLocalDate()));
          return rendering.run(() -> pdf.render(proof));
        })
        .onSuccess(bytes -> ctx.response()
            .putHeader("Content-Type", "application/pdf")
            .putHeader("Content-Disposition", "attachment; filename=\"tanda-bukti-" + number + ".pdf\"")
            .putHeader("Cache-Control", "private, no-store")
            .end(Buffer.buffer(bytes)))
        .onFailure(ctx::fail);
  }

  private void verify(RoutingContext ctx) {
    String code = ctx.queryParams().get("code");
    code = code == null ? null : code.trim();
    ProofSigner.Decoded decoded = signer.decode(code);
    if (decoded == null) {
      throw ApiError.field("code", "Kode tanda bukti tidak dikenali. Pindai kode QR pada tanda bukti, atau salin kode "
          + "pemeriksaan yang tercetak di bawahnya.");
    }
    limiter.check("proof", RateLimiter.Subject.IP, clientIp.of(ctx))
        .compose(v -> decoded.genuine() ? store.proof(decoded.registrationNumber()) : Future.succeededFuture(null))
        .onSuccess(row -> {
          ctx.response().putHeader("Cache-Control", "no-store");
          if (!decoded.genuine()) {
            ctx.json(invalid("Tanda tangan kode tidak sah: tanda bukti ini bukan terbitan e-PUPNS atau isinya telah diubah."));
            return;
          }
          if (row == null || !row.nip().equals(decoded.nip())
              || !row.createdAt().atZoneSameInstant(zone).toLocalDate().equals(decoded.registered())) {
            ctx.json(invalid("Tidak ada pendaftaran yang cocok dengan tanda bukti ini."));
            return;
          }
          boolean active = RegistrationStore.ACTIVE_STATUSES.contains(row.status());
          JsonObject out = new JsonObject()
              .put("valid", active)
              .put("registrationNumber", row.registrationNumber())
              .put("nip", row.nip())
              .put("nama", row.nama())
              .put("instansi", row.instansi())
              .put("satuanKerja", row.satuanKerja())
              .put("registeredAt", schedule.time(row.createdAt()))
              .put("status", row.status());
          if (!active) {
            out.put("reason", "Tanda bukti ini asli, tetapi pendaftarannya sudah "
                + ("REJECTED".equals(row.status()) ? "ditolak." : "direset.") + " PNS harus mendaftar ulang.");
          }
          ctx.json(out);
        })
        .onFailure(ctx::fail);
  }

  private static JsonObject invalid(String reason) {
    return new JsonObject().put("valid", false).put("reason", reason);
  }
}

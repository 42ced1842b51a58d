package id.go.bkn.epupns.monitoring;

import id.go.bkn.epupns.auth.AuthGuard;
import id.go.bkn.epupns.auth.Caller;
import id.go.bkn.epupns.core.blocking.BlockingWork;
import id.go.bkn.epupns.core.http.ApiError;
import id.go.bkn.epupns.core.http.Feature;
import id.go.bkn.epupns.registration.RegistrationStatus;
import id.go.bkn.epupns.sapk.Scope;
import id.go.bkn.epupns.schedule.CampaignSchedule;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The agency's lists (SPEC 4.5), streamed from a cursor so that 100,000+ PNS keep memory flat and the
 * first bytes leave at once: GET /api/admin/nominatif?instansi=&format=csv|pdf (every PNS of the agency
 * with its SAPK data as verified, its registration and its verification) and GET /api/admin/nonpeserta
 * (PNS not registered / not submitted / not verified, per work unit) as CSV. The PDF is rendered on a
 * worker, batch by batch while the cursor waits, into a temporary file that is then sent and deleted.
 * The pages download through GET .../link: the same checks, then a one-use link (AuthGuard.downloadLink) that
 * the browser saves to disk as it streams, instead of holding the whole list in memory.
 */
final class ListRoutes implements Feature {

  /** Who has not taken part, and how far they got. */
  enum Participation {
    NOT_REGISTERED("Belum mendaftar"),
    NOT_SUBMITTED("Belum mengirim formulir"),
    NOT_VERIFIED("Belum selesai diverifikasi"),
    COMPLETED("Selesai diverifikasi");

    final String label;

    Participation(String label) {
      this.label = label;
    }
  }

  private static final String AGENCY = "select id, kode, nama from instansi where id = $1";
  /** The rows the list will have (its own predicate, an index count): a PDF too large is refused before any row. */
  private static final String PNS_COUNT = "select count(*) from pns where instansi_kerja_id = $1";
  private static final String WORK_UNIT = "select id from satuan_kerja where id = $1 and instansi_id = $2";
  private static final String STAND = """
      case when r.nip is null then 'NOT_REGISTERED' when s.id is null then 'NOT_SUBMITTED'
           when s.status = 'COMPLETED' then 'COMPLETED' else 'NOT_VERIFIED' end\s""";
  private static final String NOMINATIF = """
      select p.nip, p.nip_lama, p.nama, p.gelar_depan, p.gelar_belakang, p.tempat_lahir, p.tanggal_lahir, p.jenis_kelamin,
             p.golongan, p.tmt_golongan, p.pendidikan_tingkat, p.pendidikan_nama, p.jenis_jabatan,
             coalesce(p.jabatan_struktural, p.jabatan_fungsional_tertentu, p.jabatan_fungsional_umum) as jabatan,
             p.status_pegawai, p.kedudukan, sk.nama as satuan_kerja, r.status as registration, s.completed_at,
      """ + STAND + """
       as stand,
             (select count(*) from submission_field f where f.submission_id = s.id and f.status = 'APPLIED') as applied,
             (select count(*) from submission_field f where f.submission_id = s.id and f.status = 'TMS') as refused
        from pns p
        join satuan_kerja sk on sk.id = p.satuan_kerja_id
        left join registration r on r.nip = p.nip and r.status in ('PENDING_APPROVAL', 'APPROVED')
        left join submission s on s.nip = p.nip
       where p.instansi_kerja_id = $1
       order by sk.nama, p.satuan_kerja_id, p.nama, p.nip""";
  private static final String NON_PARTICIPANTS = """
      select * from (
        select p.nip, p.nama, sk.nama as satuan_kerja, r.status as registration, r.created_at as registered_at,
               s.submitted_at, sk.nama as sort_unit, p.satuan_kerja_id,
      """ + STAND + """
       as stand
          from pns p
          join satuan_kerja sk on sk.id = p.satuan_kerja_id
          left join registration r on r.nip = p.nip and r.status in ('PENDING_APPROVAL', 'APPROVED')
          left join submission s on s.nip = p.nip
         where p.instansi_kerja_id = $1 and ($2::int is null or p.satuan_kerja_id = $2)) x
       where stand = any($3::text[])
       order by sort_unit, satuan_kerja_id, nama, nip""";

  static final String[] NOMINATIF_HEADER = {"No", "NIP", "NIP lama", "Nama", "Tempat lahir", "Tanggal lahir",
      "Jenis kelamin", "Golongan", "TMT golongan", "Pendidikan", "Jenis jabatan", "Jabatan", "Status pegawai",
      "Kedudukan", "Satuan kerja", "Pendaftaran", "PUPNS", "Perbaikan diterima", "Perbaikan ditolak", "Selesai diverifikasi"};
  private static final String[] NON_PARTICIPANT_HEADER = {"No", "NIP", "Nama", "Satuan kerja", "Keadaan",
      "Mendaftar pada", "Mengirim formulir pada"};

  private final Pool pool;
  private final Pool streams;
  private final AuthGuard guard;
  private final CampaignSchedule schedule;
  private final BlockingWork pdfWork;
  private final int fetchRows;
  private final int pdfMaxRows;

  ListRoutes(Pool pool, Pool streams, AuthGuard guard, CampaignSchedule schedule, BlockingWork pdfWork, int fetchRows,
             int pdfMaxRows) {
    this.pool = pool;
    this.streams = streams;
    this.guard = guard;
    this.schedule = schedule;
    this.pdfWork = pdfWork;
    this.fetchRows = fetchRows;
    this.pdfMaxRows = pdfMaxRows;
  }

  private static final String NOMINATIF_PATH = "/api/admin/nominatif";
  private static final String NON_PARTICIPANTS_PATH = "/api/admin/nonpeserta";

  @Override
  public void mount(Router router) {
    router.get(NOMINATIF_PATH).handler(guard.adminsOrLink()).handler(this::nominatif);
    router.get(NON_PARTICIPANTS_PATH).handler(guard.adminsOrLink()).handler(this::nonParticipants);
    // The pages' downloads: the same checks as the list (scope, parameters, a PDF too large), answered on the page,
    // then a one-use link the browser saves as it streams (AuthGuard.downloadLink).
    router.get(NOMINATIF_PATH + "/link").handler(guard.admins())
        .handler(ctx -> nominatifRequest(ctx).onSuccess(r -> link(ctx, NOMINATIF_PATH)).onFailure(ctx::fail));
    router.get(NON_PARTICIPANTS_PATH + "/link").handler(guard.admins())
        .handler(ctx -> nonParticipantRequest(ctx).onSuccess(r -> link(ctx, NON_PARTICIPANTS_PATH)).onFailure(ctx::fail));
  }

  private void link(RoutingContext ctx, String path) {
    String query = ctx.request().query();
    guard.downloadLink(ctx, path + (query == null || query.isEmpty() ? "" : "?" + query))
        .onSuccess(url -> ctx.response().putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store").end(new io.vertx.core.json.JsonObject().put("url", url).encode()))
        .onFailure(ctx::fail);
  }

  private record Agency(int id, String kode, String nama) {
  }

  private Future<Agency> agency(Scope scope) {
    return pool.preparedQuery(AGENCY).execute(Tuple.of(scope.id())).map(rows -> {
      if (rows.size() == 0) {
        throw ApiError.notFound("Instansi tidak ditemukan.");
      }
      Row row = rows.iterator().next();
      return new Agency(row.getInteger("id"), row.getString("kode"), row.getString("nama"));
    });
  }

  /** A nominative list asked for: the agency (in the caller's scope) and the format, a PDF within pdfMaxRows. */
  private record NominatifRequest(Agency agency, boolean pdf) {
  }

  private Future<NominatifRequest> nominatifRequest(RoutingContext ctx) {
    Scope scope;
    String format;
    try {
      scope = AgencyScope.required(ctx, Caller.of(ctx), "instansi");
      format = ctx.queryParams().get("format");
      format = format == null || format.isBlank() ? "csv" : format.trim().toLowerCase(Locale.ROOT);
      if (!format.equals("csv") && !format.equals("pdf")) {
        throw ApiError.field("format", "format harus csv atau pdf.");
      }
    } catch (ApiError e) {
      return Future.failedFuture(e);
    }
    boolean pdf = format.equals("pdf");
    return agency(scope).compose(agency -> !pdf ? Future.succeededFuture(new NominatifRequest(agency, false))
        : pool.preparedQuery(PNS_COUNT).execute(Tuple.of(agency.id())).map(count -> {
          if (count.iterator().next().getLong(0) > pdfMaxRows) {
            throw tooLarge();
          }
          return new NominatifRequest(agency, true);
        }));
  }

  private void nominatif(RoutingContext ctx) {
    nominatifRequest(ctx).onSuccess(request -> {
      Agency agency = request.agency();
      if (request.pdf()) {
        nominatifPdf(ctx, agency);
        return;
      }
      HttpServerResponse response = start(ctx, "text/csv; charset=utf-8", "nominatif-" + agency.kode() + ".csv");
      StringBuilder head = new StringBuilder(Csv.BOM);
      Csv.line(head, (Object[]) NOMINATIF_HEADER);
      long[] number = {0};
      RowStreaming.toResponse(streams, fetchRows, NOMINATIF, Tuple.of(agency.id()), response, head.toString(), ctx::fail, row -> {
        StringBuilder line = new StringBuilder(256);
        Csv.line(line, (Object[]) nominatifCells(++number[0], row));
        return line.toString();
      });
    }).onFailure(ctx::fail);
  }

  /** One PNS of the nominative list, as the CSV and the PDF show it. */
  String[] nominatifCells(long number, Row row) {
    Participation stand = Participation.valueOf(row.getString("stand"));
    String registration = row.getString("registration");
    return new String[] {
        Long.toString(number), row.getString("nip"), trim(row.getString("nip_lama")), fullName(row),
        row.getString("tempat_lahir"), date(row.getLocalDate("tanggal_lahir")),
        "P".equals(row.getString("jenis_kelamin")) ? "Perempuan" : "Laki-laki",
        row.getString("golongan"), date(row.getLocalDate("tmt_golongan")),
        join(row.getString("pendidikan_tingkat"), row.getString("pendidikan_nama")),
        row.getString("jenis_jabatan"), row.getString("jabatan"), row.getString("status_pegawai"),
        row.getString("kedudukan"), row.getString("satuan_kerja"),
        registration == null ? "Belum mendaftar" : RegistrationStatus.APPROVED.name().equals(registration) ? "Disetujui" : "Menunggu persetujuan",
        stand.label, Long.toString(row.getLong("applied")), Long.toString(row.getLong("refused")),
        time(row.getOffsetDateTime("completed_at"))};
  }

  private void nominatifPdf(RoutingContext ctx, Agency agency) {
    HttpServerResponse response = ctx.response();
    NominatifPdf[] document = {null};
    List<String[]> batch = new ArrayList<>();
    long[] number = {0};
    Future<Void> busy[] = new Future[] {Future.succeededFuture()};
    Future<NominatifPdf> opened = pdfWork.run(() -> new NominatifPdf(agency.nama(), schedule.time(OffsetDateTime.now()),
        NOMINATIF_HEADER));
    opened.compose(pdf -> {
      document[0] = pdf;
      Future<Void> stopped = Future.future(p -> response.closeHandler(v -> p.tryComplete()));
      return RowStreaming.rows(streams, fetchRows, NOMINATIF, Tuple.of(agency.id()), stopped, (row, flow) -> {
        if (++number[0] > pdfMaxRows) {
          // Counted before: only when PNS were added to the agency since.
          throw tooLarge();
        }
        batch.add(nominatifCells(number[0], row));
        if (batch.size() >= fetchRows) {
          List<String[]> rows = new ArrayList<>(batch);
          batch.clear();
          flow.pause();
          busy[0] = busy[0].compose(v -> pdfWork.run(() -> {
            pdf.add(rows);
            return null;
          }));
          busy[0].onSuccess(v -> flow.resume());
        }
      }).compose(v -> busy[0]).compose(v -> pdfWork.run(() -> {
        pdf.add(batch);
        return pdf.finish();
      }));
    }).onSuccess(file -> {
      response.putHeader("Content-Type", "application/pdf")
          .putHeader("Content-Disposition", "attachment; filename=\"nominatif-" + agency.kode() + ".pdf\"")
          .putHeader("Cache-Control", "no-store");
      response.sendFile(file.toString()).onComplete(sent -> pdfWork.run(() -> {
        java.nio.file.Files.deleteIfExists(file);
        return null;
      }));
    }).onFailure(err -> {
      if (document[0] != null) {
        pdfWork.run(() -> {
          document[0].discard();
          return null;
        });
      }
      ctx.fail(err);
    });
  }

  private ApiError tooLarge() {
    return ApiError.conflict("LIST_TOO_LARGE", "Daftar ini lebih dari " + pdfMaxRows + " PNS: unduh sebagai CSV.");
  }

  /** A non-participant list asked for: the agency (in the caller's scope), a work unit of it or none, the states. */
  private record NonParticipantRequest(Agency agency, Integer unit, String[] stands) {
  }

  private Future<NonParticipantRequest> nonParticipantRequest(RoutingContext ctx) {
    Scope scope;
    Integer unit;
    Set<Participation> wanted = EnumSet.of(Participation.NOT_REGISTERED, Participation.NOT_SUBMITTED,
        Participation.NOT_VERIFIED);
    try {
      scope = AgencyScope.required(ctx, Caller.of(ctx), "instansi");
      unit = AgencyScope.workUnit(ctx, "satuanKerjaId");
      String status = ctx.queryParams().get("status");
      if (status != null && !status.isBlank()) {
        wanted = EnumSet.noneOf(Participation.class);
        for (String part : status.split(",")) {
          Participation p = switch (part.trim().toUpperCase(Locale.ROOT)) {
            case "NOT_REGISTERED" -> Participation.NOT_REGISTERED;
            case "NOT_SUBMITTED" -> Participation.NOT_SUBMITTED;
            case "NOT_VERIFIED" -> Participation.NOT_VERIFIED;
            default -> throw ApiError.field("status", "status: NOT_REGISTERED, NOT_SUBMITTED dan/atau NOT_VERIFIED (dipisah koma).");
          };
          wanted.add(p);
        }
      }
    } catch (ApiError e) {
      return Future.failedFuture(e);
    }
    String[] stands = wanted.stream().map(Enum::name).toArray(String[]::new);
    Future<Void> unitChecked = unit == null ? Future.succeededFuture()
        : pool.preparedQuery(WORK_UNIT).execute(Tuple.of(unit, scope.id())).map(rows -> {
          if (rows.size() == 0) {
            throw ApiError.field("satuanKerjaId", "Satuan kerja ini bukan bagian dari instansi yang dipilih.");
          }
          return null;
        });
    return unitChecked.compose(v -> agency(scope)).map(agency -> new NonParticipantRequest(agency, unit, stands));
  }

  private void nonParticipants(RoutingContext ctx) {
    nonParticipantRequest(ctx).onSuccess(request -> {
      Agency agency = request.agency();
      HttpServerResponse response = start(ctx, "text/csv; charset=utf-8", "belum-ikut-" + agency.kode() + ".csv");
      StringBuilder head = new StringBuilder(Csv.BOM);
      Csv.line(head, (Object[]) NON_PARTICIPANT_HEADER);
      long[] number = {0};
      RowStreaming.toResponse(streams, fetchRows, NON_PARTICIPANTS, Tuple.of(agency.id(), request.unit(), request.stands()),
          response, head.toString(), ctx::fail, row -> {
            StringBuilder line = new StringBuilder(160);
            Csv.line(line, ++number[0], row.getString("nip"), row.getString("nama"), row.getString("satuan_kerja"),
                Participation.valueOf(row.getString("stand")).label, time(row.getOffsetDateTime("registered_at")),
                time(row.getOffsetDateTime("submitted_at")));
            return line.toString();
          });
    }).onFailure(ctx::fail);
  }

  private static HttpServerResponse start(RoutingContext ctx, String type, String file) {
    HttpServerResponse response = ctx.response();
    response.setChunked(true)
        .putHeader("Content-Type", type)
        .putHeader("Content-Disposition", "attachment; filename=\"" + file + "\"")
        .putHeader("Cache-Control", "no-store");
    return response;
  }

  private static String fullName(Row row) {
    String name = row.getString("nama");
    String front = row.getString("gelar_depan");
    String back = row.getString("gelar_belakang");
    return (front == null || front.isBlank() ? "" : front + " ") + name + (back == null || back.isBlank() ? "" : ", " + back);
  }

  private static String join(String a, String b) {
    return Arrays.stream(new String[] {a, b}).filter(s -> s != null && !s.isBlank()).reduce((x, y) -> x + " " + y).orElse("");
  }

  private static String trim(String s) {
    return s == null ? null : s.trim();
  }

  private static String date(LocalDate d) {
    return d == null ? "" : d.toString();
  }

  private String time(OffsetDateTime at) {
    return at == null ? "" : schedule.time(at);
  }
}

package id.go.bkn.epupns.monitoring;

import id.go.bkn.epupns.auth.Role;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import id.go.bkn.epupns.verification.VerificationTesting;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The nominative list and the non-participants, streamed: 100,000 PNS of one agency arrive as CSV with the
 * heap flat (measured after a forced collection every few megabytes, printed as a benchmark line), cells
 * that a spreadsheet would run as formulas arrive as text, the PDF is rendered on the pdf workers, and
 * the non-participants list says who has not registered, submitted or been verified.
 */
class NominatifStreamingTest {

  static final int ROWS = 100_000;
  /** Kota Bandung (100,000) is over it, the BKN agency (a few) under. */
  static final int PDF_MAX_ROWS = 1000;
  static TestService service;
  static VerificationTesting t;
  static String adminBandung;
  static String adminBkn;
  static String adminBknAgency;
  static SapkFixture.Person registered;
  static SapkFixture.Person submitted;
  static SapkFixture.Person absent;

  @BeforeAll
  static void start() {
    Map<String, String> settings = new java.util.HashMap<>(Campaign.SETTINGS);
    settings.put("EPUPNS_MONITORING_PDF_MAX_ROWS", Integer.toString(PDF_MAX_ROWS));
    service = TestService.start(NominatifStreamingTest.class, settings, false);
    t = new VerificationTesting(service);
    adminBandung = t.officerToken(t.sapk.officer(Role.ADMIN_INSTANSI, SapkFixture.SATKER_DISDIK_BANDUNG));
    adminBknAgency = t.officerToken(t.sapk.officer(Role.ADMIN_INSTANSI, SapkFixture.SATKER_BKN));
    adminBkn = t.officerToken(t.sapk.officer(Role.ADMIN_BKN, SapkFixture.SATKER_BKN));
    // Kota Bandung: 100,000 PNS in two work units, plus names a spreadsheet would take for formulas.
    service.sql("""
        insert into pns (nip, nama, tempat_lahir, tanggal_lahir, agama, jenis_kelamin, tmt_cpns, tmt_pns, golongan,
          tmt_golongan, pendidikan_tingkat, pendidikan_nama, jenis_pegawai, status_pegawai, instansi_induk_id,
          instansi_kerja_id, satuan_kerja_id, lokasi_kerja, jenis_jabatan, jabatan_fungsional_umum)
        select '19' || lpad(g::text, 16, '0'), 'Pegawai Uji ' || g, 'Bandung', date '1980-01-01' + (g % 3000), 'Islam',
               case when g % 2 = 0 then 'L' else 'P' end, date '2005-03-01', date '2006-03-01', 'III/b', date '2012-04-01',
               'S1', 'Manajemen', 'PNS Daerah', 'PNS', 2, 2, case when g % 3 = 0 then 21 else 20 end, 'Bandung',
               'FUNGSIONAL_UMUM', 'Pengadministrasi Umum'
          from generate_series(1, $1) g""", ROWS - 6);
    String[] formulas = {"=HYPERLINK(\"http://contoh.invalid\",\"klik\")", "+62 812", "-2+3", "@SUM(A1:A2)", "\tTab", "\rCR"};
    for (int i = 0; i < formulas.length; i++) {
      service.sql("""
          insert into pns (nip, nama, tempat_lahir, tanggal_lahir, agama, jenis_kelamin, tmt_cpns, tmt_pns, golongan,
            tmt_golongan, pendidikan_tingkat, jenis_pegawai, status_pegawai, instansi_induk_id, instansi_kerja_id,
            satuan_kerja_id, lokasi_kerja, jenis_jabatan)
          values ($1, $2, 'Bandung', date '1980-01-01', 'Islam', 'L', date '2005-03-01', date '2006-03-01', 'III/b',
            date '2012-04-01', 'S1', 'PNS Daerah', 'PNS', 2, 2, 20, 'Bandung', 'FUNGSIONAL_UMUM')""",
          "18" + String.format("%016d", i), formulas[i]);
    }
    // BKN agency: one registered, one submitted, one absent (plus the officers, not registered).
    registered = t.sapk.pns(SapkFixture.SATKER_BKN, false);
    submitted = t.sapk.pns(SapkFixture.SATKER_BKN, true);
    absent = t.sapk.pns(SapkFixture.SATKER_BKN, false);
    t.pnsToken(registered.nip());
    t.submit(t.pnsToken(submitted.nip()), new JsonObject().put("utama", new JsonObject()
        .put("alamat", VerificationTesting.wrong("=cmd|' /C calc'!A0"))));
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 2; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  @Test
  void hundredThousandRowsStreamWithFlatMemory() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/admin/nominatif?instansi="
        + SapkFixture.INSTANSI_BANDUNG + "&format=csv")).header("Authorization", "Bearer " + adminBandung).build();
    long baseline = heapAfterGc();
    long started = System.nanoTime();
    java.net.http.HttpResponse<InputStream> response = client.send(request, BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    assertEquals("text/csv; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
    assertTrue(response.headers().firstValue("Content-Disposition").orElse("").contains("nominatif-3273.csv"));
    long firstByte = 0;
    long firstRow = 0;
    String firstRead = null;
    long bytes = 0;
    long lines = 0;
    long maxDuring = 0;
    List<Long> samples = new ArrayList<>();
    long nextSample = 2L << 20;
    byte[] buffer = new byte[8192];
    try (InputStream in = response.body()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (firstByte == 0) {
          firstByte = System.nanoTime() - started;
          firstRead = new String(buffer, 0, n, StandardCharsets.UTF_8);
        }
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
        if (firstRow == 0 && lines >= 2) {
          firstRow = System.nanoTime() - started;
        }
        bytes += n;
        if (bytes >= nextSample) {
          long used = heapAfterGc() - baseline;
          samples.add(used);
          maxDuring = Math.max(maxDuring, used);
          nextSample += 2L << 20;
        }
      }
    }
    long total = System.nanoTime() - started;
    long after = heapAfterGc() - baseline;
    long pns = service.sql("select count(*) from pns where instansi_kerja_id = 2").iterator().next().getLong(0);
    assertTrue(pns > ROWS, "100,000 and the agency's admin");
    assertEquals(pns + 1, lines, "a header and every PNS");
    System.out.printf("NOMINATIF-BENCH rows=%d bytes=%d firstByteMs=%d firstRowMs=%d totalMs=%d heapGrowthMaxDuringKiB=%d "
            + "heapGrowthAfterKiB=%d samplesKiB=%s%n", ROWS, bytes, firstByte / 1_000_000, firstRow / 1_000_000,
        total / 1_000_000, maxDuring / 1024, after / 1024, samples.stream().map(s -> s / 1024).toList());
    // The head leaves when the cursor opens, on its own, while PostgreSQL still sorts 100,000 rows for the first fetch.
    StringBuilder head = new StringBuilder(Csv.BOM);
    Csv.line(head, (Object[]) ListRoutes.NOMINATIF_HEADER);
    assertEquals(head.toString(), firstRead, "the first bytes are the head alone");
    // Flat: what stays on the heap while streaming is a fetch and the write queue, not the list.
    assertTrue(maxDuring < bytes / 4, "heap grew by " + maxDuring + " bytes while streaming " + bytes);
  }

  @Test
  void cellsThatLookLikeFormulasArriveAsText() throws Exception {
    String csv = csv("/api/admin/nominatif?instansi=" + SapkFixture.INSTANSI_BANDUNG, adminBandung);
    assertTrue(csv.startsWith(Csv.BOM + "No,NIP,NIP lama,Nama,"), csv.substring(0, 80));
    assertTrue(csv.contains(",\"'=HYPERLINK(\"\"http://contoh.invalid\"\",\"\"klik\"\")\","), "quoted, with a leading quote");
    assertTrue(csv.contains(",'+62 812,"));
    assertTrue(csv.contains(",'-2+3,"));
    assertTrue(csv.contains(",'@SUM(A1:A2),"));
    assertTrue(csv.contains(",'\tTab,"));
    assertTrue(csv.contains(",\"'\rCR\","));
    for (String line : csv.split("\r\n")) {
      for (String cell : line.split(",")) {
        assertTrue(cell.isEmpty() || "=+-@\t\r".indexOf(cell.charAt(0)) < 0, "no cell starts a formula: " + line);
      }
    }
  }

  @Test
  void csvCellsTable() {
    String[][] cases = {
        {"=1+1", "'=1+1"}, {"+1", "'+1"}, {"-1", "'-1"}, {"@A1", "'@A1"}, {"\tx", "'\tx"}, {"\rx", "\"'\rx\""},
        {"a,b", "\"a,b\""}, {"say \"hi\"", "\"say \"\"hi\"\"\""}, {"a;b", "\"a;b\""}, {"line\nnext", "\"line\nnext\""},
        {"Budi", "Budi"}, {"", ""}, {"2015-09-01", "2015-09-01"}, {"=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"}};
    for (String[] c : cases) {
      assertEquals(c[1], Csv.cell(c[0]), c[0]);
    }
    assertEquals("", Csv.cell(null));
  }

  @Test
  void pdfIsRenderedOnThePdfWorkers() {
    HttpResponse<Buffer> response = service.get("/api/admin/nominatif?instansi=" + SapkFixture.INSTANSI_BKN + "&format=pdf",
        adminBknAgency);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("application/pdf", response.getHeader("Content-Type"));
    assertTrue(response.bodyAsString(StandardCharsets.ISO_8859_1.name()).startsWith("%PDF-"));
    assertTrue(service.metrics().lines().anyMatch(l -> l.startsWith("epupns_blocking_work_seconds_count{job=\"nominatif-pdf\"")
        && !l.endsWith(" 0.0")), "rendered by the nominatif-pdf pool");
  }

  /** Runs of the nominatif-pdf pool so far (the metric's count). */
  private static double pdfJobs() {
    return service.metrics().lines()
        .filter(l -> l.startsWith("epupns_blocking_work_seconds_count{") && l.contains("job=\"nominatif-pdf\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  @Test
  void aPdfOverTheLimitIsRefusedBeforeAnyRendering() {
    double before = pdfJobs();
    long started = System.nanoTime();
    HttpResponse<Buffer> response = service.get("/api/admin/nominatif?instansi=" + SapkFixture.INSTANSI_BANDUNG
        + "&format=pdf", adminBandung);
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertEquals(409, response.statusCode(), response.bodyAsString());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals("LIST_TOO_LARGE", body.getString("error"), body.encode());
    assertTrue(body.getString("message").contains(PDF_MAX_ROWS + " PNS") && body.getString("message").contains("CSV"),
        body.encode());
    assertEquals(before, pdfJobs(), "nothing was rendered, not even the document opened");
    System.out.printf("NOMINATIF-BENCH pdfRefusedMs=%d (100,000 PNS over pdfMaxRows=%d)%n", millis, PDF_MAX_ROWS);
    // Under the limit the same request renders.
    assertEquals(200, service.get("/api/admin/nominatif?instansi=" + SapkFixture.INSTANSI_BKN + "&format=pdf",
        adminBknAgency).statusCode());
    assertTrue(pdfJobs() > before);
  }

  @Test
  void nonParticipantsSayHowFarEachGot() throws Exception {
    String all = csv("/api/admin/nonpeserta", adminBknAgency);
    assertTrue(all.contains(absent.nip() + "," + absent.nama() + ",Direktorat Pengolahan Data,Belum mendaftar,"), all);
    assertTrue(all.contains(registered.nip() + "," + registered.nama() + ",Direktorat Pengolahan Data,Belum mengirim formulir,"));
    assertTrue(all.contains(submitted.nip() + "," + submitted.nama() + ",Direktorat Pengolahan Data,Belum selesai diverifikasi,"));
    String notSubmitted = csv("/api/admin/nonpeserta?status=NOT_SUBMITTED", adminBknAgency);
    assertEquals(2, notSubmitted.split("\r\n").length, notSubmitted);
    String ofUnit = csv("/api/admin/nonpeserta?instansi=2&satuanKerjaId=21&status=NOT_REGISTERED", adminBkn);
    long dinkes = service.sql("select count(*) from pns where satuan_kerja_id = 21").iterator().next().getLong(0);
    assertEquals(dinkes + 1, ofUnit.split("\r\n").length, "Dinas Kesehatan: every third PNS, none registered");
    assertEquals(400, service.get("/api/admin/nonpeserta?status=SELESAI", adminBknAgency).statusCode());
    assertEquals(400, service.get("/api/admin/nonpeserta?satuanKerjaId=21", adminBknAgency).statusCode(), "not its unit");
  }

  @Test
  void listsAreScoped() {
    Map<String, Integer> cases = new java.util.LinkedHashMap<>();
    cases.put("/api/admin/nominatif?instansi=1|" + adminBandung, 403);
    cases.put("/api/admin/nominatif|" + adminBkn, 400);
    cases.put("/api/admin/nominatif?instansi=Kota%20Bandung|" + adminBkn, 400);
    cases.put("/api/admin/nominatif?instansi=2&format=xls|" + adminBkn, 400);
    cases.put("/api/admin/nominatif?instansi=999999|" + adminBkn, 404);
    cases.put("/api/admin/nonpeserta?instansi=1|" + adminBandung, 403);
    cases.put("/api/admin/nonpeserta|" + adminBkn, 400);
    cases.put("/api/admin/nominatif?instansi=1|" + adminBknAgency, 200);
    for (Map.Entry<String, Integer> c : cases.entrySet()) {
      String[] parts = c.getKey().split("\\|");
      HttpResponse<Buffer> response = service.get(parts[0], parts[1]);
      assertEquals(c.getValue(), response.statusCode(), parts[0] + " " + response.bodyAsString());
    }
  }

  private static String csv(String path, String token) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
        .header("Authorization", "Bearer " + token).build();
    java.net.http.HttpResponse<String> response = HttpClient.newHttpClient().send(request,
        BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }
}

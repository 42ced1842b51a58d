package id.go.bkn.epupns.sapk;

import com.password4j.Argon2Function;
import com.password4j.Password;
import id.go.bkn.epupns.core.database.Database;
import id.go.bkn.epupns.core.database.DatabaseSettings;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static id.go.bkn.epupns.testing.TestService.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoDataTest {

  private static TestService service;

  @BeforeAll
  static void start() {
    service = TestService.start(DemoDataTest.class, Map.of( // with --demo
        "EPUPNS_CAPTCHA_EXPOSE_ANSWER", "true",
        "EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "1000",
        "EPUPNS_RATE_LIMIT_CAPTCHA_PER_IP", "1000",
        "EPUPNS_RATE_LIMIT_REGISTRATION_PER_IP", "1000"));
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void loadingTwiceGivesTheSameData() {
    Map<String, Long> before = counts();
    String hashBefore = service.sql("select password_hash from officer where nip = $1", DemoData.ADMIN_BKN_NIP)
        .iterator().next().getString(0);
    Pool pool = Database.pool(service.vertx(), DatabaseSettings.from(service.running().config()));
    await(DemoData.load(service.vertx(), pool, service.running().config()));
    assertEquals(before, counts());
    assertEquals(hashBefore, service.sql("select password_hash from officer where nip = $1", DemoData.ADMIN_BKN_NIP)
        .iterator().next().getString(0));
    assertTrue(before.get("pns") >= DemoData.RANDOM_PNS, "about 3,000 PNS: " + before);
    for (String table : new String[] {"riwayat_golongan", "riwayat_pendidikan", "riwayat_diklat", "riwayat_jabatan",
        "keluarga"}) {
      assertTrue(before.get(table) > 0, table);
    }
  }

  @Test
  void demoPnsArePresentWithAgreeingNik() {
    assertPns(DemoData.DEMO_PNS_NIP, DemoData.DEMO_PNS_NIK, DemoData.DEMO_PNS_NAMA, "L", false, false);
    assertPns(DemoData.DEMO_PNS_TEACHER_NIP, DemoData.DEMO_PNS_TEACHER_NIK, DemoData.DEMO_PNS_TEACHER_NAMA, "P", true, false);
    assertPns(DemoData.DEMO_PNS_DOCTOR_NIP, DemoData.DEMO_PNS_DOCTOR_NIK, DemoData.DEMO_PNS_DOCTOR_NAMA, "L", false, true);
    assertPns(DemoData.DEMO_PNS_FEMALE_NIP, DemoData.DEMO_PNS_FEMALE_NIK, DemoData.DEMO_PNS_FEMALE_NAMA, "P", false, false);
    assertPns(DemoData.DEMO_PNS_PUSAT_NIP, DemoData.DEMO_PNS_PUSAT_NIK, DemoData.DEMO_PNS_PUSAT_NAMA, "L", false, false);
    Row teacher = service.sql("select jabatan_fungsional_tertentu from pns where nip = $1",
        DemoData.DEMO_PNS_TEACHER_NIP).iterator().next();
    assertTrue(teacher.getString(0).startsWith("Guru "), teacher.getString(0));
    Row doctor = service.sql("select jabatan_fungsional_tertentu, gelar_depan from pns where nip = $1",
        DemoData.DEMO_PNS_DOCTOR_NIP).iterator().next();
    assertTrue(doctor.getString(0).startsWith("Dokter "), doctor.getString(0));
  }

  @Test
  void officersExistForEveryRoleAndScope() {
    for (DemoData.Officer o : DemoData.officers()) {
      Row r = service.sql("""
          select o.role, o.satuan_kerja_id, o.instansi_id, o.kanreg_id, o.password_hash, p.nama
          from officer o join pns p on p.nip = o.nip where o.nip = $1""", o.nip()).iterator().next();
      assertEquals(o.role(), r.getString(0));
      assertEquals(o.nama(), r.getString(5), "the officer is a PNS of the demo data");
      if (o.scopeSatuanKerja()) {
        assertNotNull(r.getInteger(1));
      }
      if (o.scopeInstansi()) {
        assertEquals(o.instansiId(), r.getInteger(2));
      }
      if (o.kanregId() != null) {
        assertEquals(o.kanregId(), r.getInteger(3));
      }
      String hash = r.getString(4);
      assertTrue(hash.startsWith("$argon2id$v=19$m="), hash);
      assertTrue(Password.check(DemoData.OFFICER_PASSWORD, hash).with(Argon2Function.getInstanceFromHash(hash)));
    }
    Row roles = service.sql("select count(distinct role) from officer").iterator().next();
    assertEquals(5, roles.getLong(0));
    assertEquals(DemoData.KANREG_III_ID, service.sql("select kanreg_id from instansi where id = $1",
        DemoData.INSTANSI_KAB_BANDUNG_ID).iterator().next().getInteger(0));
  }

  @Test
  void approvalIsOffForOneAgencyOnly() {
    assertFalse(service.sql("select approval_required from instansi where id = $1",
        DemoData.INSTANSI_WITHOUT_APPROVAL_ID).iterator().next().getBoolean(0));
    for (int id : new int[] {DemoData.INSTANSI_KAB_BANDUNG_ID, DemoData.INSTANSI_PROV_JABAR_ID,
        DemoData.INSTANSI_KEMENKES_ID, DemoData.INSTANSI_BKN_ID}) {
      assertTrue(service.sql("select approval_required from instansi where id = $1", id).iterator().next().getBoolean(0));
    }
    assertEquals("Kementerian Kesehatan", service.sql("select nama from instansi where id = $1",
        DemoData.INSTANSI_KEMENKES_ID).iterator().next().getString(0));
    assertEquals("Badan Kepegawaian Negara", service.sql("select nama from instansi where id = $1",
        DemoData.INSTANSI_BKN_ID).iterator().next().getString(0));
  }

  /**
   * Kota Bandung (3273) needs no approval: the registration is approved on creation, and the API, the
   * mail, cek status and the agency admin's counts and list all say that the PNS can log in now.
   */
  private static void theDemoPnsWithoutApprovalIsToldHeCanLogInNow(String nip, String number, int instansi,
                                                                   String admin) {
    assertEquals(DemoData.INSTANSI_KOTA_BANDUNG_ID, instansi);
    Row mail = service.sql("select body from mail_outbox where recipient = $1 and subject like '%' || $2",
        "demo" + nip + "@example.go.id", number).iterator().next();
    assertTrue(mail.getString("body").contains("Anda dapat masuk sekarang"), mail.getString("body"));
    assertFalse(mail.getString("body").contains("untuk disetujui"), mail.getString("body"));
    assertFalse(mail.getString("body").contains("Setelah disetujui"), mail.getString("body"));
    JsonObject captcha = service.post("/api/captcha", new JsonObject()).bodyAsJsonObject();
    JsonObject status = service.get("/api/registrations/status?nip=" + nip + "&captchaId=" + captcha.getString("id")
        + "&captchaAnswer=" + captcha.getString("answer")).bodyAsJsonObject();
    assertEquals("APPROVED", status.getString("status"), "cek status: " + status);

    String adminToken = login(admin, DemoData.OFFICER_PASSWORD).bodyAsJsonObject().getString("token");
    JsonObject agency = service.get("/api/admin/instansi/" + instansi, adminToken).bodyAsJsonObject();
    assertFalse(agency.getBoolean("approvalRequired"));
    assertEquals(0L, agency.getLong("pendingRegistrations"), agency.encode());
    assertTrue(agency.getLong("approvedRegistrations") >= 1, agency.encode());
    JsonObject item = service.get("/api/admin/registrations?status=APPROVED&q=" + nip, adminToken).bodyAsJsonObject()
        .getJsonArray("items").getJsonObject(0);
    assertTrue(item.getBoolean("decidedAutomatically"), item.encode());
    assertEquals(null, item.getString("decidedBy"));
    assertTrue(item.getString("decidedAt").endsWith("+07:00"), item.encode());
    assertEquals(0, service.get("/api/admin/registrations?status=PENDING_APPROVAL&q=" + nip, adminToken)
        .bodyAsJsonObject().getJsonArray("items").size());
  }

  private static void assertPns(String nip, String nik, String nama, String sex, boolean guru, boolean dokter) {
    Row r = service.sql("select nik, nama, jenis_kelamin, guru, dokter from pns where nip = $1", nip).iterator().next();
    assertEquals(nik, r.getString(0));
    assertEquals(nama, r.getString(1));
    assertEquals(sex, r.getString(2));
    assertEquals(guru, r.getBoolean(3));
    assertEquals(dokter, r.getBoolean(4));
    Nip parsed = Nip.parse(nip).get();
    assertEquals(null, Nik.parse(nik).get().disagreementWith(parsed));
  }

  private static Map<String, Long> counts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : new String[] {"kanreg", "instansi", "satuan_kerja", "unit_organisasi", "pns",
        "riwayat_golongan", "riwayat_pendidikan", "riwayat_diklat", "riwayat_jabatan", "keluarga", "officer"}) {
      counts.put(table, service.sql("select count(*) from " + table).iterator().next().getLong(0));
    }
    return counts;
  }

  // ---- The README's "Demo data" tables are what a new user and a script rely on: they must work. ----

  /** The rows of the README table whose header line starts with the given text. */
  private static List<List<String>> readmeTable(String headerStart) throws IOException {
    List<String> lines = Files.readAllLines(Path.of("README.md"));
    List<List<String>> rows = new ArrayList<>();
    int i = 0;
    while (i < lines.size() && !lines.get(i).startsWith(headerStart)) {
      i++;
    }
    assertTrue(i < lines.size(), "README has a table starting " + headerStart);
    for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      List<String> cells = new ArrayList<>();
      for (String cell : lines.get(i).substring(1, lines.get(i).length() - 1).split("\\|")) {
        cells.add(cell.replace("*", "").replace("`", "").trim());
      }
      rows.add(cells);
    }
    assertFalse(rows.isEmpty(), headerStart);
    return rows;
  }

  private static HttpResponse<Buffer> login(String username, String password) {
    return service.post("/api/auth/login", new JsonObject().put("username", username).put("password", password));
  }

  @Test
  void everyOfficerOfTheReadmeLogsInWithTheListedRoleAndScope() throws IOException {
    Pattern number = Pattern.compile("\\((?:kanreg )?(\\d+)\\)");
    List<List<String>> officers = readmeTable("| role | scope | NIP | name |");
    assertEquals(16, officers.size(), "officers in README");
    for (List<String> row : officers) {
      String role = row.get(0);
      String scope = row.get(1);
      String nip = row.get(2);
      HttpResponse<Buffer> response = login(nip, DemoData.OFFICER_PASSWORD);
      assertEquals(200, response.statusCode(), nip + " " + response.bodyAsString());
      assertEquals(role, response.bodyAsJsonObject().getString("role"), nip);
      JsonObject me = service.get("/api/auth/me", response.bodyAsJsonObject().getString("token")).bodyAsJsonObject();
      assertEquals(row.get(3), me.getString("nama"), nip);
      Matcher id = number.matcher(scope);
      switch (role) {
        case "VERIFIER_SKPD" -> assertTrue(scope.startsWith(me.getJsonObject("satuanKerja").getString("nama")),
            nip + ": " + scope + " vs " + me);
        case "VERIFIER_BKD", "ADMIN_INSTANSI" -> {
          assertTrue(id.find(), scope);
          assertEquals(Integer.parseInt(id.group(1)), me.getInteger("instansiId"), nip);
        }
        case "VERIFIER_BKN" -> {
          assertTrue(id.find(), scope);
          assertEquals(Integer.parseInt(id.group(1)), me.getInteger("kanregId"), nip);
        }
        case "ADMIN_BKN" -> assertEquals("national", scope);
        default -> throw new AssertionError("unknown role in README: " + role);
      }
      if (role.equals("VERIFIER_BKN") || role.equals("ADMIN_BKN")) {
        // A BKN office's officers are BKN's own staff, as the API and officer-create require.
        assertEquals(BknAgency.NAME, service.sql("select i.nama from pns p join instansi i on i.id = p.instansi_kerja_id "
            + "where p.nip = $1", nip).iterator().next().getString(0), nip);
      }
    }
  }

  @Test
  void everyDemoPnsOfTheReadmeRegistersAndLogsInAfterTheAgencysApproval() throws IOException {
    Map<String, Integer> agencyIds = new LinkedHashMap<>();
    Map<Integer, Boolean> approvalRequired = new LinkedHashMap<>();
    for (List<String> agency : readmeTable("| agency | id | Kanreg |")) {
      agencyIds.put(agency.get(0), Integer.valueOf(agency.get(1)));
      approvalRequired.put(Integer.valueOf(agency.get(1)), agency.get(3).equals("yes"));
    }
    Map<Integer, String> adminOfAgency = new LinkedHashMap<>();
    Pattern agencyId = Pattern.compile("\\((\\d+)\\)");
    for (List<String> officer : readmeTable("| role | scope | NIP | name |")) {
      Matcher id = agencyId.matcher(officer.get(1));
      if (officer.get(0).equals("ADMIN_INSTANSI") && id.find()) {
        adminOfAgency.put(Integer.valueOf(id.group(1)), officer.get(2));
      }
    }
    List<List<String>> people = readmeTable("| who | NIP | NIK | name | work unit |");
    assertEquals(5, people.size(), "demo PNS in README");
    String password = "Gedung Sate Bandung 1920";
    for (List<String> person : people) {
      String nip = person.get(1);
      JsonObject found = service.get("/api/pns/" + nip).bodyAsJsonObject();
      assertEquals(person.get(3), found.getString("nama"), nip);
      Integer instansi = agencyIds.get(found.getString("instansi"));
      assertNotNull(instansi, "the agency of " + nip + " is in the README's agency table: " + found);

      JsonObject captcha = service.post("/api/captcha", new JsonObject()).bodyAsJsonObject();
      HttpResponse<Buffer> registered = service.post("/api/registrations", new JsonObject()
          .put("nip", nip).put("nik", person.get(2)).put("email", "demo" + nip + "@example.go.id")
          .put("password", password).put("passwordConfirmation", password)
          .put("motherName", "Ibu Demo").put("securityQuestion", "Apa nama sekolah dasar pertama Anda?")
          .put("securityAnswer", "SDN Demo").put("captchaId", captcha.getString("id"))
          .put("captchaAnswer", captcha.getString("answer")));
      assertEquals(201, registered.statusCode(), nip + " " + registered.bodyAsString());
      String number = registered.bodyAsJsonObject().getString("registrationNumber");
      assertEquals(approvalRequired.get(instansi) ? "PENDING_APPROVAL" : "APPROVED",
          registered.bodyAsJsonObject().getString("status"), nip);
      if (!approvalRequired.get(instansi)) {
        theDemoPnsWithoutApprovalIsToldHeCanLogInNow(nip, number, instansi, adminOfAgency.get(instansi));
      }

      if (approvalRequired.get(instansi)) {
        assertEquals(403, login(number, password).statusCode(), nip + " waits for approval");
        String admin = adminOfAgency.get(instansi);
        assertNotNull(admin, "README lists an ADMIN_INSTANSI for agency " + instansi);
        String adminToken = login(admin, DemoData.OFFICER_PASSWORD).bodyAsJsonObject().getString("token");
        HttpResponse<Buffer> approved = service.post("/api/admin/registrations/" + nip + "/approve",
            new JsonObject(), adminToken);
        assertEquals(200, approved.statusCode(), nip + " " + approved.bodyAsString());
      }
      HttpResponse<Buffer> in = login(number, password);
      assertEquals(200, in.statusCode(), nip + " " + in.bodyAsString());
      assertEquals("PNS", in.bodyAsJsonObject().getString("role"));
    }
  }
}

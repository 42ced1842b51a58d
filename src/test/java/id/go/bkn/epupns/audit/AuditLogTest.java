package id.go.bkn.epupns.audit;

import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one audit log: written by the officers' actions of several features, read in keyset pages within scope. */
class AuditLogTest {

  static TestService service;
  static SapkFixture sapk;
  static String bknAgencyAdmin;
  static String bandungAdmin;
  static String national;
  static SapkFixture.Person nationalAdmin;

  @BeforeAll
  static void start() {
    service = TestService.start(AuditLogTest.class, Map.of("EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "100000"), false);
    sapk = new SapkFixture(service);
    bknAgencyAdmin = token(sapk.officer("ADMIN_INSTANSI", SapkFixture.SATKER_BKN));
    bandungAdmin = token(sapk.officer("ADMIN_INSTANSI", SapkFixture.SATKER_DINKES_BANDUNG));
    nationalAdmin = sapk.officer("ADMIN_BKN", SapkFixture.SATKER_BKN);
    national = token(nationalAdmin);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  static String token(SapkFixture.Person officer) {
    HttpResponse<Buffer> login = service.post("/api/auth/login", new JsonObject().put("username", officer.nip())
        .put("password", SapkFixture.OFFICER_PASSWORD));
    assertEquals(200, login.statusCode(), login.bodyAsString());
    return login.bodyAsJsonObject().getString("token");
  }

  @Test
  void actionsOfSeveralFeaturesLandInOneLogReadWithinScopeInKeysetPages() {
    // Agency switches (admin), a route change (verification): each recorded once, with who.
    assertEquals(200, service.put("/api/admin/instansi/" + SapkFixture.INSTANSI_BANDUNG + "/approval",
        new JsonObject().put("required", true), bandungAdmin).statusCode());
    assertEquals(200, service.put("/api/admin/instansi/" + SapkFixture.INSTANSI_BKN + "/approval",
        new JsonObject().put("required", false), bknAgencyAdmin).statusCode());
    assertEquals(200, service.put("/api/admin/instansi/" + SapkFixture.INSTANSI_BKN + "/approval",
        new JsonObject().put("required", true), bknAgencyAdmin).statusCode());
    HttpResponse<Buffer> route = service.put("/api/admin/routing/utama/alamat", new JsonObject().put("finalAuthority", "BKD"),
        national);
    assertEquals(200, route.statusCode(), route.bodyAsString());

    JsonArray all = service.get("/api/admin/audit?size=200", national).bodyAsJsonObject().getJsonArray("items");
    assertTrue(all.size() >= 4);
    JsonObject newest = all.getJsonObject(0);
    assertEquals("ROUTE_CHANGE", newest.getString("action"));
    assertEquals("utama.alamat", newest.getString("target"));
    assertEquals(nationalAdmin.nip(), newest.getJsonObject("actor").getString("nip"));
    assertEquals(nationalAdmin.nama(), newest.getJsonObject("actor").getString("nama"));
    assertEquals("BKD", newest.getJsonObject("details").getString("to"));
    // For the pages: what by name, the details in words, the labels of the enums (never a key or an enum name).
    assertEquals("Tabel rute diubah", newest.getString("actionLabel"));
    assertTrue(newest.getString("targetNama").contains("Alamat"), newest.encode());
    assertEquals("Kewenangan akhir SKPD → BKD", newest.getString("rincian"));
    assertEquals("Admin BKN", newest.getJsonObject("actor").getString("roleLabel"));
    JsonObject bandungSwitch = all.stream().map(JsonObject.class::cast).filter(e -> e.getString("action").equals("APPROVAL_SWITCH")
        && e.getJsonObject("instansi").getInteger("id") == SapkFixture.INSTANSI_BANDUNG).findFirst().orElseThrow();
    assertEquals("Pemerintah Kota Bandung", bandungSwitch.getString("targetNama"));
    assertEquals("Pendaftaran tanpa persetujuan admin → harus disetujui admin", bandungSwitch.getString("rincian"));
    assertEquals("Admin instansi", bandungSwitch.getJsonObject("actor").getString("roleLabel"));
    JsonArray choices = service.get("/api/admin/audit?size=1", national).bodyAsJsonObject().getJsonArray("actions");
    assertEquals(AuditLog.Action.values().length, choices.size());
    assertEquals(new JsonObject().put("code", "APPROVAL_SWITCH").put("label", "Pengaturan persetujuan instansi"),
        choices.stream().map(JsonObject.class::cast).filter(c -> c.getString("code").equals("APPROVAL_SWITCH")).findFirst().orElseThrow());

    // An agency's admin: its own agency's entries only; another agency's is refused.
    JsonArray own = service.get("/api/admin/audit", bandungAdmin).bodyAsJsonObject().getJsonArray("items");
    assertEquals(1, own.size(), own.encode());
    assertEquals(SapkFixture.INSTANSI_BANDUNG, own.getJsonObject(0).getJsonObject("instansi").getInteger("id"));
    assertEquals(403, service.get("/api/admin/audit?instansiId=" + SapkFixture.INSTANSI_BKN, bandungAdmin).statusCode());
    assertEquals(1, service.get("/api/admin/audit?instansiId=" + SapkFixture.INSTANSI_BANDUNG, national)
        .bodyAsJsonObject().getJsonArray("items").size());

    // Keyset pages of one: every entry once, in order, then next = null.
    Set<Long> seen = new HashSet<>();
    Long before = null;
    long previous = Long.MAX_VALUE;
    for (int i = 0; i < 50; i++) {
      JsonObject page = service.get("/api/admin/audit?size=1&action=APPROVAL_SWITCH" + (before == null ? "" : "&before=" + before),
          national).bodyAsJsonObject();
      JsonArray items = page.getJsonArray("items");
      if (items.isEmpty()) {
        break;
      }
      long id = items.getJsonObject(0).getLong("id");
      assertTrue(id < previous);
      previous = id;
      assertTrue(seen.add(id));
      before = page.getLong("next");
      if (before == null) {
        break;
      }
    }
    assertEquals(3, seen.size());
    assertNull(before);

    // Filters: by actor, by date; bad ones are 400 naming the field.
    String bknAdminNip = all.stream().map(JsonObject.class::cast).filter(e -> e.getJsonObject("instansi") != null
        && e.getJsonObject("instansi").getInteger("id") == SapkFixture.INSTANSI_BKN).findFirst().orElseThrow()
        .getJsonObject("actor").getString("nip");
    assertEquals(2, service.get("/api/admin/audit?actor=" + bknAdminNip, national).bodyAsJsonObject()
        .getJsonArray("items").size());
    assertEquals(0, service.get("/api/admin/audit?from=2001-01-01&to=2001-12-31", national).bodyAsJsonObject()
        .getJsonArray("items").size());
    for (String bad : new String[] {"action=TERBANG", "actor=123", "from=kemarin", "size=0", "before=x",
        "from=2015-09-02&to=2015-09-01"}) {
      HttpResponse<Buffer> refused = service.get("/api/admin/audit?" + bad, national);
      assertEquals(400, refused.statusCode(), bad);
      String field = bad.contains("&") ? "to" : bad.substring(0, bad.indexOf('='));
      assertTrue(refused.bodyAsJsonObject().getJsonObject("fields").containsKey(field), bad + " " + refused.bodyAsString());
    }
  }
}

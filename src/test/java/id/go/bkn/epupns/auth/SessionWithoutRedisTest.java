package id.go.bkn.epupns.auth;

import id.go.bkn.epupns.sapk.Scope;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sessions live in PostgreSQL: with Redis unreachable nobody can log in (the login guards need it,
 * 503), but whoever is signed in keeps working, refreshes and logs out. The session is made here
 * as a login would have made it before Redis went away.
 */
class SessionWithoutRedisTest {

  static TestService service;
  static SapkFixture sapk;

  @BeforeAll
  static void start() {
    service = TestService.start(SessionWithoutRedisTest.class,
        Map.of("EPUPNS_REDIS_URL", "redis://127.0.0.1:" + TestService.freePort() + "/0"), false);
    sapk = new SapkFixture(service);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void aSignedInOfficerKeepsWorkingRefreshesAndLogsOutWhileRedisIsDown() {
    String nip = sapk.officer("VERIFIER_BKD", SapkFixture.SATKER_BKN).nip();
    assertEquals(503, service.post("/api/auth/login", new JsonObject().put("username", nip)
        .put("password", SapkFixture.OFFICER_PASSWORD)).statusCode(), "logins need the Redis guards");

    AuthTokens tokens = new AuthTokens(service.vertx(), service.running().config());
    long officerId = service.sql("select id from officer where nip = $1", nip).iterator().next().getLong("id");
    Caller caller = new Caller(officerId, nip, Role.VERIFIER_BKD, Scope.agency(SapkFixture.INSTANSI_BKN), 0);
    UUID session = UUID.randomUUID();
    String tokenId = tokens.newTokenId();
    OffsetDateTime ends = service.sql("""
        insert into auth_session (id, officer_id, refresh_hash, expires_at)
        values ($1, $2, sha256(convert_to($3, 'UTF8')), now() + interval '1 hour') returning expires_at""",
        session, officerId, tokenId).iterator().next().getOffsetDateTime("expires_at");

    assertEquals(200, service.get("/api/auth/me", tokens.access(caller, session, ends)).statusCode());
    HttpResponse<Buffer> refreshed = service.post("/api/auth/refresh",
        new JsonObject().put("refreshToken", tokens.refresh(caller, session, tokenId, ends)));
    assertEquals(200, refreshed.statusCode(), refreshed.bodyAsString());
    String access = refreshed.bodyAsJsonObject().getString("token");
    assertEquals(200, service.get("/api/auth/me", access).statusCode());
    assertEquals(204, service.post("/api/auth/logout", new JsonObject()
        .put("refreshToken", refreshed.bodyAsJsonObject().getString("refreshToken")), access).statusCode());
    assertEquals(401, service.get("/api/auth/me", access).statusCode());
  }

  /**
   * A list's one-use download link needs Redis (its id is kept there): without it the link is refused when the
   * page asks for it (a 503 the page shows), while the list itself still comes with the Bearer token.
   */
  @Test
  void withoutRedisNoDownloadLinkIsMadeButTheListStillComesWithTheBearerToken() {
    String nip = sapk.officer("ADMIN_INSTANSI", SapkFixture.SATKER_BKN).nip();
    AuthTokens tokens = new AuthTokens(service.vertx(), service.running().config());
    long officerId = service.sql("select id from officer where nip = $1", nip).iterator().next().getLong("id");
    Caller caller = new Caller(officerId, nip, Role.ADMIN_INSTANSI, Scope.agency(SapkFixture.INSTANSI_BKN), 0);
    UUID session = UUID.randomUUID();
    OffsetDateTime ends = service.sql("""
        insert into auth_session (id, officer_id, refresh_hash, expires_at)
        values ($1, $2, sha256(convert_to($3, 'UTF8')), now() + interval '1 hour') returning expires_at""",
        session, officerId, tokens.newTokenId()).iterator().next().getOffsetDateTime("expires_at");
    String access = tokens.access(caller, session, ends);

    HttpResponse<Buffer> link = service.get("/api/admin/nominatif/link?format=csv", access);
    assertEquals(503, link.statusCode(), link.bodyAsString());
    assertEquals("SERVICE_UNAVAILABLE", link.bodyAsJsonObject().getString("error"));
    // A link made before Redis went away is refused too (it cannot be taken once): fail closed.
    String made = "/api/admin/nominatif?format=csv&unduh=" + tokens.newTokenId();
    assertEquals(503, service.get(made).statusCode());
    HttpResponse<Buffer> list = service.get("/api/admin/nominatif?format=csv", access);
    assertEquals(200, list.statusCode(), list.bodyAsString());
    assertEquals("attachment; filename=\"nominatif-4011.csv\"", list.getHeader("Content-Disposition"));
  }
}

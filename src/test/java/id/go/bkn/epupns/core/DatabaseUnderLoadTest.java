package id.go.bkn.epupns.core;

import id.go.bkn.epupns.auth.PasswordHasher;
import id.go.bkn.epupns.registration.RegistrationNumbers;
import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TcpProxy;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static id.go.bkn.epupns.testing.TestService.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL going away under load, through the {@link TcpProxy}: eight PNS save their form without pause while the
 * proxy is cut, frozen and slowed in turn. Every answer is 200, 503 SERVICE_UNAVAILABLE (or 409 when an earlier
 * save's outcome was unknown to its client), each within the bound of read timeout + pool wait; every save answered
 * 200 is in the database afterwards (the section's version and the last acknowledged text); and the same pool
 * serves again after each phase, without a restart. The counts are printed for the README.
 */
class DatabaseUnderLoadTest {

  static final int CLIENTS = 8;
  static final int READ_TIMEOUT_MS = 2000;
  static final int POOL_WAIT_MS = 1000;
  /** Read timeout + pool wait, twice over (a request may wait for a connection and then for a statement), + slack. */
  static final long BOUND_MS = 2L * (READ_TIMEOUT_MS + POOL_WAIT_MS) + 2000;

  static TcpProxy proxy;
  static TestService service;
  static WebClient clients;
  static final List<String> tokens = new ArrayList<>();
  static final List<String> nips = new ArrayList<>();

  @BeforeAll
  static void start() {
    proxy = new TcpProxy("127.0.0.1", 5432);
    service = TestService.start(DatabaseUnderLoadTest.class, Map.of(
        "EPUPNS_DB_CONNECT_TIMEOUT_MS", "1000",
        "EPUPNS_DB_POOL_WAIT_TIMEOUT_MS", Integer.toString(POOL_WAIT_MS),
        "EPUPNS_DB_READ_TIMEOUT_MS", Integer.toString(READ_TIMEOUT_MS),
        "EPUPNS_DB_STATEMENT_TIMEOUT_MS", "1500",
        "EPUPNS_DB_RETRY_AFTER_SECONDS", "2",
        "EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "100000"), false, proxy.port());
    SapkFixture sapk = new SapkFixture(service);
    String hash = new PasswordHasher(service.running().config(), null).hashNow("sandi-beban-2015");
    for (int i = 0; i < CLIENTS; i++) {
      String nip = sapk.pns(SapkFixture.SATKER_BKN, i % 2 == 0).nip();
      String number = RegistrationNumbers.generate();
      service.sql("""
          insert into registration (nip, registration_number, nik, email, password_hash, mother_name_hash,
            security_question, security_answer_enc, status)
          values ($1, $2, '3273051207860017', 'pns@example.org', $3, 'x', 'q', '\\x00'::bytea, 'APPROVED')""",
          nip, number, hash);
      HttpResponse<Buffer> login = service.post("/api/auth/login", new JsonObject().put("username", number)
          .put("password", "sandi-beban-2015"));
      assertEquals(200, login.statusCode(), login.bodyAsString());
      tokens.add(login.bodyAsJsonObject().getString("token"));
      nips.add(nip);
    }
    clients = WebClient.create(service.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(service.port()), new PoolOptions().setHttp1MaxSize(2 * CLIENTS));
  }

  @AfterAll
  static void stop() {
    proxy.open();
    clients.close();
    service.close();
    proxy.close();
  }

  /** What one client saw. */
  static final class Client {
    int version;
    int acknowledged;
    String lastAcknowledged;
    /** Texts sent after the last acknowledged one whose outcome the client does not know (503 or no answer). */
    final List<String> unknown = new ArrayList<>();
    final Map<Integer, Integer> statuses = new TreeMap<>();
    long slowest;
    final List<String> unexpected = new ArrayList<>();
  }

  private static String alamat(JsonObject form) {
    JsonObject utama = form.getJsonArray("sections").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("id").equals("utama")).findFirst().orElseThrow();
    return utama.getJsonArray("fields").stream().map(JsonObject.class::cast)
        .filter(f -> f.getString("name").equals("alamat")).findFirst().orElseThrow().getString("correction");
  }

  private static int version(JsonObject form) {
    return form.getJsonArray("sections").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("id").equals("utama")).findFirst().orElseThrow().getInteger("version");
  }

  private static void run(int index, Client me, AtomicBoolean stop) {
    String token = tokens.get(index);
    int n = 0;
    while (!stop.get()) {
      String text = "Jl. Beban No. " + index + "-" + (n++);
      long started = System.nanoTime();
      int status;
      HttpResponse<Buffer> answer = null;
      try {
        answer = await(clients.put("/api/me/form/utama").bearerTokenAuthentication(token).timeout(BOUND_MS + 5000)
            .sendJsonObject(new JsonObject().put("version", me.version).put("fields", new JsonObject()
                .put("alamat", new JsonObject().put("mark", "WRONG").put("correction", text)
                    .put("documents", new JsonArray())))));
        status = answer.statusCode();
      } catch (IllegalStateException e) {
        status = -1;
      }
      long ms = (System.nanoTime() - started) / 1_000_000;
      me.slowest = Math.max(me.slowest, ms);
      me.statuses.merge(status, 1, Integer::sum);
      if (ms > BOUND_MS) {
        me.unexpected.add(status + " after " + ms + " ms");
      }
      if (status == 200) {
        me.version = answer.bodyAsJsonObject().getInteger("version");
        me.acknowledged++;
        me.lastAcknowledged = text;
        me.unknown.clear();
      } else if (status == 503 && "SERVICE_UNAVAILABLE".equals(answer.bodyAsJsonObject().getString("error"))
          && answer.getHeader("Retry-After") != null) {
        me.unknown.add(text);
        sleep(100);
      } else if (status == 409 && !me.unknown.isEmpty()) {
        // An earlier save went through though its answer did not: read the version again.
        HttpResponse<Buffer> form = await(clients.get("/api/me/form").bearerTokenAuthentication(token).send());
        if (form.statusCode() == 200) {
          me.version = version(form.bodyAsJsonObject());
          String stored = alamat(form.bodyAsJsonObject());
          if (!me.unknown.contains(stored)) {
            me.unexpected.add("after a 409 the draft holds " + stored + ", none of " + me.unknown);
          }
          me.lastAcknowledged = stored;
          me.unknown.clear();
        }
      } else {
        me.unexpected.add(status + " " + (answer == null ? "no answer" : answer.bodyAsString()));
        sleep(100);
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitServing() {
    long deadline = System.currentTimeMillis() + 30_000;
    int status = 0;
    while (System.currentTimeMillis() < deadline
        && (status = service.get("/api/me/form", tokens.get(0)).statusCode()) != 200) {
      sleep(200);
    }
    assertEquals(200, status, "the pool serves again without a restart");
  }

  @Test
  void everySaveAnswered200IsStoredThroughCutFreezeAndSlowness() throws Exception {
    List<Client> seen = new ArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        Client client = new Client();
        seen.add(client);
        int index = i;
        running.add(pool.submit(() -> run(index, client, stop)));
      }
      sleep(1500);
      proxy.cut();
      sleep(3000);
      proxy.open();
      awaitServing();
      sleep(1000);
      proxy.freeze();
      sleep(3000);
      proxy.open();
      awaitServing();
      sleep(1000);
      proxy.slow(150);
      sleep(3000);
      proxy.open();
      awaitServing();
      sleep(1500);
      stop.set(true);
      for (Future<?> f : running) {
        f.get(BOUND_MS + 30_000, TimeUnit.MILLISECONDS);
      }
    } finally {
      stop.set(true);
      proxy.open();
      pool.shutdownNow();
    }

    Map<Integer, Integer> statuses = new TreeMap<>();
    int acknowledged = 0;
    long slowest = 0;
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      Client client = seen.get(i);
      client.statuses.forEach((k, v) -> statuses.merge(k, v, Integer::sum));
      acknowledged += client.acknowledged;
      slowest = Math.max(slowest, client.slowest);
      String nip = nips.get(i);
      client.unexpected.forEach(u -> problems.add(nip + ": " + u));
      int stored = service.sql("select version from form_section where nip = $1 and section = 'utama'", nip)
          .iterator().next().getInteger(0);
      // The draft as the service reads it back from the database.
      String text = alamat(service.get("/api/me/form", tokens.get(i)).bodyAsJsonObject());
      assertTrue(stored >= client.version, "every acknowledged save is stored: version " + stored + " < " + client.version);
      if (client.unknown.isEmpty()) {
        assertEquals(client.lastAcknowledged, text, "the last acknowledged save is the stored one");
        assertEquals(client.version, stored);
      } else {
        assertTrue(text.equals(client.lastAcknowledged) || client.unknown.contains(text), text);
      }
    }
    System.out.println("DatabaseUnderLoadTest: answers " + statuses + ", " + acknowledged
        + " saves answered 200 (all stored), slowest answer " + slowest + " ms (bound " + BOUND_MS + " ms)");
    assertEquals(List.of(), problems);
    assertTrue(statuses.getOrDefault(503, 0) > 0, "the outages were seen: " + statuses);
    assertTrue(acknowledged > 3 * CLIENTS, "saves went through before, between and after: " + statuses);
  }
}

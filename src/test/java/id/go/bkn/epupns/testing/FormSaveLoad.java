package id.go.bkn.epupns.testing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static id.go.bkn.epupns.testing.TestService.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Load for the database fault tests: PNS who save the "utama" section of their form without pause, each with the
 * version of its last acknowledged save. Every answer must be 200, 503 SERVICE_UNAVAILABLE with Retry-After, or a
 * 409 right after a save whose outcome its client did not learn (503 or no answer: it may have been stored), each
 * within the bound; anything else is a problem. {@link #finish()} checks the database against what the clients
 * were told: a section's version counts its stored saves, so it is at least the number of saves answered 200 and
 * at most that plus the saves whose outcome was unknown, and the text is the last acknowledged one (or one of the
 * unknown ones after it). The service runs with {@link #SETTINGS}; the bound is {@link #BOUND_MS}.
 */
public final class FormSaveLoad implements AutoCloseable {

  public static final int READ_TIMEOUT_MS = 2000;
  public static final int POOL_WAIT_MS = 1000;
  /** Read timeout + pool wait, twice over (a request may wait for a connection and then for a statement), + slack. */
  public static final long BOUND_MS = 2L * (READ_TIMEOUT_MS + POOL_WAIT_MS) + 2000;
  /** The service's settings for these tests: short database waits (so an outage is answered soon), many logins. */
  public static final Map<String, String> SETTINGS = Map.of(
      "EPUPNS_DB_CONNECT_TIMEOUT_MS", "1000",
      "EPUPNS_DB_POOL_WAIT_TIMEOUT_MS", Integer.toString(POOL_WAIT_MS),
      "EPUPNS_DB_READ_TIMEOUT_MS", Integer.toString(READ_TIMEOUT_MS),
      "EPUPNS_DB_STATEMENT_TIMEOUT_MS", "1500",
      "EPUPNS_DB_RETRY_AFTER_SECONDS", "2",
      "EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "100000");

  private final TestService service;
  private final long boundMs;
  private final WebClient http;
  private final List<String> tokens = new ArrayList<>();
  private final List<String> nips = new ArrayList<>();
  private final List<Client> clients = new ArrayList<>();
  private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
  private final AtomicInteger acknowledged = new AtomicInteger();
  private final AtomicInteger answers = new AtomicInteger();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final ExecutorService threads;
  private final List<Future<?>> running = new ArrayList<>();

  /** What one client saw. */
  private static final class Client {
    int version;
    int acknowledged;
    int unknownOutcomes;
    String lastAcknowledged;
    /** Texts sent after the last acknowledged one whose outcome the client does not know (503 or no answer). */
    final List<String> unknown = new ArrayList<>();
    long slowest;
    final List<String> unexpected = new ArrayList<>();
  }

  /** What the run saw, once finished and checked. */
  public record Summary(Map<Integer, Integer> statuses, int acknowledged, int stored, long slowestMs) {
    public int count(int status) {
      return statuses.getOrDefault(status, 0);
    }

    @Override
    public String toString() {
      return "answers " + statuses + ", " + acknowledged + " saves answered 200, " + stored
          + " saves stored (all acknowledged ones among them), slowest answer " + slowestMs + " ms";
    }
  }

  /** Registers and logs in that many PNS (of the fixture's BKN work unit); nothing is sent yet. */
  public FormSaveLoad(TestService service, int count) {
    this.service = service;
    this.boundMs = BOUND_MS;
    SapkFixture sapk = new SapkFixture(service);
    PnsLogin pns = new PnsLogin(service);
    for (int i = 0; i < count; i++) {
      String nip = sapk.pns(SapkFixture.SATKER_BKN, i % 2 == 0).nip();
      tokens.add(pns.registerAndLogin(nip).getString("token"));
      nips.add(nip);
      clients.add(new Client());
    }
    http = WebClient.create(service.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(service.port()), new PoolOptions().setHttp1MaxSize(2 * count));
    threads = Executors.newFixedThreadPool(count);
  }

  /** Every client starts saving. */
  public void start() {
    for (int i = 0; i < clients.size(); i++) {
      int index = i;
      running.add(threads.submit(() -> run(index, clients.get(index))));
    }
  }

  /** Answers with this status so far, over all clients (-1: no answer). */
  public int count(int status) {
    AtomicInteger n = statuses.get(status);
    return n == null ? 0 : n.get();
  }

  /** The access token of the i-th client's PNS. */
  public String token(int i) {
    return tokens.get(i);
  }

  /** Saves answered 200 so far. */
  public int acknowledged() {
    return acknowledged.get();
  }

  /** Waits until this many more answers with the status have come (counted from the call). */
  public void awaitMore(String what, int status, int more, Duration deadline) {
    int before = count(status);
    Poll.until(what + ": " + more + " more answers " + status + " after " + before, deadline,
        () -> counts(), counts -> counts.getOrDefault(status, 0) >= before + more);
  }

  /** Waits until this many more answers, whatever their status, have come (counted from the call). */
  public void awaitAnswers(String what, int more, Duration deadline) {
    int before = answers.get();
    Poll.until(what + ": " + more + " more answers after " + before, deadline,
        () -> answers.get(), n -> n >= before + more);
  }

  /** Waits until the same pool serves again, without a restart: the first client's GET /api/me/form is 200. */
  public void awaitServing(Duration deadline) {
    Poll.until("the pool serves again without a restart", deadline,
        () -> service.get("/api/me/form", tokens.get(0)).statusCode() == 200);
  }

  public Map<Integer, Integer> counts() {
    Map<Integer, Integer> counts = new TreeMap<>();
    statuses.forEach((k, v) -> counts.put(k, v.get()));
    return counts;
  }

  private void run(int index, Client me) {
    String token = tokens.get(index);
    int n = 0;
    while (!stop.get()) {
      String text = "Jl. Beban No. " + index + "-" + (n++);
      long started = System.nanoTime();
      int status;
      HttpResponse<Buffer> answer = null;
      try {
        answer = await(http.put("/api/me/form/utama").bearerTokenAuthentication(token).timeout(boundMs + 5000)
            .sendJsonObject(new JsonObject().put("version", me.version).put("fields", new JsonObject()
                .put("alamat", new JsonObject().put("mark", "WRONG").put("correction", text)
                    .put("documents", new JsonArray())))));
        status = answer.statusCode();
      } catch (IllegalStateException e) {
        status = -1;
      }
      long ms = (System.nanoTime() - started) / 1_000_000;
      me.slowest = Math.max(me.slowest, ms);
      if (ms > boundMs) {
        me.unexpected.add(status + " after " + ms + " ms");
      }
      if (status == 200) {
        me.version = answer.bodyAsJsonObject().getInteger("version");
        me.acknowledged++;
        me.lastAcknowledged = text;
        me.unknown.clear();
        acknowledged.incrementAndGet();
      } else if (status == 503 && "SERVICE_UNAVAILABLE".equals(error(answer))
          && answer.getHeader("Retry-After") != null || status == -1) {
        if (status == -1) {
          me.unexpected.add("no answer within " + (boundMs + 5000) + " ms");
        }
        me.unknown.add(text);
        me.unknownOutcomes++;
        pause();
      } else if (status == 409 && !me.unknown.isEmpty()) {
        // An earlier save went through though its answer did not: read the version again.
        HttpResponse<Buffer> form;
        try {
          form = await(http.get("/api/me/form").bearerTokenAuthentication(token).send());
        } catch (IllegalStateException noAnswer) {
          form = null;
        }
        if (form != null && form.statusCode() == 200) {
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
        pause();
      }
      // Counted last: whoever waits for an answer sees the client's state after it.
      statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
      answers.incrementAndGet();
    }
  }

  /** A client that was refused does not hammer: it tries again a little later (not a synchronisation). */
  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The error code of a JSON error answer, else null. */
  private static String error(HttpResponse<Buffer> answer) {
    try {
      return answer.bodyAsJsonObject().getString("error");
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  private static JsonObject utama(JsonObject form) {
    return form.getJsonArray("sections").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("id").equals("utama")).findFirst().orElseThrow();
  }

  private static String alamat(JsonObject form) {
    return utama(form).getJsonArray("fields").stream().map(JsonObject.class::cast)
        .filter(f -> f.getString("name").equals("alamat")).findFirst().orElseThrow().getString("correction");
  }

  private static int version(JsonObject form) {
    return utama(form).getInteger("version");
  }

  /**
   * Stops the clients and checks every one against the database (which must be reachable again): no problem
   * answer, every acknowledged save stored, the last acknowledged text the stored one.
   */
  public Summary finish() throws Exception {
    stop.set(true);
    for (Future<?> f : running) {
      f.get(boundMs + 30_000, TimeUnit.MILLISECONDS);
    }
    long slowest = 0;
    int stored = 0;
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < clients.size(); i++) {
      Client client = clients.get(i);
      slowest = Math.max(slowest, client.slowest);
      String nip = nips.get(i);
      client.unexpected.forEach(u -> problems.add(nip + ": " + u));
      int version = service.sql("select version from form_section where nip = $1 and section = 'utama'", nip)
          .iterator().next().getInteger(0);
      stored += version;
      // The draft as the service reads it back from the database.
      String text = alamat(service.get("/api/me/form", tokens.get(i)).bodyAsJsonObject());
      assertTrue(version >= client.acknowledged, nip + ": every save answered 200 is stored: " + version + " saves stored, "
          + client.acknowledged + " answered 200");
      assertTrue(version <= client.acknowledged + client.unknownOutcomes, nip + ": only saves that were sent: "
          + version + " stored, " + client.acknowledged + " answered 200, " + client.unknownOutcomes + " unknown");
      assertTrue(version >= client.version, nip + ": version " + version + " < " + client.version);
      if (client.unknown.isEmpty()) {
        assertEquals(client.lastAcknowledged, text, nip + ": the last acknowledged save is the stored one");
        assertEquals(client.version, version);
      } else {
        assertTrue(text.equals(client.lastAcknowledged) || client.unknown.contains(text), text);
      }
    }
    assertEquals(List.of(), problems);
    return new Summary(counts(), acknowledged.get(), stored, slowest);
  }

  @Override
  public void close() {
    stop.set(true);
    threads.shutdownNow();
    http.close();
  }
}

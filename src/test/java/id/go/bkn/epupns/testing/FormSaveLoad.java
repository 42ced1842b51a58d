package id.go.bkn.epupns.testing;

import id.go.bkn.epupns.verification.VerificationTesting;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Row;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
 *
 * <p>Beside them {@link #REGISTRANTS} clients register new NIPs over the API without pause (captcha, POST
 * /api/registrations), and {@link #SUBMITTERS} PNS with a filled form submit it each time {@link #releaseSubmits}
 * lets them (just before a fault, so that the fault meets them in flight). Each tries its write until it learns the
 * outcome: 201/200, or the 409 ALREADY_REGISTERED / ALREADY_SUBMITTED that follows an attempt of unknown outcome.
 * {@link #finish()} then counts the rows: every NIP answered 201 (or resolved by its 409) has exactly one
 * registration with its confirmation mail, a NIP whose last attempt stayed unknown at most one, any other none (so
 * answered 201 ≤ stored ≤ answered 201 + unknown); likewise one whole submission (its item, its queue, the form
 * SUBMITTED) per acknowledged submit and none for a form never submitted; and the monitoring and inbox counters
 * equal their recount ({@link Recounts}): nothing was written or counted half.
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
      "EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "100000",
      // The registering clients solve their captchas (the answer comes with it) and come from one IP.
      "EPUPNS_CAPTCHA_EXPOSE_ANSWER", "true",
      "EPUPNS_RATE_LIMIT_CAPTCHA_PER_IP", "100000",
      "EPUPNS_RATE_LIMIT_REGISTRATION_PER_IP", "100000");
  /** Clients that register, each through its own list of NIPs. */
  public static final int REGISTRANTS = 2;
  /**
   * NIPs per registering client: more than it gets through in a run (it pauses {@link #pause} after each
   * registration, so at most 10 a second; the fixture makes at most 999 PNS).
   */
  static final int NIPS_PER_REGISTRANT = 400;
  /** Forms submitted at each {@link #releaseSubmits}. */
  public static final int SUBMITTERS = 4;

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
  private final List<List<SapkFixture.Person>> registering = new ArrayList<>();
  private final Writes registrations = new Writes("registration");
  private final List<String> submitNips = new ArrayList<>();
  private final List<String> submitTokens = new ArrayList<>();
  private final Writes submits = new Writes("submit");
  private int releasedSoFar;

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

  /**
   * What the clients of one kind of write (registration, submit: one per NIP) were told. A NIP is acknowledged
   * (answered 2xx), resolved (a 409 saying it is done, after an attempt of unknown outcome), open (its last attempt
   * of unknown outcome when the run stopped) or none of these (never sent, or refused for good).
   */
  private static final class Writes {
    final String name;
    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    final Set<String> resolved = ConcurrentHashMap.newKeySet();
    final Set<String> open = ConcurrentHashMap.newKeySet();
    final Set<String> tried = ConcurrentHashMap.newKeySet();
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final AtomicInteger unknown = new AtomicInteger();
    final AtomicLong slowest = new AtomicLong();
    final List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());

    Writes(String name) {
      this.name = name;
    }

    Map<Integer, Integer> counts() {
      Map<Integer, Integer> counts = new TreeMap<>();
      statuses.forEach((k, v) -> counts.put(k, v.get()));
      return counts;
    }

    /** Stored rows the answers allow: the acknowledged (and resolved) ones for sure, the open ones perhaps. */
    String check(Map<String, Long> stored, List<String> problems) {
      long total = 0;
      for (Map.Entry<String, Long> e : stored.entrySet()) {
        String nip = e.getKey();
        long n = e.getValue();
        total += n;
        boolean done = acknowledged.contains(nip) || resolved.contains(nip);
        if (done ? n != 1 : n > (open.contains(nip) ? 1 : 0)) {
          problems.add(name + " " + nip + ": " + n + " stored, answered " + (acknowledged.contains(nip) ? "2xx"
              : resolved.contains(nip) ? "409 after an unknown outcome" : open.contains(nip) ? "unknown" : "nothing"));
        }
      }
      if (total < acknowledged.size() || total > acknowledged.size() + resolved.size() + open.size()) {
        problems.add(name + ": " + total + " stored, " + acknowledged.size() + " answered 2xx, "
            + (resolved.size() + open.size()) + " of unknown outcome");
      }
      return name + "s " + counts() + ": " + tried.size() + " NIPs tried, " + acknowledged.size() + " answered 2xx, " + resolved.size()
          + " resolved by a 409 after an unknown outcome, " + open.size() + " unknown at the end, " + total
          + " stored, slowest answer " + slowest.get() + " ms";
    }
  }

  /** What the run saw, once finished and checked. */
  public record Summary(Map<Integer, Integer> statuses, int acknowledged, int stored, long slowestMs,
                        String registrations, String submits) {
    public int count(int status) {
      return statuses.getOrDefault(status, 0);
    }

    @Override
    public String toString() {
      return "answers " + statuses + ", " + acknowledged + " saves answered 200, " + stored
          + " saves stored (all acknowledged ones among them), slowest answer " + slowestMs + " ms; "
          + registrations + "; " + submits;
    }
  }

  /**
   * Registers and logs in that many PNS (of the fixture's BKN work unit) to save, makes the NIPs the registering
   * clients will register, and {@code submitReleases} × {@link #SUBMITTERS} PNS with a filled form (one correction)
   * to submit; nothing is sent yet.
   */
  public FormSaveLoad(TestService service, int count, int submitReleases) {
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
    for (int r = 0; r < REGISTRANTS; r++) {
      registering.add(sapk.pns(SapkFixture.SATKER_BKN, true, NIPS_PER_REGISTRANT));
    }
    // Only its fill (every section marked, one correction) is used: the NIPs come from this load's fixture.
    VerificationTesting forms = new VerificationTesting(service, false);
    for (int i = 0; i < submitReleases * SUBMITTERS; i++) {
      String nip = sapk.pns(SapkFixture.SATKER_BKN, i % 2 == 0).nip();
      String token = pns.registerAndLogin(nip).getString("token");
      forms.fill(token, new JsonObject().put("utama", correction("Jl. Kirim No. " + i)));
      submitNips.add(nip);
      submitTokens.add(token);
    }
    http = WebClient.create(service.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(service.port()), new PoolOptions().setHttp1MaxSize(2 * (count + REGISTRANTS + submitReleases * SUBMITTERS)));
    threads = Executors.newFixedThreadPool(count + REGISTRANTS + submitReleases * SUBMITTERS);
  }

  private static JsonObject correction(String text) {
    return new JsonObject().put("alamat", new JsonObject().put("mark", "WRONG").put("correction", text)
        .put("documents", new JsonArray()));
  }

  /** Every client starts saving, the registering clients registering. */
  public void start() {
    for (int i = 0; i < clients.size(); i++) {
      int index = i;
      running.add(threads.submit(() -> run(index, clients.get(index))));
    }
    for (List<SapkFixture.Person> people : registering) {
      running.add(threads.submit(() -> {
        for (SapkFixture.Person person : people) {
          if (stop.get()) {
            return;
          }
          write(registrations, person.nip(), 201, "ALREADY_REGISTERED", () -> register(person));
          pause();
        }
        registrations.unexpected.add("a registering client ran out of NIPs: make more");
      }));
    }
  }

  /**
   * The next {@link #SUBMITTERS} forms are submitted now, at once, each on a thread of its own until its outcome is
   * known (through the fault that follows); fails when the forms prepared for releases are used up.
   */
  public void releaseSubmits() {
    if (releasedSoFar + SUBMITTERS > submitNips.size()) {
      throw new IllegalStateException("only " + submitNips.size() / SUBMITTERS + " releases prepared");
    }
    for (int i = 0; i < SUBMITTERS; i++) {
      String nip = submitNips.get(releasedSoFar);
      String token = submitTokens.get(releasedSoFar++);
      running.add(threads.submit(() -> write(submits, nip, 200, "ALREADY_SUBMITTED", () -> await(
          http.post("/api/me/form/submit").bearerTokenAuthentication(token).timeout(boundMs + 5000)
              .sendJsonObject(new JsonObject())))));
    }
  }

  /** Waits until this many more registrations have been answered 201 (counted from the call). */
  public void awaitRegistered(String what, int more, Duration deadline) {
    int before = registrations.acknowledged.size();
    Poll.until(what + ": " + more + " more registrations answered 201 after " + before, deadline,
        () -> registrations.acknowledged.size(), n -> n >= before + more);
  }

  /** Registration answers with this status so far (-1: no answer). */
  public int registrationAnswers(int status) {
    AtomicInteger n = registrations.statuses.get(status);
    return n == null ? 0 : n.get();
  }

  /** Submit answers with this status so far (-1: no answer). */
  public int submitAnswers(int status) {
    AtomicInteger n = submits.statuses.get(status);
    return n == null ? 0 : n.get();
  }

  /** A solved captcha (Redis only, up throughout), then the registration; the captcha's answer if it failed. */
  private HttpResponse<Buffer> register(SapkFixture.Person person) {
    HttpResponse<Buffer> captcha = await(http.post("/api/captcha").timeout(boundMs).sendJsonObject(new JsonObject()));
    if (captcha.statusCode() != 200) {
      return captcha;
    }
    JsonObject solved = captcha.bodyAsJsonObject();
    return await(http.post("/api/registrations").timeout(boundMs + 5000).sendJsonObject(new JsonObject()
        .put("nip", person.nip()).put("nik", person.nik()).put("email", email(person.nip()))
        .put("password", "kopi tubruk di pagi hari").put("passwordConfirmation", "kopi tubruk di pagi hari")
        .put("motherName", "Siti Nurhayati").put("securityQuestion", "Apa nama sekolah dasar pertama Anda?")
        .put("securityAnswer", "SD Negeri 3 Cibeunying")
        .put("captchaId", solved.getString("id")).put("captchaAnswer", solved.getString("answer"))));
  }

  private static String email(String nip) {
    return "daftar" + nip + "@example.go.id";
  }

  /**
   * One write of one NIP, tried until its outcome is known: {@code ok}, or the 409 {@code done} after an attempt
   * of unknown outcome (503 SERVICE_UNAVAILABLE with Retry-After, or no answer). Anything else, or an answer
   * slower than the bound, is a problem.
   */
  private void write(Writes writes, String nip, int ok, String done, java.util.function.Supplier<HttpResponse<Buffer>> send) {
    boolean unknown = false;
    writes.tried.add(nip);
    while (!stop.get()) {
      long started = System.nanoTime();
      HttpResponse<Buffer> answer;
      try {
        answer = send.get();
      } catch (IllegalStateException e) {
        answer = null;
      }
      int status = answer == null ? -1 : answer.statusCode();
      long ms = (System.nanoTime() - started) / 1_000_000;
      writes.slowest.accumulateAndGet(ms, Math::max);
      writes.statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
      if (ms > boundMs) {
        writes.unexpected.add(nip + ": " + status + " after " + ms + " ms");
      }
      if (status == ok) {
        writes.acknowledged.add(nip);
        return;
      }
      if (status == -1 || status == 503 && "SERVICE_UNAVAILABLE".equals(error(answer))
          && answer.getHeader("Retry-After") != null) {
        if (status == -1) {
          writes.unexpected.add(nip + ": no answer within " + (boundMs + 5000) + " ms");
        }
        unknown = true;
        writes.unknown.incrementAndGet();
        pause();
        continue;
      }
      if (status == 409 && unknown && done.equals(error(answer))) {
        writes.resolved.add(nip);
        return;
      }
      writes.unexpected.add(nip + ": " + status + " " + answer.bodyAsString());
      return;
    }
    if (unknown) {
      writes.open.add(nip);
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
    registrations.unexpected.forEach(u -> problems.add("registration " + u));
    submits.unexpected.forEach(u -> problems.add("submit " + u));
    if (submits.tried.size() != releasedSoFar) {
      problems.add(releasedSoFar + " submits released, " + submits.tried.size() + " sent");
    }
    String registered = registrations.check(storedRegistrations(problems), problems);
    String submitted = submits.check(storedSubmissions(problems), problems);
    problems.addAll(Recounts.all(service));
    assertEquals(List.of(), problems);
    return new Summary(counts(), acknowledged.get(), stored, slowest, registered, submitted);
  }

  /** Registrations per NIP the registering clients had (0 for most), each checked to have its confirmation mail. */
  private Map<String, Long> storedRegistrations(List<String> problems) {
    Map<String, Long> stored = new TreeMap<>();
    registering.forEach(people -> people.forEach(p -> stored.put(p.nip(), 0L)));
    for (Row row : service.sql("""
        select r.nip, count(*) as n, min((select count(*) from mail_outbox m where m.recipient = r.email)) as mails
          from registration r where r.nip = any($1) group by r.nip""", (Object) stored.keySet().toArray(new String[0]))) {
      stored.put(row.getString("nip"), row.getLong("n"));
      if (row.getLong("mails") != 1) {
        problems.add("registration " + row.getString("nip") + " has " + row.getLong("mails") + " confirmation mails");
      }
    }
    return stored;
  }

  /** Submissions per NIP of the submitters, each checked whole: its item, its queue, the form SUBMITTED. */
  private Map<String, Long> storedSubmissions(List<String> problems) {
    Map<String, Long> stored = new TreeMap<>();
    for (Row row : service.sql("""
        select f.nip, f.state, (select count(*) from submission s where s.nip = f.nip) as n,
               (select count(*) from submission_field x join submission s on s.id = x.submission_id
                 where s.nip = f.nip) as items,
               (select count(*) from submission_tier q join submission s on s.id = q.submission_id
                 where s.nip = f.nip) as queues
          from form f where f.nip = any($1)""", (Object) submitNips.toArray(new String[0]))) {
      long n = row.getLong("n");
      stored.put(row.getString("nip"), n);
      boolean submitted = "SUBMITTED".equals(row.getString("state"));
      if (submitted != (n > 0) || n > 0 && (row.getLong("items") != n || row.getLong("queues") != n)) {
        problems.add("submission half-written: " + row.toJson());
      }
    }
    submitNips.forEach(nip -> stored.putIfAbsent(nip, 0L));
    return stored;
  }

  @Override
  public void close() {
    stop.set(true);
    threads.shutdownNow();
    http.close();
  }
}

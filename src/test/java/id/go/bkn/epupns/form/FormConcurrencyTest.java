package id.go.bkn.epupns.form;

import id.go.bkn.epupns.testing.SapkFixture;
import id.go.bkn.epupns.testing.TestService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static id.go.bkn.epupns.form.FormTesting.section;
import static id.go.bkn.epupns.form.FormTesting.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No lost update on a section: eight tabs of one PNS each read the section, append their own mark to the address
 * correction and save with the version they read, reading again after a 409, three times each. The optimistic version
 * is the guard: every one of the 24 appends is in the final draft and the version counts exactly 24 saves. Without
 * the version check the tabs overwrite each other's appends (README "Concurrency suite").
 */
class FormConcurrencyTest {

  static final int TABS = 8;
  static final int APPENDS = 3;
  static TestService service;
  static SapkFixture sapk;
  static FormTesting form;
  static WebClient parallel;

  @BeforeAll
  static void start() {
    service = TestService.start(FormConcurrencyTest.class, Map.of("EPUPNS_DB_POOL_SIZE", "12"), false);
    sapk = new SapkFixture(service);
    form = new FormTesting(service);
    parallel = WebClient.create(service.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(service.port()), new PoolOptions().setHttp1MaxSize(2 * TABS));
  }

  @AfterAll
  static void stop() {
    parallel.close();
    service.close();
  }

  private static JsonObject utama(String token) {
    HttpResponse<Buffer> response = TestService.await(parallel.get("/api/me/form").bearerTokenAuthentication(token).send());
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return section(response.bodyAsJsonObject(), "utama");
  }

  private static String alamat(JsonObject utama) {
    return utama.getJsonArray("fields").stream().map(JsonObject.class::cast)
        .filter(f -> f.getString("name").equals("alamat")).findFirst().orElseThrow().getString("correction");
  }

  @Test
  void eightTabsAppendingToOneSectionLoseNoUpdate() throws Exception {
    String token = form.login(sapk.pns(SapkFixture.SATKER_BKN, false).nip());
    AtomicInteger conflicts = new AtomicInteger();
    ExecutorService tabs = Executors.newFixedThreadPool(TABS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int tab = 0; tab < TABS; tab++) {
        int me = tab;
        done.add(tabs.submit(() -> {
          for (int n = 0; n < APPENDS; n++) {
            while (true) {
              JsonObject utama = utama(token);
              String current = alamat(utama);
              String next = (current == null ? "Jl. Bersama" : current) + " " + (char) ('a' + me) + n;
              HttpResponse<Buffer> saved = TestService.await(parallel.put("/api/me/form/utama")
                  .bearerTokenAuthentication(token).sendJsonObject(new JsonObject()
                      .put("version", utama.getInteger("version")).put("fields", new JsonObject().put("alamat", wrong(next)))));
              if (saved.statusCode() == 200) {
                break;
              }
              assertEquals(409, saved.statusCode(), saved.bodyAsString());
              conflicts.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      tabs.shutdownNow();
    }
    JsonObject utama = utama(token);
    String alamat = alamat(utama);
    List<String> lost = new ArrayList<>();
    for (int tab = 0; tab < TABS; tab++) {
      for (int n = 0; n < APPENDS; n++) {
        if (!alamat.contains(" " + (char) ('a' + tab) + n)) {
          lost.add("" + (char) ('a' + tab) + n);
        }
      }
    }
    assertEquals(List.of(), lost, "every append is kept: " + alamat);
    assertEquals(TABS * APPENDS, utama.getInteger("version"), "one version per save");
    assertTrue(conflicts.get() > 0, "the tabs did race (409s seen)");
  }
}

package id.go.bkn.epupns.core;

import id.go.bkn.epupns.core.config.AppConfig;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static id.go.bkn.epupns.testing.TestService.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped config files and the environment overrides. */
class AppConfigTest {

  static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  @Test
  void environmentNamesFollowTheKeyPath() {
    assertEquals("EPUPNS_HTTP_PORT", AppConfig.envName("http.port"));
    assertEquals("EPUPNS_CAPTCHA_EXPOSE_ANSWER", AppConfig.envName("captcha.exposeAnswer"));
    assertEquals("EPUPNS_RATE_LIMIT_LOGIN_PER_IP", AppConfig.envName("rateLimit.login.perIp"));
  }

  @Test
  void environmentOverridesKeepTypes() {
    AppConfig config = await(AppConfig.load(vertx, Map.of("EPUPNS_HTTP_PORT", "9999",
        "EPUPNS_CAPTCHA_EXPOSE_ANSWER", "true", "EPUPNS_DB_URL", "postgresql://u@h:1/x",
        "EPUPNS_RATE_LIMIT_LOGIN_PER_IP", "7")));
    assertEquals(9999, config.integer("http.port"));
    assertTrue(config.bool("captcha.exposeAnswer"));
    assertEquals("postgresql://u@h:1/x", config.string("db.url"));
    assertEquals(7, config.integer("rateLimit.login.perIp"));
    assertEquals("dev", config.profile());
  }

  @Test
  void productionProfileLayersItsFile() {
    AppConfig config = await(AppConfig.load(vertx, Map.of("EPUPNS_PROFILE", "production")));
    assertTrue(config.isProduction());
    assertEquals("X-Forwarded-For", config.string("http.trustedClientIpHeader"));
    assertFalse(config.bool("db.createDatabaseIfMissing"));
  }

  @Test
  void the2015ScheduleIsADocumentedExample() {
    AppConfig config = await(AppConfig.load(vertx, Map.of("EPUPNS_EXTRA_CONFIG", "config/schedule-2015.yaml")));
    assertEquals("2015-11-30", config.string("schedule.registrationEnd"));
    assertEquals("2015-12-31", config.string("schedule.verificationEnd"));
  }
}

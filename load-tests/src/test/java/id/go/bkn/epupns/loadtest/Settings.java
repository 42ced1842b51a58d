package id.go.bkn.epupns.loadtest;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * Every knob of a run as a -D property, with two profiles: quick (default, a few minutes on a
 * 2-core machine) and full (-Dprofile=full, the documented national-peak shape). A property given
 * on the command line wins over the profile.
 *
 * <pre>
 *   baseUrl        http://127.0.0.1:8080
 *   rate           arrivals per second at the plateau (new users, open model)
 *   rampSeconds    from rate/10 up to rate
 *   durationSeconds  plateau after the ramp
 *   spikeFactor    the deadline spike: rate × spikeFactor (mixed scenario; 1 = no spike)
 *   spikeSeconds   how long the spike lasts
 *   p95Ms, p99Ms   response-time assertions (all requests)
 *   maxFailedPercent  failed-request assertion
 *   feeders        folder with the CSVs written by `loadtest-prepare` (default target/feeders)
 * </pre>
 */
final class Settings {

  static final boolean FULL = "full".equals(System.getProperty("profile", "quick"));

  static final String BASE_URL = text("baseUrl", "http://127.0.0.1:8080", "http://127.0.0.1:8080");
  static final Path FEEDERS = Path.of(text("feeders", "target/feeders", "target/feeders"));

  private Settings() {
  }

  static String text(String name, String quick, String full) {
    return System.getProperty(name, FULL ? full : quick);
  }

  static double number(String name, double quick, double full) {
    return Double.parseDouble(text(name, Double.toString(quick), Double.toString(full)));
  }

  static int seconds(String name, int quick, int full) {
    return (int) number(name, quick, full);
  }

  static HttpProtocolBuilder protocol() {
    return http.baseUrl(BASE_URL)
        .acceptHeader("application/json")
        .acceptLanguageHeader("id-ID,id;q=0.9")
        .userAgentHeader("epupns-load-test")
        // Every virtual user is a new person with their own connection, as at the real peak.
        .disableCaching();
  }

  /** Ramp from a tenth of the rate to the rate, then the plateau. */
  static List<OpenInjectionStep> rampAndHold(double rate, int rampSeconds, int holdSeconds) {
    List<OpenInjectionStep> steps = new ArrayList<>();
    if (rampSeconds > 0) {
      steps.add(rampUsersPerSec(Math.max(rate / 10, 0.1)).to(rate).during(Duration.ofSeconds(rampSeconds)));
    }
    steps.add(constantUsersPerSec(rate).during(Duration.ofSeconds(holdSeconds)));
    return steps;
  }

  /** Ramp and plateau, then a short climb to rate × factor held for spikeSeconds (the deadline). */
  static List<OpenInjectionStep> rampHoldSpike(double rate, int rampSeconds, int holdSeconds, double factor,
                                               int spikeSeconds) {
    List<OpenInjectionStep> steps = rampAndHold(rate, rampSeconds, holdSeconds);
    if (factor > 1 && spikeSeconds > 0) {
      steps.add(rampUsersPerSec(rate).to(rate * factor).during(Duration.ofSeconds(Math.max(1, spikeSeconds / 6))));
      steps.add(constantUsersPerSec(rate * factor).during(Duration.ofSeconds(spikeSeconds)));
    }
    return steps;
  }

  /** p95, p99 and failed-request assertions; each fails the run (non-zero exit) when broken. */
  static Assertion[] assertions(int p95Quick, int p99Quick) {
    return new Assertion[] {
        global().responseTime().percentile(95.0).lt(seconds("p95Ms", p95Quick, p95Quick)),
        global().responseTime().percentile(99.0).lt(seconds("p99Ms", p99Quick, p99Quick)),
        global().failedRequests().percent().lte(number("maxFailedPercent", 1.0, 1.0))
    };
  }

  /** A feeder file written by `java -jar target/epupns.jar loadtest-prepare`. */
  static String feeder(String name) {
    Path file = FEEDERS.resolve(name);
    if (!Files.isReadable(file)) {
      throw new IllegalStateException(file.toAbsolutePath() + " is missing: run loadtest-prepare first "
          + "(see load-tests/README.md), or pass -Dfeeders=FOLDER");
    }
    return file.toAbsolutePath().toString();
  }
}

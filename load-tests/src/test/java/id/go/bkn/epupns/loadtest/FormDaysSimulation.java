package id.go.bkn.epupns.loadtest;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Scenario 2, the form days: registered PNS arrive, log in, load the form, save every section,
 * upload a scan, save a correction with it and submit. Quick: 2/s for ~80 s; full: 8/s for 12
 * minutes. Each account submits once, so form.csv needs rate × duration rows.
 */
public class FormDaysSimulation extends Simulation {

  static ScenarioBuilder people(String name) {
    return scenario(name)
        .feed(csv(Settings.feeder("form.csv")).queue())
        .exec(Admission.around("form", Flows.form()));
  }

  {
    double rate = Settings.number("rate", 2, 8);
    int ramp = Settings.seconds("rampSeconds", 20, 120);
    int hold = Settings.seconds("durationSeconds", 60, 600);
    setUp(people("form days").injectOpen(Settings.rampAndHold(rate, ramp, hold)))
        .protocols(Settings.protocol())
        .maxDuration(Duration.ofSeconds(ramp + hold + 300))
        .assertions(Settings.assertions(500, 1500));
  }
}

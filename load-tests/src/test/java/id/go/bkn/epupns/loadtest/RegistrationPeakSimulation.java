package id.go.bkn.epupns.loadtest;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Scenario 1, the registration peak: new PNS arrive (open model), each takes a captcha, looks
 * itself up (cari), registers and downloads its proof PDF. Quick: 4/s for ~80 s; full: 10/s for
 * 12 minutes (one 2-core instance is bounded by Argon2 at about 10–14 registrations/s).
 */
public class RegistrationPeakSimulation extends Simulation {

  static ScenarioBuilder people(String name) {
    return scenario(name)
        .feed(csv(Settings.feeder("registration.csv")).queue())
        .exec(Admission.around("registration", Flows.registration()));
  }

  {
    double rate = Settings.number("rate", 4, 10);
    int ramp = Settings.seconds("rampSeconds", 20, 120);
    int hold = Settings.seconds("durationSeconds", 60, 600);
    setUp(people("registration peak").injectOpen(Settings.rampAndHold(rate, ramp, hold)))
        .protocols(Settings.protocol())
        .maxDuration(Duration.ofSeconds(ramp + hold + 300))
        .assertions(Settings.assertions(800, 2000));
  }
}

package id.go.bkn.epupns.loadtest;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Scenario 3, the verification days: verifiers log in and work through their inbox (claim,
 * review, decide). Officers are never queued: no waiting room here. Written against issue 9's
 * contract; runs once GET /api/inbox and the decisions API exist. The inbox is filled by
 * FormDaysSimulation's submissions (run it first with the same feeders).
 */
public class VerificationDaysSimulation extends Simulation {

  static ScenarioBuilder people(String name) {
    return scenario(name)
        .feed(csv(Settings.feeder("verifiers.csv")).circular())
        .exec(Flows.verification());
  }

  {
    double rate = Settings.number("rate", 0.5, 2);
    int ramp = Settings.seconds("rampSeconds", 10, 60);
    int hold = Settings.seconds("durationSeconds", 60, 600);
    setUp(people("verification days").injectOpen(Settings.rampAndHold(rate, ramp, hold)))
        .protocols(Settings.protocol())
        .maxDuration(Duration.ofSeconds(ramp + hold + 300))
        .assertions(Settings.assertions(500, 1500));
  }
}

package id.go.bkn.epupns.loadtest;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 4, the mixed national peak: registrations, form sessions and (with
 * -Dverification=true, once issue 9's inbox has landed) verifier sessions in realistic shares of
 * one arrival rate, ramping up, holding, then a deadline spike of spikeFactor × the rate.
 *
 * Shares (-DregistrationShare, -DformShare, -DverificationShare): by default 0.45 / 0.50 / 0.05:
 * in 2015 the first weeks were mostly registrations and the last weeks mostly form entry; at
 * the deadline both run at once, and about one verifier session per twenty PNS sessions
 * (SKPD staff verify their own unit's submissions the same days).
 */
public class MixedPeakSimulation extends Simulation {

  {
    double rate = Settings.number("rate", 4, 12);
    int ramp = Settings.seconds("rampSeconds", 30, 300);
    int hold = Settings.seconds("durationSeconds", 60, 600);
    double spike = Settings.number("spikeFactor", 3, 4);
    int spikeSeconds = Settings.seconds("spikeSeconds", 30, 180);
    boolean verification = Boolean.parseBoolean(System.getProperty("verification", "false"));
    double registrationShare = Settings.number("registrationShare", 0.45, 0.45);
    double formShare = Settings.number("formShare", 0.50, 0.50);
    double verificationShare = verification ? Settings.number("verificationShare", 0.05, 0.05) : 0;

    List<PopulationBuilder> populations = new ArrayList<>();
    populations.add(RegistrationPeakSimulation.people("mixed: registration").injectOpen(
        Settings.rampHoldSpike(rate * registrationShare, ramp, hold, spike, spikeSeconds)));
    populations.add(FormDaysSimulation.people("mixed: form").injectOpen(
        Settings.rampHoldSpike(rate * formShare, ramp, hold, spike, spikeSeconds)));
    if (verification) {
      // Verifiers keep their pace at the deadline: no spike for officers.
      populations.add(VerificationDaysSimulation.people("mixed: verification").injectOpen(
          Settings.rampAndHold(rate * verificationShare, ramp, hold + spikeSeconds)));
    }
    setUp(populations)
        .protocols(Settings.protocol())
        .maxDuration(Duration.ofSeconds(ramp + hold + spikeSeconds + 300))
        .assertions(Settings.assertions(300, 1000));
  }
}

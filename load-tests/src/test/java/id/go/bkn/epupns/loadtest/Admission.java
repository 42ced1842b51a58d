package id.go.bkn.epupns.loadtest;

import io.gatling.javaapi.core.ChainBuilder;

import static io.gatling.javaapi.core.CoreDsl.exec;

/** The waiting-room steps, skipped with -Dadmission=false (a service without the waiting room). */
final class Admission {

  static final boolean ON = Boolean.parseBoolean(System.getProperty("admission", "true"));

  private Admission() {
  }

  static ChainBuilder enter(String flow) {
    return ON ? Flows.admission(flow) : exec(session -> session);
  }

  static ChainBuilder leave() {
    return ON ? Flows.leave() : exec(session -> session);
  }

  /**
   * A flow behind the waiting room: enter (a person never admitted stops there), the steps, and the place given
   * back also when a step failed, so that failed virtual users do not hold places until they idle out (which
   * starved the queue in overload runs).
   */
  static ChainBuilder around(String flow, ChainBuilder steps) {
    return ON ? enter(flow).exitBlockOnFail().on(steps).exec(leave()) : steps;
  }
}

package id.go.bkn.epupns.admission;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gradient each instance reports: relative to each class's own usual latency, and capped by its target. */
class GradientLimitTest {

  private final GradientLimit.LatencyClass hashing =
      new GradientLimit.LatencyClass("hashing", List.of("POST /api/registrations", "POST /api/auth/login"), 1000);
  private final GradientLimit.LatencyClass other = new GradientLimit.LatencyClass("other", List.of(), 300);
  private final GradientLimit limit = new GradientLimit(List.of(hashing, other));

  private double interval(GradientLimit.LatencyClass c, long millis, int requests) {
    for (int i = 0; i < requests; i++) {
      limit.record(c, millis);
    }
    return limit.gradient();
  }

  @Test
  void routesFallIntoTheirClassAndTheRestIntoTheCatchAll() {
    assertEquals("hashing", limit.classOf("POST", "/api/registrations").name());
    assertEquals("hashing", limit.classOf("POST", "/api/auth/login").name());
    assertEquals("other", limit.classOf("GET", "/api/registrations").name());
    assertEquals("other", limit.classOf("PUT", "/api/me/form").name());
    assertTrue(GradientLimit.matches("/api/me/*", "PUT", "/api/me/form"));
    assertTrue(!GradientLimit.matches("GET /api/pns/*", "POST", "/api/pns/1"));
  }

  @Test
  void aSlowRouteAtItsUsualSpeedIsNotOverload() {
    // Hash-bound requests at 350 ms, above the 300 ms of cheap ones: as usual, so the gradient stays 1
    // (AIMD against one 300 ms target held the limit at its floor here).
    for (int i = 0; i < 5; i++) {
      assertEquals(1.0, interval(hashing, 350, 40), 1e-9);
    }
  }

  @Test
  void queueingCutsTheLimitByHowMuchSlowerRequestsGot() {
    for (int i = 0; i < 5; i++) {
      interval(other, 20, 100);
    }
    assertEquals(1.0, interval(other, 35, 100), 1e-9, "under twice the usual: tolerated");
    double g = interval(other, 80, 100);
    assertTrue(g < 0.7 && g >= 0.5, "four times the usual: cut, " + g);
    assertEquals(0.5, interval(other, 2000, 100), 1e-9, "one step at most halves the limit");
  }

  @Test
  void theTargetCapsWhatTheLongAverageWouldTolerate() {
    // Always slow: the long average follows, the gradient alone would say 1; the p95 target does not.
    for (int i = 0; i < 40; i++) {
      interval(other, 400, 100);
    }
    double g = interval(other, 400, 100);
    assertTrue(g < 1 && g >= 0.5, "p95 over 300 ms keeps cutting: " + g);
  }

  @Test
  void tooFewRequestsSayNothing() {
    assertEquals(-1, interval(other, 5000, GradientLimit.MIN_SAMPLES - 1), 1e-9);
    assertEquals(-1, limit.gradient(), 1e-9, "and every interval starts anew");
  }
}

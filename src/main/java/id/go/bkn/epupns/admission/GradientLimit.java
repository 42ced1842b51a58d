package id.go.bkn.epupns.admission;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one instance tells the shared limit each adjustment, in the manner of Netflix's Gradient2
 * (concurrency-limits): per latency class (admission.latencyClasses: hash-bound routes apart from
 * the cheap ones), the mean latency of this interval (short) against its long-run average (long,
 * an exponential average over about ten intervals). The gradient {@code tolerance × long ÷ short},
 * clamped to [0.5, 1], is 1 while requests are as fast as usual and falls as queueing makes them
 * slower, whatever a route costs by itself; a class whose p95 passes its own target is cut by
 * {@code target ÷ p95} too, so the long average cannot drift up with a sustained overload. The worst
 * class decides. The limit then moves as {@code limit × gradient} when below 1, and grows by
 * {@code max(increaseStep, √limit)} (Gradient2's queue allowance) when 1 and in use (see {@link WaitingRoom}).
 * Only touched from its verticle's event loop.
 */
final class GradientLimit {

  /** Gradient2's tolerance: latency may reach twice its long-run average before the limit is cut. */
  static final double TOLERANCE = 2.0;
  /** The smallest gradient of one step: one cut at most halves the limit. */
  static final double MIN_GRADIENT = 0.5;
  /** Weight of one interval in the long-run average: about ten intervals. */
  static final double LONG_WEIGHT = 0.1;
  /**
   * Fewer requests than this in an interval say nothing about latency. Small: when overloaded, few requests
   * finish per interval (the overload run with 20 waited 40 s before its first cut).
   */
  static final int MIN_SAMPLES = 5;

  /** A latency class: its routes ("METHOD path" or a path, * at the end = the rest) and p95 target. */
  record LatencyClass(String name, List<String> routes, int targetMs) {
  }

  private final List<LatencyClass> classes;
  private final Map<String, LatencyWindow> windows = new LinkedHashMap<>();
  private final Map<String, Double> longMeans = new LinkedHashMap<>();

  /** @param classes the classes, the catch-all last (routes empty: every gated request not in another) */
  GradientLimit(List<LatencyClass> classes) {
    this.classes = List.copyOf(classes);
    for (LatencyClass c : classes) {
      windows.put(c.name(), new LatencyWindow());
    }
  }

  /** The class a gated request belongs to: the first whose routes match, else the catch-all. */
  LatencyClass classOf(String method, String path) {
    for (LatencyClass c : classes) {
      for (String route : c.routes()) {
        if (matches(route, method, path)) {
          return c;
        }
      }
    }
    return classes.get(classes.size() - 1);
  }

  static boolean matches(String route, String method, String path) {
    int space = route.indexOf(' ');
    if (space >= 0 && !route.substring(0, space).equals(method)) {
      return false;
    }
    String pattern = space < 0 ? route : route.substring(space + 1);
    return pattern.endsWith("*") ? path.startsWith(pattern.substring(0, pattern.length() - 1)) : path.equals(pattern);
  }

  void record(LatencyClass latencyClass, long millis) {
    windows.get(latencyClass.name()).record(millis);
  }

  /**
   * This interval's gradient (and a new interval begins): in [0.5, 1], or -1 when no class had
   * enough requests to say anything.
   */
  double gradient() {
    double gradient = -1;
    for (LatencyClass c : classes) {
      LatencyWindow window = windows.get(c.name());
      if (window.count() >= MIN_SAMPLES) {
        double g = gradient(c, window.mean(), window.quantile(0.95));
        gradient = gradient < 0 ? g : Math.min(gradient, g);
      }
      window.reset();
    }
    return gradient;
  }

  private double gradient(LatencyClass c, double shortMean, long p95) {
    double shortMs = Math.max(1, shortMean);
    Double previous = longMeans.get(c.name());
    double longMs = previous == null ? shortMs : previous * (1 - LONG_WEIGHT) + shortMs * LONG_WEIGHT;
    if (longMs / shortMs > 2) {
      longMs *= 0.95; // as Gradient2: the box got faster, let the long average follow sooner
    }
    longMeans.put(c.name(), longMs);
    double g = clamp(TOLERANCE * longMs / shortMs);
    if (p95 > c.targetMs()) {
      g = Math.min(g, clamp((double) c.targetMs() / p95));
    }
    return g;
  }

  private static double clamp(double g) {
    return Math.max(MIN_GRADIENT, Math.min(1.0, g));
  }
}

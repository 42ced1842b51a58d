package id.go.bkn.epupns.admission;

/**
 * The latencies of admitted requests on one event loop since the last adjustment, in
 * logarithmic buckets (no allocation per request), and their mean: what drives the adaptive limit.
 * Only touched from its verticle's event loop.
 */
final class LatencyWindow {

  // Bucket i holds latencies up to BOUNDS[i] ms; the last one everything above.
  private static final int[] BOUNDS = {1, 2, 3, 5, 7, 10, 15, 20, 30, 40, 50, 70, 100, 130, 170, 220, 300, 400,
      500, 700, 1000, 1500, 2000, 3000, 5000, 10000, Integer.MAX_VALUE};
  private final long[] counts = new long[BOUNDS.length];
  private long total;
  private long sum;

  void record(long millis) {
    sum += millis;
    int i = 0;
    while (millis > BOUNDS[i]) {
      i++;
    }
    counts[i]++;
    total++;
  }

  long count() {
    return total;
  }

  /** The mean latency (ms) since the last reset; 0 when empty. */
  double mean() {
    return total == 0 ? 0 : (double) sum / total;
  }

  /** The upper bound (ms) of the bucket holding the given quantile; 0 when empty. */
  long quantile(double q) {
    if (total == 0) {
      return 0;
    }
    long wanted = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= wanted) {
        return BOUNDS[i];
      }
    }
    return BOUNDS[BOUNDS.length - 1];
  }

  void reset() {
    java.util.Arrays.fill(counts, 0);
    total = 0;
    sum = 0;
  }
}

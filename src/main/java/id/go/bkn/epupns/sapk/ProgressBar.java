package id.go.bkn.epupns.sapk;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr for the SAPK commands: percentage, rows, rows/s and ETA.
 * Redrawn at most twice a second; progress is whatever fraction the caller knows (bytes read of
 * the file for the importer, rows written for the generator).
 */
final class ProgressBar {

  private static final int WIDTH = 30;

  private final PrintStream out;
  private final String label;
  private final long startNanos = System.nanoTime();
  private long lastDraw;
  private boolean drawn;

  ProgressBar(PrintStream out, String label) {
    this.out = out;
    this.label = label;
  }

  /** Redraws when due; {@code done} and {@code total} in the same unit (bytes or rows). */
  void update(long rows, long done, long total) {
    long now = System.nanoTime();
    if (out == null || now - lastDraw < 500_000_000L) {
      return;
    }
    lastDraw = now;
    draw(rows, done, total, now);
  }

  void finish(long rows, long done, long total) {
    if (out == null) {
      return;
    }
    draw(rows, done, total, System.nanoTime());
    out.println();
    drawn = false;
  }

  /** Prints a message on its own line without breaking the bar. */
  void message(String text) {
    if (out == null) {
      return;
    }
    if (drawn) {
      out.print("\r\033[K");
    }
    out.println(text);
    lastDraw = 0;
  }

  double seconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private void draw(long rows, long done, long total, long now) {
    double fraction = total <= 0 ? 0 : Math.min(1.0, (double) done / total);
    double seconds = (now - startNanos) / 1e9;
    int filled = (int) Math.round(fraction * WIDTH);
    String eta = fraction <= 0 ? "--:--" : clock(seconds / fraction - seconds);
    out.print(String.format(Locale.ROOT, "\r%s [%s%s] %5.1f%% %,d rows %,.0f rows/s ETA %s ",
        label, "#".repeat(filled), ".".repeat(WIDTH - filled), fraction * 100, rows,
        seconds > 0 ? rows / seconds : 0, eta));
    out.flush();
    drawn = true;
  }

  private static String clock(double seconds) {
    long s = Math.max(0, Math.round(seconds));
    return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format("%d:%02d", s / 60, s % 60);
  }
}

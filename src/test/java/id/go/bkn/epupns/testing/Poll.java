package id.go.bkn.epupns.testing;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Waiting for a condition in a test: the probe is asked again every {@link #EVERY} until its answer satisfies the
 * condition or the deadline passes; a fixed sleep is never a synchronisation. The deadlines are generous (the
 * machine is shared and loaded); a test that passes waits only as long as the condition takes.
 */
public final class Poll {

  /** Pause between two probes. */
  public static final Duration EVERY = Duration.ofMillis(50);

  private Poll() {
  }

  /** A probe that may throw (a refused connection, an answer not yet there): that counts as "not yet". */
  @FunctionalInterface
  public interface Probe<T> {
    T get() throws Exception;
  }

  /** Waits until the probe's answer satisfies done; returns that answer, else fails naming what was awaited. */
  public static <T> T until(String what, Duration deadline, Probe<T> probe, Predicate<? super T> done) {
    return until(what, deadline, EVERY, probe, done);
  }

  /**
   * As {@link #until(String, Duration, Probe, Predicate)}, probing every {@code every}: for a probe that costs
   * something a fast pace would exhaust (a login counted by a rate limit).
   */
  public static <T> T until(String what, Duration deadline, Duration every, Probe<T> probe, Predicate<? super T> done) {
    long end = System.nanoTime() + deadline.toNanos();
    T last = null;
    Exception lastFailure = null;
    while (true) {
      try {
        last = probe.get();
        lastFailure = null;
        if (done.test(last)) {
          return last;
        }
      } catch (Exception notYet) {
        lastFailure = notYet;
      }
      if (System.nanoTime() - end > 0) {
        AssertionError failed = new AssertionError("not within " + deadline.toMillis() + " ms: " + what
            + (lastFailure != null ? " (last probe failed: " + lastFailure + ")" : " (last seen: " + last + ")"));
        if (lastFailure != null) {
          failed.initCause(lastFailure);
        }
        throw failed;
      }
      pause(every);
    }
  }

  /** Waits until the condition holds, else fails naming what was awaited. */
  public static void until(String what, Duration deadline, Probe<Boolean> condition) {
    until(what, deadline, condition, Boolean.TRUE::equals);
  }

  private static void pause(Duration every) {
    try {
      Thread.sleep(every.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while polling", e);
    }
  }
}

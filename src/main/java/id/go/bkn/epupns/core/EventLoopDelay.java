package id.go.bkn.epupns.core;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Event-loop delay, what ops watch first at the peak: a timer on the caller's event loop that
 * should fire every 100 ms; how late it fires is how long every request on that loop waited too.
 * Metric epupns_event_loop_delay_seconds{loop=...} (with a histogram for p99 in Grafana).
 */
public final class EventLoopDelay {

  private static final long PERIOD_MS = 100;

  private EventLoopDelay() {
  }

  /** Starts measuring the event loop of the calling verticle (cancelled with it). */
  public static void start(Vertx vertx, MeterRegistry registry) {
    Timer timer = Timer.builder("epupns_event_loop_delay")
        .description("How late a 100 ms timer fires on the event loop (time requests wait for the loop)")
        .tag("loop", Thread.currentThread().getName())
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
    long[] expected = {System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PERIOD_MS)};
    vertx.setPeriodic(PERIOD_MS, id -> {
      long now = System.nanoTime();
      timer.record(Math.max(0, now - expected[0]), TimeUnit.NANOSECONDS);
      expected[0] = now + TimeUnit.MILLISECONDS.toNanos(PERIOD_MS);
    });
  }
}

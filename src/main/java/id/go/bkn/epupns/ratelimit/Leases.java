package id.go.bkn.epupns.ratelimit;

import id.go.bkn.epupns.core.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Requests a subject may make without asking Redis again: the script counts a lease of several requests
 * at once (all of them, at once, in the current sub-window), and this instance hands them out until the
 * sub-window ends. Counted before they are used, so the limit still holds in any window across all
 * instances; a lease left unused when its sub-window ends is lost (the subject is refused a little early,
 * never let through more). Only subjects far from their limit get more than one: the headroom must be at
 * least {@code rateLimit.lease.minHeadroom}, and one lease takes at most {@code share} of it. The
 * configured limits of people (tens to hundreds per window) are far below that, so they stay exact, one
 * round trip per request; raised limits (an office's shared address, a load test) cost one round trip
 * per lease instead.
 *
 * <p>The size adapts per subject: it doubles while leases are used up within their sub-window and halves
 * when one is left over, so a quiet subject wastes little. Requests that find the lease used up while
 * the next one is being fetched wait for that fetch instead of fetching their own.
 */
final class Leases {

  /** Every so many checks, subjects whose lease has ended are forgotten. */
  private static final int SWEEP_EVERY = 4096;

  private final int max;
  private final int minHeadroom;
  private final double share;
  private final Map<String, Subject> subjects = new ConcurrentHashMap<>();
  private final AtomicInteger checks = new AtomicInteger();

  private Leases(int max, int minHeadroom, double share) {
    this.max = max;
    this.minHeadroom = minHeadroom;
    this.share = share;
  }

  /** From rateLimit.lease (max, minHeadroom, share); without it every request asks Redis. */
  static Leases from(AppConfig config) {
    JsonObject lease = config.section("rateLimit").getJsonObject("lease");
    if (lease == null || lease.getInteger("max", 1) <= 1) {
      return new Leases(1, Integer.MAX_VALUE, 0);
    }
    return new Leases(lease.getInteger("max"), lease.getInteger("minHeadroom"), lease.getDouble("share"));
  }

  int minHeadroom() {
    return minHeadroom;
  }

  double share() {
    return share;
  }

  /** Whether a limit this size can ever be leased; smaller ones skip this class (and its memory) entirely. */
  boolean applies(int smallestLimit) {
    return max > 1 && smallestLimit >= minHeadroom;
  }

  /** What Redis said to one ask: refused (then the failure), or so many requests granted for so many ms. */
  record Grant(Throwable refusal, int granted, long validMillis) {
  }

  /**
   * Lets one request through from this subject's lease, or asks Redis (through {@code ask}, given the
   * size wanted) for the next one; {@code local} runs for a request let through without asking.
   */
  Future<Void> take(String subject, IntFunction<Future<Grant>> ask, Runnable local) {
    if (checks.incrementAndGet() % SWEEP_EVERY == 0) {
      sweep();
    }
    Subject s = subjects.computeIfAbsent(subject, k -> new Subject());
    long now = System.nanoTime();
    if (s.takeOne(now)) {
      local.run();
      return Future.succeededFuture();
    }
    Future<Void> pending;
    synchronized (s) {
      pending = s.fetching;
      if (pending == null) {
        int want = s.nextSize(max);
        Future<Void> fetch = ask.apply(want).compose(grant -> {
          synchronized (s) {
            s.fetching = null;
            // One of the granted requests is this one; a refusal ends the lease.
            s.lease = grant.refusal() != null ? null : new Lease(grant.granted(), now + grant.validMillis() * 1_000_000L);
          }
          return grant.refusal() != null ? Future.failedFuture(grant.refusal()) : Future.succeededFuture();
        }, failure -> {
          synchronized (s) {
            s.fetching = null;
          }
          return Future.failedFuture(failure);
        });
        // A reply on this thread has already cleared it.
        if (!fetch.isComplete()) {
          s.fetching = fetch;
        }
        return fetch;
      }
    }
    // Someone is fetching the next lease: take from it when it comes (or fetch again if it ran out);
    // refused or failed, this request is too, for the same reason.
    return pending.transform(done -> done.failed() ? Future.failedFuture(done.cause()) : take(subject, ask, local));
  }

  /** Forgets subjects whose lease has ended and that nobody is fetching for: memory stays per active subject. */
  private void sweep() {
    long now = System.nanoTime();
    subjects.entrySet().removeIf(e -> {
      Subject s = e.getValue();
      synchronized (s) {
        return s.fetching == null && (s.lease == null || now - s.lease.validUntil > 0);
      }
    });
  }

  /** Requests counted in Redis for this instance to hand out until validUntil (System.nanoTime). */
  private static final class Lease {
    final int size;
    final AtomicInteger left;
    final long validUntil;

    Lease(int size, long validUntil) {
      this.size = size;
      this.left = new AtomicInteger(size - 1);
      this.validUntil = validUntil;
    }
  }

  private static final class Subject {
    volatile Lease lease;
    Future<Void> fetching;
    int size = 1;

    boolean takeOne(long now) {
      Lease current = lease;
      return current != null && now - current.validUntil < 0 && current.left.getAndDecrement() > 0;
    }

    /** Double after a lease that was used up, halve after one left over; between 1 and max. */
    int nextSize(int max) {
      Lease last = lease;
      if (last != null) {
        size = last.left.get() <= 0 ? Math.min(max, last.size * 2) : Math.max(1, last.size / 2);
      }
      return size;
    }
  }
}

package id.go.bkn.epupns.core.blocking;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.util.concurrent.Callable;

/**
 * A named pool for one kind of blocking work (password hashing, PDF rendering, image drawing,
 * file I/O), so that the event loops never run it. Each job is timed in
 * {@code epupns_blocking_work_seconds{job=...}}, and refuses to run on an event loop.
 */
public final class BlockingWork {

  private final WorkerExecutor executor;
  private final Timer timer;
  private final String job;

  private BlockingWork(WorkerExecutor executor, Timer timer, String job) {
    this.executor = executor;
    this.timer = timer;
    this.job = job;
  }

  /** Pools are shared by name, so every verticle instance uses the same threads for a job. */
  public static BlockingWork create(Vertx vertx, MeterRegistry registry, String job, int threads) {
    WorkerExecutor executor = vertx.createSharedWorkerExecutor("epupns-" + job, threads);
    Timer timer = Timer.builder("epupns_blocking_work")
        .description("Blocking work run on worker threads, by job")
        .tag("job", job)
        .register(registry);
    return new BlockingWork(executor, timer, job);
  }

  public <T> Future<T> run(Callable<T> work) {
    return executor.executeBlocking(() -> {
      if (Context.isOnEventLoopThread()) {
        throw new IllegalStateException("blocking job '" + job + "' reached an event loop");
      }
      return timer.recordCallable(work);
    }, false);
  }
}

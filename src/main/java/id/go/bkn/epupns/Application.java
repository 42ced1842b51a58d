package id.go.bkn.epupns;

import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.database.Transactions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.UUID;
import java.util.Map;

/**
 * Starts e-PUPNS: {@code java -jar target/epupns.jar [--demo]}.
 * Other commands (SAPK generation and import, officer accounts) are listed by {@code --help}.
 */
public final class Application {

  private Application() {
  }

  public static void main(String[] rawArgs) {
    // Blank arguments come from wrappers such as docker compose's "${EPUPNS_ARGS:-}".
    String[] args = Arrays.stream(rawArgs).filter(a -> !a.isBlank()).toArray(String[]::new);
    if ("json".equalsIgnoreCase(System.getenv("EPUPNS_LOG_FORMAT"))) {
      // Must be chosen before the first logger exists.
      System.setProperty("logback.configurationFile", "logback-json.xml");
    }
    if (args.length > 0 && !args[0].startsWith("--")) {
      System.exit(Commands.run(args));
      return;
    }
    if (Arrays.asList(args).contains("--help")) {
      System.out.println(Commands.usage());
      return;
    }
    boolean demo = Arrays.asList(args).contains("--demo");
    start(System.getenv(), demo).onComplete(result -> {
      if (result.failed()) {
        // One clear line, not a stack trace storm.
        System.err.println("e-PUPNS failed to start: " + rootMessage(result.cause()));
        System.exit(1);
      }
    });
  }

  /** Starts a whole service in this JVM: used by main and by the tests. */
  public static Future<Running> start(Map<String, String> env, boolean demo) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Transactions.registerMetrics(registry);
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        // vertx-micrometer keeps its backends in a JVM-wide map by this name (computeIfAbsent): under the default
        // name a start while an earlier Vert.x of this JVM is still closing (the tests start many) would reuse
        // that one's registry, ignore ours and bind the JVM meters to it twice. One name per start.
        .setRegistryName("epupns-" + UUID.randomUUID())
        .setJvmMetricsEnabled(true)
        .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE, Label.POOL_TYPE,
            Label.POOL_NAME))
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)
            // Histogram buckets, so Grafana can show p95/p99 of every route (config/grafana).
            .setPublishQuantiles(true));
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    return AppConfig.load(vertx, env)
        .compose(config -> vertx.deployVerticle(new MainVerticle(config, registry, demo))
            .map(id -> new Running(vertx, config, registry)))
        .recover(failure -> {
          // Not awaited: listeners of a closing Vert.x would run on its terminated event loops.
          vertx.close();
          return Future.failedFuture(failure);
        });
  }

  /** The failure and its root cause on one line (Flyway and JDBC messages span several). */
  public static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String outer = firstLine(failure);
    String inner = firstLine(root);
    return root == failure || outer.contains(inner) ? outer : outer + " (" + inner + ")";
  }

  private static String firstLine(Throwable t) {
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline).strip();
  }

  /** A started service. */
  public record Running(Vertx vertx, AppConfig config, PrometheusMeterRegistry registry) {
    public Future<Void> stop() {
      return vertx.close();
    }
  }
}

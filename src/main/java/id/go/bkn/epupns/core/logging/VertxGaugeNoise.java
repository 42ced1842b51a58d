package id.go.bkn.epupns.core.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops Micrometer's "This Gauge has been already registered" for Vert.x's own gauges, and only
 * those. vertx-micrometer 5 registers its connection and pool gauges (vertx.http.server.active.connections,
 * vertx.net.client.active.connections, vertx.pool.*) again for every new connection, on purpose: the
 * values live in one shared LongAdder per meter id, so they stay right (vert-x3/vertx-micrometer-metrics#259,
 * micrometer-metrics/micrometer#6931, both open). Micrometer 1.14+ warns on every such re-registration,
 * which on our console read like a bug of ours. A double registration of any other gauge (ours are
 * epupns_*) still shows. Wired in logback.xml and logback-json.xml.
 */
public final class VertxGaugeNoise extends TurboFilter {

  static final String LOGGER = "io.micrometer.core.instrument.MeterRegistry";
  static final String MESSAGE = "This Gauge has been already registered (MeterId{name='vertx.";

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    return format != null && LOGGER.equals(logger.getName()) && format.startsWith(MESSAGE)
        ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}

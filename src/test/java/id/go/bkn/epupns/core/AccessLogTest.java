package id.go.bkn.epupns.core;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The access line is written on the event loop for every request: the log call must only enqueue
 * (an asynchronous appender that never blocks), never write to the console itself.
 */
class AccessLogTest {

  @Test
  void accessLinesGoThroughANeverBlockingAsyncAppender() {
    Logger access = (Logger) LoggerFactory.getLogger("access");
    List<Appender<ILoggingEvent>> direct = new ArrayList<>();
    for (Logger l = access; l != null; l = parent(l)) {
      for (Iterator<Appender<ILoggingEvent>> it = l.iteratorForAppenders(); it.hasNext(); ) {
        direct.add(it.next());
      }
      if (!l.isAdditive()) {
        break;
      }
    }
    assertTrue(!direct.isEmpty(), "the access logger writes somewhere");
    for (Appender<ILoggingEvent> appender : direct) {
      assertTrue(appender instanceof AsyncAppender, "not asynchronous: " + appender.getName());
      AsyncAppender async = (AsyncAppender) appender;
      assertTrue(async.isNeverBlock(), "a full queue must not block the event loop");
      assertEquals(0, async.getDiscardingThreshold(), "lines are dropped only when the queue is full");
      assertTrue(async.iteratorForAppenders().next() instanceof ConsoleAppender, "it feeds the console");
    }
  }

  private static Logger parent(Logger logger) {
    String name = logger.getName();
    if (Logger.ROOT_LOGGER_NAME.equals(name)) {
      return null;
    }
    int dot = name.lastIndexOf('.');
    return (Logger) LoggerFactory.getLogger(dot < 0 ? Logger.ROOT_LOGGER_NAME : name.substring(0, dot));
  }
}

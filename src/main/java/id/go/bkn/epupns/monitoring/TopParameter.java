package id.go.bkn.epupns.monitoring;

import id.go.bkn.epupns.core.http.ApiError;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code ?top=N} of the monitoring answers, for the pages that show that many: the national stats' agencies (most
 * waiting first) and the backlog's agencies or work units (longest waiting first) cut to the first N. An agency's
 * stats list every work unit whatever N.
 */
final class TopParameter {

  static final int MAX = 1000;

  private TopParameter() {
  }

  /** N, or null without the parameter (the whole list); 400 naming {@code top} when it is no number 1..MAX. */
  static Integer of(RoutingContext ctx) {
    String text = ctx.queryParams().get("top");
    if (text == null || text.isBlank()) {
      return null;
    }
    if (!text.strip().matches("[1-9][0-9]{0,3}") || Integer.parseInt(text.strip()) > MAX) {
      throw ApiError.field("top", "top harus bilangan bulat 1 s.d. " + MAX + ".");
    }
    return Integer.valueOf(text.strip());
  }
}

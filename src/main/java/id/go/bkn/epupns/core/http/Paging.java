package id.go.bkn.epupns.core.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;

/** ?page= (from 1) and ?size= (1..MAX_SIZE) of a list, validated; the answer's envelope. */
public record Paging(int page, int size) {

  public static final int DEFAULT_SIZE = 20;
  public static final int MAX_SIZE = 100;

  public static Paging from(RoutingContext ctx, FieldErrors errors) {
    int page = number(ctx, "page", 1, 1, 100_000, errors);
    int size = number(ctx, "size", DEFAULT_SIZE, 1, MAX_SIZE, errors);
    return new Paging(page, size);
  }

  private static int number(RoutingContext ctx, String name, int fallback, int min, int max, FieldErrors errors) {
    String text = ctx.queryParams().get(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(name, name + " harus bilangan bulat " + min + " s.d. " + max + ".");
    return fallback;
  }

  public int offset() {
    return (page - 1) * size;
  }

  /** The list query's parameters: the filter's, then limit and offset. */
  public Tuple limitOffset(Tuple filter) {
    Tuple out = Tuple.tuple();
    for (int i = 0; i < filter.size(); i++) {
      out.addValue(filter.getValue(i));
    }
    return out.addInteger(size).addInteger(offset());
  }

  public JsonObject envelope(JsonArray items, long total) {
    return new JsonObject().put("items", items).put("page", page).put("size", size).put("total", total);
  }
}

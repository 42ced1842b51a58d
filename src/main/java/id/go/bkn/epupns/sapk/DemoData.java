package id.go.bkn.epupns.sapk;

import id.go.bkn.epupns.core.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/** Demo data set (--demo). Being written: see issue 2. */
public final class DemoData {

  private DemoData() {
  }

  public static Future<Void> load(Vertx vertx, Pool pool, AppConfig config) {
    return Future.succeededFuture();
  }
}

package id.go.bkn.epupns.registration.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.Tuple;

/**
 * Not a test: the bare Vert.x + PostgreSQL lookup that GET /api/pns/{nip} is measured against
 * (src/test/bench/lookup-bench.sh). Same SQL, same pool settings (size, prepared-statement cache,
 * pipelining), same number of event loops as the service; nothing else: no router, rate limit,
 * request id, access log or security headers.
 * Arguments: port database-url [instances] [poolSize].
 */
public final class LookupBaseline extends VerticleBase {

  private static final String LOOKUP = """
      select p.nip, p.nama, i.nama as instansi
        from pns p join instansi i on i.id = p.instansi_kerja_id
       where p.nip = $1""";
  private static final String PREFIX = "/api/pns/";

  private final int port;
  private final String url;
  private final int poolSize;

  LookupBaseline(int port, String url, int poolSize) {
    this.port = port;
    this.url = url;
    this.poolSize = poolSize;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    String url = args[1];
    int instances = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int poolSize = args.length > 3 ? Integer.parseInt(args[3]) : 16;
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new LookupBaseline(port, url, poolSize), new DeploymentOptions().setInstances(instances))
        .onSuccess(id -> System.out.println("baseline lookup on port " + port + " (" + instances + " event loops)"))
        .onFailure(e -> {
          e.printStackTrace();
          System.exit(1);
        });
  }

  @Override
  public Future<?> start() {
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(poolSize).setShared(true).setName("baseline").setMaxWaitQueueSize(4096))
        .connectingTo(PgConnectOptions.fromUri(url).setCachePreparedStatements(true).setPipeliningLimit(256))
        .using(vertx)
        .build();
    return vertx.createHttpServer().requestHandler(request -> {
      String path = request.path();
      if (!path.startsWith(PREFIX) || path.length() != PREFIX.length() + 18) {
        request.response().setStatusCode(404).end();
        return;
      }
      String nip = path.substring(PREFIX.length());
      pool.preparedQuery(LOOKUP).execute(Tuple.of(nip)).onComplete(result -> {
        if (result.failed()) {
          request.response().setStatusCode(500).end();
          return;
        }
        RowIterator<Row> rows = result.result().iterator();
        if (!rows.hasNext()) {
          request.response().setStatusCode(404).end();
          return;
        }
        Row row = rows.next();
        request.response().putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("nip", nip).put("nama", row.getString("nama"))
                .put("instansi", row.getString("instansi")).encode());
      });
    }).listen(port);
  }
}

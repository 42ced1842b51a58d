package id.go.bkn.epupns.core.database;

import id.go.bkn.epupns.core.config.AppConfig;
import io.vertx.pgclient.PgConnectOptions;

/**
 * The PostgreSQL connection from {@code db.url} (postgresql://user[:password]@host:port/db), the pool size and
 * the bounds of every wait (milliseconds), and the Retry-After of a 503 while the database is unavailable.
 */
public record DatabaseSettings(String host, int port, String database, String user, String password,
                               int poolSize, boolean createIfMissing, int connectTimeoutMs, int poolWaitTimeoutMs,
                               int maxWaitQueue, int statementTimeoutMs, int readTimeoutMs, int retryAfterSeconds) {

  public static DatabaseSettings from(AppConfig config) {
    String url = config.string("db.url");
    PgConnectOptions options;
    try {
      options = PgConnectOptions.fromUri(url);
    } catch (RuntimeException e) {
      throw new IllegalStateException("db.url (EPUPNS_DB_URL) is not a postgresql:// URL: " + url);
    }
    if (options.getDatabase() == null || options.getDatabase().isBlank()) {
      throw new IllegalStateException("db.url (EPUPNS_DB_URL) names no database: " + url);
    }
    return new DatabaseSettings(options.getHost(), options.getPort(), options.getDatabase(),
        options.getUser(), options.getPassword(), config.integer("db.poolSize"),
        config.bool("db.createDatabaseIfMissing"), positive(config, "db.connectTimeoutMs"),
        positive(config, "db.poolWaitTimeoutMs"), positive(config, "db.maxWaitQueue"),
        positive(config, "db.statementTimeoutMs"), positive(config, "db.readTimeoutMs"),
        positive(config, "db.retryAfterSeconds"));
  }

  /**
   * A bound of the service's pool. Absent only where a tool builds its own configuration for JDBC work (the SAPK
   * import with --db): 0 then, and {@link Database#pool} refuses to build a pool without its bounds.
   */
  private static int positive(AppConfig config, String key) {
    String[] path = key.split("\\.");
    if (!config.json().containsKey(path[0]) || !(config.json().getValue(path[0]) instanceof io.vertx.core.json.JsonObject
        section) || !section.containsKey(path[1])) {
      return 0;
    }
    int value = config.integer(key);
    if (value <= 0) {
      throw new IllegalStateException(key + " (" + AppConfig.envName(key) + ") must be positive, got " + value);
    }
    return value;
  }

  /** The pool's bounds must all be set (config/application.yaml has them). */
  void requireBounds() {
    if (connectTimeoutMs == 0 || poolWaitTimeoutMs == 0 || maxWaitQueue == 0 || statementTimeoutMs == 0
        || readTimeoutMs == 0 || retryAfterSeconds == 0) {
      throw new IllegalStateException("db.connectTimeoutMs, db.poolWaitTimeoutMs, db.maxWaitQueue, db.statementTimeoutMs,"
          + " db.readTimeoutMs and db.retryAfterSeconds must be set");
    }
  }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions()
        .setHost(host).setPort(port).setDatabase(database)
        .setUser(user).setPassword(password)
        .setCachePreparedStatements(true)
        .setPipeliningLimit(256);
  }

  public String jdbcUrl() {
    return jdbcUrl(database);
  }

  public String jdbcUrl(String db) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + db;
  }

  /** Safe to print: no password. */
  public String describe() {
    return user + "@" + host + ":" + port + "/" + database;
  }
}

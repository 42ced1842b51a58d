package id.go.bkn.epupns.core.database;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the database when it is missing (and allowed), then applies the versioned migrations in
 * classpath:db/migration with Flyway. Blocking: run it on a worker thread.
 */
public final class SchemaMigrator {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

  private SchemaMigrator() {
  }

  public static int migrate(DatabaseSettings db) {
    if (db.createIfMissing()) {
      createDatabaseIfMissing(db);
    }
    Flyway flyway = Flyway.configure()
        .dataSource(db.jdbcUrl(), db.user(), db.password())
        .locations("classpath:db/migration")
        .connectRetries(0)
        .load();
    var result = flyway.migrate();
    // Flyway leaves targetSchemaVersion null when nothing was applied: ask for the current version then.
    if (result.migrationsExecuted == 0) {
      var current = flyway.info().current();
      LOG.info("schema up to date at version {}", current == null ? "(empty)" : current.getVersion());
    } else {
      LOG.info("schema migrated {} to version {} ({} migrations applied)",
          result.initialSchemaVersion == null ? "from an empty database" : "from version " + result.initialSchemaVersion,
          result.targetSchemaVersion, result.migrationsExecuted);
    }
    return result.migrationsExecuted;
  }

  private static void createDatabaseIfMissing(DatabaseSettings db) {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl("postgres"), db.user(), db.password());
         PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
      exists.setString(1, db.database());
      try (ResultSet rs = exists.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
      try (Statement create = c.createStatement()) {
        create.execute("create database \"" + db.database().replace("\"", "\"\"") + "\"");
        LOG.info("created database {}", db.database());
      }
    } catch (SQLException e) {
      if ("42P04".equals(e.getSQLState())) {
        return; // created meanwhile by another instance
      }
      // Not allowed or unreachable: Flyway's own connection attempt reports the real problem.
      LOG.debug("could not check or create database {}: {}", db.database(), e.getMessage());
    }
  }
}

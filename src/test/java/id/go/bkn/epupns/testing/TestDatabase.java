package id.go.bkn.epupns.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

/**
 * A test class's own database on the machine's PostgreSQL: a fresh name ({@code t_<class>_<8 hex>}), nothing
 * created yet (the service or the command under test creates and migrates it), dropped by {@link #close}, or
 * after the test class when registered as an extension:
 * {@code @RegisterExtension static final TestDatabase database = TestDatabase.forClass(MyTest.class);}.
 * {@link TestService} names and drops its databases with it.
 */
public final class TestDatabase implements AutoCloseable, AfterAllCallback {

  private final String name;
  private final int port;

  private TestDatabase(String name, int port) {
    this.name = name;
    this.port = port;
  }

  public static TestDatabase forClass(Class<?> testClass) {
    return forClass(testClass, 5432);
  }

  /** On another PostgreSQL server of this machine (a {@link PostgresServer}'s port). */
  public static TestDatabase forClass(Class<?> testClass, int port) {
    return new TestDatabase(("t_" + testClass.getSimpleName() + "_" + UUID.randomUUID().toString().substring(0, 8))
        .toLowerCase(Locale.ROOT), port);
  }

  public String name() {
    return name;
  }

  /** The service's form of its address: {@code postgresql://postgres@127.0.0.1:5432/<name>}. */
  public String url() {
    return "postgresql://postgres@127.0.0.1:" + port + "/" + name;
  }

  /** A JDBC connection to it, as user postgres. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + name, "postgres", null);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** Drops it (and ends its connections); a failure is printed, not thrown. */
  @Override
  public void close() {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres",
        null)) {
      c.createStatement().execute("drop database if exists \"" + name + "\" with (force)");
    } catch (SQLException e) {
      System.err.println("could not drop test database " + name + ": " + e.getMessage());
    }
  }
}

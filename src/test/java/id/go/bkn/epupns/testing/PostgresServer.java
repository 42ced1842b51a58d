package id.go.bkn.epupns.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own: a cluster made with initdb in a temporary directory, listening on a free
 * port of 127.0.0.1 (and a socket in that directory), started and stopped with pg_ctl. PostgreSQL refuses to run
 * as root, so when the tests run as root (CI) every command runs as the {@code postgres} OS user (runuser) and the
 * directory is that user's. The binaries: EPUPNS_TEST_PG_BIN, else the newest /usr/lib/postgresql/N/bin (Debian),
 * else the PATH. {@link #close()} stops the server and deletes the directory; a shutdown hook does the same if the
 * test JVM ends without it.
 */
public final class PostgresServer implements AutoCloseable {

  private static final long COMMAND_SECONDS = 90;

  private final Path bin;
  private final Path dir;
  private final Path data;
  private final int port;
  private final boolean asPostgresUser;
  private final Thread cleanup = new Thread(this::removeQuietly, "postgres-server-cleanup");
  private volatile boolean running;

  private PostgresServer() throws IOException {
    this.bin = binaries();
    this.asPostgresUser = "root".equals(System.getProperty("user.name"));
    this.dir = Files.createTempDirectory("epupns-pg-");
    this.data = dir.resolve("data");
    this.port = TestService.freePort();
    Runtime.getRuntime().addShutdownHook(cleanup);
    if (asPostgresUser) {
      UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
      PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
      view.setOwner(users.lookupPrincipalByName("postgres"));
      GroupPrincipal group = users.lookupPrincipalByGroupName("postgres");
      view.setGroup(group);
    }
  }

  /** A new cluster (initdb, superuser postgres, trust on 127.0.0.1), started. */
  public static PostgresServer start() {
    PostgresServer server = null;
    try {
      server = new PostgresServer();
      server.run(List.of(server.bin.resolve("initdb").toString(), "-D", server.data.toString(), "-U", "postgres",
          "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"));
      server.startAgain();
      return server;
    } catch (IOException | RuntimeException e) {
      if (server != null) {
        server.close();
      }
      throw new IllegalStateException("could not start a PostgreSQL server of the test's own: " + e.getMessage(), e);
    }
  }

  public int port() {
    return port;
  }

  /** Starts the server (again) on the same port and data, waiting until it accepts connections. */
  public void startAgain() {
    // Each option one word: pg_ctl hands -o to a shell (the directory is a temporary one, without spaces).
    String options = String.join(" ", "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1",
        "-k", dir.toString(), "-c", "max_connections=40", "-c", "shared_buffers=16MB");
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
        "-w", "-t", "60", "-o", options, "start"));
    running = true;
  }

  /**
   * pg_ctl stop in the given mode: "immediate" (every process quits at once, no checkpoint: crash recovery at the
   * next start), "fast" (sessions are ended, their transactions rolled back, then a checkpoint) or "smart".
   */
  public void stop(String mode) {
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", mode, "-w", "-t", "60", "stop"));
    running = false;
  }

  public boolean running() {
    return running;
  }

  /** The server's log so far (for failure messages). */
  public String log() {
    try {
      return Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    removeQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs (or ran) anyway
    }
  }

  private synchronized void removeQuietly() {
    // Also after a start that failed half-way: a postmaster.pid means a server may be there.
    if (running || Files.exists(data.resolve("postmaster.pid"))) {
      try {
        stop("immediate");
      } catch (RuntimeException e) {
        System.err.println("PostgresServer: " + e.getMessage());
      }
    }
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("PostgresServer: could not delete " + dir + ": " + e.getMessage());
    }
  }

  /** Runs one command (as postgres when we are root), failing with its output when it fails. */
  private void run(List<String> command) {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of(runuser(), "-u", "postgres", "--"));
    }
    full.addAll(command);
    try {
      Path output = Files.createTempFile("epupns-pg-command-", ".log");
      try {
        Process process = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(output.toFile()).start();
        if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(String.join(" ", full) + " did not finish in " + COMMAND_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
          throw new IllegalStateException(String.join(" ", full) + " exited " + process.exitValue() + ": "
              + Files.readString(output, StandardCharsets.UTF_8) + "\nserver log:\n" + log());
        }
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", full) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", full), e);
    }
  }

  private static String runuser() {
    for (String candidate : List.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    return "runuser";
  }

  private static Path binaries() throws IOException {
    String configured = System.getenv("EPUPNS_TEST_PG_BIN");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        Path newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
            .max(Comparator.comparingInt(PostgresServer::major)).orElse(null);
        if (newest != null) {
          return newest.resolve("bin");
        }
      }
    }
    return Path.of(""); // initdb and pg_ctl from the PATH
  }

  private static int major(Path versionDir) {
    try {
      return Integer.parseInt(versionDir.getFileName().toString().replaceAll("\\D.*", ""));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}

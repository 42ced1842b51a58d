package id.go.bkn.epupns.sapk;

import id.go.bkn.epupns.core.config.AppConfig;
import id.go.bkn.epupns.core.config.CommandOptions;
import id.go.bkn.epupns.core.database.DatabaseSettings;
import id.go.bkn.epupns.core.database.SchemaMigrator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The SAPK command-line tools (registered in Commands): they run outside Vert.x, so blocking
 * file and JDBC work is fine here. Exit codes: 0 done, 2 usage error, 1 failure, 3 done but some
 * lines were rejected.
 */
public final class SapkCommands {

  public static final String GENERATE_USAGE = """
      usage: sapk-generate --count N --out pns.csv [--seed S] [--snapshot 2015-09-01]
        Writes N realistic synthetic PNS (SAPK CSV format, see README.md) to a file, streaming.""";
  public static final String IMPORT_USAGE = """
      usage: sapk-import [--db postgresql://user@host:port/db] [--no-riwayat] [--no-bulk] [--chunk ROWS]
                         [--snapshot 2015-10-01[T12:00+07:00]] pns.csv
        Migrates the database, loads the organisation tree, then imports the CSV (COPY, idempotent).
        Bad lines go to stderr and pns.csv.errors.txt. Default database: db.url (EPUPNS_DB_URL).
        Values that verification changed at or after --snapshot (when SAPK produced the file; without
        it: every verified change) are kept, never overwritten: listed in pns.csv.kept.txt.
        Into an empty pns table it bulk-loads in one transaction, foreign keys and secondary indexes
        re-created at the end; --no-bulk commits chunk by chunk with them in place instead.""";
  public static final String GENERATE_IMPORT_USAGE = """
      usage: sapk-generate-import --count N [--seed S] [--db URL] [--no-riwayat] [--no-bulk]
        Generates N PNS and imports them on the fly (no file in between).""";

  private static final int OK = 0;
  private static final int FAILED = 1;
  private static final int USAGE = 2;
  private static final int REJECTED_LINES = 3;

  private SapkCommands() {
  }

  public static int generate(String[] args) {
    Map<String, String> o = options(args, GENERATE_USAGE, "--count", "--out", "--seed", "--snapshot");
    if (o == null || !o.containsKey("--count") || !o.containsKey("--out")) {
      System.err.println(GENERATE_USAGE);
      return USAGE;
    }
    try {
      long count = positive(o.get("--count"), "--count");
      long seed = Long.parseLong(o.getOrDefault("--seed", "1"));
      LocalDate snapshot = LocalDate.parse(o.getOrDefault("--snapshot", PnsGenerator.DEFAULT_SNAPSHOT.toString()));
      Path out = Path.of(o.get("--out"));
      try (OutputStream file = Files.newOutputStream(out)) {
        double seconds = write(count, seed, snapshot, file, true);
        System.err.printf(Locale.ROOT, "sapk-generate: %,d PNS written to %s in %.1f s (%,.0f rows/s)%n",
            count, out, seconds, count / Math.max(seconds, 1e-9));
      }
      return OK;
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      System.err.println("sapk-generate: " + e.getMessage() + "\n" + GENERATE_USAGE);
      return USAGE;
    } catch (IOException e) {
      System.err.println("sapk-generate: cannot write: " + e.getMessage());
      return FAILED;
    }
  }

  /** Streams count generated rows as SAPK CSV; returns the seconds it took. */
  static double write(long count, long seed, LocalDate snapshot, OutputStream out, boolean progress)
      throws IOException {
    PnsGenerator generator = new PnsGenerator(seed, snapshot, OrganisationTree.get().instansi(), null);
    ProgressBar bar = new ProgressBar(progress ? System.err : null, "sapk-generate");
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 20);
    writer.write(SapkCsv.header());
    writer.write('\n');
    StringBuilder line = new StringBuilder(2048);
    for (long i = 1; i <= count; i++) {
      line.setLength(0);
      SapkCsv.appendLine(line, generator.next());
      writer.append(line);
      bar.update(i, i, count);
    }
    writer.flush();
    bar.finish(count, count, count);
    return bar.seconds();
  }

  public static int importFile(String[] args) {
    Map<String, String> o = options(args, IMPORT_USAGE, "--db", "--no-riwayat", "--no-bulk", "--chunk", "--snapshot", "");
    if (o == null || !o.containsKey("")) {
      System.err.println(IMPORT_USAGE);
      return USAGE;
    }
    Path file = Path.of(o.get(""));
    if (!Files.isReadable(file)) {
      System.err.println("sapk-import: cannot read " + file);
      return FAILED;
    }
    try {
      int chunk = (int) positive(o.getOrDefault("--chunk", "100000"), "--chunk");
      DatabaseSettings db = database(o.get("--db"));
      java.time.OffsetDateTime snapshot = snapshot(o.get("--snapshot"));
      Path errorsFile = Path.of(file + ".errors.txt");
      Path keptFile = Path.of(file + ".kept.txt");
      try (InputStream in = Files.newInputStream(file);
           Writer errors = Files.newBufferedWriter(errorsFile, StandardCharsets.UTF_8);
           Writer kept = Files.newBufferedWriter(keptFile, StandardCharsets.UTF_8)) {
        SapkImporter.Result result = importStream(db, in, Files.size(file), 0, chunk,
            !o.containsKey("--no-riwayat"), !o.containsKey("--no-bulk"), errors, snapshot, kept);
        if (result.kept() > 0) {
          System.err.printf(Locale.ROOT, "sapk-import: kept %,d values verified since the snapshot (not overwritten): "
              + "see %s%n", result.kept(), keptFile);
        }
        return summary("sapk-import", result, errorsFile);
      }
    } catch (IllegalArgumentException e) {
      System.err.println("sapk-import: " + e.getMessage());
      return e.getMessage().startsWith("line 1") ? FAILED : USAGE;
    } catch (Exception e) {
      System.err.println("sapk-import failed: " + rootMessage(e));
      return FAILED;
    }
  }

  public static int generateImport(String[] args) {
    Map<String, String> o = options(args, GENERATE_IMPORT_USAGE, "--count", "--seed", "--db", "--no-riwayat",
        "--no-bulk");
    if (o == null || !o.containsKey("--count")) {
      System.err.println(GENERATE_IMPORT_USAGE);
      return USAGE;
    }
    try {
      long count = positive(o.get("--count"), "--count");
      long seed = Long.parseLong(o.getOrDefault("--seed", "1"));
      DatabaseSettings db = database(o.get("--db"));
      BlockPipe pipe = new BlockPipe(64 << 10, 64);
      OutputStream out = pipe.output();
      AtomicReference<Exception> generatorFailure = new AtomicReference<>();
      Thread generator = new Thread(() -> {
        try (out) {
          write(count, seed, PnsGenerator.DEFAULT_SNAPSHOT, out, false);
        } catch (Exception e) {
          generatorFailure.set(e);
        }
      }, "sapk-generator");
      generator.setDaemon(true); // never keeps the JVM alive after the import gave up
      generator.start();
      Path errorsFile = Path.of("sapk-generate-import.errors.txt");
      try (InputStream in = pipe.input();
           Writer errors = Files.newBufferedWriter(errorsFile, StandardCharsets.UTF_8)) {
        SapkImporter.Result result = importStream(db, in, 0, count, 100_000, !o.containsKey("--no-riwayat"),
            !o.containsKey("--no-bulk"), errors, null, null);
        generator.join(TimeUnit.MINUTES.toMillis(1));
        if (generatorFailure.get() != null) {
          throw generatorFailure.get();
        }
        return summary("sapk-generate-import", result, errorsFile);
      }
    } catch (IllegalArgumentException e) {
      System.err.println("sapk-generate-import: " + e.getMessage() + "\n" + GENERATE_IMPORT_USAGE);
      return USAGE;
    } catch (Exception e) {
      System.err.println("sapk-generate-import failed: " + rootMessage(e));
      return FAILED;
    }
  }

  /** Migrates, loads the whole organisation tree, imports. */
  static SapkImporter.Result importStream(DatabaseSettings db, InputStream in, long bytes, long expectedRows,
                                          int chunk, boolean histories, boolean bulk, Writer errors,
                                          java.time.OffsetDateTime snapshot, Writer kept)
      throws Exception {
    SchemaMigrator.migrate(db);
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      OrganisationTreeLoader.load(c, null);
      return new SapkImporter(c, chunk, histories, bulk, System.err).keepVerified(snapshot, kept)
          .run(in, bytes, expectedRows, errors);
    }
  }

  /** --snapshot: a date (midnight in Asia/Jakarta, where SAPK runs) or an ISO date-time with offset; null if absent. */
  static java.time.OffsetDateTime snapshot(String text) {
    if (text == null) {
      return null;
    }
    try {
      return text.length() <= 10
          ? LocalDate.parse(text).atStartOfDay(java.time.ZoneId.of("Asia/Jakarta")).toOffsetDateTime()
          : java.time.OffsetDateTime.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("--snapshot must be a date (2015-10-01) or a date-time with offset "
          + "(2015-10-01T12:00+07:00), got " + text);
    }
  }

  private static int summary(String command, SapkImporter.Result r, Path errorsFile) {
    System.err.printf(Locale.ROOT, "%s: read %,d, imported %,d, rejected %,d, %.1f s (%,.0f rows/s)%s%n", command,
        r.read(), r.imported(), r.rejected(), r.seconds(), r.read() / Math.max(r.seconds(), 1e-9),
        r.rejected() > 0 ? "; rejected lines in " + errorsFile : "");
    return r.rejected() > 0 ? REJECTED_LINES : OK;
  }

  /** The database: --db, else db.url of the configuration (config/, EPUPNS_DB_URL). */
  static DatabaseSettings database(String url) throws Exception {
    if (url != null) {
      // An explicit URL needs no configuration files: the tool also runs outside the project.
      // The waits bound requests of the service; a command-line import may wait and run long.
      return DatabaseSettings.from(new AppConfig(new JsonObject().put("db", new JsonObject()
          .put("url", url).put("poolSize", 1).put("createDatabaseIfMissing", true).put("connectTimeoutMs", 10_000)
          .put("poolWaitTimeoutMs", 60_000).put("maxWaitQueue", 16).put("statementTimeoutMs", 86_400_000)
          .put("readTimeoutMs", 86_400_000).put("retryAfterSeconds", 10))));
    }
    Vertx vertx = Vertx.vertx();
    try {
      AppConfig config = AppConfig.load(vertx, System.getenv()).toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      return DatabaseSettings.from(config);
    } finally {
      vertx.close();
    }
  }

  /** --name value options; "" holds the one positional argument; null on an unknown option. */
  /** The command's options: "--no-*" names are flags, "" allows one positional argument. */
  private static Map<String, String> options(String[] args, String usage, String... known) {
    Set<String> names = Set.of(known);
    Set<String> flags = names.stream().filter(n -> n.startsWith("--no-")).collect(Collectors.toSet());
    Set<String> valued = names.stream().filter(n -> n.startsWith("--") && !flags.contains(n)).collect(Collectors.toSet());
    return CommandOptions.parse(args, valued, flags, names.contains(CommandOptions.POSITIONAL), System.err, usage);
  }

  private static long positive(String text, String name) {
    try {
      long n = Long.parseLong(text.replace("_", ""));
      if (n <= 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a positive number, got " + text);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}

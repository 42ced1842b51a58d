package id.go.bkn.epupns.sapk;

import id.go.bkn.epupns.sapk.SapkCsv.Column;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Bulk import of a SAPK CSV file (format: README.md, "SAPK CSV format"; columns in {@link SapkCsv})
 * into the pns table and its five history tables.
 *
 * <p>The file is streamed: each line is read, split and checked in Java ({@link SapkLineValidator})
 * and, when good, encoded into the COPY text format ({@link CopyText.Writer}) in blocks that a
 * second thread COPYs into a session-private staging table (a temporary table: never WAL-logged,
 * and invisible to concurrent imports) and merges every {@code chunkRows} rows, so that reading
 * and checking go on while the database merges. A merge drops the chunk's earlier lines of a NIP
 * (the file is SAPK's truth; the last line wins), upserts pns ({@code on conflict (nip) do update}),
 * and adds history rows only when the same row (natural key, e.g. NIP + golongan + TMT) is not
 * there yet, looking only at the PNS that were known before the chunk; importing a file twice
 * changes nothing. Into an empty pns table (when enabled) the whole import is one transaction
 * without the foreign keys and secondary indexes, re-created at the end ({@link BulkLoad});
 * otherwise each chunk commits on its own. Memory stays flat whatever the file size: one line,
 * at most 64 MB of COPY blocks between the two threads, and the reference ids.
 *
 * <p>Bad lines are reported by line number (the header is line 1) and reason, to stderr and to the
 * errors writer (the command uses {@code <file>.errors.txt}); good lines are imported regardless.
 * Blocking: run it from the command line or on a worker thread.
 */
public final class SapkImporter {

  /**
   * What an import did; {@code kept}: values the file would have changed but verification had
   * changed after the file's snapshot, so they were kept (and reported).
   */
  public record Result(long read, long imported, long rejected, double seconds, long kept) {
    public Result(long read, long imported, long rejected, double seconds) {
      this(read, imported, rejected, seconds, 0);
    }
  }

  private static final int STDERR_ERROR_LIMIT = 200;
  /** Blocks of COPY bytes between the reading and the database thread: 256 KB, 64 MB at most in the queue. */
  private static final int BLOCK_BYTES = 256 << 10;
  private static final int QUEUE_BLOCKS = 256;
  private static final List<Column> HISTORY = List.of(Column.RIWAYAT_GOLONGAN, Column.RIWAYAT_PENDIDIKAN,
      Column.RIWAYAT_DIKLAT, Column.RIWAYAT_JABATAN, Column.KELUARGA);
  /** The pns columns: every CSV column but the history lists. */
  private static final List<Column> PNS_COLUMNS = Arrays.stream(Column.values())
      .filter(c -> !HISTORY.contains(c)).toList();
  private static final Column[] ALL_COLUMNS = Column.values();

  private final Connection connection;
  private final int chunkRows;
  private final boolean histories;
  private final boolean bulkLoadWhenEmpty;
  private final PrintStream console;
  /** When SAPK produced the file; null: unknown, so every verified change is newer. */
  private java.time.OffsetDateTime snapshot;
  /** Where kept (verified) values are reported, one line each; null: not reported. */
  private Writer keptReport;

  /** The chunked path only (the keys stay in place): for small loads into a database in use. */
  public SapkImporter(Connection connection, int chunkRows, boolean histories, PrintStream console) {
    this(connection, chunkRows, histories, false, console);
  }

  /**
   * @param connection        a JDBC connection to a migrated database (the importer manages its transactions)
   * @param chunkRows         rows per merge (and per transaction, except in a bulk load)
   * @param histories         whether to import the five history lists (false: the pns table only)
   * @param bulkLoadWhenEmpty when pns is empty, load in one transaction without the foreign keys and
   *                          secondary indexes, re-created at the end ({@link BulkLoad})
   * @param console           where progress and errors are shown (stderr), or null for none
   */
  public SapkImporter(Connection connection, int chunkRows, boolean histories, boolean bulkLoadWhenEmpty,
                      PrintStream console) {
    this.connection = connection;
    this.chunkRows = chunkRows;
    this.histories = histories;
    this.bulkLoadWhenEmpty = bulkLoadWhenEmpty;
    this.console = console;
  }

  /**
   * The re-import policy for verified data (README, "SAPK re-import and verified data"): a value that
   * verification changed in SAPK ({@code sapk_change}) at or after the file's snapshot is never
   * overwritten by the file: the pns column keeps its verified value, and a history table with a
   * verified change keeps its rows for that PNS (the file's rows for it are not merged). Each such
   * case is written to {@code report} and counted in {@link Result#kept()}. Without a snapshot every
   * verified change counts as newer than the file.
   */
  public SapkImporter keepVerified(java.time.OffsetDateTime snapshot, Writer report) {
    this.snapshot = snapshot;
    this.keptReport = report;
    return this;
  }

  /**
   * Imports a whole CSV stream. The progress bar follows {@code totalBytes}, or when that is
   * unknown (0, e.g. a pipe) {@code expectedRows}. The organisation tree must be loaded first
   * ({@link OrganisationTreeLoader}).
   */
  public Result run(InputStream input, long totalBytes, long expectedRows, Writer errors)
      throws IOException, SQLException {
    SapkLineValidator validator = SapkLineValidator.of(connection, histories);
    ProgressBar bar = new ProgressBar(console, "sapk-import");
    CountingStream counted = new CountingStream(input);
    BufferedReader reader = new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8), 1 << 16);
    long read = 0;
    long rejected = 0;
    Loader loader = null;
    Thread loaderThread = null;
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      prepareSession();
      String header = reader.readLine();
      if (header != null && header.startsWith("\uFEFF")) {
        header = header.substring(1);
      }
      if (header == null || !header.trim().equals(SapkCsv.header())) {
        throw new IllegalArgumentException("line 1: the header row is not the SAPK CSV header (see README.md, "
            + "\"SAPK CSV format\"): expected " + SapkCsv.header());
      }
      BulkLoad bulk = bulkLoadWhenEmpty && BulkLoad.pnsIsEmpty(connection) ? BulkLoad.begin(connection) : null;
      loader = new Loader(bulk == null);
      loaderThread = new Thread(loader, "sapk-import-db");
      loaderThread.start();
      CopyText.Writer copy = new CopyText.Writer(BLOCK_BYTES, loader::send);
      long lineNumber = 1;
      int chunkRowsSoFar = 0;
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        read++;
        List<String> fields = SapkCsv.split(line);
        String error = validator.validate(fields);
        if (error == null) {
          stagingRow(copy, lineNumber, fields);
          chunkRowsSoFar++;
        } else {
          rejected++;
          String message = "line " + lineNumber + ": " + error;
          errors.write(message);
          errors.write('\n');
          if (rejected <= STDERR_ERROR_LIMIT) {
            bar.message(message);
          } else if (rejected == STDERR_ERROR_LIMIT + 1) {
            bar.message("... more rejected lines: see the errors file");
          }
        }
        if (chunkRowsSoFar >= chunkRows) {
          copy.flush();
          loader.mark(Loader.END_OF_CHUNK);
          chunkRowsSoFar = 0;
        }
        if (totalBytes > 0) {
          bar.update(read, counted.count, totalBytes);
        } else {
          bar.update(read, read, expectedRows);
        }
      }
      copy.flush();
      loader.mark(Loader.END_OF_FILE);
      long imported = loader.await(loaderThread);
      bar.finish(read, 1, 1);
      if (bulk != null) {
        if (console != null) {
          console.printf("sapk-import: bulk load into the empty pns table: re-creating %d indexes and foreign keys%n",
              bulk.objects());
        }
        bulk.finish();
      }
      connection.commit();
      errors.flush();
      if (keptReport != null) {
        keptReport.flush();
      }
      return new Result(read, imported, rejected, bar.seconds(), loader.kept);
    } catch (SQLException | IOException | RuntimeException | Error e) {
      // Roll back before the finally block commits: in a bulk load, that would commit a partial
      // load without its foreign keys.
      if (loader != null) {
        loader.abort(loaderThread);
      }
      connection.rollback();
      throw e;
    } finally {
      try (Statement st = connection.createStatement()) {
        st.execute("drop table if exists sapk_staging, sapk_known, sapk_protected");
        st.execute("reset synchronous_commit; reset jit; reset work_mem");
        connection.commit();
      }
      connection.setAutoCommit(autoCommit);
    }
  }

  /**
   * The session-private staging tables (temporary: never WAL-logged, invisible to concurrent
   * imports), and settings for this session only: no wait for the WAL flush at each chunk's commit
   * (a crash can lose only the last chunks, and re-running the import is idempotent); no JIT (it
   * compiled each merge statement anew, about 40 ms a statement and chunk, for queries that run in
   * a second); and enough sort memory for a chunk's history rows (the DISTINCT spilled to disk).
   */
  private void prepareSession() throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute("set synchronous_commit = off");
      st.execute("set jit = off");
      st.execute("set work_mem = '64MB'");
      st.execute("drop table if exists sapk_staging, sapk_known, sapk_protected");
      st.execute(STAGING_TABLE);
      st.execute("create temporary table sapk_known (nip char(18) primary key)");
      st.execute(PROTECTED_TABLE);
    }
    connection.commit();
  }

  // ------------------------------------------------------------------ COPY and merge

  /** One good line as a staging row: line number, then every column (nulls for unused history lists). */
  private void stagingRow(CopyText.Writer copy, long lineNumber, List<String> fields) throws SQLException {
    copy.field(lineNumber);
    copy.field(fields.get(Column.NIP.ordinal()).trim()); // Nip.parse accepted it trimmed
    for (int i = 1; i < ALL_COLUMNS.length; i++) {
      copy.field(histories || !HISTORY.contains(ALL_COLUMNS[i]) ? fields.get(i) : null);
    }
    copy.endRow();
  }

  /**
   * The database side, on its own thread: COPYs the blocks of encoded rows into the staging table
   * and merges each chunk, while the reading thread goes on reading and checking the next lines.
   * Before, the reading stopped for every merge (about a third of the import); on two cores the
   * two now overlap. The queue between them is bounded (64 MB of blocks), so memory stays flat:
   * when the database is slower, the reader waits.
   */
  private final class Loader implements Runnable {
    static final int END_OF_CHUNK = -1;
    static final int END_OF_FILE = -2;
    static final int ABORT = -3;

    private record Item(byte[] block, int length) {
    }

    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE_BLOCKS);
    private final boolean commitEachChunk;
    private volatile Throwable failure;
    private CopyIn copy;
    private long merged;
    private long kept;

    Loader(boolean commitEachChunk) {
      this.commitEachChunk = commitEachChunk;
    }

    /** From the reading thread: a block of rows, or a marker (length END_OF_CHUNK, ...). */
    void send(byte[] block, int length) throws SQLException {
      Item item = new Item(block, length);
      try {
        while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
          rethrowFailure();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted", e);
      }
      rethrowFailure();
    }

    void mark(int marker) throws SQLException {
      send(null, marker);
    }

    /** Waits for the database thread to finish the last merge; returns the pns rows merged. */
    long await(Thread thread) throws SQLException {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted", e);
      }
      rethrowFailure();
      return merged;
    }

    /** After a failure of the reading thread: stop the database thread, so that the caller can roll back. */
    void abort(Thread thread) {
      while (thread.isAlive() && !queue.offer(new Item(null, ABORT))) {
        queue.poll(); // make room: what is queued is thrown away anyway
      }
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void run() {
      try {
        while (true) {
          Item item = queue.take();
          if (item.length() == ABORT) {
            return;
          } else if (item.length() == END_OF_CHUNK) {
            merge();
          } else if (item.length() == END_OF_FILE) {
            merge();
            return;
          } else {
            if (copy == null) {
              copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy sapk_staging from stdin");
            }
            copy.writeToCopy(item.block(), 0, item.length());
          }
        }
      } catch (SQLException | RuntimeException | Error e) { // an Error too: the import must not commit
        failure = e;
      } catch (InterruptedException e) {
        failure = new SQLException("interrupted", e);
      } finally {
        cancelCopy();
      }
    }

    /** Ends the COPY and merges the staged rows into pns and the histories. */
    private void merge() throws SQLException {
      if (copy == null) {
        return;
      }
      copy.endCopy();
      copy = null;
      try (Statement st = connection.createStatement()) {
        st.executeUpdate(KEEP_LAST_LINE_PER_NIP);
        int known = histories ? st.executeUpdate(KNOWN_NIPS) : 0;
        int protectedValues = protect();
        if (protectedValues > 0) {
          report(st);
        }
        merged += st.executeUpdate(protectedValues > 0 ? MERGE_PNS_KEEPING_VERIFIED : MERGE_PNS);
        if (histories) {
          for (HistoryMerge h : MERGE_HISTORIES) {
            st.executeUpdate(h.newPns());
            if (known > 0) { // in a first load, only when a NIP comes again in a later chunk
              st.executeUpdate(protectedValues > 0 ? h.knownPnsKeepingVerified() : h.knownPns());
            }
          }
        }
        st.execute("truncate sapk_staging, sapk_known, sapk_protected");
      }
      if (commitEachChunk) {
        connection.commit();
      }
    }

    /** The chunk's PNS values that verification changed since the snapshot: kept, not overwritten. */
    private int protect() throws SQLException {
      try (java.sql.PreparedStatement ps = connection.prepareStatement(PROTECT)) {
        ps.setObject(1, snapshot);
        ps.setArray(2, connection.createArrayOf("text", PROTECTABLE));
        return ps.executeUpdate();
      }
    }

    /** One line per kept value: what the file had, what stays, since when. */
    private void report(Statement st) throws SQLException {
      try (java.sql.ResultSet rs = st.executeQuery(KEPT)) {
        while (rs.next()) {
          kept++;
          if (keptReport != null) {
            try {
              keptReport.write("line " + rs.getLong("line") + ": nip " + rs.getString("nip").trim() + ": "
                  + rs.getString("what") + " kept as verified on " + rs.getString("changed_at")
                  + (rs.getString("file_value") == null ? "" : " (the file has " + rs.getString("file_value")
                  + ", SAPK keeps " + rs.getString("kept_value") + ")") + "\n");
            } catch (IOException e) {
              throw new SQLException("cannot write the report of kept values: " + e.getMessage(), e);
            }
          }
        }
      }
    }

    private void cancelCopy() {
      if (copy != null && copy.isActive()) {
        try {
          copy.cancelCopy();
        } catch (SQLException e) {
          // the caller rolls back anyway
        }
      }
      copy = null;
    }

    private void rethrowFailure() throws SQLException {
      Throwable e = failure;
      if (e instanceof SQLException sql) {
        throw sql;
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e != null) {
        throw (Error) e;
      }
    }
  }

  /**
   * One typed column per CSV column, plus the line number. Typed, so that COPY converts dates and
   * numbers once; nip is char(18) like pns.nip, so that comparing them can use pns's indexes
   * (text = char would cast the indexed side).
   */
  private static final String STAGING_TABLE = "create temporary table sapk_staging (line bigint, "
      + Arrays.stream(ALL_COLUMNS).map(c -> c.header() + " " + stagingType(c)).collect(Collectors.joining(", "))
      + ")";

  private static String stagingType(Column c) {
    if (c == Column.NIP) {
      return "char(18)";
    }
    if (SapkLineValidator.DATES.contains(c)) {
      return "date";
    }
    if (SapkLineValidator.INTEGERS.contains(c)) {
      return "integer";
    }
    if (SapkLineValidator.BOOLEANS.contains(c)) {
      return "boolean";
    }
    return "text";
  }

  /**
   * The file is SAPK's truth and the last line of a NIP wins: drop the chunk's earlier lines once,
   * so that the statements below read the staging table as it is (before, each of the six did a
   * DISTINCT ON, i.e. sorted the whole chunk).
   */
  private static final String KEEP_LAST_LINE_PER_NIP = """
      delete from sapk_staging s
      using sapk_staging later
      where later.nip = s.nip and later.line > s.line
      """;

  /** The chunk's PNS that were in pns before it: only they can already have history rows. */
  private static final String KNOWN_NIPS = """
      insert into sapk_known (nip)
      select s.nip from sapk_staging s
      where exists (select from pns p where p.nip = s.nip)
      """;

  private static final String MERGE_PNS = """
      insert into pns (%s)
      select %s
      from sapk_staging
      on conflict (nip) do update set %s, updated_at = now()
      """.formatted(
      PNS_COLUMNS.stream().map(Column::header).collect(Collectors.joining(", ")),
      PNS_COLUMNS.stream().map(c -> switch (c) {
        case KEDUDUKAN -> "coalesce(kedudukan, 'Aktif')";
        case MASA_KERJA_TAHUN, MASA_KERJA_BULAN -> "coalesce(" + c.header() + ", 0)";
        default -> c.header();
      }).collect(Collectors.joining(", ")),
      PNS_COLUMNS.stream().filter(c -> c != Column.NIP).map(c -> c.header() + " = excluded." + c.header())
          .collect(Collectors.joining(", ")));

  /** Verified values of the chunk's PNS (changed at or after the snapshot), per table and column. */
  private static final String PROTECTED_TABLE = """
      create temporary table sapk_protected (nip char(18), target_table text, target_column text,
                                             changed_at timestamptz, primary key (nip, target_table, target_column))""";
  /** History tables and pns columns the file carries: only those can be overwritten by it. */
  private static final String[] PROTECTABLE = java.util.stream.Stream.concat(
      PNS_COLUMNS.stream().filter(c -> c != Column.NIP).map(c -> "pns." + c.header()),
      HISTORY.stream().map(c -> c.header() + ".")).toArray(String[]::new);
  private static final String PROTECT = """
      insert into sapk_protected (nip, target_table, target_column, changed_at)
      select c.nip, c.target_table, coalesce(c.target_column, ''), max(c.changed_at)
        from sapk_change c join sapk_staging s on s.nip = c.nip
       where c.changed_at >= coalesce(?::timestamptz, '-infinity')
         and c.target_table || '.' || case when c.target_table = 'pns' then c.target_column else '' end = any(?)
       group by 1, 2, 3""";
  /** What the file would have changed among the kept values (pns columns that differ; history tables it lists). */
  private static final String KEPT = """
      select s.line, s.nip, 'pns.' || x.target_column as what, x.changed_at::text as changed_at,
             (to_jsonb(s) -> x.target_column)::text as file_value, (to_jsonb(p) -> x.target_column)::text as kept_value
        from sapk_protected x join sapk_staging s on s.nip = x.nip join pns p on p.nip = x.nip
       where x.target_table = 'pns'
         and (to_jsonb(s) -> x.target_column) is distinct from (to_jsonb(p) -> x.target_column)
      union all
      select s.line, s.nip, x.target_table || ' (its rows in the file are not merged)', x.changed_at::text, null, null
        from sapk_protected x join sapk_staging s on s.nip = x.nip
       where x.target_table <> 'pns' and to_jsonb(s) ->> x.target_table is not null
       order by 1, 3""";

  /** As {@link #MERGE_PNS}, but a verified column keeps its current value. */
  private static final String MERGE_PNS_KEEPING_VERIFIED = """
      insert into pns (%s)
      select %s
      from sapk_staging s
      left join (select nip, array_agg(target_column) as cols from sapk_protected where target_table = 'pns'
                  group by nip) x on x.nip = s.nip
      left join pns cur on cur.nip = x.nip
      on conflict (nip) do update set %s, updated_at = now()
      """.formatted(
      PNS_COLUMNS.stream().map(Column::header).collect(Collectors.joining(", ")),
      PNS_COLUMNS.stream().map(c -> {
        String fromFile = switch (c) {
          case KEDUDUKAN -> "coalesce(s.kedudukan, 'Aktif')";
          case MASA_KERJA_TAHUN, MASA_KERJA_BULAN -> "coalesce(s." + c.header() + ", 0)";
          default -> "s." + c.header();
        };
        return c == Column.NIP ? "s.nip" : "case when '" + c.header() + "' = any(x.cols) then cur." + c.header()
            + " else " + fromFile + " end";
      }).collect(Collectors.joining(", ")),
      PNS_COLUMNS.stream().filter(c -> c != Column.NIP).map(c -> c.header() + " = excluded." + c.header())
          .collect(Collectors.joining(", ")));

  /**
   * One statement per history table: explode the list column (rows by '|', fields by '^') and add
   * the rows whose natural key is not there yet, so importing a file twice changes nothing. Only
   * the PNS known before the chunk are looked up in the history table: a new PNS has no history yet.
   */
  private static final List<HistoryMerge> MERGE_HISTORIES = List.of(
      history("riwayat_golongan", "golongan, tmt, nomor_sk, tanggal_sk",
          "f[1], f[2]::date, nullif(f[3], ''), nullif(f[4], '')::date",
          "h.golongan = f[1] and h.tmt = f[2]::date"),
      history("riwayat_pendidikan", "tingkat, nama_sekolah, jurusan, tahun_lulus, nomor_ijazah",
          "f[1], f[2], nullif(f[3], ''), f[4]::smallint, nullif(f[5], '')",
          "h.tingkat = f[1] and h.nama_sekolah = f[2] and h.tahun_lulus = f[4]::smallint"),
      history("riwayat_diklat", "jenis, nama, tahun, jam",
          "f[1], f[2], f[3]::smallint, nullif(f[4], '')::smallint",
          "h.jenis = f[1] and h.nama = f[2] and h.tahun = f[3]::smallint"),
      history("riwayat_jabatan", "jenis_jabatan, nama_jabatan, unit_kerja, eselon, tmt, nomor_sk",
          "f[1], f[2], nullif(f[3], ''), nullif(f[4], ''), f[5]::date, nullif(f[6], '')",
          "h.nama_jabatan = f[2] and h.tmt = f[5]::date"),
      history("keluarga", "hubungan, nama, tanggal_lahir, tanggal_nikah, pekerjaan",
          "f[1], f[2], nullif(f[3], '')::date, nullif(f[4], '')::date, nullif(f[5], '')",
          "h.hubungan = f[1] and h.nama = f[2]"));

  /**
   * Two statements (new PNS, known PNS), not one with an OR: that way the lookup of existing rows
   * is a real anti-join, which PostgreSQL can run as one hash join when the nip index is not there
   * (a bulk load drops it), and it is skipped when the chunk has no known PNS.
   */
  private record HistoryMerge(String newPns, String knownPns, String knownPnsKeepingVerified) {
  }

  private static HistoryMerge history(String table, String columns, String values, String sameRow) {
    String explode = """
        cross join lateral unnest(string_to_array(s.%1$s, '|')) as r(item)
        cross join lateral (select string_to_array(r.item, '^') as f offset 0) x -- offset 0: split once, not per f[i]
        where s.%1$s is not null
        """.formatted(table);
    return new HistoryMerge("""
        insert into %1$s (nip, %2$s)
        select distinct s.nip, %3$s
        from sapk_staging s
        %4$s  and not exists (select from sapk_known k where k.nip = s.nip)
        """.formatted(table, columns, values, explode), """
        insert into %1$s (nip, %2$s)
        select distinct s.nip, %3$s
        from sapk_staging s
        join sapk_known k on k.nip = s.nip
        %4$s  and not exists (select from %1$s h where h.nip = s.nip and %5$s)
        """.formatted(table, columns, values, explode, sameRow), """
        insert into %1$s (nip, %2$s)
        select distinct s.nip, %3$s
        from sapk_staging s
        join sapk_known k on k.nip = s.nip
        %4$s  and not exists (select from %1$s h where h.nip = s.nip and %5$s)
          and not exists (select from sapk_protected x where x.nip = s.nip and x.target_table = '%1$s')
        """.formatted(table, columns, values, explode, sameRow));
  }



  /** Counts the bytes read, for the progress bar's percentage and ETA. */
  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}

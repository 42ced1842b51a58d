package id.go.bkn.epupns.form.documents;

import id.go.bkn.epupns.core.blocking.BlockingWork;
import id.go.bkn.epupns.core.config.AppConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Removes what an interrupted upload leaves behind (a process killed mid-upload, a full disk): files in
 * uploads/tmp and stored objects that no document row names. At start-up and then every
 * uploads.sweepIntervalSeconds; only what is older than uploads.orphanMinAgeSeconds, so that uploads in
 * progress (in this or another instance sharing the directory) are never touched. An object stored again
 * is touched by {@link ContentStore#store}, so a young object is never taken from under a row being written.
 */
public final class DocumentSweeper {

  private static final Logger LOG = LoggerFactory.getLogger(DocumentSweeper.class);
  private static final String NAMED = "select distinct sha256 from document where sha256 = any($1)";
  private static final int BATCH = 500;

  /** What one sweep removed. */
  public record Swept(int tmpFiles, int objects) {
  }

  private final Pool pool;
  private final ContentStore content;
  private final BlockingWork fileIo;
  private final long minAgeMillis;
  private final Counter tmpRemoved;
  private final Counter objectsRemoved;

  DocumentSweeper(Pool pool, ContentStore content, BlockingWork fileIo, long minAgeSeconds, MeterRegistry registry) {
    this.pool = pool;
    this.content = content;
    this.fileIo = fileIo;
    this.minAgeMillis = minAgeSeconds * 1000;
    this.tmpRemoved = Counter.builder("epupns_upload_orphans_removed").tag("kind", "tmp")
        .description("Files left by interrupted uploads, removed by the sweep").register(registry);
    this.objectsRemoved = Counter.builder("epupns_upload_orphans_removed").tag("kind", "object")
        .description("Files left by interrupted uploads, removed by the sweep").register(registry);
  }

  /** Sweeps once now (the future completes when done, never failing) and then periodically. */
  public static Future<Void> start(Vertx vertx, Pool pool, AppConfig config, MeterRegistry registry) {
    BlockingWork fileIo = BlockingWork.create(vertx, registry, "file-io", config.integer("uploads.workerPoolSize"));
    ContentStore content = new ContentStore(Path.of(config.string("uploads.directory")), fileIo);
    DocumentSweeper sweeper = new DocumentSweeper(pool, content, fileIo, config.integer("uploads.orphanMinAgeSeconds"),
        registry);
    long interval = config.integer("uploads.sweepIntervalSeconds") * 1000L;
    return sweeper.sweepLogged().onComplete(done -> {
      if (interval > 0) {
        vertx.setPeriodic(interval, id -> sweeper.sweepLogged());
      }
    }).mapEmpty();
  }

  private Future<Void> sweepLogged() {
    return sweep().transform(result -> {
      if (result.failed()) {
        LOG.warn("upload sweep failed: {}", String.valueOf(result.cause().getMessage()));
      } else if (result.result().tmpFiles() + result.result().objects() > 0) {
        LOG.info("upload sweep removed {} temporary files and {} objects no document names",
            result.result().tmpFiles(), result.result().objects());
      }
      return Future.succeededFuture();
    });
  }

  Future<Swept> sweep() {
    return fileIo.run(this::removeOldTmpFiles)
        .compose(tmp -> fileIo.run(this::oldObjects)
            .compose(this::unnamed)
            .compose(candidates -> fileIo.run(() -> removeStillOld(candidates)))
            .map(objects -> new Swept(tmp, objects)))
        .onSuccess(swept -> {
          tmpRemoved.increment(swept.tmpFiles());
          objectsRemoved.increment(swept.objects());
        });
  }

  private boolean old(Path file) throws IOException {
    return Files.getLastModifiedTime(file).toMillis() < System.currentTimeMillis() - minAgeMillis;
  }

  private int removeOldTmpFiles() throws IOException {
    Path tmp = content.uploadsTmp();
    if (!Files.isDirectory(tmp)) {
      return 0;
    }
    int removed = 0;
    try (Stream<Path> files = Files.list(tmp)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        try {
          if (Files.isRegularFile(file) && old(file) && Files.deleteIfExists(file)) {
            removed++;
          }
        } catch (NoSuchFileException gone) {
          // finished meanwhile
        }
      }
    }
    return removed;
  }

  private List<Path> oldObjects() throws IOException {
    Path objects = content.objects();
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(objects)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(objects, 2)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        try {
          if (Files.isRegularFile(file) && file.getFileName().toString().matches("[0-9a-f]{64}") && old(file)) {
            out.add(file);
          }
        } catch (NoSuchFileException gone) {
          // removed meanwhile
        }
      }
    }
    return out;
  }

  /** The old objects no document row names, asked in batches. */
  private Future<List<Path>> unnamed(List<Path> candidates) {
    Future<List<Path>> out = Future.succeededFuture(new ArrayList<>());
    for (int from = 0; from < candidates.size(); from += BATCH) {
      List<Path> batch = candidates.subList(from, Math.min(candidates.size(), from + BATCH));
      out = out.compose(list -> pool.preparedQuery(NAMED)
          .execute(Tuple.of(batch.stream().map(p -> p.getFileName().toString()).toArray(String[]::new)))
          .map(rows -> {
            Set<String> named = new HashSet<>();
            for (Row row : rows) {
              named.add(row.getString(0));
            }
            batch.stream().filter(p -> !named.contains(p.getFileName().toString())).forEach(list::add);
            return list;
          }));
    }
    return out;
  }

  private int removeStillOld(List<Path> candidates) throws IOException {
    int removed = 0;
    for (Path file : candidates) {
      try {
        // Checked again: an upload of the same bytes touches the object before writing its row.
        if (old(file) && Files.deleteIfExists(file)) {
          removed++;
        }
      } catch (NoSuchFileException gone) {
        // removed meanwhile
      }
    }
    return removed;
  }
}

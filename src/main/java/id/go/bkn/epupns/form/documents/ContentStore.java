package id.go.bkn.epupns.form.documents;

import id.go.bkn.epupns.core.blocking.BlockingWork;
import io.vertx.core.Future;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Document bytes on disk, outside any served folder, named by their SHA-256 (content-addressed:
 * the same scan is stored once). A file is complete before anyone can see it: written to a
 * temporary file, forced to disk, then moved atomically into place. All of it on the file-io pool.
 */
public final class ContentStore {

  /** The bytes of a stored document. */
  public record Stored(String sha256, long size, String contentType) {
  }

  private final Path objects;
  private final Path tmp;
  private final BlockingWork fileIo;

  public ContentStore(Path directory, BlockingWork fileIo) {
    this.objects = directory.resolve("objects");
    this.tmp = directory.resolve("tmp");
    this.fileIo = fileIo;
  }

  public Path uploadsTmp() {
    return tmp;
  }

  public Path pathOf(String sha256) {
    return objects.resolve(sha256.substring(0, 2)).resolve(sha256);
  }

  /** The media type the upload's first bytes show (PDF, JPEG or PNG), if any. */
  public Future<Optional<String>> sniff(Path upload) {
    return fileIo.run(() -> {
      byte[] head = new byte[MediaTypes.HEAD_BYTES];
      int read;
      try (InputStream in = Files.newInputStream(upload)) {
        read = in.readNBytes(head, 0, head.length);
      }
      return MediaTypes.sniff(head, read);
    });
  }

  public Future<Stored> store(Path upload, String contentType) {
    return fileIo.run(() -> {
      Files.createDirectories(tmp);
      Path part = tmp.resolve(UUID.randomUUID() + ".part");
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long size;
        try (InputStream in = Files.newInputStream(upload);
             FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             OutputStream out = new DigestOutputStream(java.nio.channels.Channels.newOutputStream(channel), sha)) {
          size = in.transferTo(out);
          out.flush();
          channel.force(true);
        }
        String hash = HexFormat.of().formatHex(sha.digest());
        Path target = pathOf(hash);
        Files.createDirectories(target.getParent());
        if (Files.exists(target)) {
          Files.delete(part); // already stored: same bytes
          // Fresh again, so that the orphan sweep (which spares young objects) leaves it to the row about to be written.
          Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        } else {
          try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
          } catch (FileAlreadyExistsException raced) {
            Files.delete(part);
          }
          syncDirectory(target.getParent());
        }
        return new Stored(hash, size, contentType);
      } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
        Files.deleteIfExists(part);
        throw e;
      }
    });
  }

  /** True when the object is on disk (a sweep may have removed it just before its row was written). */
  public Future<Boolean> exists(String sha256) {
    return fileIo.run(() -> Files.isRegularFile(pathOf(sha256)));
  }

  public Path objects() {
    return objects;
  }

  /** So that the new name survives a crash, not only the bytes. */
  private static void syncDirectory(Path directory) {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Some filesystems do not allow opening a directory; the data itself is already on disk.
    }
  }
}

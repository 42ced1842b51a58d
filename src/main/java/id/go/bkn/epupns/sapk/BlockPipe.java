package id.go.bkn.epupns.sapk;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded in-memory pipe from one thread to another, for sapk-generate-import (the generator
 * writes CSV on one core, the importer reads it on the other).
 *
 * <p>Why not {@link java.io.PipedInputStream}: its writer, once the buffer is full, sleeps until the
 * reader has emptied it completely (the reader only wakes it when it finds nothing to read), so the
 * generator and the importer took turns instead of running at the same time. Here whole blocks
 * move through a blocking queue: each side waits only when the queue is full or empty.
 */
final class BlockPipe {

  private static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> queue;
  private final int blockBytes;
  private volatile boolean readerClosed;

  /** At most {@code blocks} blocks of {@code blockBytes} in flight. */
  BlockPipe(int blockBytes, int blocks) {
    this.blockBytes = blockBytes;
    this.queue = new ArrayBlockingQueue<>(blocks);
  }

  OutputStream output() {
    return new Output();
  }

  InputStream input() {
    return new Input();
  }

  private final class Output extends OutputStream {
    private byte[] block = new byte[blockBytes];
    private int length;

    @Override
    public void write(int b) throws IOException {
      if (length == block.length) {
        flush();
      }
      block[length++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (length == block.length) {
          flush();
        }
        int n = Math.min(len, block.length - length);
        System.arraycopy(b, off, block, length, n);
        length += n;
        off += n;
        len -= n;
      }
    }

    @Override
    public void flush() throws IOException {
      if (length > 0) {
        put(length == block.length ? block : java.util.Arrays.copyOf(block, length));
        block = new byte[blockBytes];
        length = 0;
      }
    }

    @Override
    public void close() throws IOException {
      flush();
      put(END);
    }

    private void put(byte[] b) throws IOException {
      try {
        while (!queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
          if (readerClosed) {
            throw new IOException("the reading side of the pipe is closed");
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException();
      }
    }
  }

  private final class Input extends InputStream {
    private byte[] block;
    private int position;

    @Override
    public int read() throws IOException {
      return next() ? block[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!next()) {
        return -1;
      }
      int n = Math.min(len, block.length - position);
      System.arraycopy(block, position, b, off, n);
      position += n;
      return n;
    }

    /** Whether a byte is available, waiting for the next block when needed; false at the end. */
    private boolean next() throws IOException {
      while (block != END && (block == null || position == block.length)) {
        try {
          block = queue.take();
          position = 0;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException();
        }
      }
      return block != END;
    }

    /** Lets a blocked writer fail instead of waiting forever when the reader gives up. */
    @Override
    public void close() {
      readerClosed = true;
      queue.clear();
    }
  }
}

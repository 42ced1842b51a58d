package id.go.bkn.epupns.sapk;

import java.sql.SQLException;

/** PostgreSQL COPY text format: tab-separated, {@code \N} for null, backslash escapes. */
final class CopyText {

  private CopyText() {
  }

  static void append(StringBuilder out, String value) {
    if (value == null || value.isEmpty()) {
      out.append("\\N");
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(ch);
      }
    }
  }

  /** Takes a filled block of COPY bytes; the block is the sink's from then on. */
  @FunctionalInterface
  interface Sink {
    void accept(byte[] block, int length) throws SQLException;
  }

  /**
   * Rows in COPY text format, encoded straight into UTF-8 byte blocks that are handed to a
   * {@link Sink} whenever one fills. The importer writes millions of rows: going through a
   * StringBuilder, {@code toString()} and {@code getBytes()} copied every byte three times.
   */
  static final class Writer {

    private final int blockBytes;
    private final Sink sink;
    private byte[] buffer;
    private int length;
    private boolean rowStarted;

    Writer(int blockBytes, Sink sink) {
      this.blockBytes = blockBytes;
      this.sink = sink;
      this.buffer = new byte[blockBytes];
    }

    void field(long value) throws SQLException {
      separator();
      String digits = Long.toString(value);
      for (int i = 0; i < digits.length(); i++) {
        put((byte) digits.charAt(i));
      }
    }

    /** One field; null or empty is SQL null (the CSV has no other way to say "no value"). */
    void field(String value) throws SQLException {
      separator();
      if (value == null || value.isEmpty()) {
        put((byte) '\\');
        put((byte) 'N');
        return;
      }
      for (int i = 0; i < value.length(); i++) {
        char ch = value.charAt(i);
        if (ch < 0x80) {
          switch (ch) {
            case '\\' -> escape('\\');
            case '\t' -> escape('t');
            case '\n' -> escape('n');
            case '\r' -> escape('r');
            default -> put((byte) ch);
          }
        } else if (ch < 0x800) {
          put((byte) (0xC0 | ch >> 6));
          put((byte) (0x80 | ch & 0x3F));
        } else if (Character.isHighSurrogate(ch) && i + 1 < value.length()
            && Character.isLowSurrogate(value.charAt(i + 1))) {
          int cp = Character.toCodePoint(ch, value.charAt(++i));
          put((byte) (0xF0 | cp >> 18));
          put((byte) (0x80 | cp >> 12 & 0x3F));
          put((byte) (0x80 | cp >> 6 & 0x3F));
          put((byte) (0x80 | cp & 0x3F));
        } else {
          char c = Character.isSurrogate(ch) ? '\uFFFD' : ch; // a lone surrogate is not UTF-8
          put((byte) (0xE0 | c >> 12));
          put((byte) (0x80 | c >> 6 & 0x3F));
          put((byte) (0x80 | c & 0x3F));
        }
      }
    }

    void endRow() throws SQLException {
      put((byte) '\n');
      rowStarted = false;
    }

    /** Hands over what is buffered (whole rows only: call it after {@link #endRow}). */
    void flush() throws SQLException {
      if (length > 0) {
        sink.accept(buffer, length);
        buffer = new byte[blockBytes];
        length = 0;
      }
    }

    private void separator() throws SQLException {
      if (rowStarted) {
        put((byte) '\t');
      }
      rowStarted = true;
    }

    private void escape(char ch) throws SQLException {
      put((byte) '\\');
      put((byte) ch);
    }

    private void put(byte b) throws SQLException {
      if (length == buffer.length) {
        flush();
      }
      buffer[length++] = b;
    }
  }
}

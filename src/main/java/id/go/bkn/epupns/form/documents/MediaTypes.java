package id.go.bkn.epupns.form.documents;

import java.util.Optional;

/** Decides a document's type by its first bytes (magic numbers), never by its name or header. */
final class MediaTypes {

  static final int HEAD_BYTES = 8;
  private static final byte[] PDF = {'%', 'P', 'D', 'F', '-'};
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private MediaTypes() {
  }

  static Optional<String> sniff(byte[] head, int length) {
    if (startsWith(head, length, PDF)) {
      return Optional.of("application/pdf");
    }
    if (startsWith(head, length, JPEG)) {
      return Optional.of("image/jpeg");
    }
    if (startsWith(head, length, PNG)) {
      return Optional.of("image/png");
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] head, int length, byte[] magic) {
    if (length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (head[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }
}

package id.go.bkn.epupns.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every admission of a run, one line each in target/admission-waits.csv: flow, the wait the
 * waiting room predicted on entry (seconds, empty when admitted at once) and the actual wait
 * (milliseconds). `python3 report.py waits` summarises the error of the prediction.
 */
final class AdmissionLog {

  static final Path FILE = Path.of(System.getProperty("admissionLog", "target/admission-waits.csv"));
  private static Writer out;

  private AdmissionLog() {
  }

  static synchronized void record(String flow, String predictedSeconds, long actualMillis) {
    try {
      if (out == null) {
        Files.createDirectories(FILE.toAbsolutePath().getParent());
        out = Files.newBufferedWriter(FILE, StandardCharsets.UTF_8);
        out.write("flow,predictedSeconds,actualMillis\n");
        Runtime.getRuntime().addShutdownHook(new Thread(AdmissionLog::close));
      }
      out.write(flow + "," + (predictedSeconds == null ? "" : predictedSeconds) + "," + actualMillis + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static synchronized void close() {
    try {
      if (out != null) {
        out.close();
        out = null;
      }
    } catch (IOException ignored) {
      // the run is over; nothing to do
    }
  }
}

package id.go.bkn.epupns.core;

import id.go.bkn.epupns.testing.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The slow-client timeouts after the request head (README "HTTP hardening and timeouts", core/http/SlowClients),
 * over raw sockets, with http.bodyReadTimeoutSeconds and http.keepAliveTimeoutSeconds at 1 s (the idle timeout
 * stays 60 s, so only these can close the connections): a body sent a byte every 250 ms is cut, and so is a
 * keep-alive connection idle after its answer, each within a bound, while a connection that keeps asking is kept.
 * The slow-header timeout is HttpHardeningTest's. Its own service: a 1 s keep-alive would race the pooled
 * connections of the other tests' client.
 */
class SlowClientsTest {

  static TestService service;

  @BeforeAll
  static void start() {
    service = TestService.start(SlowClientsTest.class, Map.of(
        "EPUPNS_HTTP_BODY_READ_TIMEOUT_SECONDS", "1",
        "EPUPNS_HTTP_KEEP_ALIVE_TIMEOUT_SECONDS", "1"), false);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  @Test
  void aBodySentSlowlyIsCutAfterTheBodyTimeout() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", service.port())) {
      socket.setSoTimeout(250);
      write(socket, "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 200\r\n\r\n{");
      long start = System.nanoTime();
      boolean closed = false;
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      // One body byte every 250 ms: the connection is never idle, and 200 bytes would take 50 s.
      for (int i = 0; i < 40 && !closed; i++) {
        try {
          write(socket, " ");
          int b = socket.getInputStream().read();
          if (b < 0) {
            closed = true;
          } else {
            answer.write(b);
          }
        } catch (SocketTimeoutException stillOpen) {
          // nothing to read yet
        } catch (IOException reset) {
          closed = true;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      assertTrue(closed, "the slow body still holds its connection after " + seconds + " s");
      assertTrue(seconds >= 0.9, "cut after " + seconds + " s: before the 1 s timeout, so not by it");
      assertTrue(seconds < 5, "cut after " + seconds + " s, configured 1 s");
      assertEquals("", answer.toString(StandardCharsets.ISO_8859_1), "the half-sent request was not answered");
    }
  }

  @Test
  void anIdleKeepAliveConnectionIsClosedAfterTheKeepAliveTimeout() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", service.port())) {
      socket.setSoTimeout(10_000);
      write(socket, "GET /api/schedule HTTP/1.1\r\nHost: x\r\n\r\n");
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      long lastByte = System.nanoTime();
      try {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          answer.write(buffer, 0, n);
          lastByte = System.nanoTime();
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the idle connection was kept open: " + answer.toString(StandardCharsets.ISO_8859_1), e);
      } catch (IOException reset) {
        // closed
      }
      double idle = (System.nanoTime() - lastByte) / 1e9;
      String text = answer.toString(StandardCharsets.ISO_8859_1);
      assertTrue(text.startsWith("HTTP/1.1 200"), text);
      assertFalse(text.toLowerCase().contains("connection: close"), "kept alive at first: " + text);
      assertTrue(idle >= 0.9, "closed " + idle + " s after the answer: before the 1 s timeout, so not by it");
      assertTrue(idle < 5, "closed " + idle + " s after the answer, configured 1 s");
    }
  }

  @Test
  void aKeepAliveConnectionThatKeepsAskingIsKept() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", service.port())) {
      socket.setSoTimeout(10_000);
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answers = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      long start = System.nanoTime();
      // Six requests 500 ms apart: 3 s on one connection, never 1 s idle.
      for (int i = 1; i <= 6; i++) {
        write(socket, "GET /api/schedule HTTP/1.1\r\nHost: x\r\n\r\n");
        while (count(answers.toString(StandardCharsets.ISO_8859_1), "HTTP/1.1 200") < i) {
          int n = in.read(buffer);
          assertTrue(n >= 0, "closed after " + (i - 1) + " answers, " + (System.nanoTime() - start) / 1e9 + " s");
          answers.write(buffer, 0, n);
        }
        Thread.sleep(500); // the client's pace, not a synchronisation: the answer was read above
      }
      assertTrue((System.nanoTime() - start) / 1e9 >= 3, "the connection lived longer than the keep-alive timeout");
    }
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  private static void write(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }
}

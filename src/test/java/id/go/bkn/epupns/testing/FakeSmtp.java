package id.go.bkn.epupns.testing;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Just enough SMTP for the Vert.x mail client (greeting, EHLO, MAIL, RCPT, DATA, QUIT), keeping what
 * it receives: the lines of the conversation and every message. Mails carrying secrets (reset links)
 * reach a test only this way, as they reach a PNS: the outbox table never holds them readable. Faults: the port
 * closed ({@link #down()}), the connection dropped after a whole message was received but before its 250
 * ({@link #dropAfterData}: the message counts as received, as a real server may have queued it), and a 451 reply
 * to the message ({@link #refuseWith451}: not received).
 */
public final class FakeSmtp implements AutoCloseable {

  /** One delivered message: its recipients and its raw DATA (headers and body). */
  public record Message(List<String> recipients, String data) {

    public String subject() {
      for (String line : data.split("\r\n")) {
        if (line.regionMatches(true, 0, "Subject:", 0, 8)) {
          return line.substring(8).trim();
        }
      }
      return "";
    }

    /** The body, decoded from quoted-printable or base64 when the headers say so. */
    public String text() {
      int split = data.indexOf("\r\n\r\n");
      String headers = (split < 0 ? "" : data.substring(0, split)).toLowerCase(Locale.ROOT);
      String body = split < 0 ? data : data.substring(split + 4);
      if (headers.contains("content-transfer-encoding: quoted-printable")) {
        return quotedPrintable(body);
      }
      if (headers.contains("content-transfer-encoding: base64")) {
        return new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8);
      }
      return body;
    }

    private static String quotedPrintable(String body) {
      String joined = body.replace("=\r\n", "");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int i = 0; i < joined.length(); i++) {
        char c = joined.charAt(i);
        if (c == '=' && i + 2 < joined.length()) {
          out.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
          i += 2;
        } else {
          out.write((byte) c);
        }
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  private final Vertx vertx;
  private NetServer server;
  private final int port;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final List<Message> messages = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger dropsLeft = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger refusalsLeft = new java.util.concurrent.atomic.AtomicInteger();

  private FakeSmtp(Vertx vertx, NetServer server, int port) {
    this.vertx = vertx;
    this.server = server;
    this.port = port;
  }

  /**
   * Listens on a free port until closed, with its own Vert.x, so that it can run before the service
   * starts (a mail sent to a closed port is retried only minutes later).
   */
  public static FakeSmtp start() {
    Vertx vertx = Vertx.vertx();
    int port = TestService.freePort();
    FakeSmtp[] self = new FakeSmtp[1];
    NetServer server = vertx.createNetServer().connectHandler(socket -> self[0].serve(socket));
    self[0] = new FakeSmtp(vertx, server, port);
    TestService.await(server.listen(port));
    return self[0];
  }

  /** The server goes down: the port refuses connections (what was received is kept). */
  public void down() {
    TestService.await(server.close());
  }

  /** Back up on the same port. */
  public void up() {
    server = vertx.createNetServer().connectHandler(this::serve);
    TestService.await(server.listen(port));
  }

  /**
   * The next {@code count} messages are received whole, then their connection is closed before the 250 that would
   * acknowledge them: the sender cannot know that they arrived.
   */
  public void dropAfterData(int count) {
    dropsLeft.set(count);
  }

  /** The next {@code count} messages are answered 451 (try again later) after their DATA, and not kept. */
  public void refuseWith451(int count) {
    refusalsLeft.set(count);
  }

  /** The settings that make a TestService deliver its mails here, at once. */
  public java.util.Map<String, String> settings() {
    return java.util.Map.of("EPUPNS_MAIL_SMTP_HOST", "127.0.0.1", "EPUPNS_MAIL_SMTP_PORT", Integer.toString(port),
        "EPUPNS_MAIL_START_TLS", "false", "EPUPNS_MAIL_POLL_SECONDS", "1");
  }

  public int port() {
    return port;
  }

  /** Every line the server received, in order (commands and message lines). */
  public List<String> lines() {
    return lines;
  }

  public List<Message> messages() {
    return messages;
  }

  /** Waits (polling, generous deadline) for a message that matches. */
  public Message await(Predicate<Message> which, String what) {
    return Poll.until("a mail " + what, java.time.Duration.ofSeconds(60),
        () -> messages.stream().filter(which).findFirst(), java.util.Optional::isPresent).get();
  }

  /** The message to the recipient whose subject contains the text. */
  public Message await(String recipient, String subjectPart) {
    return await(m -> m.recipients().contains(recipient) && m.subject().contains(subjectPart),
        "to " + recipient + " about '" + subjectPart + "'");
  }

  private void serve(NetSocket socket) {
    socket.write("220 uji.example ESMTP\r\n");
    boolean[] inData = {false};
    List<String> recipients = new ArrayList<>();
    StringBuilder data = new StringBuilder();
    RecordParser parser = RecordParser.newDelimited("\r\n", line -> {
      String text = line.toString(StandardCharsets.UTF_8);
      lines.add(text);
      if (inData[0]) {
        if (text.equals(".")) {
          inData[0] = false;
          Message message = new Message(List.copyOf(recipients), data.toString());
          recipients.clear();
          data.setLength(0);
          if (refusalsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            socket.write("451 4.3.0 coba lagi nanti\r\n");
          } else if (dropsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            messages.add(message);
            socket.close();
          } else {
            messages.add(message);
            socket.write("250 OK diterima\r\n");
          }
        } else {
          data.append(text.startsWith("..") ? text.substring(1) : text).append("\r\n");
        }
        return;
      }
      String verb = text.length() >= 4 ? text.substring(0, 4).toUpperCase(Locale.ROOT) : text.toUpperCase(Locale.ROOT);
      switch (verb) {
        case "EHLO", "HELO" -> socket.write("250-uji.example\r\n250 8BITMIME\r\n");
        case "RCPT" -> {
          int open = text.indexOf('<');
          int close = text.indexOf('>');
          if (open >= 0 && close > open) {
            recipients.add(text.substring(open + 1, close));
          }
          socket.write("250 OK\r\n");
        }
        case "DATA" -> {
          inData[0] = true;
          socket.write("354 lanjut\r\n");
        }
        case "QUIT" -> socket.write("221 sampai jumpa\r\n").onComplete(v -> socket.close());
        default -> socket.write("250 OK\r\n");
      }
    });
    socket.handler(parser);
  }

  @Override
  public void close() {
    TestService.await(server.close().eventually(vertx::close));
  }
}

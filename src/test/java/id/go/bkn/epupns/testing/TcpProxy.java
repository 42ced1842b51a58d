package id.go.bkn.epupns.testing;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.util.ArrayList;
import java.util.List;

import static id.go.bkn.epupns.testing.TestService.await;

/**
 * A TCP proxy to a real server (PostgreSQL) that a test can cut (every connection closed, new ones refused),
 * freeze (connections accepted and kept, but nothing forwarded either way) or slow down (each chunk delayed), then
 * open again. On its own Vert.x,
 * so the service under test shares no event loop with it.
 */
public final class TcpProxy implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final NetClient client = vertx.createNetClient();
  private final String targetHost;
  private final int targetPort;
  private final int port;
  private final List<NetSocket[]> pairs = new ArrayList<>();
  private NetServer server;
  private volatile boolean frozen;
  private volatile long delayMillis;
  private volatile boolean cut;

  public TcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.port = TestService.freePort();
    listen();
  }

  public int port() {
    return port;
  }

  private void listen() {
    server = vertx.createNetServer().connectHandler(this::accept);
    await(server.listen(port, "127.0.0.1"));
    cut = false;
  }

  private void accept(NetSocket inbound) {
    inbound.pause();
    client.connect(targetPort, targetHost).onComplete(connected -> {
      if (connected.failed()) {
        inbound.close();
        return;
      }
      NetSocket outbound = connected.result();
      outbound.pause();
      NetSocket[] pair = {inbound, outbound};
      synchronized (pairs) {
        pairs.add(pair);
      }
      inbound.handler(data -> forward(inbound, outbound, data));
      outbound.handler(data -> forward(outbound, inbound, data));
      inbound.closeHandler(v -> {
        outbound.close();
        forget(pair);
      });
      outbound.closeHandler(v -> {
        inbound.close();
        forget(pair);
      });
      if (!frozen) {
        inbound.resume();
        outbound.resume();
      }
    });
  }

  /** Forwards a chunk, after {@link #slow}'s delay if set (the source paused meanwhile, so order is kept). */
  private void forward(NetSocket from, NetSocket to, io.vertx.core.buffer.Buffer data) {
    long delay = delayMillis;
    if (delay <= 0) {
      to.write(data);
      return;
    }
    from.pause();
    vertx.setTimer(delay, t -> {
      to.write(data);
      if (!frozen) {
        from.resume();
      }
    });
  }

  private void forget(NetSocket[] pair) {
    synchronized (pairs) {
      pairs.remove(pair);
    }
  }

  private List<NetSocket[]> pairs() {
    synchronized (pairs) {
      return new ArrayList<>(pairs);
    }
  }

  /** Every connection closed and the port no longer listening: connection refused. */
  public void cut() {
    cut = true;
    await(server.close());
    pairs().forEach(pair -> vertx.runOnContext(v -> {
      pair[0].close();
      pair[1].close();
    }));
  }

  /** Connections kept and accepted, but not a byte forwarded: a frozen network or server. */
  public void freeze() {
    frozen = true;
    pairs().forEach(pair -> vertx.runOnContext(v -> {
      pair[0].pause();
      pair[1].pause();
    }));
  }

  /** Every chunk in either direction held for the delay: a slow, congested network (0: full speed again). */
  public void slow(long millis) {
    delayMillis = millis;
  }

  /** Forwarding again (after a cut: listening again on the same port), at full speed. */
  public void open() {
    delayMillis = 0;
    if (frozen) {
      frozen = false;
      pairs().forEach(pair -> vertx.runOnContext(v -> {
        pair[0].resume();
        pair[1].resume();
      }));
    } else if (cut) {
      listen();
    }
  }

  @Override
  public void close() {
    await(vertx.close());
  }
}

package id.go.bkn.epupns.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Removes a test class's Redis keys (by prefix) with one server-side Lua call. */
public final class RedisKeys {

  private RedisKeys() {
  }

  public static void deleteWithPrefix(String prefix) {
    String script = "local n=0 for _,k in ipairs(redis.call('keys', ARGV[1]..'*')) do redis.call('del', k) n=n+1 end return n";
    try (Socket socket = new Socket("127.0.0.1", 6379)) {
      OutputStream out = socket.getOutputStream();
      out.write(resp("EVAL", script, "0", prefix));
      out.flush();
      new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
    } catch (Exception e) {
      System.err.println("could not clean Redis keys " + prefix + ": " + e.getMessage());
    }
  }

  private static byte[] resp(String... parts) {
    StringBuilder b = new StringBuilder("*").append(parts.length).append("\r\n");
    for (String p : parts) {
      byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
      b.append('$').append(bytes.length).append("\r\n").append(p).append("\r\n");
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }
}

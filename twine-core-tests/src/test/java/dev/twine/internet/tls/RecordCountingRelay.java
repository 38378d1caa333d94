package dev.twine.internet.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of a server that counts the TLS records of type 23 (application data, and
 * in TLS 1.3 every encrypted record) going each way. Blocking, on its own threads, for one
 * connection.
 */
final class RecordCountingRelay implements AutoCloseable {
  final AtomicInteger toServer = new AtomicInteger();
  final AtomicInteger toClient = new AtomicInteger();
  private final ServerSocket listening;
  private final int target;

  RecordCountingRelay(int target) throws IOException {
    this.target = target;
    this.listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("relay").start(this::relayOne);
  }

  int port() {
    return listening.getLocalPort();
  }

  private void relayOne() {
    try (Socket client = listening.accept(); Socket server = new Socket(InetAddress.getLoopbackAddress(), target)) {
      Thread up = Thread.ofPlatform().daemon().start(() -> copy(client, server, toServer));
      copy(server, client, toClient);
      up.join(ReactorThread.WAIT.toMillis());
    } catch (IOException | InterruptedException e) {
      // the test sees the connection end
    }
  }

  /** Copies until the end, counting records by their 5-byte headers, then closes the writing half. */
  private static void copy(Socket from, Socket to, AtomicInteger applicationRecords) {
    byte[] buffer = new byte[16384];
    byte[] header = new byte[5];
    int headerFilled = 0;
    int bodyLeft = 0;
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      for (int count; (count = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, count);
        for (int i = 0; i < count; ) {
          if (bodyLeft > 0) {
            int skip = Math.min(bodyLeft, count - i);
            bodyLeft -= skip;
            i += skip;
          } else {
            header[headerFilled++] = buffer[i++];
            if (headerFilled == 5) {
              headerFilled = 0;
              bodyLeft = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
              if (header[0] == 23) {
                applicationRecords.incrementAndGet();
              }
            }
          }
        }
      }
      to.shutdownOutput();
    } catch (IOException e) {
      // the connection ended
    }
  }

  @Override
  public void close() throws IOException {
    listening.close();
  }
}

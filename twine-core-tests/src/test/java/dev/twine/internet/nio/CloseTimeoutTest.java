package dev.twine.internet.nio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.ConnectionAborted;
import dev.twine.internet.ConnectionDone;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.Protocol;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A connection asked to close while its peer reads nothing is aborted after the close timeout;
 * one whose peer reads closes cleanly however long that takes.
 */
class CloseTimeoutTest {
  private static final int SIZE = 16 << 20;

  /** Writes {@link #SIZE} bytes as soon as it is connected, then asks to close. */
  static final class Blurt extends Protocol {
    final CompletableFuture<Failure> lost = new CompletableFuture<>();

    @Override
    public void connectionMade() {
      transport().write(Bytes.wrap(new byte[SIZE]));
      transport().loseConnection();
    }

    @Override
    public void connectionLost(Failure reason) {
      lost.complete(reason);
    }
  }

  private static RunningReactor reactor(Duration closeTimeout) {
    return new RunningReactor(new NioReactor(NioReactor.Options.DEFAULT
        .withShutdownGrace(Duration.ofMillis(500)).withCloseTimeout(closeTimeout)));
  }

  @Test
  void abortsAClosingConnectionWhosePeerReadsNothing() throws Exception {
    Blurt server = new Blurt();
    try (RunningReactor running = reactor(Duration.ofMillis(300))) {
      ListeningPort port = running.call(
          () -> running.reactor.listenTcp(0, address -> server, 50, "127.0.0.1"));
      try (Socket client = new Socket()) {
        client.setReceiveBufferSize(4096);
        client.connect(new InetSocketAddress("127.0.0.1", ((IPv4Address) port.address()).port()));

        Failure reason = RunningReactor.await(server.lost);

        assertThat(reason.exception()).isInstanceOf(ConnectionAborted.class);
      }
    }
  }

  @Test
  void letsAPeerThatKeepsReadingReceiveEverything() throws Exception {
    Blurt server = new Blurt();
    try (RunningReactor running = reactor(Duration.ofMillis(300))) {
      ListeningPort port = running.call(
          () -> running.reactor.listenTcp(0, address -> server, 50, "127.0.0.1"));
      try (Socket client = new Socket()) {
        client.setReceiveBufferSize(4096);
        client.connect(new InetSocketAddress("127.0.0.1", ((IPv4Address) port.address()).port()));
        InputStream in = client.getInputStream();
        long total = 0;
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          total += n;
          if (total % (1 << 20) < n) {
            Thread.sleep(50);
          }
        }

        assertThat(total).isEqualTo(SIZE);
        assertThat(RunningReactor.await(server.lost).exception()).isInstanceOf(ConnectionDone.class);
      }
    }
  }

  @Test
  void refusesACloseTimeoutThatIsNotPositive() {
    assertThatThrownBy(() -> NioReactor.Options.DEFAULT.withCloseTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("closeTimeout");
  }
}

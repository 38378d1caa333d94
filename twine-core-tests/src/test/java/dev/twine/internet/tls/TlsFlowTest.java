package dev.twine.internet.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.PushProducer;
import java.io.IOException;
import java.time.Duration;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class TlsFlowTest {
  private static final Bytes TEN = Bytes.utf8("0123456789");
  private final TlsFixture fixture = new TlsFixture();

  @AfterEach
  void stop() throws InterruptedException {
    fixture.close();
  }

  @Test
  void manySmallWritesInOneTurnBecomeFewRecords() throws IOException {
    Recorder server = new Recorder() {
      @Override
      public void connectionMade() {
        super.connectionMade();
        for (int i = 0; i < 1000; i++) {
          transport().write(TEN);
        }
      }
    };
    int port = fixture.listen(address -> server, TlsFixture.SERVER_OPTIONS);
    try (RecordCountingRelay relay = new RecordCountingRelay(port)) {
      Recorder client = fixture.connect(relay.port(), new Recorder());
      fixture.loop.call(() -> {
        for (int i = 0; i < 1000; i++) {
          client.transport().write(TEN);
        }
        return null;
      });

      assertThat(fixture.await(() -> client.receivedAtLeast(10_000)).size()).isEqualTo(10_000);
      assertThat(fixture.await(() -> server.receivedAtLeast(10_000)).size()).isEqualTo(10_000);
      // The handshake's encrypted messages and session tickets are records too: a few, not 1000.
      assertThat(relay.toClient.get()).isLessThan(20);
      assertThat(relay.toServer.get()).isLessThan(20);
    }
  }

  @Test
  void aSlowReaderPausesTheProducerAndMemoryStaysBounded() {
    int total = 64 * 1024 * 1024;
    StreamingServer server = new StreamingServer(total);
    int port = fixture.listen(address -> server, TlsFixture.SERVER_OPTIONS);
    CountingClient client = new CountingClient();
    fixture.connect(port, client);

    long stalledAt = waitUntilStalled(server);
    assertThat(stalledAt).as("bytes written before the producer stayed paused").isLessThan(16L * 1024 * 1024);
    assertThat(fixture.loop.call(() -> server.paused)).isTrue();
    assertThat(fixture.loop.call(() -> client.received)).as("nothing is delivered while paused").isZero();

    fixture.loop.call(() -> {
      client.transport().resumeProducing();
      return null;
    });

    assertThat(fixture.await(() -> client.done)).isEqualTo(total);
    assertThat(fixture.loop.call(() -> client.crc.getValue())).isEqualTo(fixture.loop.call(() -> server.crc.getValue()));
  }

  /** Waits until what the server has written stops growing for half a second; returns it. */
  private long waitUntilStalled(StreamingServer server) {
    long last = -1;
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      long now = fixture.loop.call(() -> server.sent);
      if (now == last && now > 0) {
        return now;
      }
      last = now;
      sleepTick();
    }
    throw new AssertionError("the producer never stalled; it wrote " + last + " bytes");
  }

  private static void sleepTick() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Writes {@code total} bytes as fast as its push producer is allowed to. */
  private static final class StreamingServer extends Recorder implements PushProducer {
    final CRC32 crc = new CRC32();
    final int total;
    long sent;
    boolean paused;

    StreamingServer(int total) {
      this.total = total;
    }

    @Override
    public void connectionMade() {
      super.connectionMade();
      transport().registerProducer(this, true);
      resumeProducing();
    }

    @Override
    public void pauseProducing() {
      paused = true;
    }

    @Override
    public void resumeProducing() {
      paused = false;
      while (!paused && sent < total) {
        byte[] chunk = new byte[16 * 1024];
        for (int i = 0; i < chunk.length; i++) {
          chunk[i] = (byte) (sent + i);
        }
        crc.update(chunk);
        sent += chunk.length;
        transport().write(Bytes.wrap(chunk));
      }
      if (sent == total) {
        transport().unregisterProducer();
        transport().loseConnection();
      }
    }

    @Override
    public void stopProducing() {
      paused = true;
    }
  }

  /** Pauses reading as soon as it is connected; then counts what it receives. */
  private static final class CountingClient extends Recorder {
    final CRC32 crc = new CRC32();
    final Deferred<Long> done = new Deferred<>();
    long received;

    @Override
    public void connectionMade() {
      super.connectionMade();
      transport().pauseProducing();
    }

    @Override
    public void dataReceived(Bytes data) {
      received += data.size();
      crc.update(data.toByteArray());
    }

    @Override
    public void connectionLost(dev.twine.defer.Failure reason) {
      super.connectionLost(reason);
      done.callback(received);
    }
  }
}

package dev.twine.internet.tls;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.ConnectionAborted;
import dev.twine.testing.Chunks;
import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TLS layer with no socket and no reactor: two layers joined in memory, time from a
 * {@link Clock}, every write encrypted at once (there is no flush hook), records delivered whole,
 * byte by byte or in random pieces.
 */
@TwineTest
class TlsInMemoryTest {

  private static TlsLayer server(Recorder protocol, Clock clock, TlsServerOptions options) {
    return new TlsLayer(options.newEngine(), protocol, false, clock, options.handshakeTimeout(), Bytes.EMPTY);
  }

  private static TlsLayer client(Recorder protocol, Clock clock, TlsClientOptions options) {
    return new TlsLayer(options.newEngine("localhost", 443), protocol, false, clock, options.handshakeTimeout(),
        Bytes.EMPTY);
  }

  private static Function<byte[], List<byte[]>> chunker(String name) {
    return switch (name) {
      case "whole" -> Chunks::whole;
      case "byteByByte" -> Chunks::byteByByte;
      default -> data -> Chunks.random(data, 42);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"whole", "byteByByte", "random"})
  void talksAndClosesCleanlyHoweverTheRecordsAreSplit(String split, Clock clock) {
    MemoryPipe pipe = new MemoryPipe(chunker(split));
    TlsFixture.Echo serverProtocol = new TlsFixture.Echo();
    Recorder clientProtocol = new Recorder();
    pipe.connect(client(clientProtocol, clock, TlsFixture.CLIENT_OPTIONS),
        server(serverProtocol, clock, TlsFixture.SERVER_OPTIONS));

    pipe.pump();
    assertThat(clientProtocol.events).containsExactly("made");
    assertThat(serverProtocol.events).containsExactly("made");
    assertThat(clock.pendingCalls()).as("the handshake timers are cancelled").isEmpty();

    byte[] big = new byte[100_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) i;
    }
    clientProtocol.transport().write(Bytes.utf8("small"));
    clientProtocol.transport().write(Bytes.wrap(big));
    pipe.pump();
    assertThat(clientProtocol.received.toByteArray()).isEqualTo(Bytes.utf8("small").concat(Bytes.wrap(big))
        .toByteArray());

    clientProtocol.transport().loseConnection();
    pipe.pump();
    assertThat(clientProtocol.events).containsExactly("made", "lost ConnectionDone");
    assertThat(serverProtocol.events).containsExactly("made", "lost ConnectionDone");
  }

  @Test
  void abortsAHandshakeThatDoesNotCompleteWithinTheTimeout(Clock clock) {
    MemoryPipe pipe = new MemoryPipe(Chunks::whole);
    Recorder serverProtocol = new Recorder();
    TlsLayer layer = server(serverProtocol, clock, TlsFixture.SERVER_OPTIONS.withHandshakeTimeout(Duration.ofSeconds(3)));
    Deferred<TlsTransport> handshake = layer.handshake();
    pipe.connect(new Recorder(), layer);
    pipe.client.write(Bytes.fromHex("160301"));
    pipe.pump();

    clock.advance(Duration.ofMillis(2999));
    assertThat(pipe.server.closed()).isFalse();
    assertNoResult(handshake);
    clock.advance(Duration.ofMillis(1));

    assertThat(pipe.server.closed()).isTrue();
    assertThat(failureResultOf(handshake, ConnectionAborted.class).message())
        .contains("did not complete within 3.0 s");
    assertThat(serverProtocol.events).as("never connected").isEmpty();
  }

  @Test
  void holdsWhatArrivedWhileThePeerIsPausedAndDeliversItOnResume(Clock clock) {
    MemoryPipe pipe = new MemoryPipe(Chunks::whole);
    List<Integer> deliveries = new ArrayList<>();
    Recorder serverProtocol = new Recorder() {
      @Override
      public void dataReceived(Bytes data) {
        super.dataReceived(data);
        deliveries.add(data.size());
        transport().pauseProducing();
      }
    };
    Recorder clientProtocol = new Recorder();
    pipe.connect(client(clientProtocol, clock, TlsFixture.CLIENT_OPTIONS),
        server(serverProtocol, clock, TlsFixture.SERVER_OPTIONS));
    pipe.pump();

    byte[] big = new byte[300_000];
    new java.util.Random(7).nextBytes(big);
    clientProtocol.transport().write(Bytes.wrap(big));
    pipe.pump();
    assertThat(deliveries).hasSize(1);
    assertThat(serverProtocol.received.size()).isLessThan(big.length);

    while (serverProtocol.received.size() < big.length && deliveries.size() < 100) {
      int before = deliveries.size();
      serverProtocol.transport().resumeProducing();
      pipe.pump();
      assertThat(deliveries).as("one delivery per resume").hasSize(before + 1);
    }
    assertThat(serverProtocol.received.toByteArray()).isEqualTo(big);
  }
}

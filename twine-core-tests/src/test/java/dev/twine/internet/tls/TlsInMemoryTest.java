package dev.twine.internet.tls;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.ConnectionAborted;
import dev.twine.internet.Protocol;
import dev.twine.protocols.ProtocolWrapper;
import dev.twine.testing.Chunks;
import dev.twine.testing.Clock;
import dev.twine.testing.Loopback;
import dev.twine.testing.MemoryReactor;
import dev.twine.testing.Pump;
import dev.twine.testing.TwineTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS with no socket: the layer over the test kit's loopback connections, time from a
 * {@link Clock}, every write encrypted at once (there is no flush phase), and records delivered
 * whole, byte by byte or in random pieces.
 */
@TwineTest
class TlsInMemoryTest {

  private static TlsLayer server(Protocol protocol, Clock clock, TlsServerOptions options) {
    return new TlsLayer(options.newEngine(), protocol, false, clock, options.handshakeTimeout(), Bytes.EMPTY);
  }

  private static TlsLayer client(Protocol protocol, Clock clock, TlsClientOptions options) {
    return new TlsLayer(options.newEngine("localhost", 443), protocol, false, clock, options.handshakeTimeout(),
        Bytes.EMPTY);
  }

  /** Hands what arrives to the layer in the pieces {@code chunker} cuts. */
  private static final class Splitting extends ProtocolWrapper {
    private final Function<byte[], List<byte[]>> chunker;

    Splitting(Protocol wrapped, Function<byte[], List<byte[]>> chunker) {
      super(wrapped);
      this.chunker = chunker;
    }

    @Override
    public void dataReceived(Bytes data) {
      for (byte[] piece : chunker.apply(data.toByteArray())) {
        super.dataReceived(Bytes.wrap(piece));
      }
    }
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
    TlsFixture.Echo serverProtocol = new TlsFixture.Echo();
    Recorder clientProtocol = new Recorder();
    Pump pump = Loopback.connect(
        new Splitting(server(serverProtocol, clock, TlsFixture.SERVER_OPTIONS), chunker(split)),
        new Splitting(client(clientProtocol, clock, TlsFixture.CLIENT_OPTIONS), chunker(split)));

    pump.flush();
    assertThat(clientProtocol.events).containsExactly("made");
    assertThat(serverProtocol.events).containsExactly("made");
    assertThat(clock.pendingCalls()).as("the handshake timers are cancelled").isEmpty();

    byte[] big = new byte[40_000];
    new Random(1).nextBytes(big);
    clientProtocol.transport().write(Bytes.utf8("small"));
    clientProtocol.transport().write(Bytes.wrap(big));
    pump.flush();
    assertThat(clientProtocol.received.toByteArray()).isEqualTo(Bytes.utf8("small").concat(Bytes.wrap(big))
        .toByteArray());

    clientProtocol.transport().loseConnection();
    pump.flush();
    assertThat(clientProtocol.events).containsExactly("made", "lost ConnectionDone");
    assertThat(serverProtocol.events).containsExactly("made", "lost ConnectionDone");
  }

  @Test
  void abortsAHandshakeThatDoesNotCompleteWithinTheTimeout(Clock clock) {
    Recorder serverProtocol = new Recorder();
    TlsLayer layer = server(serverProtocol, clock, TlsFixture.SERVER_OPTIONS.withHandshakeTimeout(Duration.ofSeconds(3)));
    Deferred<TlsTransport> handshake = layer.handshake();
    Recorder stalling = new Recorder();
    Pump pump = Loopback.connect(layer, stalling);
    stalling.transport().write(Bytes.fromHex("160301"));
    pump.flush();

    clock.advance(Duration.ofMillis(2999));
    assertThat(pump.flush()).isFalse();
    assertNoResult(handshake);
    clock.advance(Duration.ofMillis(1));
    pump.flush();

    assertThat(pump.closed()).isTrue();
    assertThat(failureResultOf(handshake, ConnectionAborted.class).message())
        .contains("did not complete within 3.0 s");
    assertThat(serverProtocol.events).as("never connected").isEmpty();
  }

  @Test
  void holdsWhatArrivedWhileTheProtocolIsPausedAndDeliversItOnResume(Clock clock) {
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
    Pump pump = Loopback.connect(server(serverProtocol, clock, TlsFixture.SERVER_OPTIONS),
        client(clientProtocol, clock, TlsFixture.CLIENT_OPTIONS));
    pump.flush();

    byte[] big = new byte[300_000];
    new Random(7).nextBytes(big);
    clientProtocol.transport().write(Bytes.wrap(big));
    pump.flush();
    assertThat(deliveries).hasSize(1);
    assertThat(serverProtocol.received.size()).isLessThan(big.length);

    while (serverProtocol.received.size() < big.length && deliveries.size() < 100) {
      int before = deliveries.size();
      serverProtocol.transport().resumeProducing();
      pump.flush();
      assertThat(deliveries).as("one delivery per resume").hasSize(before + 1);
    }
    assertThat(serverProtocol.received.toByteArray()).isEqualTo(big);
  }

  @Test
  void aMemoryReactorListensAndConnectsWithTls() {
    MemoryReactor reactor = new MemoryReactor();
    TlsFixture.Echo serverProtocol = new TlsFixture.Echo();
    Recorder clientProtocol = new Recorder();
    reactor.listenTls(443, address -> serverProtocol, TlsFixture.SERVER_OPTIONS);
    reactor.connectTls("localhost", 443, ClientFactory.forProtocol(() -> clientProtocol), TlsFixture.CLIENT_OPTIONS);

    Pump pump = Loopback.connect(reactor.tcpServers().get(0).listeningPort(),
        reactor.tcpClients().get(0).connector());
    pump.flush();
    clientProtocol.transport().write(Bytes.utf8("over the test kit"));
    pump.flush();

    assertThat(clientProtocol.text()).isEqualTo("over the test kit");
    assertThat(((TlsTransport) serverProtocol.transport()).tlsVersion()).isEqualTo("TLSv1.3");
    assertThat(reactor.clock().pendingCalls()).isEmpty();
    clientProtocol.transport().loseConnection();
    pump.flush();
    assertThat(serverProtocol.events).containsExactly("made", "lost ConnectionDone");
  }
}

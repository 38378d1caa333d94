package dev.twine.internet.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.internet.tls.TlsHalfCloseTest.AskThenHalfClose;
import dev.twine.internet.tls.TlsHalfCloseTest.CountThenAnswer;
import dev.twine.internet.tls.TlsHalfCloseTest.HalfRecorder;
import dev.twine.testing.Clock;
import dev.twine.testing.Loopback;
import dev.twine.testing.Pump;
import dev.twine.testing.TwineTest;
import org.junit.jupiter.api.Test;

/** Half-closing TLS over the test kit's loopback connections, with time from a {@link Clock}. */
@TwineTest
class TlsHalfCloseInMemoryTest {

  private static TlsLayer layer(TlsServerOptions options, HalfRecorder protocol, Clock clock) {
    return new TlsLayer(options.newEngine(), protocol, false, clock, options.handshakeTimeout(), Bytes.EMPTY);
  }

  private static TlsLayer layer(TlsClientOptions options, HalfRecorder protocol, Clock clock) {
    return new TlsLayer(options.newEngine("localhost", 443), protocol, false, clock, options.handshakeTimeout(),
        Bytes.EMPTY);
  }

  @Test
  void inMemoryTheServerAnswersAfterTheClientHalfCloses(Clock clock) {
    CountThenAnswer server = new CountThenAnswer();
    AskThenHalfClose client = new AskThenHalfClose();
    Pump pump = Loopback.connect(layer(TlsFixture.SERVER_OPTIONS, server, clock),
        layer(TlsFixture.CLIENT_OPTIONS, client, clock));

    pump.flush();

    assertThat(server.events).containsExactly("made", "read lost question", "lost ConnectionDone");
    assertThat(client.events).containsExactly("made", "write lost", "read lost got 8", "lost ConnectionDone");
    assertThat(pump.closed()).isTrue();
  }

  @Test
  void inMemoryAProtocolThatIsNotHalfCloseableHasTheConnectionClosedByTheClosingNotice(Clock clock) {
    Recorder plain = new Recorder();
    AskThenHalfClose client = new AskThenHalfClose();
    TlsLayer server = new TlsLayer(TlsFixture.SERVER_OPTIONS.newEngine(), plain, false, clock,
        TlsFixture.SERVER_OPTIONS.handshakeTimeout(), Bytes.EMPTY);
    Pump pump = Loopback.connect(server, layer(TlsFixture.CLIENT_OPTIONS, client, clock));

    pump.flush();

    assertThat(plain.events).containsExactly("made", "lost ConnectionDone");
    assertThat(plain.text()).isEqualTo("question");
    assertThat(client.events).containsExactly("made", "write lost", "read lost ", "lost ConnectionDone");
  }
}

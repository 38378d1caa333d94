package dev.twine.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.twine.bytes.Bytes;
import dev.twine.testing.FakeDatagramTransport;
import dev.twine.testing.FakeDatagramTransport.Written;
import dev.twine.testing.TwineTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The datagram protocol's lifecycle, and a request-response protocol tested in memory. */
@TwineTest
class DatagramProtocolTest {
  private static final Address SERVER = new IPv4Address(AddressType.UDP, "192.0.2.53", 5300);

  /** Asks a server for the time once it starts, retries when refused, and keeps the answers. */
  static final class TimeClient extends DatagramProtocol {
    final List<String> answers = new ArrayList<>();
    int refusals;

    @Override
    public void startProtocol() {
      transport().connect(SERVER);
      transport().write(Bytes.utf8("time?"));
    }

    @Override
    public void datagramReceived(Bytes data, Address from) {
      answers.add(data.utf8());
      transport().loseConnection();
    }

    @Override
    public void connectionRefused() {
      refusals++;
      transport().write(Bytes.utf8("time?"));
    }
  }

  @Test
  void aClientAsksRetriesWhenRefusedAndStopsAfterTheAnswer() {
    TimeClient client = new TimeClient();
    FakeDatagramTransport transport = FakeDatagramTransport.attach(client);

    assertThat(transport.takeWritten()).containsExactly(new Written(Bytes.utf8("time?"), SERVER));
    transport.refuse();
    assertThat(transport.takeWritten()).containsExactly(new Written(Bytes.utf8("time?"), SERVER));
    transport.receive(Bytes.utf8("12:00"), SERVER);

    assertThat(client.answers).containsExactly("12:00");
    assertThat(client.refusals).isEqualTo(1);
    assertThat(transport.closed()).isTrue();
    assertThat(transport.written()).isEmpty();
  }

  @Test
  void aProtocolIsNotAttachedUntilMadeAndAttachesOnce() {
    DatagramProtocol protocol = new DatagramProtocol() {};

    assertThat(protocol.connected()).isFalse();
    assertThatIllegalStateException().isThrownBy(protocol::transport)
        .withMessageEndingWith("is not attached to a port yet");
    FakeDatagramTransport transport = FakeDatagramTransport.attach(protocol);
    assertThat(protocol.connected()).isTrue();
    assertThat(protocol.transport()).isSameAs(transport);
    assertThatIllegalStateException().isThrownBy(() -> protocol.makeConnection(transport))
        .withMessageContaining("is already attached to " + transport);
  }
}

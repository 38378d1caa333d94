package dev.twine.protocols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.AddressType;
import dev.twine.internet.ConnectionDone;
import dev.twine.internet.Factory;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.Protocol;
import dev.twine.internet.UnixAddress;
import dev.twine.protocols.LimitConnectionsFactory.Refusal;
import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitConnectionsFactoryTest {
  private static final ConnectionLimits ROOMY = ConnectionLimits.DEFAULT.withNewConnectionRate(1000, 1000);

  private final Clock clock = new Clock();
  private final List<String> received = new ArrayList<>();
  private final Factory echo = Factory.forProtocol(() -> new Protocol() {
    @Override
    public void dataReceived(Bytes data) {
      received.add(data.ascii());
    }
  });

  private static Address ip(String host) {
    return host.contains(":") ? new IPv6Address(AddressType.TCP, host, 40000)
        : new IPv4Address(AddressType.TCP, host, 40000);
  }

  /** Connects a protocol that {@code factory} built for {@code peer}, or returns null if it refused. */
  private static Protocol connect(Factory factory, Address peer) {
    Protocol protocol = factory.buildProtocol(peer);
    if (protocol != null) {
      protocol.makeConnection(new StringTransport(StringTransport.DEFAULT_HOST, peer));
    }
    return protocol;
  }

  private static void end(Protocol protocol) {
    protocol.connectionLost(Failure.of(new ConnectionDone("connection was closed cleanly")));
  }

  @Test
  void refusesConnectionsBeyondTheTotalUntilOneEnds() {
    var factory = new LimitConnectionsFactory(echo, clock, ROOMY.withMaxConnections(2));
    Protocol first = connect(factory, ip("192.0.2.1"));
    connect(factory, ip("192.0.2.2"));

    assertThat(connect(factory, ip("192.0.2.3"))).isNull();
    assertThat(factory.openConnections()).isEqualTo(2);

    end(first);
    assertThat(factory.openConnections()).isEqualTo(1);
    assertThat(connect(factory, ip("192.0.2.3"))).isNotNull();
  }

  @Test
  void admitsAndReleasesWithoutWrappingForAServerThatCountsItsOwnConnections() {
    var factory = new LimitConnectionsFactory(echo, clock, ROOMY.withMaxConnectionsPerAddress(1));

    assertThat(factory.admit(ip("192.0.2.1"))).isEmpty();
    assertThat(factory.admit(ip("192.0.2.1"))).contains(LimitConnectionsFactory.Refusal.TOO_MANY_FROM_ADDRESS);
    assertThat(connect(factory, ip("192.0.2.1"))).as("built past the count").isNull();
    assertThat(factory.openConnections()).isEqualTo(1);

    factory.release(ip("192.0.2.1"));
    assertThat(factory.openConnections(ip("192.0.2.1"))).isZero();
    assertThat(factory.admit(ip("192.0.2.1"))).isEmpty();
    factory.release(ip("192.0.2.1"));
    assertThatThrownBy(() -> factory.release(ip("192.0.2.1")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no admitted connection");
  }

  @Test
  void refusesConnectionsBeyondTheLimitPerAddressButNotFromOthers() {
    var factory = new LimitConnectionsFactory(echo, clock, ROOMY.withMaxConnectionsPerAddress(2));
    connect(factory, ip("192.0.2.1"));
    Protocol second = connect(factory, ip("192.0.2.1"));

    assertThat(connect(factory, ip("192.0.2.1"))).isNull();
    assertThat(connect(factory, ip("192.0.2.2"))).isNotNull();
    assertThat(factory.openConnections(ip("192.0.2.1"))).isEqualTo(2);

    end(second);
    assertThat(connect(factory, ip("192.0.2.1"))).isNotNull();
  }

  @Test
  void limitsTheRateOfNewConnectionsPerAddressWithABurst() {
    var factory = new LimitConnectionsFactory(echo, clock, ROOMY.withNewConnectionRate(2, 3));
    for (int i = 0; i < 3; i++) {
      end(connect(factory, ip("192.0.2.1")));
    }
    assertThat(connect(factory, ip("192.0.2.1"))).isNull();
    assertThat(connect(factory, ip("192.0.2.2"))).as("another address").isNotNull();

    clock.advance(Duration.ofMillis(500));
    assertThat(connect(factory, ip("192.0.2.1"))).as("one token after half a second").isNotNull();
    assertThat(connect(factory, ip("192.0.2.1"))).isNull();

    clock.advance(Duration.ofSeconds(10));
    for (int i = 0; i < 3; i++) {
      assertThat(connect(factory, ip("192.0.2.1"))).as("the burst again").isNotNull();
    }
  }

  @Test
  void answersARefusedClientThenClosesAndIgnoresWhatItSends() {
    List<String> refusals = new ArrayList<>();
    var factory = new LimitConnectionsFactory(echo, clock, ROOMY.withMaxConnectionsPerAddress(1),
        (peer, refusal) -> {
          refusals.add(peer + " " + refusal);
          return Bytes.ascii("busy\r\n");
        });
    connect(factory, ip("192.0.2.1"));

    Protocol refused = factory.buildProtocol(ip("192.0.2.1"));
    StringTransport transport = new StringTransport();
    refused.makeConnection(transport);
    refused.dataReceived(Bytes.ascii("GET / HTTP/1.1\r\n"));

    assertThat(transport.value()).isEqualTo(Bytes.ascii("busy\r\n"));
    assertThat(transport.disconnecting()).isTrue();
    assertThat(received).isEmpty();
    assertThat(refusals).containsExactly("TCP:192.0.2.1:40000 " + Refusal.TOO_MANY_FROM_ADDRESS);
    assertThat(factory.openConnections()).isEqualTo(1);
  }

  @Test
  void countsAnIpv6ClientByItsNetwork() {
    var factory = new LimitConnectionsFactory(echo, clock, ROOMY.withMaxConnectionsPerAddress(1));
    connect(factory, ip("2001:db8:1:2::1"));

    assertThat(connect(factory, ip("2001:db8:1:2:ffff::9"))).as("same /64").isNull();
    assertThat(connect(factory, ip("2001:db8:1:3::1"))).as("another /64").isNotNull();
  }

  @Test
  void countsAnIpv4MappedAddressAsItsIpv4Address() {
    var factory = new LimitConnectionsFactory(echo, clock, ROOMY.withMaxConnectionsPerAddress(1));
    connect(factory, ip("192.0.2.1"));

    assertThat(connect(factory, ip("::ffff:192.0.2.1"))).isNull();
  }

  @Test
  void holdsUnixClientsToTheTotalOnly() {
    var factory = new LimitConnectionsFactory(echo, clock,
        ROOMY.withMaxConnections(3).withMaxConnectionsPerAddress(1).withNewConnectionRate(1, 1));
    Address unix = new UnixAddress("");
    for (int i = 0; i < 3; i++) {
      assertThat(connect(factory, unix)).isNotNull();
    }
    assertThat(connect(factory, unix)).isNull();
    assertThat(factory.openConnections(unix)).isZero();
  }

  @Test
  void doesNotCountAConnectionTheWrappedFactoryRefusesOrFailsToBuild() {
    Factory refusing = address -> null;
    var factory = new LimitConnectionsFactory(refusing, clock, ROOMY.withMaxConnections(1));
    assertThat(connect(factory, ip("192.0.2.1"))).isNull();
    assertThat(factory.openConnections()).isZero();

    Factory failing = address -> {
      throw new IllegalStateException("broken factory");
    };
    var failingFactory = new LimitConnectionsFactory(failing, clock, ROOMY.withMaxConnections(1));
    assertThatThrownBy(() -> failingFactory.buildProtocol(ip("192.0.2.1"))).hasMessage("broken factory");
    assertThat(failingFactory.openConnections()).isZero();
  }

  @Test
  void passesTheConnectionThroughToTheWrappedProtocol() {
    var factory = new LimitConnectionsFactory(echo, clock, ConnectionLimits.DEFAULT);
    Protocol protocol = connect(factory, ip("192.0.2.1"));
    protocol.dataReceived(Bytes.ascii("hello"));
    assertThat(received).containsExactly("hello");
  }

  @Test
  void remembersTheRateOfABoundedNumberOfAddresses() {
    TokenBuckets<String> buckets = new TokenBuckets<>(1, 2, 100);
    for (int i = 0; i < 1000; i++) {
      buckets.take("192.0.2." + i, 0);
    }
    assertThat(buckets.size()).isEqualTo(100);

    buckets.take("198.51.100.1", 2);
    assertThat(buckets.size()).as("refilled buckets are forgotten").isEqualTo(1);
  }

  @Test
  void refusesLimitsThatMakeNoSense() {
    assertThatThrownBy(() -> ConnectionLimits.DEFAULT.withMaxConnections(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxConnections must be at least 1: 0");
    assertThatThrownBy(() -> ConnectionLimits.DEFAULT.withNewConnectionRate(Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("newConnectionsPerSecond must be a positive finite number: NaN");
    assertThatThrownBy(() -> ConnectionLimits.DEFAULT.withIpv6PrefixLength(129))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("ipv6PrefixLength must be from 1 to 128: 129");
  }
}

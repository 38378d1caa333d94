package dev.twine.internet.nio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.internet.Address;
import dev.twine.internet.DatagramProtocol;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** What the UDP tests over real sockets share. */
final class UdpFixtures {
  private UdpFixtures() {}

  /** Runs {@code reactor} until the test stops it; fails if ten seconds pass first. */
  static void runUntilStopped(NioReactor reactor) {
    boolean[] expired = {false};
    reactor.callLater(Duration.ofSeconds(10), () -> {
      expired[0] = true;
      reactor.stop();
    });
    reactor.run();
    assertThat(expired[0]).as("the test stopped the reactor within ten seconds").isFalse();
  }

  /** Returns whether the IPv6 loopback address can be bound here. */
  static boolean ipv6LoopbackAvailable() {
    try (DatagramChannel channel = DatagramChannel.open()) {
      channel.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** Returns a UDP port on {@code host} that nothing listens on (it was bound, then closed). */
  static int closedPort(String host) throws IOException {
    try (DatagramChannel channel = DatagramChannel.open()) {
      channel.bind(new InetSocketAddress(host, 0));
      return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }
  }

  /** Sends {@code text} from a plain JDK socket of the test's own. */
  static void sendFromJdk(String text, InetSocketAddress to) throws IOException {
    try (DatagramChannel channel = DatagramChannel.open()) {
      channel.send(ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), to);
    }
  }

  /**
   * A protocol that records each datagram as {@code "text from address"} and each other event by
   * name, and hands each datagram to {@code onDatagram}.
   */
  static class Recorder extends DatagramProtocol {
    final List<String> events = new ArrayList<>();
    final List<Address> senders = new ArrayList<>();
    private final Consumer<Bytes> onDatagram;

    Recorder() {
      this(data -> {});
    }

    Recorder(Consumer<Bytes> onDatagram) {
      this.onDatagram = onDatagram;
    }

    @Override
    public void startProtocol() {
      events.add("start");
    }

    @Override
    public void datagramReceived(Bytes data, Address from) {
      events.add(data.utf8());
      senders.add(from);
      onDatagram.accept(data);
    }

    @Override
    public void connectionRefused() {
      events.add("refused");
    }

    @Override
    public void stopProtocol() {
      events.add("stop");
    }
  }

  /** Sends every datagram back to where it came from (Twisted's echoserv_udp). */
  static final class Echo extends DatagramProtocol {
    @Override
    public void datagramReceived(Bytes data, Address from) {
      transport().write(data, from);
    }
  }
}

package dev.twine.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.benchmarks.Args;
import dev.twine.benchmarks.NettyTransport;
import dev.twine.benchmarks.servers.NettyEchoServer;
import dev.twine.benchmarks.servers.NettyUdpEchoServer;
import dev.twine.bytes.Bytes;
import dev.twine.internet.Address;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.Factory;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.Protocol;
import dev.twine.internet.nio.NioReactor;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs each echo load briefly against a Twine reactor and the Netty peer servers in this JVM:
 * every load measures a positive rate without errors, and a server that echoes wrong bytes fails
 * the run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class EchoLoadsTest {
  private final NioReactor reactor = new NioReactor();
  private Thread reactorThread;
  private int twineTcp;
  private int twineUdp;
  private int twineGarbling;
  private Channel nettyTcp;
  private Channel nettyUdp;

  @BeforeAll
  void startServers() throws Exception {
    CompletableFuture<int[]> ports = new CompletableFuture<>();
    reactorThread = Thread.ofPlatform().name("twine-echo").start(() -> {
      ports.complete(new int[] {
          port(reactor.listenTcp(0, Factory.forProtocol(Echo::new), 50, "127.0.0.1").address()),
          port(reactor.listenUdp(0, new DatagramEcho(), "127.0.0.1", 8192).host()),
          port(reactor.listenTcp(0, Factory.forProtocol(GarblingEcho::new), 50, "127.0.0.1")
              .address())});
      reactor.run();
    });
    int[] bound = ports.get(10, TimeUnit.SECONDS);
    twineTcp = bound[0];
    twineUdp = bound[1];
    twineGarbling = bound[2];
    nettyTcp = NettyEchoServer.start(0, 1, NettyTransport.NIO);
    nettyUdp = NettyUdpEchoServer.start(0, 1);
  }

  @AfterAll
  void stopServers() throws Exception {
    reactor.stop();
    reactorThread.join(10_000);
    for (Channel channel : new Channel[] {nettyTcp, nettyUdp}) {
      channel.eventLoop().parent().shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"twine", "netty"})
  void tcpEchoLoadMeasuresSmallAndLargeMessages(String server) throws Exception {
    int port = server.equals("twine") ? twineTcp : port(nettyTcp);
    for (String size : new String[] {"64", "16384"}) {
      Result result = TcpEchoLoad.measure(brief(port, "--size", size, "--connections", "4"));

      assertThat(result.number("value")).as("MB/s from %s, %s bytes", server, size).isPositive();
      assertThat(result.number("messages_per_s")).isPositive();
      assertThat(result.number("p99_us")).isGreaterThanOrEqualTo(result.number("p50_us"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"twine", "netty"})
  void connectRateLoadCompletesConnections(String server) throws Exception {
    int port = server.equals("twine") ? twineTcp : port(nettyTcp);

    Result result = ConnectRateLoad.measure(brief(port, "--connectors", "2", "--sources", "3"));

    assertThat(result.number("value")).as("connections/s to %s", server).isPositive();
    assertThat(result.number("sources")).isEqualTo(3);
  }

  @Test
  void connectRateLoadSpreadsLoopbackConnectionsOverSourceAddresses() throws Exception {
    assertThat(ConnectRateLoad.sources("127.0.0.1", 3))
        .extracting(address -> address.getAddress().getHostAddress())
        .containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.4");
    assertThat(ConnectRateLoad.sources("127.0.0.1", 1)).isEmpty();
    assertThat(ConnectRateLoad.sources("::1", 8)).as("not IPv4 loopback").isEmpty();
    assertThatThrownBy(() -> ConnectRateLoad.sources("127.0.0.1", 0))
        .hasMessage("sources must be between 1 and 250, got 0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"twine", "netty"})
  void udpEchoLoadCountsEchoedDatagrams(String server) throws Exception {
    int port = server.equals("twine") ? twineUdp : port(nettyUdp);

    Result result = UdpEchoLoad.measure(brief(port, "--size", "64"));

    assertThat(result.number("value")).as("datagrams/s from %s", server).isPositive();
    assertThat(result.number("loss")).isBetween(0.0, 1.0);
  }

  @Test
  void tcpEchoLoadFailsWhenTheServerEchoesWrongBytes() {
    assertThatThrownBy(() -> TcpEchoLoad.measure(brief(twineGarbling, "--size", "64")))
        .hasMessageContaining("wrong bytes echoed");
  }

  @Test
  void resultPrintsOneFlatJsonLine() {
    Result result = new Result().with("value", 1234.5).with("unit", "MB/s").with("p99_us", 850);

    assertThat(result.toJson()).isEqualTo("{\"value\": 1234.5, \"unit\": \"MB/s\", \"p99_us\": 850}");
  }

  /** The arguments of a run of under a second on {@code port}, plus {@code more}. */
  private static Args brief(int port, String... more) {
    String[] argv = new String[8 + more.length];
    System.arraycopy(new String[] {"--host", "127.0.0.1", "--port", Integer.toString(port),
        "--warmup", "0.2", "--duration", "0.6"}, 0, argv, 0, 8);
    System.arraycopy(more, 0, argv, 8, more.length);
    return Args.parse(argv, "host", "port", "warmup", "duration", "size", "connections",
        "connectors", "sources");
  }

  private static int port(Address address) {
    return ((IPv4Address) address).port();
  }

  private static int port(Channel channel) {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** Writes back what it receives. */
  private static final class Echo extends Protocol {
    @Override
    public void dataReceived(Bytes data) {
      transport().write(data);
    }
  }

  /** Writes back what it receives with every byte changed. */
  private static final class GarblingEcho extends Protocol {
    @Override
    public void dataReceived(Bytes data) {
      byte[] garbled = data.toByteArray();
      for (int i = 0; i < garbled.length; i++) {
        garbled[i] ^= 0x55;
      }
      transport().write(Bytes.wrap(garbled));
    }
  }

  /** Sends each datagram back to its sender. */
  private static final class DatagramEcho extends DatagramProtocol {
    @Override
    public void datagramReceived(Bytes data, Address from) {
      transport().write(data, from);
    }
  }
}

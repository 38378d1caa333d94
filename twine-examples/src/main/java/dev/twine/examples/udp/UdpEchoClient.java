package dev.twine.examples.udp;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.Address;
import dev.twine.internet.ConnectionRefused;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.DatagramTransport;
import dev.twine.internet.Reactor;
import dev.twine.internet.ReactorUdp;
import dev.twine.internet.nio.NioReactor;
import java.time.Duration;

/**
 * A UDP echo client: sends one datagram to the server and fires with the first datagram that
 * comes back (Twisted's {@code echoclient_udp.py}). UDP may lose either datagram, so callers bound
 * the wait, as {@link #echo} does.
 *
 * <pre>{@code
 * java dev.twine.examples.udp.UdpEchoClient 127.0.0.1 8000 "Hello, world!"
 * }</pre>
 */
public final class UdpEchoClient extends DatagramProtocol {
  private final String serverIp;
  private final int serverPort;
  private final Bytes message;
  private final Deferred<String> answer = new Deferred<>();

  /** Creates a client that will send {@code message} to {@code serverIp} (an IP literal) and {@code serverPort}. */
  public UdpEchoClient(String serverIp, int serverPort, String message) {
    this.serverIp = serverIp;
    this.serverPort = serverPort;
    this.message = Bytes.utf8(message);
  }

  /**
   * Sends {@code message} from a new port of {@code reactor} and fires with the answer; fails with
   * {@code TimedOutException} if none comes within {@code timeout}, or with
   * {@link ConnectionRefused} if the server's host says nothing listens there. The port is
   * closed either way.
   */
  public static Deferred<String> echo(Reactor reactor, String serverIp, int serverPort, String message,
      Duration timeout) {
    UdpEchoClient client = new UdpEchoClient(serverIp, serverPort, message);
    String anyInterface = serverIp.contains(":") ? "::" : "";
    DatagramTransport port = reactor.listenUdp(0, client, anyInterface, ReactorUdp.DEFAULT_MAX_PACKET_SIZE);
    return client.answer().addTimeout(timeout, reactor).always(outcome -> port.loseConnection());
  }

  /** Returns the Deferred that fires with the first answer. */
  public Deferred<String> answer() {
    return answer;
  }

  @Override
  public void startProtocol() {
    transport().connect(serverIp, serverPort);
    transport().write(message);
  }

  @Override
  public void datagramReceived(Bytes data, Address from) {
    if (!answer.called()) {
      answer.callback(data.utf8());
    }
  }

  @Override
  public void connectionRefused() {
    if (!answer.called()) {
      answer.errback(new ConnectionRefused("nothing listens on UDP port " + serverPort + " of " + serverIp, null));
    }
  }

  /** Sends the third argument to the server at the first two ({@code 127.0.0.1 8000} by default). */
  public static void main(String[] args) {
    String ip = args.length > 0 ? args[0] : "127.0.0.1";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 8000;
    String message = args.length > 2 ? args[2] : "Hello, world!";
    System.exit(NioReactor.react(reactor -> echo(reactor, ip, port, message, Duration.ofSeconds(5))
        .onSuccess(text -> System.out.println("receive: " + text))));
  }
}

package dev.twine.examples.udp;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.ReactorUdp;
import dev.twine.internet.nio.NioReactor;
import org.jspecify.annotations.Nullable;

/**
 * A multicast sender: sends one message to a group through one network interface, with a
 * time-to-live of 1 so that it stays on the local network, and closes its port.
 *
 * <pre>{@code
 * java dev.twine.examples.udp.MulticastSender 228.0.0.5 8005 lo "Hello, group!"
 * }</pre>
 */
public final class MulticastSender extends DatagramProtocol {
  private final String group;
  private final int port;
  private final String networkInterface;
  private final Bytes message;

  /** Creates a sender of {@code message} to {@code group} and {@code port} through {@code networkInterface}. */
  public MulticastSender(String group, int port, String networkInterface, String message) {
    this.group = group;
    this.port = port;
    this.networkInterface = networkInterface;
    this.message = Bytes.utf8(message);
  }

  /**
   * Sends {@code message} from a new port of {@code reactor}; the Deferred fires once the port
   * has closed, the datagram sent.
   */
  public static Deferred<@Nullable Void> send(
      ReactorUdp reactor, String group, int port, String networkInterface, String message) {
    return reactor.listenUdp(0, new MulticastSender(group, port, networkInterface, message)).loseConnection();
  }

  @Override
  public void startProtocol() {
    transport().setOutgoingInterface(networkInterface);
    transport().setMulticastTtl(1);
    transport().write(message, group, port);
  }

  /** Sends the fourth argument to the group, port and interface given ({@code 228.0.0.5 8005 lo} by default). */
  public static void main(String[] args) {
    String group = args.length > 0 ? args[0] : "228.0.0.5";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 8005;
    String networkInterface = args.length > 2 ? args[2] : "lo";
    String message = args.length > 3 ? args[3] : "Hello, group!";
    System.exit(NioReactor.react(reactor -> send(reactor, group, port, networkInterface, message)));
  }
}

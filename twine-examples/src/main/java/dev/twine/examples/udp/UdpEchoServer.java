package dev.twine.examples.udp;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.Address;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.endpoints.Endpoints;
import dev.twine.internet.nio.NioReactor;

/**
 * A UDP echo server: every datagram goes back to its sender (Twisted's {@code echoserv_udp.py}).
 *
 * <pre>{@code
 * java dev.twine.examples.udp.UdpEchoServer udp:8000
 * }</pre>
 */
public final class UdpEchoServer {
  private UdpEchoServer() {}

  /** Sends each datagram back to the address it came from. */
  public static final class Echo extends DatagramProtocol {
    @Override
    public void datagramReceived(Bytes data, Address from) {
      transport().write(data, from);
    }
  }

  /** Listens on the datagram endpoint given as the first argument, {@code udp:8000} by default, until killed. */
  public static void main(String[] args) {
    String endpoint = args.length > 0 ? args[0] : "udp:8000";
    System.exit(NioReactor.react(reactor -> Endpoints.datagram(reactor, endpoint)
        .listen(new Echo())
        .flatMap(port -> {
          System.out.println("UDP echo server listening on " + port.host());
          return new Deferred<Void>();   // never fires: serve until the process is killed
        })));
  }
}

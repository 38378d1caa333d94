package dev.twine.examples.udp;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.Address;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.nio.NioReactor;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A multicast receiver: joins a group on one network interface and hands every datagram sent to
 * the group to a listener (the server half of Twisted's multicast "ping-pong" example).
 *
 * <pre>{@code
 * java dev.twine.examples.udp.MulticastReceiver 228.0.0.5 8005 lo
 * }</pre>
 */
public final class MulticastReceiver extends DatagramProtocol {
  private final String group;
  private final String networkInterface;
  private final BiConsumer<String, Address> listener;
  private final Deferred<@Nullable Void> joined = new Deferred<>();

  /**
   * Creates a receiver that will join {@code group} on {@code networkInterface} (a name such as
   * {@code lo}, or one of its addresses) and give {@code listener} each message and its sender.
   */
  public MulticastReceiver(String group, String networkInterface, BiConsumer<String, Address> listener) {
    this.group = group;
    this.networkInterface = networkInterface;
    this.listener = listener;
  }

  /** Returns the Deferred that fires once the group is joined, or fails with {@code MulticastJoinError}. */
  public Deferred<@Nullable Void> joined() {
    return joined;
  }

  @Override
  public void startProtocol() {
    transport().joinGroup(group, networkInterface).chainDeferred(joined);
  }

  @Override
  public void datagramReceived(Bytes data, Address from) {
    listener.accept(data.utf8(), from);
  }

  /** Listens on the group, port and interface given ({@code 228.0.0.5 8005 lo} by default) until killed. */
  public static void main(String[] args) {
    String group = args.length > 0 ? args[0] : "228.0.0.5";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 8005;
    String networkInterface = args.length > 2 ? args[2] : "lo";
    MulticastReceiver receiver = new MulticastReceiver(group, networkInterface,
        (message, from) -> System.out.println(from + ": " + message));
    System.exit(NioReactor.react(reactor -> {
      reactor.listenMulticast(port, receiver, "", 8192, true);
      return receiver.joined().flatMap(ignored -> {
        System.out.println("listening to " + group + " port " + port + " on " + networkInterface);
        return new Deferred<Void>();   // never fires: listen until the process is killed
      });
    }));
  }
}

package dev.twine.protocols;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.DelayedCall;
import dev.twine.internet.Factory;
import dev.twine.internet.HalfCloseableProtocol;
import dev.twine.internet.Protocol;
import dev.twine.internet.ReactorTime;
import dev.twine.internet.UnixAddress;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A server factory for connections that come through a proxy speaking the PROXY protocol, such
 * as HAProxy with {@code send-proxy} or {@code send-proxy-v2}: it reads the header the proxy sends
 * first, version 1 or 2, then serves the connection with a protocol of the wrapped factory, to
 * which the client's address is the peer (Twisted's {@code HAProxyWrappingFactory}).
 *
 * <pre>{@code
 * Factory app = Factory.forProtocol(Echo::new);
 * reactor.listenTcp(8000, new ProxyProtocolFactory(app, reactor, ProxyProtocolOptions.DEFAULT
 *     .withTrustedProxies(List.of(IpNetwork.parse("10.0.0.0/24")))));
 * }</pre>
 *
 * <p>Only the trusted proxies of the {@link ProxyProtocolOptions} are believed; a connection from
 * any other peer is closed at once or served as it is, without a header, as the options say. From
 * a trusted proxy, the wrapped factory is asked for a protocol once the header has arrived, with
 * the client's address, so a policy such as {@link LimitConnectionsFactory} wrapped inside counts
 * clients rather than the proxy; its protocol's {@code transport().peer()} is that address. A
 * header that announces no client ({@code LOCAL}, such as the proxy's health checks, {@code
 * UNKNOWN} or {@code UNSPEC}) leaves the proxy's own address. Bytes after the header go to the
 * protocol as they arrived.
 *
 * <p>A header that breaks the protocol or its bounds, or that has not fully arrived within the
 * timeout, closes the connection before any protocol of the wrapped factory exists.
 *
 * <p>Threading: as the wrapped factory; each connection on its reactor thread, which must be the
 * thread of {@code time}.
 */
public final class ProxyProtocolFactory implements Factory {
  private static final System.Logger LOG = System.getLogger(ProxyProtocolFactory.class.getName());

  private final Factory wrapped;
  private final ReactorTime time;
  private final ProxyProtocolOptions options;

  /** Creates a factory that reads PROXY protocol headers before serving connections with {@code wrapped}. */
  public ProxyProtocolFactory(Factory wrapped, ReactorTime time, ProxyProtocolOptions options) {
    this.wrapped = Objects.requireNonNull(wrapped, "wrapped");
    this.time = Objects.requireNonNull(time, "time");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Returns a protocol that reads the header from a trusted proxy at {@code address}; for another
   * peer, null or, when passing it through, the wrapped factory's protocol.
   */
  @Override
  public @Nullable Protocol buildProtocol(Address address) {
    if (trusted(address)) {
      return new HeaderReader();
    }
    return switch (options.untrusted()) {
      case REJECT -> null;
      case PASS_THROUGH -> wrapped.buildProtocol(address);
    };
  }

  @Override
  public void startFactory() {
    wrapped.startFactory();
  }

  @Override
  public void stopFactory() {
    wrapped.stopFactory();
  }

  private boolean trusted(Address peer) {
    if (peer instanceof UnixAddress) {
      return options.trustUnixSockets();
    }
    return options.trustedProxies().stream().anyMatch(network -> network.contains(peer));
  }

  /** Reads the header, then hands the connection to a protocol of the wrapped factory. */
  private final class HeaderReader extends Protocol implements HalfCloseableProtocol {
    private final ProxyHeaderParser parser = new ProxyHeaderParser(options.maxV2Length());
    private final Buffer buffer = new Buffer();
    private @Nullable DelayedCall timeout;
    private @Nullable Protocol served;
    private boolean closed;

    @Override
    public void connectionMade() {
      timeout = time.callLater(options.headerTimeout(), () -> close("no whole PROXY protocol header within "
          + options.headerTimeout()));
    }

    @Override
    public void dataReceived(Bytes data) {
      Protocol current = served;
      if (current != null) {
        current.dataReceived(data);
        return;
      }
      if (closed) {
        return;
      }
      buffer.write(data);
      ProxyHeaderParser.Header header;
      try {
        header = parser.parse(buffer);
      } catch (ProxyHeaderParser.BadHeader e) {
        close(e.getMessage());
        return;
      }
      if (header != null) {
        serve(header);
      }
    }

    private void serve(ProxyHeaderParser.Header header) {
      cancelTimeout();
      Address source = header.source();
      Address client = source == null ? transport().peer() : source;
      Protocol protocol = wrapped.buildProtocol(client);
      if (protocol == null) {
        close("the factory refused the client " + client);
        return;
      }
      Presenting presenting = new Presenting(protocol, client);
      served = presenting;
      presenting.makeConnection(transport());
      Bytes rest = buffer.readAll();
      if (!rest.isEmpty()) {
        presenting.dataReceived(rest);
      }
    }

    /** Passes the peer's half-close to the served protocol; before the header, closes. */
    @Override
    public void readConnectionLost() {
      if (served instanceof HalfCloseableProtocol halfCloseable) {
        halfCloseable.readConnectionLost();
      } else if (!closed) {
        close("the connection ended before a whole PROXY protocol header");
      }
    }

    @Override
    public void writeConnectionLost() {
      if (served instanceof HalfCloseableProtocol halfCloseable) {
        halfCloseable.writeConnectionLost();
      }
    }

    private void close(@Nullable String why) {
      cancelTimeout();
      closed = true;
      buffer.clear();
      LOG.log(System.Logger.Level.DEBUG, "closing the connection from {0}: {1}", transport().peer(), why);
      transport().loseConnection();
    }

    private void cancelTimeout() {
      DelayedCall pending = timeout;
      timeout = null;
      if (pending != null && pending.active()) {
        pending.cancel();
      }
    }

    @Override
    public void connectionLost(Failure reason) {
      cancelTimeout();
      Protocol current = served;
      if (current != null) {
        current.connectionLost(reason);
      }
    }
  }

  /** Shows the protocol it wraps the client's address as the peer's. */
  private static final class Presenting extends ProtocolWrapper {
    private final Address client;

    Presenting(Protocol wrapped, Address client) {
      super(wrapped);
      this.client = client;
    }

    @Override
    protected Address peer() {
      return client;
    }
  }

  @Override
  public String toString() {
    return "ProxyProtocolFactory[" + wrapped + "]";
  }
}

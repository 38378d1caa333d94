package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.internet.Factory;
import dev.twine.internet.Protocol;
import java.util.Objects;

/**
 * Somewhere to make a stream connection to (Twisted's {@code IStreamClientEndpoint}).
 *
 * <pre>{@code
 * Endpoints.client(reactor, "tcp:host=example.com:port=80")
 *     .connect(Factory.forProtocol(HttpProbe::new))
 *     .map(protocol -> ((HttpProbe) protocol).status());
 * }</pre>
 */
public interface StreamClientEndpoint {

  /**
   * Connects, builds the connection's protocol with {@code factory}, and fires with that protocol
   * once it is connected ({@code connectionMade} has run). Fails with a {@code ConnectError}, or
   * with the exception that the factory's {@code buildProtocol} or the protocol's
   * {@code connectionMade} threw (the connection is then aborted). Cancelling the Deferred
   * abandons the attempt.
   */
  Deferred<Protocol> connect(Factory factory);

  /** Connects {@code protocol} itself (Twisted's {@code connectProtocol}) and fires with it. */
  default <P extends Protocol> Deferred<P> connectProtocol(P protocol) {
    Objects.requireNonNull(protocol, "protocol");
    return connect(address -> protocol).map(connected -> protocol);
  }
}

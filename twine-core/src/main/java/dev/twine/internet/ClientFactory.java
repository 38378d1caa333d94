package dev.twine.internet;

import dev.twine.defer.Failure;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A factory for outgoing connections, told how each attempt goes (Twisted's
 * {@code ClientFactory}). Endpoints and {@code ClientService} use it under the hood; most code
 * connects through them and gets a {@code Deferred} instead.
 */
public interface ClientFactory extends Factory {

  /** Called when an attempt starts. */
  default void startedConnecting(Connector connector) {}

  /** Called when an attempt fails, with why (a {@link ConnectError} for the usual reasons). */
  default void clientConnectionFailed(Connector connector, Failure reason) {}

  /** Called when an established connection ends, with why (as {@code connectionLost}). */
  default void clientConnectionLost(Connector connector, Failure reason) {}

  /** Returns a client factory that makes the connection's protocol with {@code protocol}. */
  static ClientFactory forProtocol(Supplier<? extends Protocol> protocol) {
    Objects.requireNonNull(protocol, "protocol");
    return address -> protocol.get();
  }
}

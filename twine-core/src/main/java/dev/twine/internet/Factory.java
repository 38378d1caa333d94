package dev.twine.internet;

import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Makes a {@link Protocol} for each new connection (Twisted's {@code Factory}). Shared state of a
 * server, such as the users of a chat, lives in its factory.
 *
 * <pre>{@code
 * reactor.listenTcp(8000, Factory.forProtocol(Echo::new));
 * }</pre>
 *
 * <p>Threading: called on the reactor thread that accepted the connection. A factory listening
 * through a reactor group is called from each reactor's thread, so state it shares must be
 * thread-safe (or use one factory per reactor).
 */
public interface Factory {

  /**
   * Returns the protocol for a new connection from {@code address}, or {@code null} to refuse it:
   * the connection is then closed at once.
   */
  @Nullable Protocol buildProtocol(Address address);

  /**
   * Called before the factory's first port starts listening (or its first connection attempt), once
   * however many ports it serves.
   */
  default void startFactory() {}

  /** Called after the factory's last port stopped listening (or its last connection attempt ended). */
  default void stopFactory() {}

  /** Returns a factory that makes each connection's protocol with {@code protocol}. */
  static Factory forProtocol(Supplier<? extends Protocol> protocol) {
    Objects.requireNonNull(protocol, "protocol");
    return address -> protocol.get();
  }
}

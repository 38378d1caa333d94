package dev.twine.internet;

import dev.twine.defer.Deferred;
import org.jspecify.annotations.Nullable;

/**
 * A socket accepting connections for a {@link Factory} (Twisted's {@code IListeningPort}).
 *
 * <p>Threading: use on the reactor's thread.
 */
public interface ListeningPort {

  /** Returns the address it is bound to, with the real port when 0 was asked for. */
  Address address();

  /**
   * Stops accepting and closes the socket; connections already accepted go on. The Deferred fires
   * once the socket is closed and the factory stopped. Idempotent: later calls return a Deferred
   * that fires at the same time.
   */
  Deferred<@Nullable Void> stopListening();
}

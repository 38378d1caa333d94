package dev.twine.internet.nio;

import java.nio.channels.SelectionKey;

/** What a selection key of the reactor is attached to: it handles its own readiness. */
interface Selectable {

  /** Handles the ready operations of {@code key}; must not throw. */
  void ready(SelectionKey key);

  /** Closes it because the reactor is shutting down and the grace period ran out. */
  void shutdownNow();
}

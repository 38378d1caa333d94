package dev.twine.internet.nio;

import dev.twine.internet.Factory;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Counts the ports and attempts that use each factory, so that {@code startFactory} runs before
 * the first and {@code stopFactory} after the last (Twisted's {@code doStart} / {@code doStop}).
 *
 * <p>Threading: thread-safe, since one factory may serve the reactors of a group.
 */
final class FactoryStarts {
  private static final Map<Factory, Integer> USERS = new IdentityHashMap<>();

  private FactoryStarts() {}

  static void start(Factory factory) {
    boolean first;
    synchronized (USERS) {
      first = USERS.merge(factory, 1, Integer::sum) == 1;
    }
    if (first) {
      factory.startFactory();
    }
  }

  static void stop(Factory factory) {
    boolean last;
    synchronized (USERS) {
      Integer users = USERS.get(factory);
      if (users == null) {
        return;
      }
      last = users == 1;
      if (last) {
        USERS.remove(factory);
      } else {
        USERS.put(factory, users - 1);
      }
    }
    if (last) {
      factory.stopFactory();
    }
  }
}

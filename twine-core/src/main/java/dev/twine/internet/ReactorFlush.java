package dev.twine.internet;

/**
 * Running a call at the end of the current reactor turn, just before the reactor writes out what
 * its connections have queued. Layers that transform a protocol's writes, such as TLS, use it to
 * gather every write made during one callback and encode them together: many small writes then
 * become one TLS record instead of one record each.
 *
 * <p>Threading: call it on the reactor's thread; the call runs on that thread too.
 */
public interface ReactorFlush {

  /**
   * Runs {@code call} once, after the callback now running returns and before the reactor flushes
   * its connections' queues. Calls run in the order they were asked for; one asked for while the
   * calls run goes in the same flush. An exception thrown by the call is logged.
   */
  void callBeforeFlush(Runnable call);
}

package dev.twine.internet;

/**
 * Handing work between threads and a reactor (Twisted's {@code IReactorThreads}).
 * {@link Threads} builds {@code deferToThread} and {@code blockingCallFromThread} on it.
 */
public interface ReactorThreads {

  /**
   * Runs {@code call} on the reactor's thread, soon. The only method of a reactor that is safe to
   * call from any thread; calls from one thread run in the order they were made, and many calls
   * in a row wake the reactor once.
   */
  void callFromThread(Runnable call);

  /**
   * Runs {@code call} on another thread, for blocking work: a new virtual thread by default, or
   * the reactor's bounded pool if it was configured with one. Thread-safe.
   */
  void callInThread(Runnable call);

  /** Returns whether the calling thread is this reactor's thread. */
  boolean inReactorThread();
}

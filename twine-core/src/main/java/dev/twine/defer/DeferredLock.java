package dev.twine.defer;

import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * A lock for code that runs on an event loop (Twisted's {@code DeferredLock}): {@link #acquire}
 * returns a Deferred that fires once the lock is held, so waiting never blocks the thread.
 *
 * <pre>{@code
 * DeferredLock lock = new DeferredLock();
 * Deferred<Row> row = lock.run(() -> database.update(key, value));  // one update at a time
 * }</pre>
 *
 * <p>Waiters get the lock in the order they called {@code acquire}. Cancelling a waiting
 * acquisition takes it out of the line; it fails with {@link CancelledException} and never holds
 * the lock. Cancelling one that already fired does nothing.
 *
 * <p>{@link #release} hands the lock straight to the first waiter and fires its Deferred. When the
 * release is made from within a waiter's step, as when each waiter releases on its turn, the next
 * waiter's Deferred fires once that step's chain has run rather than inside it: releases through
 * a line of any length run one after another and do not grow the stack. A waiter cancelled in that
 * short interval does not take the lock, which goes on to the next one.
 *
 * <p>Threading: not thread-safe; use it from one thread, normally its reactor's.
 */
public final class DeferredLock {
  private final TokenGate<DeferredLock> gate = new TokenGate<>(this, 1);

  /** Creates an unlocked lock. */
  public DeferredLock() {}

  /**
   * Returns a Deferred that fires with this lock once it is held by the caller: at once if it is
   * free, else after the waiters before it have released it.
   */
  public Deferred<DeferredLock> acquire() {
    return gate.acquire();
  }

  /**
   * Releases the lock, which passes to the first waiter, if any.
   *
   * @throws IllegalStateException if the lock is not locked
   */
  public void release() {
    if (!gate.release()) {
      throw new IllegalStateException("release() of a DeferredLock that is not locked");
    }
  }

  /**
   * Acquires the lock, calls {@code work}, and releases the lock when the Deferred it returns
   * fires, on both paths; returns a Deferred of that result. If {@code work} throws or returns
   * {@code null}, the lock is released and the returned Deferred fails with that error.
   */
  public <R extends @Nullable Object> Deferred<R> run(Callable<? extends Deferred<R>> work) {
    return acquire().flatMap(held -> Deferred.maybeDeferredWith(work).always(outcome -> release()));
  }

  /** Returns whether the lock is held (Twisted's {@code locked}). */
  public boolean locked() {
    return gate.tokens() == 0;
  }

  /** Returns the number of acquisitions waiting for the lock. */
  public int waiting() {
    return gate.waiting();
  }

  @Override
  public String toString() {
    return "DeferredLock[" + (locked() ? "locked" : "unlocked") + ", waiting=" + waiting() + "]";
  }
}

package dev.twine.defer;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Fires the Deferreds of waiters one after another from a loop, so that a waiter's step that
 * frees the next waiter does not fire it from inside its own stack frame.
 *
 * <p>{@link DeferredLock}, {@link DeferredSemaphore} and {@link DeferredQueue} hand what they
 * give out (a lock, a token, an item) to their next waiter through one of these. The first
 * {@link #fire} drains the deliveries; a {@code fire} made while they drain, typically by a step
 * that releases the lock again, only queues its delivery. A hundred thousand waiters that each
 * release on their turn therefore run one after another, at one stack depth.
 *
 * <p>A waiter cancelled after it was chosen but before its delivery is skipped, and its value is
 * given back to the owner, which passes it on.
 *
 * @param <V> what is delivered
 */
final class Handoff<V extends @Nullable Object> {
  private final ArrayDeque<Delivery<V>> due = new ArrayDeque<>();
  private final Consumer<V> giveBack;
  private boolean draining;

  /** Creates one whose undeliverable values go to {@code giveBack}. */
  Handoff(Consumer<V> giveBack) {
    this.giveBack = giveBack;
  }

  /**
   * Fires {@code waiter} with {@code value}: now, or, when called from a step this handoff is
   * running, as soon as that step's chain has run.
   */
  void fire(Deferred<V> waiter, V value) {
    due.add(new Delivery<>(waiter, value));
    if (draining) {
      return;
    }
    draining = true;
    try {
      Delivery<V> next;
      while ((next = due.poll()) != null) {
        if (next.waiter.called()) {
          giveBack.accept(next.value); // cancelled while its turn was coming
        } else {
          next.waiter.callback(next.value);
        }
      }
    } finally {
      draining = false;
    }
  }

  private record Delivery<V extends @Nullable Object>(Deferred<V> waiter, V value) {}
}

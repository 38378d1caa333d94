package dev.twine.defer;

import java.util.LinkedHashSet;

/**
 * Counts the tokens of a {@link DeferredLock} or {@link DeferredSemaphore} and admits waiting
 * acquirers in the order they came, through a {@link Handoff}.
 *
 * <p>Invariant: acquirers wait only while no token is free. A token given to a waiter whose
 * Deferred has not fired yet counts as taken.
 *
 * @param <H> the lock or semaphore, which acquirers receive
 */
final class TokenGate<H> {
  private final H holder;
  private final int limit;
  private final LinkedHashSet<Deferred<H>> waiting = new LinkedHashSet<>();
  private final Handoff<H> handoff = new Handoff<>(returned -> giveBack());
  private int tokens;

  /** Creates a gate with {@code limit} free tokens whose acquirers receive {@code holder}. */
  TokenGate(H holder, int limit) {
    this.holder = holder;
    this.limit = limit;
    this.tokens = limit;
  }

  /** Takes a token now if one is free, else waits in line; cancelling the wait leaves the line. */
  Deferred<H> acquire() {
    Deferred<H> acquired = new Deferred<>(waiting::remove);
    if (tokens > 0) {
      tokens--;
      acquired.callback(holder);
    } else {
      waiting.add(acquired);
    }
    return acquired;
  }

  /** Returns a token, which goes to the first waiter if any; returns false if none was taken. */
  boolean release() {
    if (tokens == limit) {
      return false;
    }
    giveBack();
    return true;
  }

  private void giveBack() {
    if (waiting.isEmpty()) {
      tokens++;
    } else {
      handoff.fire(waiting.removeFirst(), holder);
    }
  }

  /** Returns the number of free tokens. */
  int tokens() {
    return tokens;
  }

  /** Returns the number of tokens there are in all. */
  int limit() {
    return limit;
  }

  /** Returns the number of acquirers waiting for a token. */
  int waiting() {
    return waiting.size();
  }
}

package dev.twine.defer;

import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * A semaphore for code that runs on an event loop (Twisted's {@code DeferredSemaphore}): at most
 * {@link #limit} holders at a time; {@link #acquire} returns a Deferred that fires once the caller
 * holds a token, so waiting never blocks the thread.
 *
 * <pre>{@code
 * DeferredSemaphore downloads = new DeferredSemaphore(4);            // four at a time
 * List<Deferred<Bytes>> bodies = new ArrayList<>();
 * for (URI url : urls) {
 *   bodies.add(downloads.run(() -> agent.get(url)));
 * }
 * }</pre>
 *
 * <p>Waiters get tokens in the order they called {@code acquire}. Cancelling a waiting acquisition
 * takes it out of the line; it fails with {@link CancelledException} and never holds a token.
 * Cancelling one that already fired does nothing.
 *
 * <p>{@link #release} hands the token straight to the first waiter and fires its Deferred. When the
 * release is made from within a waiter's step, the next waiter's Deferred fires once that step's
 * chain has run rather than inside it: releases through a line of any length run one after
 * another and do not grow the stack. A waiter cancelled in that short interval does not take the
 * token, which goes on to the next one.
 *
 * <p>Threading: not thread-safe; use it from one thread, normally its reactor's.
 */
public final class DeferredSemaphore {
  private final TokenGate<DeferredSemaphore> gate;

  /**
   * Creates a semaphore with {@code tokens} free tokens, which is also its {@link #limit}.
   *
   * @throws IllegalArgumentException if {@code tokens} is less than 1
   */
  public DeferredSemaphore(int tokens) {
    if (tokens < 1) {
      throw new IllegalArgumentException("DeferredSemaphore needs at least 1 token: " + tokens);
    }
    this.gate = new TokenGate<>(this, tokens);
  }

  /**
   * Returns a Deferred that fires with this semaphore once the caller holds one of its tokens: at
   * once if one is free, else after the waiters before it have been served.
   */
  public Deferred<DeferredSemaphore> acquire() {
    return gate.acquire();
  }

  /**
   * Returns a token, which passes to the first waiter, if any.
   *
   * @throws IllegalStateException if every token is already free (more releases than
   *     acquisitions)
   */
  public void release() {
    if (!gate.release()) {
      throw new IllegalStateException(
          "release() without a matching acquire(): all " + gate.limit() + " tokens are free");
    }
  }

  /**
   * Acquires a token, calls {@code work}, and releases the token when the Deferred it returns
   * fires, on both paths; returns a Deferred of that result. If {@code work} throws or returns
   * {@code null}, the token is released and the returned Deferred fails with that error.
   */
  public <R extends @Nullable Object> Deferred<R> run(Callable<? extends Deferred<R>> work) {
    return acquire().flatMap(held -> Deferred.maybeDeferredWith(work).always(outcome -> release()));
  }

  /** Returns the number of free tokens: {@link #limit} minus the tokens held now. */
  public int tokens() {
    return gate.tokens();
  }

  /** Returns the most tokens that can be held at once, as given at construction. */
  public int limit() {
    return gate.limit();
  }

  /** Returns the number of acquisitions waiting for a token. */
  public int waiting() {
    return gate.waiting();
  }

  @Override
  public String toString() {
    return "DeferredSemaphore[tokens=" + tokens() + "/" + limit() + ", waiting=" + waiting() + "]";
  }
}

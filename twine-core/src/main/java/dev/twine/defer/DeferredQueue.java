package dev.twine.defer;

import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Objects;

/**
 * A first-in, first-out queue whose {@link #get} returns a Deferred, which fires when an item is
 * there (Twisted's {@code DeferredQueue}).
 *
 * <pre>{@code
 * DeferredQueue<Message> inbox = new DeferredQueue<>();
 * inbox.get().onSuccess(message -> handle(message));  // fires when something is put
 * inbox.put(message);
 * }</pre>
 *
 * <p>An item put while getters wait goes to the one that has waited longest; otherwise it is
 * queued, and the next {@code get} returns a Deferred that has already fired with it. Both ends
 * may be bounded: {@link #put} throws {@link QueueOverflow} rather than queue more than the
 * capacity (Twisted's {@code size}), and {@code get} throws {@link QueueUnderflow} rather than let
 * more than the backlog of getters wait.
 *
 * <p>Cancelling a waiting get takes it out of the line; it fails with {@link CancelledException}
 * and receives no item. When a put is made from within a getter's step, the next getter's
 * Deferred fires once that step's chain has run rather than inside it, so producers and consumers
 * that feed each other do not grow the stack; if that getter is cancelled in the interval, its
 * item goes to the next waiting getter, or back to the head of the queue.
 *
 * <p>Threading: not thread-safe; use it from one thread, normally its reactor's.
 *
 * @param <T> the type of the items
 */
public final class DeferredQueue<T> {
  private final int capacity;
  private final int backlog;
  private final ArrayDeque<T> items = new ArrayDeque<>();
  private final LinkedHashSet<Deferred<T>> getters = new LinkedHashSet<>();
  private final Handoff<T> handoff = new Handoff<>(this::giveBack);

  /** Creates a queue without bounds: it holds any number of items and of waiting getters. */
  public DeferredQueue() {
    this(Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  /**
   * Creates a queue that holds at most {@code capacity} items and lets at most {@code backlog}
   * getters wait. Either may be 0: a queue of capacity 0 passes items only to waiting getters.
   *
   * @throws IllegalArgumentException if either is negative
   */
  public DeferredQueue(int capacity, int backlog) {
    if (capacity < 0 || backlog < 0) {
      throw new IllegalArgumentException(
          "capacity and backlog must not be negative: capacity=" + capacity
              + ", backlog=" + backlog);
    }
    this.capacity = capacity;
    this.backlog = backlog;
  }

  /**
   * Adds {@code item}: the getter that has waited longest receives it, or, if none waits, it is
   * queued.
   *
   * @throws QueueOverflow if no getter waits and the queue holds {@code capacity} items already
   */
  public void put(T item) {
    Objects.requireNonNull(item, "item");
    if (!getters.isEmpty()) {
      handoff.fire(getters.removeFirst(), item);
    } else if (items.size() < capacity) {
      items.add(item);
    } else {
      throw new QueueOverflow("DeferredQueue is full: it holds " + items.size()
          + " items, its capacity is " + capacity);
    }
  }

  /**
   * Returns a Deferred of the next item: already fired if one is queued, else one that fires when
   * an item is put for it.
   *
   * @throws QueueUnderflow if the queue is empty and {@code backlog} getters wait already
   */
  public Deferred<T> get() {
    if (!items.isEmpty()) {
      return Deferred.succeed(items.removeFirst());
    }
    if (getters.size() >= backlog) {
      throw new QueueUnderflow("DeferredQueue is empty and " + getters.size()
          + " getters wait already, its backlog is " + backlog);
    }
    Deferred<T> getter = new Deferred<>(getters::remove);
    getters.add(getter);
    return getter;
  }

  /** Returns the number of items queued, waiting for a getter. */
  public int size() {
    return items.size();
  }

  /** Returns the number of getters waiting for an item. */
  public int waiting() {
    return getters.size();
  }

  private void giveBack(T item) {
    if (getters.isEmpty()) {
      items.addFirst(item);
    } else {
      handoff.fire(getters.removeFirst(), item);
    }
  }

  @Override
  public String toString() {
    return "DeferredQueue[size=" + items.size() + ", waiting=" + getters.size() + "]";
  }
}

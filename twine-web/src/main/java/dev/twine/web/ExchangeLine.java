package dev.twine.web;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * The requests of one connection whose responses are not written yet, oldest first: a queue
 * linked through the exchanges themselves ({@link Exchange#behind}), so that a connection with
 * nothing under way holds no array for it.
 *
 * <p>Threading: the connection's reactor thread.
 */
final class ExchangeLine implements Iterable<Exchange> {
  private @Nullable Exchange first;
  private @Nullable Exchange last;
  private int size;

  /** Adds {@code exchange}, which is on no line, at the end. */
  void add(Exchange exchange) {
    Exchange tail = last;
    if (tail == null) {
      first = exchange;
    } else {
      tail.behind(exchange);
    }
    last = exchange;
    size++;
  }

  /** Returns the oldest exchange, or null if the line is empty. */
  @Nullable Exchange peek() {
    return first;
  }

  /** Returns the newest exchange, or null if the line is empty. */
  @Nullable Exchange peekLast() {
    return last;
  }

  /** Removes the oldest exchange; the line must not be empty. */
  void poll() {
    Exchange head = first;
    if (head == null) {
      throw new IllegalStateException("the line of exchanges is empty");
    }
    first = head.behind();
    head.behind(null);
    if (first == null) {
      last = null;
    }
    size--;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Empties the line. */
  void clear() {
    while (first != null) {
      poll();
    }
  }

  @Override
  public Iterator<Exchange> iterator() {
    return new Iterator<>() {
      private @Nullable Exchange next = first;

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Exchange next() {
        Exchange current = next;
        if (current == null) {
          throw new NoSuchElementException();
        }
        next = current.behind();
        return current;
      }
    };
  }
}

package dev.twine.web.http;

import dev.twine.bytes.Bytes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The bytes fed to a parser and not yet consumed, read as CRLF-terminated lines or as runs of
 * body bytes.
 *
 * <p>Nothing is copied while a line or a run lies inside one fed {@code Bytes}: lines and runs
 * are slices of it. Only a line cut in two by the network is copied, once, into a growing array
 * that is handed out whole when the line ends; reading a line a byte at a time therefore costs
 * time in proportion to its length. Body bytes are never copied.
 */
final class Input {
  /**
   * What to answer when a line is longer than allowed: {@code status}, with the reason {@code
   * subject} alone, or, when {@code max} is not negative, "{@code subject} {@code relation}
   * {@code max} bytes". The reason is only put together when it is needed, so that a parser
   * holds no strings of its own.
   */
  record LineLimit(int status, String subject, String relation, int max) {
    /** A limit whose reason does not depend on a configured size. */
    LineLimit(int status, String reason) {
      this(status, reason, "", -1);
    }

    HttpParseException exceeded() {
      return new HttpParseException(
          status, max < 0 ? subject : subject + " " + relation + " " + max + " bytes");
    }
  }

  /** Most inputs hold one piece at a time: the queue starts with room for two. */
  private final ArrayDeque<Bytes> queue = new ArrayDeque<>(2);
  private Bytes current = Bytes.EMPTY;
  private int pos;
  /** The start of a line that the previous inputs did not finish; null when there is none. */
  private byte @Nullable [] partial;
  private int partialLength;
  /** The line {@link #nextLine} found last, without its CRLF: {@code lineBytes[lineFrom, lineTo)}. */
  private Bytes lineBytes = Bytes.EMPTY;
  private int lineFrom;
  private int lineTo;

  /** Queues {@code data} after what is already there. */
  void add(Bytes data) {
    if (!data.isEmpty()) {
      queue.add(data);
    }
  }

  /** Returns whether no unconsumed byte remains, counting the start of an unfinished line. */
  boolean isEmpty() {
    return partialLength == 0 && pos == current.size() && queue.isEmpty();
  }

  /**
   * Returns the next line without its CRLF, or null if its end has not arrived yet (what there
   * is of it is kept for the next call).
   *
   * @throws HttpParseException with {@code limit}'s status if the line is longer than {@code
   *     max} bytes, which is known as soon as that many bytes arrived without a CRLF; else with
   *     400 if the line ends with a bare LF
   */
  @Nullable Bytes readLine(int max, LineLimit limit) {
    return nextLine(max, limit) ? lineBytes.slice(lineFrom, lineTo) : null;
  }

  /**
   * Finds the next line as {@link #readLine} does, but leaves it where it lies, for a reader that
   * takes it apart at once: it is {@link #lineBytes()} from {@link #lineFrom()} to {@link
   * #lineTo()}, until the next call. Returns false if its end has not arrived yet.
   *
   * @throws HttpParseException as {@link #readLine} does
   */
  boolean nextLine(int max, LineLimit limit) {
    while (true) {
      if (!advance()) {
        lineBytes = Bytes.EMPTY;
        return false;
      }
      int lf = current.indexOf(Syntax.LF, pos);
      if (lf < 0) {
        int end = current.size();
        int length = partialLength + end - pos - (current.get(end - 1) == Syntax.CR ? 1 : 0);
        if (length > max) {
          throw limit.exceeded();
        }
        keepPartial(end);
        continue;
      }
      // The line with its CR is line[from, to).
      Bytes line = current;
      int from = pos;
      int to = lf;
      if (partialLength > 0) {
        line = Bytes.wrap(keepPartial(lf));
        from = 0;
        to = partialLength;
        partial = null;
        partialLength = 0;
      }
      pos = lf + 1;
      // The length is checked first, as it is while the line is still arriving: a line past the
      // limit gets the limit's status however the network cut it, even if it ends with a bare LF.
      boolean cr = to > from && line.get(to - 1) == Syntax.CR;
      if (to - from - (cr ? 1 : 0) > max) {
        throw limit.exceeded();
      }
      if (!cr) {
        throw new HttpParseException(400, "line ends with a bare LF");
      }
      lineBytes = line;
      lineFrom = from;
      lineTo = to - 1;
      return true;
    }
  }

  Bytes lineBytes() {
    return lineBytes;
  }

  int lineFrom() {
    return lineFrom;
  }

  int lineTo() {
    return lineTo;
  }

  /**
   * Returns up to {@code max} (at least 1) of the next bytes, as a slice of the input, or null if
   * none has arrived.
   */
  @Nullable Bytes read(long max) {
    if (!advance()) {
      return null;
    }
    int n = (int) Math.min(max, current.size() - pos);
    Bytes data = current.slice(pos, pos + n);
    pos += n;
    return data;
  }

  /** Removes and returns every unconsumed byte, as the pieces it arrived in. */
  List<Bytes> drain() {
    List<Bytes> rest = new ArrayList<>(queue.size() + 2);
    byte[] unfinished = partial;
    if (unfinished != null) {
      rest.add(Bytes.copyOf(unfinished, 0, partialLength));
    }
    if (pos < current.size()) {
      rest.add(current.slice(pos, current.size()));
    }
    rest.addAll(queue);
    queue.clear();
    current = Bytes.EMPTY;
    pos = 0;
    partial = null;
    partialLength = 0;
    return rest;
  }

  /** Makes sure {@code current} has a byte at {@code pos}; returns false if no input is left. */
  private boolean advance() {
    while (pos == current.size()) {
      Bytes next = queue.poll();
      if (next == null) {
        current = Bytes.EMPTY;
        pos = 0;
        return false;
      }
      current = next;
      pos = 0;
    }
    return true;
  }

  /**
   * Appends {@code current[pos, end)} to the unfinished line and consumes it; returns the array
   * that holds the line.
   */
  private byte[] keepPartial(int end) {
    int n = end - pos;
    byte[] array = partial;
    if (array == null || partialLength + n > array.length) {
      int capacity = Math.max(partialLength + n, Math.max(64, partialLength * 2));
      array = array == null ? new byte[capacity] : Arrays.copyOf(array, capacity);
      partial = array;
    }
    current.slice(pos, end).copyTo(array, partialLength);
    partialLength += n;
    pos = end;
    return array;
  }
}

package dev.twine.protocols;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import java.util.List;
import java.util.Objects;

/**
 * The buffer of a line receiver: it splits what arrives into lines ending with a delimiter and
 * knows when the first line is over the length limit.
 *
 * <p>It remembers how far it has searched for the delimiter, so data that trickles in is searched
 * once: splitting n bytes into lines costs O(n) however they arrive.
 */
final class LineBuffer {
  private final Buffer buffer = new Buffer();
  private final Bytes delimiter;
  private final int maxLength;
  /** No delimiter starts before this index. */
  private long searched;
  /** The index of the first delimiter, or -1 while none has been found. */
  private long delimiterAt = -1;

  LineBuffer(Bytes delimiter, int maxLength) {
    Objects.requireNonNull(delimiter, "delimiter");
    if (delimiter.isEmpty()) {
      throw new IllegalArgumentException("the line delimiter must not be empty");
    }
    if (maxLength < 0) {
      throw new IllegalArgumentException("the maximum line length must not be negative: " + maxLength);
    }
    this.delimiter = delimiter;
    this.maxLength = maxLength;
  }

  Bytes delimiter() {
    return delimiter;
  }

  int maxLength() {
    return maxLength;
  }

  void write(Bytes data) {
    buffer.write(data);
  }

  /** Puts {@code data} in front of what is buffered. */
  void prepend(Bytes data) {
    if (data.isEmpty()) {
      return;
    }
    Bytes rest = buffer.readAll();
    buffer.write(data).write(rest);
    forgetSearch();
  }

  boolean isEmpty() {
    return buffer.isEmpty();
  }

  /** Returns whether a whole line, delimiter included, is buffered. */
  boolean hasLine() {
    return findDelimiter() >= 0;
  }

  /**
   * Returns whether the first line is longer than the maximum: whole and longer, or not whole yet
   * but already too long to be a line of the maximum length followed by part of a delimiter.
   */
  boolean tooLong() {
    long end = findDelimiter();
    return end >= 0 ? end > maxLength : buffer.size() >= (long) maxLength + delimiter.size();
  }

  /** Removes the first line and its delimiter and returns the line; {@link #hasLine} must hold. */
  Bytes takeLine() {
    long end = findDelimiter();
    Bytes line = buffer.readBytes(end);
    buffer.skip(delimiter.size());
    forgetSearch();
    return line;
  }

  /** Removes and returns everything buffered. */
  Bytes takeAll() {
    forgetSearch();
    return buffer.readAll();
  }

  /** Drops everything buffered. */
  void clear() {
    buffer.clear();
    forgetSearch();
  }

  /** Returns {@code line} followed by the delimiter, for writing. */
  List<Bytes> framed(Bytes line) {
    Objects.requireNonNull(line, "line");
    int at = line.indexOf(delimiter);
    if (at >= 0) {
      throw new IllegalArgumentException(
          "a line must not contain the delimiter " + delimiter + ", found at index " + at + " of " + line);
    }
    return List.of(line, delimiter);
  }

  private long findDelimiter() {
    if (delimiterAt < 0) {
      delimiterAt = buffer.indexOf(delimiter, searched);
      if (delimiterAt < 0) {
        searched = Math.max(0, buffer.size() - delimiter.size() + 1);
      }
    }
    return delimiterAt;
  }

  private void forgetSearch() {
    searched = 0;
    delimiterAt = -1;
  }
}

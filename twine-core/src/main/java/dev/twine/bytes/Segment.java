package dev.twine.bytes;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One array of a {@link Buffer}'s content: its bytes run from {@code pos} (inclusive) to {@code
 * limit} (exclusive), and the content goes on in {@code next}. The methods that read from a
 * position walk on into the following segments, so their callers must know the bytes are there.
 */
final class Segment {
  final byte[] data;
  int pos;
  int limit;
  @Nullable Segment next;

  Segment(int capacity) {
    this.data = new byte[capacity];
  }

  /** Returns the {@code width} bytes from {@code at} of this segment as a big-endian number. */
  long bigEndian(int at, int width) {
    Segment segment = this;
    int p = at;
    long value = 0;
    for (int i = 0; i < width; i++) {
      if (p == segment.limit) {
        segment = Objects.requireNonNull(segment.next);
        p = segment.pos;
      }
      value = value << 8 | (segment.data[p++] & 0xff);
    }
    return value;
  }

  /** Returns whether the bytes from {@code at} of this segment are those of {@code other}. */
  boolean rangeEquals(int at, Bytes other) {
    Segment segment = this;
    int p = at;
    for (int i = 0; i < other.size(); i++) {
      if (p == segment.limit) {
        segment = Objects.requireNonNull(segment.next);
        p = segment.pos;
      }
      if (segment.data[p++] != other.get(i)) {
        return false;
      }
    }
    return true;
  }
}

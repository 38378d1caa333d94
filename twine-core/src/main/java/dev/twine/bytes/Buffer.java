package dev.twine.bytes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A growable first-in, first-out queue of bytes: data is written at the end and read from the
 * front. Framing protocols append what arrives and take whole frames out once they are there.
 *
 * <pre>{@code
 * // a frame is a 4-byte big-endian length, then that many bytes
 * buffer.write(data);
 * while (buffer.size() >= 4 && buffer.size() >= 4 + buffer.getUnsignedInt(0)) {
 *   long length = buffer.readUnsignedInt();
 *   frameReceived(buffer.readBytes(length));
 * }
 * }</pre>
 *
 * <p>Positions are {@code long} offsets from the front, which is index 0: reading moves every
 * later byte down. The {@code get} methods look at the bytes at an index without consuming them;
 * the {@code read} methods consume from the front. Numbers are big-endian (network order). The
 * {@code write} methods return this buffer, so that writes chain.
 *
 * <p>Asking for more bytes than the buffer holds, or at an index past them, fails with {@link
 * IllegalArgumentException} naming the sizes, and the buffer is left as it was. A protocol
 * checks {@link #size()} first and waits for more data.
 *
 * <p>Searching with {@link #indexOf(Bytes, long)} as data trickles in stays cheap when the caller
 * passes where the last search stopped, so that bytes already scanned are not scanned again:
 *
 * <pre>{@code
 * long end = buffer.indexOf(CRLF, scanned);
 * if (end < 0) {
 *   scanned = Math.max(0, buffer.size() - CRLF.size() + 1);  // resume here next time
 * }
 * }</pre>
 *
 * <p>Memory: the content lives in fixed-size segments. Writing copies the data into the last one
 * and adds more as needed; reading drops each segment as soon as it is consumed, so a buffer that is written to and
 * read from for ever holds no more than its content plus about two segments, and an empty buffer
 * holds none. Reading copies only the bytes it returns.
 *
 * <p>Threading: not thread-safe. A buffer belongs to one thread, normally its connection's
 * reactor thread.
 */
public final class Buffer {
  /** The size of the arrays that hold the content. */
  static final int SEGMENT_SIZE = 8192;

  private @Nullable Segment head;
  private @Nullable Segment tail;
  private long size;
  private int segments;

  /** Creates an empty buffer. */
  public Buffer() {}

  /** Returns the number of bytes in the buffer. */
  public long size() {
    return size;
  }

  /** Returns whether the buffer holds no bytes. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** Appends the content of {@code bytes}. */
  public Buffer write(Bytes bytes) {
    return write(bytes.array(), bytes.offset(), bytes.size());
  }

  /** Appends a copy of {@code array}; later changes to the array do not reach the buffer. */
  public Buffer write(byte[] array) {
    return write(array, 0, array.length);
  }

  /**
   * Appends a copy of {@code length} bytes of {@code array} from {@code offset}.
   *
   * @throws IndexOutOfBoundsException if the range is not inside {@code array}
   */
  public Buffer write(byte[] array, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, array.length);
    int written = 0;
    while (written < length) {
      Segment segment = writableTail();
      int n = Math.min(length - written, SEGMENT_SIZE - segment.limit);
      System.arraycopy(array, offset + written, segment.data, segment.limit, n);
      segment.limit += n;
      written += n;
    }
    size += length;
    return this;
  }

  /**
   * Appends the remaining bytes of {@code source}, which it consumes: its position moves to its
   * limit.
   */
  public Buffer write(ByteBuffer source) {
    int length = source.remaining();
    while (source.hasRemaining()) {
      Segment segment = writableTail();
      int n = Math.min(source.remaining(), SEGMENT_SIZE - segment.limit);
      source.get(segment.data, segment.limit, n);
      segment.limit += n;
    }
    size += length;
    return this;
  }

  /** Appends the low eight bits of {@code b}. */
  public Buffer writeByte(int b) {
    Segment segment = writableTail();
    segment.data[segment.limit++] = (byte) b;
    size++;
    return this;
  }

  /** Appends the low 16 bits of {@code s}, big-endian. */
  public Buffer writeShort(int s) {
    return writeBigEndian(s, 2);
  }

  /** Appends {@code i}, big-endian. */
  public Buffer writeInt(int i) {
    return writeBigEndian(i, 4);
  }

  /** Appends {@code l}, big-endian. */
  public Buffer writeLong(long l) {
    return writeBigEndian(l, 8);
  }

  private Buffer writeBigEndian(long value, int width) {
    for (int shift = (width - 1) * 8; shift >= 0; shift -= 8) {
      writeByte((int) (value >>> shift));
    }
    return this;
  }

  /** Appends {@code text} encoded as UTF-8, as {@link Bytes#utf8(String)} encodes it. */
  public Buffer writeUtf8(String text) {
    return write(text.getBytes(StandardCharsets.UTF_8));
  }

  private Segment writableTail() {
    Segment last = tail;
    if (last != null && last.limit < SEGMENT_SIZE) {
      return last;
    }
    Segment segment = new Segment(SEGMENT_SIZE);
    if (last == null) {
      head = segment;
    } else {
      last.next = segment;
    }
    tail = segment;
    segments++;
    return segment;
  }

  /**
   * Returns the byte at {@code index} without consuming it.
   *
   * @throws IllegalArgumentException if {@code index} is negative or not less than {@link #size()}
   */
  public byte getByte(long index) {
    return (byte) getBigEndian(index, 1);
  }

  /** Returns the byte at {@code index} as a value from 0 to 255, as {@link #getByte} finds it. */
  public int getUnsignedByte(long index) {
    return (int) getBigEndian(index, 1);
  }

  /**
   * Returns the big-endian 16-bit number at {@code index} without consuming it.
   *
   * @throws IllegalArgumentException if the buffer holds fewer than 2 bytes from {@code index}
   */
  public short getShort(long index) {
    return (short) getBigEndian(index, 2);
  }

  /** Returns the big-endian 16-bit number at {@code index} as a value from 0 to 65535. */
  public int getUnsignedShort(long index) {
    return (int) getBigEndian(index, 2);
  }

  /**
   * Returns the big-endian 32-bit number at {@code index} without consuming it.
   *
   * @throws IllegalArgumentException if the buffer holds fewer than 4 bytes from {@code index}
   */
  public int getInt(long index) {
    return (int) getBigEndian(index, 4);
  }

  /** Returns the big-endian 32-bit number at {@code index} as a value from 0 to 4294967295. */
  public long getUnsignedInt(long index) {
    return getBigEndian(index, 4);
  }

  /**
   * Returns the big-endian 64-bit number at {@code index} without consuming it.
   *
   * @throws IllegalArgumentException if the buffer holds fewer than 8 bytes from {@code index}
   */
  public long getLong(long index) {
    return getBigEndian(index, 8);
  }

  private long getBigEndian(long index, int width) {
    if (index < 0 || index > size - width) {
      throw new IllegalArgumentException(
          "cannot read " + width + (width == 1 ? " byte" : " bytes") + " at index " + index
              + ": the buffer holds " + size);
    }
    Position at = locate(index);
    return at.segment.bigEndian(at.pos, width);
  }

  /** Returns the segment that holds {@code index}, which is in {@code [0, size)}, and where. */
  private Position locate(long index) {
    Segment segment = Objects.requireNonNull(head);
    long skipped = 0;
    while (index - skipped >= segment.limit - segment.pos) {
      skipped += segment.limit - segment.pos;
      segment = Objects.requireNonNull(segment.next);
    }
    return new Position(segment, segment.pos + (int) (index - skipped));
  }

  /** Returns the index of the first {@code b}, or -1 if there is none. */
  public long indexOf(byte b) {
    return indexOf(b, 0);
  }

  /**
   * Returns the index of the first {@code b} at or after {@code from}, or -1 if there is none.
   * The bytes before {@code from} are not looked at.
   *
   * @throws IllegalArgumentException if {@code from} is negative or greater than {@link #size()}
   */
  public long indexOf(byte b, long from) {
    checkFrom(from);
    if (from == size) {
      return -1;
    }
    Position at = locate(from);
    long start = from - (at.pos - at.segment.pos);
    for (Segment s = at.segment; s != null; s = s.next) {
      for (int pos = s == at.segment ? at.pos : s.pos; pos < s.limit; pos++) {
        if (s.data[pos] == b) {
          return start + pos - s.pos;
        }
      }
      start += s.limit - s.pos;
    }
    return -1;
  }

  /** Returns the index of the first occurrence of {@code needle}, or -1 if there is none. */
  public long indexOf(Bytes needle) {
    return indexOf(needle, 0);
  }

  /**
   * Returns the lowest index at or after {@code from} where {@code needle} occurs, or -1 if there
   * is none. An empty needle occurs at {@code from}. The bytes before {@code from} are not looked
   * at; the search costs about one pass over the rest for the short delimiters of framing
   * protocols.
   *
   * @throws IllegalArgumentException if {@code from} is negative or greater than {@link #size()}
   */
  public long indexOf(Bytes needle, long from) {
    checkFrom(from);
    if (needle.isEmpty()) {
      return from;
    }
    long last = size - needle.size();
    if (from > last) {
      return -1;
    }
    byte first = needle.get(0);
    Position at = locate(from);
    Segment segment = at.segment;
    int pos = at.pos;
    for (long index = from; index <= last; index++, pos++) {
      if (pos == segment.limit) {
        segment = Objects.requireNonNull(segment.next);
        pos = segment.pos;
      }
      if (segment.data[pos] == first && segment.rangeEquals(pos, needle)) {
        return index;
      }
    }
    return -1;
  }

  private void checkFrom(long from) {
    if (from < 0 || from > size) {
      throw new IllegalArgumentException("from " + from + " is outside [0, " + size + "]");
    }
  }

  /**
   * Returns the first {@code n} bytes without consuming them.
   *
   * @throws IllegalArgumentException if {@code n} is negative or more than {@link #size()}
   */
  public Bytes peek(long n) {
    checkCount(n);
    byte[] result = new byte[(int) n];
    int copied = 0;
    for (Segment s = head; copied < n; s = s.next) {
      Segment segment = Objects.requireNonNull(s);
      int chunk = Math.min((int) n - copied, segment.limit - segment.pos);
      System.arraycopy(segment.data, segment.pos, result, copied, chunk);
      copied += chunk;
    }
    return Bytes.wrap(result);
  }

  /**
   * Removes and returns the first {@code n} bytes.
   *
   * @throws IllegalArgumentException if {@code n} is negative or more than {@link #size()}
   */
  public Bytes readBytes(long n) {
    Bytes result = peek(n);
    skip(n);
    return result;
  }

  /**
   * Removes and returns every byte in the buffer, which is then empty.
   *
   * @throws IllegalArgumentException if the buffer holds more than {@link Integer#MAX_VALUE}
   *     bytes, which is more than one {@code Bytes} can hold
   */
  public Bytes readAll() {
    return readBytes(size);
  }

  /**
   * Removes the first {@code n} bytes and returns them decoded as UTF-8, as {@link Bytes#utf8()}
   * decodes. A character cut in two by {@code n} decodes as U+FFFD.
   *
   * @throws IllegalArgumentException if {@code n} is negative or more than {@link #size()}
   */
  public String readUtf8(long n) {
    return readBytes(n).utf8();
  }

  /**
   * Removes the first {@code n} bytes, dropping the memory that held them.
   *
   * @throws IllegalArgumentException if {@code n} is negative or more than {@link #size()}
   */
  public void skip(long n) {
    checkCount(n);
    long remaining = n;
    while (remaining > 0) {
      Segment first = Objects.requireNonNull(head);
      int chunk = (int) Math.min(remaining, first.limit - first.pos);
      first.pos += chunk;
      remaining -= chunk;
      if (first.pos == first.limit) {
        removeHead(first);
      }
    }
    size -= n;
  }

  private void removeHead(Segment first) {
    head = first.next;
    if (head == null) {
      tail = null;
    }
    segments--;
  }

  private void checkCount(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("byte count must not be negative: " + n);
    }
    if (n > size) {
      throw new IllegalArgumentException(
          "cannot take " + n + " bytes: the buffer holds " + size);
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "cannot take " + n + " bytes at once: Bytes holds at most " + Integer.MAX_VALUE);
    }
  }

  /** Removes and returns the first byte. */
  public byte readByte() {
    return (byte) readBigEndian(1);
  }

  /** Removes the first byte and returns it as a value from 0 to 255. */
  public int readUnsignedByte() {
    return (int) readBigEndian(1);
  }

  /** Removes the first 2 bytes and returns them as a big-endian 16-bit number. */
  public short readShort() {
    return (short) readBigEndian(2);
  }

  /** Removes the first 2 bytes and returns them as a big-endian number from 0 to 65535. */
  public int readUnsignedShort() {
    return (int) readBigEndian(2);
  }

  /** Removes the first 4 bytes and returns them as a big-endian 32-bit number. */
  public int readInt() {
    return (int) readBigEndian(4);
  }

  /** Removes the first 4 bytes and returns them as a big-endian number from 0 to 4294967295. */
  public long readUnsignedInt() {
    return readBigEndian(4);
  }

  /**
   * Removes the first 8 bytes and returns them as a big-endian 64-bit number.
   *
   * <p>Like every {@code read} method, it fails with {@link IllegalArgumentException}, consuming
   * nothing, if the buffer holds too few bytes.
   */
  public long readLong() {
    return readBigEndian(8);
  }

  private long readBigEndian(int width) {
    long value = getBigEndian(0, width);
    skip(width);
    return value;
  }

  /** Removes every byte and drops the memory that held them. */
  public void clear() {
    head = null;
    tail = null;
    size = 0;
    segments = 0;
  }

  /** Returns the number of bytes of memory the buffer holds on to, used or not. */
  long capacity() {
    return (long) segments * SEGMENT_SIZE;
  }

  /**
   * Returns the size and the first bytes as quoted text for diagnostics, as {@link
   * Bytes#toString()} shows them, such as {@code Buffer[7]"hello\r\n"}.
   */
  @Override
  public String toString() {
    Bytes shown = peek(Math.min(size, ByteText.QUOTE_LIMIT));
    String text = ByteText.quoted(shown.array(), shown.offset(), shown.size(), size);
    return "Buffer[" + size + "]" + text;
  }

  private record Position(Segment segment, int pos) {}
}

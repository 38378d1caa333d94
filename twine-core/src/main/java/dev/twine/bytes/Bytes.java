package dev.twine.bytes;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An immutable sequence of bytes: the value Twine hands to protocols and takes from them.
 *
 * <p>{@code Bytes} compares, hashes and sorts by content, so it can be a map key and be checked
 * with {@code equals} in tests. Its {@link #toString()} shows the content as escaped text and
 * {@link #hexDump()} as a hex dump, for readable test failures.
 *
 * <pre>{@code
 * Bytes request = Bytes.ascii("GET / HTTP/1.1\r\n");
 * int end = request.indexOf(Bytes.ascii("\r\n"));
 * Bytes requestLine = request.slice(0, end);   // shares the content, copies nothing
 * assertThat(requestLine.ascii()).isEqualTo("GET / HTTP/1.1");
 * }</pre>
 *
 * <p>Indexes are {@code int}s from 0 to {@link #size()}; an index or range outside the content
 * fails with {@link IndexOutOfBoundsException}, as it does for arrays and strings.
 *
 * <p>Threading: instances are immutable and may be shared freely between threads.
 */
public final class Bytes implements Comparable<Bytes> {
  /** The empty byte string. */
  public static final Bytes EMPTY = new Bytes(new byte[0], 0, 0);

  private final byte[] data;
  private final int offset;
  private final int length;
  private int hash;

  private Bytes(byte[] data, int offset, int length) {
    this.data = data;
    this.offset = offset;
    this.length = length;
  }

  /** Returns bytes holding a copy of {@code bytes}. */
  public static Bytes of(byte... bytes) {
    return copyOf(bytes, 0, bytes.length);
  }

  /**
   * Returns bytes holding a copy of {@code length} bytes of {@code array} from {@code offset}.
   *
   * @throws IndexOutOfBoundsException if the range is not inside {@code array}
   */
  public static Bytes copyOf(byte[] array, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, array.length);
    if (length == 0) {
      return EMPTY;
    }
    return new Bytes(Arrays.copyOfRange(array, offset, offset + length), 0, length);
  }

  /**
   * Returns bytes holding a copy of the remaining bytes of {@code buffer}, from its position to
   * its limit; the position advances to the limit.
   */
  public static Bytes copyOf(ByteBuffer buffer) {
    int length = buffer.remaining();
    if (length == 0) {
      return EMPTY;
    }
    byte[] copy = new byte[length];
    buffer.get(copy);
    return new Bytes(copy, 0, length);
  }

  /**
   * Returns bytes that use {@code array} itself as their content, without copying it. This is for
   * code that has just filled a fresh array, such as a reader of a socket: the caller must not
   * modify the array afterwards, or the "immutable" value changes under its users.
   */
  public static Bytes wrap(byte[] array) {
    return array.length == 0 ? EMPTY : new Bytes(array, 0, array.length);
  }

  /**
   * Returns the characters of {@code text} as bytes, one byte per character.
   *
   * @throws IllegalArgumentException if a character is outside US-ASCII (above U+007F), naming
   *     the character and its index
   */
  public static Bytes ascii(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c > 0x7f) {
        throw new IllegalArgumentException(
            String.format("not ASCII: '%c' (U+%04X) at index %d", c, (int) c, i));
      }
    }
    return wrap(text.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Returns {@code text} encoded as UTF-8. An unpaired surrogate, which UTF-8 cannot encode,
   * becomes {@code '?'}, as in {@link String#getBytes(Charset)}.
   */
  public static Bytes utf8(String text) {
    return wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns the bytes that {@code hex} spells, two hex digits per byte, in either case, as
   * {@link #hex()} writes them.
   *
   * @throws IllegalArgumentException if the length is odd or a character is not a hex digit,
   *     naming the character and its index
   */
  public static Bytes fromHex(String hex) {
    if (hex.length() % 2 != 0) {
      throw new IllegalArgumentException(
          "hex needs an even number of digits, got " + hex.length());
    }
    byte[] result = new byte[hex.length() / 2];
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (!HexFormat.isHexDigit(c)) {
        throw new IllegalArgumentException(
            String.format("not a hex digit: '%c' at index %d", c, i));
      }
      result[i / 2] = (byte) (result[i / 2] << 4 | HexFormat.fromHexDigit(c));
    }
    return wrap(result);
  }

  /** Returns the number of bytes. */
  public int size() {
    return length;
  }

  /** Returns whether there are no bytes. */
  public boolean isEmpty() {
    return length == 0;
  }

  /** Returns the byte at {@code index}, as a signed Java {@code byte}. */
  public byte get(int index) {
    return data[offset + Objects.checkIndex(index, length)];
  }

  /** Returns the byte at {@code index} as a value from 0 to 255. */
  public int getUnsigned(int index) {
    return get(index) & 0xff;
  }

  /**
   * Returns the bytes from {@code from} (inclusive) to {@code to} (exclusive). The result shares
   * this value's storage: slicing copies nothing, whatever the size.
   */
  public Bytes slice(int from, int to) {
    Objects.checkFromToIndex(from, to, length);
    if (from == 0 && to == length) {
      return this;
    }
    return from == to ? EMPTY : new Bytes(data, offset + from, to - from);
  }

  /** Returns the index of the first {@code b}, or -1 if there is none. */
  public int indexOf(byte b) {
    return indexOf(b, 0);
  }

  /**
   * Returns the index of the first {@code b} at or after {@code from}, or -1 if there is none.
   *
   * @throws IndexOutOfBoundsException if {@code from} is negative or greater than {@link #size()}
   */
  public int indexOf(byte b, int from) {
    checkFrom(from);
    for (int i = offset + from, end = offset + length; i < end; i++) {
      if (data[i] == b) {
        return i - offset;
      }
    }
    return -1;
  }

  /** Returns the index of the first occurrence of {@code needle}, or -1 if there is none. */
  public int indexOf(Bytes needle) {
    return indexOf(needle, 0);
  }

  /**
   * Returns the lowest index at or after {@code from} where {@code needle} occurs, or -1 if there
   * is none. An empty needle occurs at {@code from}.
   *
   * @throws IndexOutOfBoundsException if {@code from} is negative or greater than {@link #size()}
   */
  public int indexOf(Bytes needle, int from) {
    checkFrom(from);
    for (int i = from, last = length - needle.length; i <= last; i++) {
      if (rangeEquals(i, needle)) {
        return i;
      }
    }
    return -1;
  }

  private void checkFrom(int from) {
    if (from < 0 || from > length) {
      throw new IndexOutOfBoundsException("from " + from + " is outside [0, " + length + "]");
    }
  }

  /** Returns whether the first bytes are {@code prefix}. */
  public boolean startsWith(Bytes prefix) {
    return prefix.length <= length && rangeEquals(0, prefix);
  }

  /** Returns whether the last bytes are {@code suffix}. */
  public boolean endsWith(Bytes suffix) {
    return suffix.length <= length && rangeEquals(length - suffix.length, suffix);
  }

  private boolean rangeEquals(int at, Bytes other) {
    return Arrays.equals(
        data, offset + at, offset + at + other.length,
        other.data, other.offset, other.offset + other.length);
  }

  /** Returns these bytes followed by {@code other}'s, in a new value. */
  public Bytes concat(Bytes other) {
    if (other.length == 0) {
      return this;
    }
    if (length == 0) {
      return other;
    }
    byte[] result = Arrays.copyOfRange(data, offset, offset + length + other.length);
    System.arraycopy(other.data, other.offset, result, length, other.length);
    return wrap(result);
  }

  /** Returns a new array holding a copy of the bytes; changing it does not change this value. */
  public byte[] toByteArray() {
    return Arrays.copyOfRange(data, offset, offset + length);
  }

  /**
   * Copies the bytes into {@code dst} from {@code dstOffset}.
   *
   * @throws IndexOutOfBoundsException if {@code dst} has no room for {@link #size()} bytes there
   */
  public void copyTo(byte[] dst, int dstOffset) {
    Objects.checkFromIndexSize(dstOffset, length, dst.length);
    System.arraycopy(data, offset, dst, dstOffset, length);
  }

  /**
   * Copies the bytes into {@code dst} at its position, which advances by {@link #size()}.
   *
   * @throws java.nio.BufferOverflowException if {@code dst} has fewer than {@link #size()} bytes
   *     remaining; nothing is copied then
   * @throws java.nio.ReadOnlyBufferException if {@code dst} is read-only
   */
  public void copyTo(ByteBuffer dst) {
    dst.put(data, offset, length);
  }

  /**
   * Returns a read-only buffer over the bytes, without copying them, positioned at 0 with its
   * limit and capacity at {@link #size()}. Each call returns a new buffer with its own position.
   */
  public ByteBuffer asReadOnlyByteBuffer() {
    return ByteBuffer.wrap(data, offset, length).slice().asReadOnlyBuffer();
  }

  /**
   * Writes the bytes to {@code out}, in one call of {@link OutputStream#write(byte[], int, int)}.
   * The stream is neither flushed nor closed.
   *
   * @throws IOException as the stream throws it
   */
  public void writeTo(OutputStream out) throws IOException {
    out.write(data, offset, length);
  }

  /**
   * Returns the bytes decoded as UTF-8. Malformed sequences decode to U+FFFD, as in {@link
   * String#String(byte[], Charset)}; protocols that must reject them decode with a
   * {@link java.nio.charset.CharsetDecoder} instead.
   */
  public String utf8() {
    return string(StandardCharsets.UTF_8);
  }

  /**
   * Returns the bytes as US-ASCII text, one character per byte.
   *
   * @throws IllegalArgumentException if a byte is above 0x7F, naming the byte and its index
   */
  public String ascii() {
    for (int i = 0; i < length; i++) {
      if (data[offset + i] < 0) {
        throw new IllegalArgumentException(String.format(
            "not ASCII: byte 0x%02x at index %d of %s", data[offset + i], i, this));
      }
    }
    return string(StandardCharsets.US_ASCII);
  }

  /** Returns the bytes decoded with {@code charset}, replacing what it cannot decode. */
  public String string(Charset charset) {
    return new String(data, offset, length, charset);
  }

  /** Returns the bytes as lower-case hex, two digits per byte, such as {@code "0aff"}. */
  public String hex() {
    return HexFormat.of().formatHex(data, offset, offset + length);
  }

  /**
   * Returns a multi-line dump of the bytes for diagnostics: per 16 bytes, a line with the offset,
   * the bytes in hex and the printable ones as ASCII, as {@code hexdump -C} shows them. Past 512
   * bytes it stops with a line that tells how many more there are. Empty bytes dump as "".
   */
  public String hexDump() {
    return ByteText.hexDump(data, offset, length);
  }

  /** Returns whether {@code other} is {@code Bytes} with the same content. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Bytes that && that.length == length && rangeEquals(0, that);
  }

  /** Returns a hash of the content, computed once. */
  @Override
  public int hashCode() {
    int result = hash;
    if (result == 0) {
      result = 1;
      for (int i = offset, end = offset + length; i < end; i++) {
        result = 31 * result + data[i];
      }
      hash = result;
    }
    return result;
  }

  /**
   * Compares the content byte by byte as unsigned values (so 0x80 sorts after 0x7f); a prefix
   * sorts before the longer value.
   */
  @Override
  public int compareTo(Bytes other) {
    return Arrays.compareUnsigned(
        data, offset, offset + length, other.data, other.offset, other.offset + other.length);
  }

  /**
   * Returns the size and the content as quoted text for diagnostics, such as
   * {@code Bytes[7]"hello\r\n"}: printable ASCII as is, other bytes escaped as {@code \xNN} (or
   * {@code \r \n \t \" \\}), and past 64 bytes the text ends with {@code ...}.
   */
  @Override
  public String toString() {
    return "Bytes[" + length + "]" + ByteText.quoted(data, offset, length, length);
  }

  /** Returns the array that holds the content from {@link #offset()}, for copying out of. */
  byte[] array() {
    return data;
  }

  /** Returns the index in {@link #array()} of the first byte. */
  int offset() {
    return offset;
  }
}

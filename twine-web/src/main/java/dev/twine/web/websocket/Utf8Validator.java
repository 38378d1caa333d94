package dev.twine.web.websocket;

import dev.twine.bytes.Bytes;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Checks that bytes are well-formed UTF-8 (RFC 3629, Unicode's table 3-7) as they arrive, in
 * pieces of any size, and says so at the first byte that cannot belong to a valid string.
 *
 * <pre>{@code
 * Utf8Validator utf8 = new Utf8Validator();
 * if (!utf8.feed(firstFragment)) fail(...);   // fails fast, mid-message
 * if (!utf8.feed(lastFragment) || !utf8.complete()) fail(...);
 * }</pre>
 *
 * <p>Refused: bytes that cannot start a character (0x80 to 0xC1, 0xF5 to 0xFF), overlong
 * encodings, the surrogates U+D800 to U+DFFF, code points above U+10FFFF, and a sequence that a
 * byte other than a continuation byte cuts short. A sequence that is merely unfinished is not an
 * error until the end: {@link #complete()} tells whether the input so far ends on a character
 * boundary. Each byte is judged as soon as it arrives: E0 80 fails on the 80, because no valid
 * sequence starts that way.
 *
 * <p>Threading: not thread-safe; a validator belongs to one message at a time.
 */
public final class Utf8Validator {
  private static final long ASCII_MASK = 0x8080808080808080L;

  /** Continuation bytes still expected in the current sequence. */
  private int needed;
  /** The range allowed for the next continuation byte, which the lead byte may narrow. */
  private int lower = 0x80;
  private int upper = 0xbf;
  private boolean failed;

  /** Creates a validator at the start of a string. */
  public Utf8Validator() {}

  /** Returns whether {@code bytes}, complete, are well-formed UTF-8. */
  public static boolean isValid(Bytes bytes) {
    Utf8Validator validator = new Utf8Validator();
    return validator.feed(bytes) && validator.complete();
  }

  /**
   * Checks the next bytes; returns whether everything fed so far can still be the start of a
   * valid string. Once it has returned false it always does, until {@link #reset}.
   */
  public boolean feed(Bytes bytes) {
    return feed(bytes.asReadOnlyByteBuffer());
  }

  /**
   * Checks {@code length} bytes of {@code array} from {@code offset}, as {@link #feed(Bytes)}.
   *
   * @throws IndexOutOfBoundsException if the range is outside the array
   */
  public boolean feed(byte[] array, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, array.length);
    return feed(ByteBuffer.wrap(array, offset, length));
  }

  /** Returns whether the bytes so far are valid and end on a character boundary. */
  public boolean complete() {
    return !failed && needed == 0;
  }

  /** Returns whether an invalid byte has been seen. */
  public boolean failed() {
    return failed;
  }

  /** Starts over, at the start of a new string. */
  public void reset() {
    needed = 0;
    lower = 0x80;
    upper = 0xbf;
    failed = false;
  }

  private boolean feed(ByteBuffer bytes) {
    if (failed) {
      return false;
    }
    int i = bytes.position();
    int end = bytes.limit();
    while (i < end) {
      if (needed == 0 && end - i >= 8 && (bytes.getLong(i) & ASCII_MASK) == 0) {
        i += 8;
      } else if (step(bytes.get(i) & 0xff)) {
        i++;
      } else {
        failed = true;
        return false;
      }
    }
    return true;
  }

  /** Takes one byte; returns whether it may follow the bytes before it. */
  private boolean step(int b) {
    if (needed > 0) {
      if (b < lower || b > upper) {
        return false;
      }
      lower = 0x80;
      upper = 0xbf;
      needed--;
      return true;
    }
    if (b < 0x80) {
      return true;
    }
    if (b < 0xc2) {
      return false;                  // a continuation byte, or the overlong leads C0 and C1
    }
    if (b < 0xe0) {
      needed = 1;
    } else if (b < 0xf0) {
      needed = 2;
      lower = b == 0xe0 ? 0xa0 : 0x80;   // E0 80..9F would be overlong
      upper = b == 0xed ? 0x9f : 0xbf;   // ED A0..BF would be a surrogate
    } else if (b < 0xf5) {
      needed = 3;
      lower = b == 0xf0 ? 0x90 : 0x80;   // F0 80..8F would be overlong
      upper = b == 0xf4 ? 0x8f : 0xbf;   // F4 90.. would be above U+10FFFF
    } else {
      return false;
    }
    return true;
  }
}

package dev.twine.protocols;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import java.util.List;
import java.util.Objects;

/**
 * A protocol that sends and receives strings each prefixed with its length as an unsigned
 * big-endian number (Twisted's {@code IntNStringReceiver}). Extend {@link Int8StringReceiver},
 * {@link Int16StringReceiver} or {@link Int32StringReceiver}, which choose the width of the
 * prefix.
 *
 * <p>Each whole string that arrives goes to {@link #stringReceived}, in order. A prefix announcing
 * more than the maximum length goes to {@link #lengthLimitExceeded} as soon as the prefix is in,
 * before any of the string is buffered; the stream cannot be framed after that, so nothing more is
 * delivered and later data is dropped.
 *
 * <p>Flow control: {@link #pauseProducing} stops delivering strings, buffered ones included, and
 * pauses the transport; {@link #resumeProducing} delivers what was held back and resumes reading.
 *
 * <p>Threading: the reactor thread of the connection, like every protocol.
 */
public abstract class IntNStringReceiver extends PausableReceiver {
  /** The longest string received unless the constructor says otherwise, as in Twisted. */
  public static final int DEFAULT_MAX_LENGTH = 99_999;

  private final int prefixLength;
  private final int maxLength;
  private final Buffer buffer = new Buffer();

  IntNStringReceiver(int prefixLength, int maxLength) {
    if (maxLength < 0) {
      throw new IllegalArgumentException("the maximum string length must not be negative: " + maxLength);
    }
    this.prefixLength = prefixLength;
    this.maxLength = maxLength;
  }

  /** Returns the width of the length prefix in bytes: 1, 2 or 4. */
  public final int prefixLength() {
    return prefixLength;
  }

  /** Returns the length above which a received string is refused. */
  public final int maxLength() {
    return maxLength;
  }

  /** Returns the longest string the prefix can announce: 2<sup>8 × {@link #prefixLength()}</sup> − 1. */
  public final long maxPrefixValue() {
    return (1L << 8 * prefixLength) - 1;
  }

  /** Called with each string received, without its prefix. */
  protected abstract void stringReceived(Bytes string);

  /**
   * Called once when a prefix announces a string longer than {@link #maxLength()}, with the
   * announced length. The default closes the connection with {@code loseConnection}.
   */
  protected void lengthLimitExceeded(long length) {
    transport().loseConnection();
  }

  /**
   * Sends {@code string} after its length prefix.
   *
   * @throws IllegalArgumentException if the string is longer than the prefix can announce
   */
  public void sendString(Bytes string) {
    Objects.requireNonNull(string, "string");
    if (string.size() > maxPrefixValue()) {
      throw new IllegalArgumentException("a string of " + string.size() + " bytes is too long for a "
          + prefixLength + "-byte length prefix, which allows at most " + maxPrefixValue());
    }
    byte[] prefix = new byte[prefixLength];
    for (int i = 0; i < prefixLength; i++) {
      prefix[i] = (byte) (string.size() >>> 8 * (prefixLength - 1 - i));
    }
    transport().writeSequence(List.of(Bytes.wrap(prefix), string));
  }

  @Override
  final void buffer(Bytes data) {
    buffer.write(data);
  }

  @Override
  final void discardBuffered() {
    buffer.clear();
  }

  @Override
  final void deliverBuffered() {
    while (mayDeliver() && buffer.size() >= prefixLength) {
      long length = switch (prefixLength) {
        case 1 -> buffer.getUnsignedByte(0);
        case 2 -> buffer.getUnsignedShort(0);
        default -> buffer.getUnsignedInt(0);
      };
      if (length > maxLength) {
        halt();
        lengthLimitExceeded(length);
        return;
      }
      if (buffer.size() < prefixLength + length) {
        return;
      }
      buffer.skip(prefixLength);
      stringReceived(buffer.readBytes(length));
    }
  }
}

package dev.twine.protocols;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.protocols.NetstringParseError.Problem;
import java.util.List;
import java.util.Objects;

/**
 * A protocol that sends and receives netstrings (Twisted's {@code NetstringReceiver}): each string
 * is sent as its length in decimal, a colon, the bytes and a comma, so {@code "hello"} travels as
 * {@code 5:hello,} (see <a href="https://cr.yp.to/proto/netstrings.txt">the specification</a>).
 *
 * <pre>{@code
 * final class Echo extends NetstringReceiver {
 *   @Override
 *   protected void stringReceived(Bytes string) {
 *     sendString(string);
 *   }
 * }
 * }</pre>
 *
 * <p>Each whole netstring that arrives goes to {@link #stringReceived}, in order. The parser is
 * strict: a length that is empty, has a leading zero or a byte other than a digit, or is above the
 * maximum, or a payload not followed by a comma, is an error, found as soon as the offending byte
 * arrives (an over-long length before its payload is buffered). The error goes to {@link
 * #invalidNetstringReceived}, which by default closes the connection; the peer is then broken
 * ({@link #brokenPeer()}), and nothing more is delivered.
 *
 * <p>Flow control: {@link #pauseProducing} stops delivering strings, buffered ones included, and
 * pauses the transport; {@link #resumeProducing} delivers what was held back and resumes reading.
 *
 * <p>Threading: the reactor thread of the connection, like every protocol.
 */
public abstract class NetstringReceiver extends PausableReceiver {
  /** The longest string received unless the constructor says otherwise, as in Twisted. */
  public static final int DEFAULT_MAX_LENGTH = 99_999;

  private static final Bytes COMMA = Bytes.ascii(",");

  private final int maxLength;
  private final Buffer buffer = new Buffer();
  /** Whether the length is complete and the payload and comma are awaited. */
  private boolean inPayload;
  private long length;
  private int digits;
  private boolean brokenPeer;

  /** Creates a receiver that refuses netstrings longer than {@link #DEFAULT_MAX_LENGTH}. */
  protected NetstringReceiver() {
    this(DEFAULT_MAX_LENGTH);
  }

  /**
   * Creates a receiver that refuses netstrings longer than {@code maxLength}.
   *
   * @throws IllegalArgumentException if {@code maxLength} is negative
   */
  protected NetstringReceiver(int maxLength) {
    if (maxLength < 0) {
      throw new IllegalArgumentException("the maximum netstring length must not be negative: " + maxLength);
    }
    this.maxLength = maxLength;
  }

  /** Returns the length above which a received netstring is refused. */
  public final int maxLength() {
    return maxLength;
  }

  /** Returns whether the peer sent something that is not a netstring. */
  public final boolean brokenPeer() {
    return brokenPeer;
  }

  /** Called with the payload of each netstring received. */
  protected abstract void stringReceived(Bytes string);

  /**
   * Called once when the peer sent something that is not a netstring; nothing more is delivered
   * afterwards. The default closes the connection with {@code loseConnection}.
   */
  protected void invalidNetstringReceived(NetstringParseError error) {
    transport().loseConnection();
  }

  /** Sends {@code string} as a netstring. */
  public void sendString(Bytes string) {
    Objects.requireNonNull(string, "string");
    transport().writeSequence(List.of(Bytes.ascii(string.size() + ":"), string, COMMA));
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
    try {
      while (mayDeliver()) {
        if (inPayload) {
          if (buffer.size() <= length) {
            return;
          }
          Bytes payload = buffer.readBytes(length);
          checkComma(buffer.readByte());
          inPayload = false;
          length = 0;
          digits = 0;
          stringReceived(payload);
        } else if (buffer.isEmpty()) {
          return;
        } else {
          lengthByte(buffer.readByte());
        }
      }
    } catch (NetstringParseError error) {
      brokenPeer = true;
      halt();
      invalidNetstringReceived(error);
    }
  }

  /** Takes one byte of the length, or the colon after it. */
  private void lengthByte(byte b) {
    if (b == ':') {
      if (digits == 0) {
        throw new NetstringParseError(Problem.MALFORMED_LENGTH, "the netstring length is missing before ':'");
      }
      inPayload = true;
    } else if (b < '0' || b > '9') {
      throw new NetstringParseError(Problem.MALFORMED_LENGTH,
          String.format("expected a digit or ':' in the netstring length, got 0x%02x", b & 0xff));
    } else if (digits == 1 && length == 0) {
      throw new NetstringParseError(Problem.LEADING_ZERO, "the netstring length has a leading zero");
    } else {
      length = length * 10 + (b - '0');
      digits++;
      if (length > maxLength) {
        throw new NetstringParseError(Problem.TOO_LONG, "the netstring length is at least " + length
            + ", over the maximum of " + maxLength);
      }
    }
  }

  private void checkComma(byte b) {
    if (b != ',') {
      throw new NetstringParseError(Problem.MISSING_COMMA, String.format(
          "expected ',' after the %d-byte netstring payload, got 0x%02x", length, b & 0xff));
    }
  }
}

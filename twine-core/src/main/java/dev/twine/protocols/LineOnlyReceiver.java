package dev.twine.protocols;

import dev.twine.bytes.Bytes;
import dev.twine.internet.Protocol;

/**
 * A protocol that receives only lines (Twisted's {@code LineOnlyReceiver}): a leaner {@link
 * LineReceiver} for protocols that never switch to raw data and need no pausing.
 *
 * <pre>{@code
 * final class Shout extends LineOnlyReceiver {
 *   @Override
 *   protected void lineReceived(Bytes line) {
 *     sendLine(line.utf8().toUpperCase(Locale.ROOT));
 *   }
 * }
 * }</pre>
 *
 * <p>Each line that arrives goes to {@link #lineReceived} without its delimiter, in order, as soon
 * as its delimiter has arrived. A line longer than the maximum goes to {@link #lineLengthExceeded},
 * which by default closes the connection. Delimiter and maximum default to {@link
 * LineReceiver#DEFAULT_DELIMITER} and {@link LineReceiver#DEFAULT_MAX_LENGTH}.
 *
 * <p>Threading: the reactor thread of the connection, like every protocol.
 */
public abstract class LineOnlyReceiver extends Protocol {
  private final LineBuffer lines;
  private boolean halted;

  /** Creates a receiver of lines ending with CR LF and at most 16384 bytes long. */
  protected LineOnlyReceiver() {
    this(LineReceiver.DEFAULT_DELIMITER, LineReceiver.DEFAULT_MAX_LENGTH);
  }

  /**
   * Creates a receiver of lines ending with {@code delimiter} and at most {@code maxLength} bytes
   * long, not counting the delimiter.
   *
   * @throws IllegalArgumentException if the delimiter is empty or {@code maxLength} is negative
   */
  protected LineOnlyReceiver(Bytes delimiter, int maxLength) {
    lines = new LineBuffer(delimiter, maxLength);
  }

  /** Returns the delimiter that ends each line, received and sent. */
  public final Bytes delimiter() {
    return lines.delimiter();
  }

  /** Returns the length, delimiter excluded, above which a received line is refused. */
  public final int maxLength() {
    return lines.maxLength();
  }

  /**
   * Splits what arrives into lines and hands each whole one to {@link #lineReceived}. Once the
   * transport is closing, nothing more is delivered, and what is buffered or arrives is dropped.
   */
  @Override
  public void dataReceived(Bytes data) {
    if (halted) {
      return;
    }
    lines.write(data);
    while (!transport().disconnecting()) {
      if (lines.tooLong()) {
        lineLengthExceeded(lines.takeAll());
        return;
      }
      if (!lines.hasLine()) {
        return;
      }
      lineReceived(lines.takeLine());
    }
    lines.clear();
  }

  /** Called with each line received, without its delimiter. */
  protected abstract void lineReceived(Bytes line);

  /**
   * Called when a line is longer than {@link #maxLength()}, with everything that was buffered,
   * starting with the line or its start. The default closes the connection with {@code
   * loseConnection} and ignores whatever arrives afterwards; after an override that does not call
   * it, the receiver goes on with the data that arrives next.
   */
  protected void lineLengthExceeded(Bytes data) {
    halted = true;
    lines.clear();
    transport().loseConnection();
  }

  /**
   * Sends {@code line} followed by the delimiter.
   *
   * @throws IllegalArgumentException if {@code line} contains the delimiter, which would make the
   *     peer see two lines
   */
  public void sendLine(Bytes line) {
    transport().writeSequence(lines.framed(line));
  }

  /**
   * Sends {@code line} encoded as UTF-8, followed by the delimiter.
   *
   * @throws IllegalArgumentException if {@code line} contains the delimiter
   */
  public void sendLine(String line) {
    sendLine(Bytes.utf8(line));
  }
}

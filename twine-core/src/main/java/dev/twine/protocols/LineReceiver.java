package dev.twine.protocols;

import dev.twine.bytes.Bytes;

/**
 * A protocol that receives lines, and raw data when it switches to raw mode (Twisted's
 * {@code LineReceiver}): the base of text protocols such as SMTP, IRC, or HTTP's head.
 *
 * <pre>{@code
 * final class Greeter extends LineReceiver {
 *   @Override
 *   protected void lineReceived(Bytes line) {
 *     sendLine("hello, " + line.utf8());
 *   }
 * }
 * }</pre>
 *
 * <p>In line mode, each line that arrives, without its delimiter ({@link #DEFAULT_DELIMITER}
 * unless the constructor says otherwise), goes to {@link #lineReceived}. {@link #setRawMode}
 * switches to raw mode, even in the middle of a read: everything after the current line then
 * goes to {@link #rawDataReceived} as it arrives, until {@link #setLineMode(Bytes)} switches
 * back and hands over the bytes the raw handler did not use, to be split into lines again.
 *
 * <p>A line longer than the maximum length goes to {@link #lineLengthExceeded}, which by default
 * closes the connection. The limit is checked before the delimiter arrives, so a peer cannot make
 * the receiver buffer more than about the maximum.
 *
 * <p>Flow control: the receiver is a {@link dev.twine.internet.PushProducer} of lines.
 * {@link #pauseProducing}, typically called from {@link #lineReceived} while a slow operation runs,
 * stops delivering lines, even ones already buffered, and pauses the transport;
 * {@link #resumeProducing} delivers the buffered lines and resumes reading. Raw data is held back
 * the same way.
 *
 * <p>Once the protocol calls {@code transport().loseConnection()}, no more lines or raw data are
 * delivered, even ones that arrived in the same read, and what arrives while the connection
 * drains its writes is dropped (as in Twisted, where a closing transport stops reading).
 *
 * <p>Threading: the reactor thread of the connection, like every protocol.
 */
public abstract class LineReceiver extends PausableReceiver {
  /** The delimiter lines end with unless the constructor says otherwise: CR LF. */
  public static final Bytes DEFAULT_DELIMITER = Bytes.ascii("\r\n");

  /** The length, delimiter excluded, above which a line is refused, unless the constructor says otherwise. */
  public static final int DEFAULT_MAX_LENGTH = 16384;

  private final LineBuffer lines;
  private boolean rawMode;

  /** Creates a receiver of lines ending with CR LF and at most 16384 bytes long. */
  protected LineReceiver() {
    this(DEFAULT_DELIMITER, DEFAULT_MAX_LENGTH);
  }

  /**
   * Creates a receiver of lines ending with {@code delimiter} and at most {@code maxLength} bytes
   * long, not counting the delimiter.
   *
   * @throws IllegalArgumentException if the delimiter is empty or {@code maxLength} is negative
   */
  protected LineReceiver(Bytes delimiter, int maxLength) {
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

  /** Called with each line received in line mode, without its delimiter. */
  protected abstract void lineReceived(Bytes line);

  /**
   * Called in raw mode with each piece of data as it arrives. The default throws an {@link
   * IllegalStateException}: a receiver that switches to raw mode overrides it.
   */
  protected void rawDataReceived(Bytes data) {
    throw new IllegalStateException(
        getClass().getName() + " switched to raw mode but does not override rawDataReceived");
  }

  /**
   * Called when a line is longer than {@link #maxLength()}, with everything that was buffered:
   * the line or its start, and whatever followed it. The default closes the connection with
   * {@code loseConnection} and ignores whatever arrives afterwards; an override that does not call
   * it may go on receiving lines, for instance by handing back, with {@link #setLineMode(Bytes)},
   * what follows the next delimiter.
   */
  protected void lineLengthExceeded(Bytes data) {
    halt();
    transport().loseConnection();
  }

  /**
   * Sends {@code line} followed by the delimiter.
   *
   * @throws IllegalArgumentException if {@code line} contains the delimiter, which would make the
   *     peer see two lines (a classic injection)
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

  /**
   * Switches to raw mode: from now on, what arrives, including the rest of the current read, goes
   * to {@link #rawDataReceived}.
   */
  public void setRawMode() {
    rawMode = true;
  }

  /** Switches to line mode: what arrives from now on is split into lines. */
  public void setLineMode() {
    setLineMode(Bytes.EMPTY);
  }

  /**
   * Switches to line mode and hands back {@code extra}, data that a raw handler received but does
   * not own: it is split into lines before anything still buffered or arriving later. When called
   * from a callback, the lines are delivered after it returns; otherwise at once.
   */
  public void setLineMode(Bytes extra) {
    rawMode = false;
    lines.prepend(extra);
    deliver();
  }

  /** Returns whether the receiver is in raw mode. */
  public boolean rawMode() {
    return rawMode;
  }

  /**
   * Removes and returns everything buffered and not yet delivered, such as the lines after the
   * current one when called from {@link #lineReceived}.
   */
  public Bytes clearLineBuffer() {
    return lines.takeAll();
  }

  @Override
  final void buffer(Bytes data) {
    lines.write(data);
  }

  @Override
  final void discardBuffered() {
    lines.clear();
  }

  @Override
  final void deliverBuffered() {
    while (mayDeliver() && !lines.isEmpty()) {
      if (rawMode) {
        rawDataReceived(lines.takeAll());
      } else if (lines.tooLong()) {
        lineLengthExceeded(lines.takeAll());
      } else if (lines.hasLine()) {
        lineReceived(lines.takeLine());
      } else {
        return;
      }
    }
  }
}

package dev.twine.protocols;

/**
 * A protocol that sends and receives strings prefixed with their length in one byte (Twisted's
 * {@code Int8StringReceiver}): strings of up to 255 bytes on the wire, and of up to the maximum
 * length given to the constructor on receipt. See {@link IntNStringReceiver}.
 *
 * <pre>{@code
 * final class Echo extends Int8StringReceiver {
 *   @Override
 *   protected void stringReceived(Bytes string) {
 *     sendString(string);
 *   }
 * }
 * }</pre>
 */
public abstract class Int8StringReceiver extends IntNStringReceiver {
  /** Creates a receiver that refuses strings longer than {@link #DEFAULT_MAX_LENGTH}. */
  protected Int8StringReceiver() {
    this(DEFAULT_MAX_LENGTH);
  }

  /**
   * Creates a receiver that refuses strings longer than {@code maxLength}.
   *
   * @throws IllegalArgumentException if {@code maxLength} is negative
   */
  protected Int8StringReceiver(int maxLength) {
    super(1, maxLength);
  }
}

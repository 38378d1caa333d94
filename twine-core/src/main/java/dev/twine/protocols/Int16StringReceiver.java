package dev.twine.protocols;

/**
 * A protocol that sends and receives strings prefixed with their length in two bytes, big-endian
 * (Twisted's {@code Int16StringReceiver}): strings of up to 65535 bytes on the wire, and of up
 * to the maximum length given to the constructor on receipt. See {@link IntNStringReceiver}.
 *
 * <pre>{@code
 * final class Echo extends Int16StringReceiver {
 *   @Override
 *   protected void stringReceived(Bytes string) {
 *     sendString(string);
 *   }
 * }
 * }</pre>
 */
public abstract class Int16StringReceiver extends IntNStringReceiver {
  /** Creates a receiver that refuses strings longer than {@link #DEFAULT_MAX_LENGTH}. */
  protected Int16StringReceiver() {
    this(DEFAULT_MAX_LENGTH);
  }

  /**
   * Creates a receiver that refuses strings longer than {@code maxLength}.
   *
   * @throws IllegalArgumentException if {@code maxLength} is negative
   */
  protected Int16StringReceiver(int maxLength) {
    super(2, maxLength);
  }
}

package dev.twine.protocols;

/**
 * A protocol that sends and receives strings prefixed with their length in four bytes, big-endian
 * (Twisted's {@code Int32StringReceiver}): strings of up to 4294967295 bytes on the wire, and of up
 * to the maximum length given to the constructor on receipt. See {@link IntNStringReceiver}.
 *
 * <pre>{@code
 * final class Echo extends Int32StringReceiver {
 *   @Override
 *   protected void stringReceived(Bytes string) {
 *     sendString(string);
 *   }
 * }
 * }</pre>
 */
public abstract class Int32StringReceiver extends IntNStringReceiver {
  /** Creates a receiver that refuses strings longer than {@link #DEFAULT_MAX_LENGTH}. */
  protected Int32StringReceiver() {
    this(DEFAULT_MAX_LENGTH);
  }

  /**
   * Creates a receiver that refuses strings longer than {@code maxLength}.
   *
   * @throws IllegalArgumentException if {@code maxLength} is negative
   */
  protected Int32StringReceiver(int maxLength) {
    super(4, maxLength);
  }
}

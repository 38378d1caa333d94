package dev.twine.internet;

import java.time.Duration;

/** The connection was not established within its timeout. */
public final class ConnectTimedOut extends ConnectError {
  private static final long serialVersionUID = 1L;

  private static String seconds(Duration timeout) {
    return java.math.BigDecimal.valueOf(timeout.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
  }

  /** Creates one for {@code destination} and the timeout that ran out. */
  public ConnectTimedOut(String destination, Duration timeout) {
    super("connecting to " + destination + " timed out after " + seconds(timeout), null);
  }
}

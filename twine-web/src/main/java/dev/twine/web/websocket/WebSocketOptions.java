package dev.twine.web.websocket;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link WebSocketConnection} behaves: the limits it holds its peer to, how it fragments
 * what it sends, how long the closing handshake may take, whether it pings its peer to find out
 * that it is gone, and permessage-deflate.
 *
 * <pre>{@code
 * WebSocketOptions options = WebSocketOptions.DEFAULT
 *     .withAutoPing(Duration.ofSeconds(30), Duration.ofSeconds(10))
 *     .withDeflate(PerMessageDeflate.DEFAULT);
 * }</pre>
 *
 * @param limits the largest frame and message accepted from the peer
 * @param fragmentSize the largest payload of a frame this end sends: a longer message is cut
 *     into fragments, between which control frames such as pings can go
 * @param closeTimeout how long to wait for the peer's close frame after sending ours, and for
 *     the connection to end after the closing handshake, before dropping it
 * @param autoPingInterval how long after the last answered ping to ping the peer again;
 *     {@link Duration#ZERO} never pings
 * @param autoPingTimeout how long the peer has to answer a ping before the connection is dropped
 * @param deflate how permessage-deflate is offered or accepted, and used
 */
public record WebSocketOptions(WebSocketLimits limits, int fragmentSize, Duration closeTimeout,
    Duration autoPingInterval, Duration autoPingTimeout, PerMessageDeflate deflate) {

  /**
   * {@link WebSocketLimits#DEFAULT}, 64 KiB fragments, 5 seconds to close, no automatic pings,
   * permessage-deflate {@linkplain PerMessageDeflate#DISABLED disabled}.
   */
  public static final WebSocketOptions DEFAULT = new WebSocketOptions(WebSocketLimits.DEFAULT,
      64 * 1024, Duration.ofSeconds(5), Duration.ZERO, Duration.ZERO, PerMessageDeflate.DISABLED);

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException if the fragment size is not positive, a duration is
   *     negative, the close timeout is zero, or automatic pings have no positive timeout
   */
  public WebSocketOptions {
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(closeTimeout, "closeTimeout");
    Objects.requireNonNull(autoPingInterval, "autoPingInterval");
    Objects.requireNonNull(autoPingTimeout, "autoPingTimeout");
    Objects.requireNonNull(deflate, "deflate");
    if (fragmentSize < 1) {
      throw new IllegalArgumentException("fragmentSize must be positive: " + fragmentSize);
    }
    if (closeTimeout.isNegative() || closeTimeout.isZero()) {
      throw new IllegalArgumentException("closeTimeout must be positive: " + closeTimeout);
    }
    if (autoPingInterval.isNegative() || autoPingTimeout.isNegative()) {
      throw new IllegalArgumentException("automatic ping durations cannot be negative: interval "
          + autoPingInterval + ", timeout " + autoPingTimeout);
    }
    if (!autoPingInterval.isZero() && autoPingTimeout.isZero()) {
      throw new IllegalArgumentException(
          "automatic pings every " + autoPingInterval + " need a positive timeout");
    }
  }

  /** Returns these options with other limits. */
  public WebSocketOptions withLimits(WebSocketLimits limits) {
    return new WebSocketOptions(limits, fragmentSize, closeTimeout, autoPingInterval,
        autoPingTimeout, deflate);
  }

  /** Returns these options with another largest outgoing frame payload. */
  public WebSocketOptions withFragmentSize(int size) {
    return new WebSocketOptions(limits, size, closeTimeout, autoPingInterval, autoPingTimeout,
        deflate);
  }

  /** Returns these options with another closing handshake timeout. */
  public WebSocketOptions withCloseTimeout(Duration timeout) {
    return new WebSocketOptions(limits, fragmentSize, timeout, autoPingInterval,
        autoPingTimeout, deflate);
  }

  /** Returns these options pinging the peer every {@code interval}, dropping it after {@code timeout}. */
  public WebSocketOptions withAutoPing(Duration interval, Duration timeout) {
    return new WebSocketOptions(limits, fragmentSize, closeTimeout, interval, timeout, deflate);
  }

  /** Returns these options with other permessage-deflate settings. */
  public WebSocketOptions withDeflate(PerMessageDeflate deflate) {
    return new WebSocketOptions(limits, fragmentSize, closeTimeout, autoPingInterval,
        autoPingTimeout, deflate);
  }
}

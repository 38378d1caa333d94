package dev.twine.web.client;

import java.time.Duration;
import java.util.Objects;

/**
 * A timeout of {@link AgentOptions} ran out before the exchange was over; its connection was
 * aborted. A connect timeout fails with the core's {@code ConnectTimedOut} instead.
 */
public final class RequestTimedOut extends HttpClientException {
  private static final long serialVersionUID = 1L;

  /** Which timeout ran out. */
  public enum Phase {
    /** The head of the response did not arrive in time after the request was sent. */
    RESPONSE,
    /** The whole exchange, body included, did not end in time. */
    EXCHANGE
  }

  private final Phase phase;
  private final Duration timeout;

  /** Creates one for the {@code phase} timeout of {@code timeout}. */
  public RequestTimedOut(Phase phase, Duration timeout) {
    super(describe(Objects.requireNonNull(phase, "phase"), timeout), null);
    this.phase = phase;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  private static String describe(Phase phase, Duration timeout) {
    return switch (phase) {
      case RESPONSE -> "no response arrived within " + timeout + " of sending the request";
      case EXCHANGE -> "the exchange did not end within " + timeout;
    };
  }

  /** Returns which timeout ran out. */
  public Phase phase() {
    return phase;
  }

  /** Returns the timeout that ran out. */
  public Duration timeout() {
    return timeout;
  }
}

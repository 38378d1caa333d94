package dev.twine.protocols;

import java.util.Objects;

/**
 * The peer sent something that is not a netstring (Twisted's {@code NetstringParseError}).
 * {@link NetstringReceiver} hands it to {@link NetstringReceiver#invalidNetstringReceived}; its
 * {@link #problem()} says what was wrong and its message where.
 */
public final class NetstringParseError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What was wrong with the netstring. */
  public enum Problem {
    /** The length is missing, or holds a byte that is not a decimal digit, before the colon. */
    MALFORMED_LENGTH,
    /** The length has a leading zero, such as {@code 07:}, which netstrings forbid. */
    LEADING_ZERO,
    /** The length is above the receiver's maximum. */
    TOO_LONG,
    /** The byte after the announced number of payload bytes is not a comma. */
    MISSING_COMMA
  }

  private final Problem problem;

  NetstringParseError(Problem problem, String message) {
    super(message, null, false, false);
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** Returns what was wrong with the netstring. */
  public Problem problem() {
    return problem;
  }
}

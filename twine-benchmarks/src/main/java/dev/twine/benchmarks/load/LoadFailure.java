package dev.twine.benchmarks.load;

/**
 * Thrown when the server under load misbehaves: wrong bytes, a dropped connection, a stall. Its
 * message is one line that names what went wrong; a load generator's main prints it and exits
 * with code 1 (see {@link dev.twine.benchmarks.Args#status}).
 */
public final class LoadFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the failure with {@code message}, one line naming what the server did. */
  public LoadFailure(String message) {
    super(message, null, false, false);
  }
}

package dev.twine.web.client;

/**
 * The reason a body protocol's {@code connectionLost} gets when a body that runs until the server
 * closes the connection (no {@code Content-Length}, not chunked) ended with a clean close
 * (Twisted's {@code PotentialDataLoss}). That is how such a body ends, but nothing shows that the
 * server sent all it meant to; {@link Response#readBody} takes it as the end. A body cut by an
 * unclean close fails with {@link ResponseFailed} instead.
 */
public final class PotentialDataLoss extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates one. */
  public PotentialDataLoss() {
    super("the response body ended when the server closed the connection; it had no length",
        null, false, false);
  }
}

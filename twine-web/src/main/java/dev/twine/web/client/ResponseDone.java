package dev.twine.web.client;

/**
 * The reason a body protocol's {@code connectionLost} gets when the whole body arrived (Twisted's
 * {@code ResponseDone}): its length or chunked coding said where it ends, and it ended there.
 */
public final class ResponseDone extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates one. */
  public ResponseDone() {
    super("the response body was received whole", null, false, false);
  }
}

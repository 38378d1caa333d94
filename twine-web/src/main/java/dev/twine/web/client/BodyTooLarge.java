package dev.twine.web.client;

/**
 * A response body was larger than the reader allowed: {@link Response#readBody} was given a
 * smaller bound, or a decoded body passed the limit of its {@link ContentDecoderAgent}. The
 * connection it came on was aborted, and is not reused.
 */
public final class BodyTooLarge extends HttpClientException {
  private static final long serialVersionUID = 1L;

  private final long limit;

  /** Creates one for a body of {@code what} (such as "response", "decoded") over {@code limit}. */
  public BodyTooLarge(String what, long limit) {
    super(what + " body larger than " + limit + " bytes", null);
    this.limit = limit;
  }

  /** Returns the limit the body passed. */
  public long limit() {
    return limit;
  }
}

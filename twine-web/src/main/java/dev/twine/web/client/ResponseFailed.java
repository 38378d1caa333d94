package dev.twine.web.client;

/**
 * A response started to arrive but could not be received whole (Twisted's {@code
 * ResponseFailed}): it broke HTTP/1.1 or a limit (caused by {@code HttpParseException}), the
 * connection was lost in its middle ({@code ConnectionLost}), it was aborted ({@code
 * ConnectionAborted}, {@code CancelledException}, {@link RequestTimedOut}), or its decoding
 * failed. A body protocol receives it in {@code connectionLost}.
 */
public final class ResponseFailed extends HttpClientException {
  private static final long serialVersionUID = 1L;

  /** Creates one caused by {@code cause}. */
  public ResponseFailed(Throwable cause) {
    super("the response could not be received: " + cause, cause);
  }
}

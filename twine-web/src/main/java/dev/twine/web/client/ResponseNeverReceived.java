package dev.twine.web.client;

/**
 * The request was sent but the connection ended before any byte of a response arrived (Twisted's
 * {@code ResponseNeverReceived}). On a reused connection this usually means that the server had
 * closed it while it was idle; the pool then retries idempotent requests once on a new one.
 */
public final class ResponseNeverReceived extends HttpClientException {
  private static final long serialVersionUID = 1L;

  /** Creates one caused by {@code cause}, how the connection ended. */
  public ResponseNeverReceived(Throwable cause) {
    super("the connection ended before a response arrived: " + cause, cause);
  }
}

package dev.twine.web.client;

/**
 * The request could not be sent whole: its body producer failed or wrote a length other than it
 * announced, or the connection was lost while it was being written (Twisted's {@code
 * RequestTransmissionFailed}). The cause says which.
 */
public final class RequestTransmissionFailed extends HttpClientException {
  private static final long serialVersionUID = 1L;

  /** Creates one caused by {@code cause}. */
  public RequestTransmissionFailed(Throwable cause) {
    super("the request could not be sent: " + cause, cause);
  }
}

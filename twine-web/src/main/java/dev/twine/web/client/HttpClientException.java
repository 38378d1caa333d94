package dev.twine.web.client;

import org.jspecify.annotations.Nullable;

/**
 * Why a request made with an {@link Agent} failed, other than a failure to connect (which is the
 * core's {@code ConnectError}: refused, timed out, unknown host). The subclasses say at which
 * point of the exchange it failed; the cause, if any, says why.
 */
public abstract sealed class HttpClientException extends RuntimeException
    permits RequestTransmissionFailed, ResponseNeverReceived, ResponseFailed, RequestTimedOut,
        BodyTooLarge, RedirectRefused, TunnelRefused {
  private static final long serialVersionUID = 1L;

  HttpClientException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}

package dev.twine.web.client;

import java.util.Objects;

/**
 * A proxy answered the {@code CONNECT} that was to open a tunnel to an {@code https} origin with
 * a status other than 2xx, such as {@code 407 Proxy Authentication Required} or {@code 403
 * Forbidden}: the request was never sent. A {@link ProxyAgent} fails with it.
 */
public final class TunnelRefused extends HttpClientException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String reason;

  /**
   * Creates one for the proxy's answer, {@code status} {@code reason}, to a tunnel to {@code
   * target}.
   */
  public TunnelRefused(String target, int status, String reason) {
    super("the proxy refused a tunnel to " + Objects.requireNonNull(target, "target") + ": "
        + status + (Objects.requireNonNull(reason, "reason").isEmpty() ? "" : " " + reason), null);
    this.status = status;
    this.reason = reason;
  }

  /** Returns the status the proxy answered with, such as 407. */
  public int status() {
    return status;
  }

  /** Returns the reason phrase the proxy sent, which may be empty. */
  public String reason() {
    return reason;
  }
}

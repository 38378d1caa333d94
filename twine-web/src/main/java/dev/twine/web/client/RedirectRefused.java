package dev.twine.web.client;

import org.jspecify.annotations.Nullable;

/**
 * A {@link RedirectAgent} did not follow a redirect: too many in a row, one from {@code https} to
 * {@code http} while downgrades are not allowed, a {@code Location} missing or invalid, or a body
 * that cannot be sent again for a 307 or 308. The message says which; {@link #response} is the
 * redirect that was not followed, its body discarded.
 */
public final class RedirectRefused extends HttpClientException {
  private static final long serialVersionUID = 1L;

  private final transient @Nullable Response response;

  /** Creates one for {@code response}, the redirect not followed, because of {@code why}. */
  public RedirectRefused(String why, Response response) {
    super(why, null);
    this.response = response;
  }

  /**
   * Returns the redirect that was not followed.
   *
   * @throws IllegalStateException if this exception was deserialized, which loses the response
   */
  public Response response() {
    Response kept = response;
    if (kept == null) {
      throw new IllegalStateException("the response is not kept across serialization");
    }
    return kept;
  }
}

package dev.twine.web;

/**
 * A failure that stands for an HTTP error answer, such as {@code 400 Bad Request} for a form
 * that cannot be read (Twisted's {@code twisted.web.error.Error}): a renderer that throws it, or
 * whose {@link Rendered#later} Deferred fails with it, gets an {@link ErrorPage} with its status
 * and detail instead of a {@code 500} page, and the site logs it at debug level only.
 *
 * <pre>{@code
 * .on(HttpMethod.POST, request -> Rendered.later(request.form().map(form -> {
 *   String title = form.field("title")
 *       .orElseThrow(() -> new HttpError(400, "The form needs a title."));
 *   return Bytes.utf8(store.add(title));
 * })))
 * }</pre>
 *
 * <p>The detail is shown to the client, HTML-escaped: it must say what was wrong with the
 * request without revealing anything of the server. Unlike a parse error of the HTTP framing,
 * it leaves the connection usable. If the response has already started, the connection is
 * aborted instead, as with any failure then.
 *
 * <p>The exception records no stack trace: it describes the client's input, not the program.
 */
public final class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * Creates the failure that answers with {@code status} and says {@code detail}.
   *
   * @throws IllegalArgumentException if {@code status} is not from 400 to 599
   */
  public HttpError(int status, String detail) {
    super(detail, null, false, false);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("an HTTP error status must be from 400 to 599: " + status);
    }
    this.status = status;
  }

  /** Returns the status to answer with, such as 400. */
  public int status() {
    return status;
  }

  /** Returns the detail the error page shows, such as {@code "The form needs a title."}. */
  public String detail() {
    return String.valueOf(getMessage());
  }

  /** Returns the status and the detail, such as {@code "HttpError: 400 The form needs a title."}. */
  @Override
  public String toString() {
    return "HttpError: " + status + " " + getMessage();
  }
}

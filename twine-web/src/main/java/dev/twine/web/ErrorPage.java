package dev.twine.web;

import dev.twine.bytes.Bytes;
import dev.twine.web.http.ResponseHead;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A leaf resource that answers every request with an error status and a small HTML page saying
 * why (Twisted's {@code ErrorPage} and {@code NoResource}). The server's own error answers, from
 * {@code 400 Bad Request} to {@code 500 Internal Server Error}, use the same page.
 *
 * <pre>{@code
 * root.putChild("old", new ErrorPage(410, "This page has been removed."));
 * // or, inside a renderer:
 * return ErrorPage.respond(request, 403, "Members only.");
 * }</pre>
 *
 * <p>The page names the status and shows the detail, HTML-escaped; it never shows a stack trace,
 * except on a 500 page of a site in {@linkplain SiteOptions#debug() debug} mode.
 */
public final class ErrorPage extends Resource {
  private final int status;
  private final String detail;

  /**
   * Creates a page that answers with {@code status} and says {@code detail}.
   *
   * @throws IllegalArgumentException if {@code status} is not from 400 to 599
   */
  public ErrorPage(int status, String detail) {
    checkStatus(status);
    this.status = status;
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  /** Returns a page that answers {@code 404 Not Found}: what {@link #getChild} returns. */
  public static ErrorPage notFound() {
    return new ErrorPage(404, "No such resource.");
  }

  /**
   * Sets the status of {@code request} to {@code status}, its {@code Content-Type} to HTML, and
   * returns the page that says {@code detail}: what a renderer returns to answer with an error.
   *
   * @throws IllegalArgumentException if {@code status} is not from 400 to 599
   * @throws IllegalStateException if the response has already started
   */
  public static Rendered respond(Request request, int status, String detail) {
    checkStatus(status);
    request.setResponseCode(status);
    request.setHeader("Content-Type", "text/html; charset=utf-8");
    return Rendered.body(html(status, detail, null));
  }

  /** Returns the status this page answers with. */
  public int status() {
    return status;
  }

  /** Returns true: the page answers for every path below it too. */
  @Override
  public boolean isLeaf() {
    return true;
  }

  /** Answers any method with the page, {@code OPTIONS} included. */
  @Override
  public Rendered render(Request request) {
    return respond(request, status, detail);
  }

  /** Returns the HTML of an error page, with {@code trace} in it if not null. */
  static Bytes html(int status, String detail, @Nullable String trace) {
    String title = status + " " + ResponseHead.reasonPhrase(status);
    StringBuilder page = new StringBuilder(256)
        .append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        .append(escape(title)).append("</title></head>\n<body><h1>").append(escape(title))
        .append("</h1>\n<p>").append(escape(detail)).append("</p>\n");
    if (trace != null) {
      page.append("<pre>").append(escape(trace)).append("</pre>\n");
    }
    return Bytes.utf8(page.append("</body></html>\n").toString());
  }

  /**
   * Returns {@code text} with the five characters that mean something in HTML ({@code < > & "
   * '}) escaped: for pages a resource builds from text it does not control, such as file names.
   */
  public static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  private static void checkStatus(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("an error page needs a status from 400 to 599: " + status);
    }
  }
}

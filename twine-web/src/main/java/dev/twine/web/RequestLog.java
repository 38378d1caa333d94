package dev.twine.web;

import dev.twine.internet.Address;
import dev.twine.web.http.RequestHead;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Hears of every request a {@link Site} is done with, once, with its status and the body bytes
 * sent (Twisted's {@code Site.log}): what an access log, or a metrics collector, is plugged in
 * as with {@link Site#withLog}. {@link AccessLog} writes the entries in the Combined Log Format.
 *
 * <pre>{@code
 * Site site = new Site(root, reactor).withLog(entry -> {
 *   if (entry.status() >= 500) {
 *     alerts.add(entry.requestLine());
 *   }
 * });
 * }</pre>
 *
 * <p>A request is done when its whole response has been handed to the connection, or when the
 * connection ends before that (the client went away, or the server aborted a response it could
 * not complete); {@link Entry#complete()} tells which. Input that could not be read as a request
 * is logged too, with the error status the server answered it with and no {@link
 * Entry#request()}.
 *
 * <p>Threading: called on the reactor thread of the request's connection, which it must not
 * block: hand slow work, such as writing to a file, to another thread. An exception it throws is
 * logged and does not reach the connection.
 */
@FunctionalInterface
public interface RequestLog {

  /** Records {@code entry}, the summary of one request the site is done with. */
  void log(Entry entry);

  /**
   * What a site knows of one request when it is done with it.
   *
   * @param client the address of the client (the peer of the connection)
   * @param request the request line and header fields, or empty for input that could not be
   *     read as a request
   * @param status the status of the response: the one sent, or for a response that never
   *     started, the one it had when the connection ended
   * @param bodyBytes the bytes of the response body handed to the connection, the framing of a
   *     chunked body not counted; zero for a response to {@code HEAD}
   * @param received when the request's header section had arrived, by the site's calendar clock
   * @param duration how long the site took from then until it was done with the request, by the
   *     reactor's time
   * @param complete whether the whole response was handed to the connection
   */
  record Entry(Address client, Optional<RequestHead> request, int status, long bodyBytes,
      Instant received, Duration duration, boolean complete) {

    /** Checks the entry. */
    public Entry {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(received, "received");
      Objects.requireNonNull(duration, "duration");
    }

    /**
     * Returns the request line as the client sent it, such as {@code GET /a?b=1 HTTP/1.1}, or
     * {@code -} for input that could not be read as a request.
     */
    public String requestLine() {
      return request.map(head -> head.method() + " " + head.target() + " " + head.version())
          .orElse("-");
    }

    /** Returns the first value of the request header {@code name}, if the request had it. */
    public Optional<String> header(String name) {
      return request.flatMap(head -> head.headers().first(name));
    }
  }
}

package dev.twine.web.client;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.Consumer;
import dev.twine.internet.Protocol;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.http.HttpVersion;
import dev.twine.web.http.ResponseHead;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The final response to a request made with an {@link Agent} (Twisted's {@code
 * twisted.web.client.Response}): its status line and headers, which have arrived, and its body,
 * which arrives after and is read once, in one of three ways.
 *
 * <pre>{@code
 * agent.request(HttpMethod.GET, url)
 *     .flatMap(response -> response.readBody(10 << 20))   // whole, up to 10 MiB
 *     .map(Bytes::utf8);
 * response.deliverBody(new Protocol() { ... });            // streamed to a protocol
 * response.writeBodyTo(fileConsumer);                      // streamed to a consumer
 * }</pre>
 *
 * <p>Until the body is asked for, the connection reads at most 64 KiB of it and then waits, so a
 * response whose body is never read holds its connection, which is not reused, until the
 * exchange timeout (if any) aborts it. Read or stop every body.
 *
 * <p>Threading: the reactor thread of the agent that made it.
 */
public final class Response {
  private final ResponseHead head;
  private final OptionalLong length;
  private final HttpMethod method;
  private final String uri;
  private final @Nullable Response previous;
  private final BodySource body;
  private boolean bodyTaken;

  Response(ResponseHead head, OptionalLong length, HttpMethod method, String uri,
      @Nullable Response previous, BodySource body) {
    this.head = head;
    this.length = length;
    this.method = method;
    this.uri = uri;
    this.previous = previous;
    this.body = body;
  }

  /** Returns the status code, such as 200. */
  public int status() {
    return head.status();
  }

  /** Returns the reason phrase as the server sent it, which may be empty. */
  public String reason() {
    return head.reason();
  }

  /** Returns the header fields: the live list of this response, which wrappers may change. */
  public Headers headers() {
    return head.headers();
  }

  /** Returns the protocol version the server answered with. */
  public HttpVersion version() {
    return head.version();
  }

  /**
   * Returns the length of the body, if known before it arrives: its {@code Content-Length}, or 0
   * when it has none; empty when chunked, delimited by closing, or decoded.
   */
  public OptionalLong length() {
    return length;
  }

  /** Returns the method of the request this answers. */
  public HttpMethod method() {
    return method;
  }

  /** Returns the URI of the request this answers: after redirects, the last one. */
  public String uri() {
    return uri;
  }

  /**
   * Returns the redirect response that led to this one, if a {@link RedirectAgent} followed one
   * (Twisted's {@code previousResponse}). Its body has been discarded.
   */
  public Optional<Response> previous() {
    return Optional.ofNullable(previous);
  }

  /**
   * Streams the body to {@code protocol} (Twisted's {@code deliverBody}): it is connected to a
   * transport whose {@code pauseProducing} and {@code resumeProducing} hold the body back and let
   * it go on, and whose {@code loseConnection} stops it (the connection is then aborted, not
   * reused). It then receives the body with {@code dataReceived}, and {@code connectionLost} once
   * with {@link ResponseDone} when the body arrived whole, {@link PotentialDataLoss} when it ended
   * with the connection, or {@link ResponseFailed} when it did not arrive whole.
   *
   * @throws IllegalStateException if the body has already been asked for
   */
  public void deliverBody(Protocol protocol) {
    Objects.requireNonNull(protocol, "protocol");
    if (bodyTaken) {
      throw new IllegalStateException("the body of this response has already been asked for");
    }
    bodyTaken = true;
    body.deliverTo(protocol);
  }

  /**
   * Reads the whole body (Twisted's {@code readBody}) and fires with it. A body that ends with the
   * connection ({@link PotentialDataLoss}) counts as whole.
   *
   * <p>Fails with {@link BodyTooLarge} as soon as more than {@code maxBytes} arrived (the
   * connection is then aborted), or with the {@link ResponseFailed} the body ended with.
   * Cancelling the Deferred stops the body.
   *
   * @throws IllegalArgumentException if {@code maxBytes} is negative
   * @throws IllegalStateException if the body has already been asked for
   */
  public Deferred<Bytes> readBody(long maxBytes) {
    BodyCollector collector = new BodyCollector(maxBytes);
    deliverBody(collector);
    return collector.result();
  }

  /**
   * Writes the body to {@code consumer}, registered as its streaming producer so that the consumer
   * can pause the body, and fires once all of it has been written; the producer is unregistered
   * then. Fails as {@link #readBody} does, without a size limit. Cancelling the Deferred stops the
   * body.
   *
   * @throws IllegalStateException if the body has already been asked for
   */
  public Deferred<@Nullable Void> writeBodyTo(Consumer consumer) {
    BodyPipe pipe = new BodyPipe(Objects.requireNonNull(consumer, "consumer"));
    deliverBody(pipe);
    return pipe.result();
  }

  /** Returns this response with other headers and body, as a decoding wrapper makes it. */
  Response withBody(Headers headers, OptionalLong newLength, BodySource newBody) {
    return new Response(new ResponseHead(version(), status(), reason(), headers), newLength,
        method, uri, previous, newBody);
  }

  /** Returns this response, led to by {@code redirect}. */
  Response withPrevious(Response redirect) {
    return new Response(head, length, method, uri, redirect, body);
  }

  @Override
  public String toString() {
    return "Response[" + version() + " " + status() + " " + reason() + ", " + method + " " + uri
        + "]";
  }
}

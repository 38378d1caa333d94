package dev.twine.web;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.Address;
import dev.twine.internet.ConnectionClosed;
import dev.twine.internet.Consumer;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.Producer;
import dev.twine.internet.Transport;
import dev.twine.internet.UnixAddress;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.http.HttpParseException;
import dev.twine.web.http.HttpVersion;
import dev.twine.web.http.RequestHead;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request and the response to it, as a {@link Resource} sees them (Twisted's {@code
 * server.Request}): what the client asked, and the means to answer.
 *
 * <pre>{@code
 * Renderer greet = request -> {
 *   String name = request.arg("name").orElse("stranger");
 *   request.setHeader("Content-Type", "text/plain; charset=utf-8");
 *   request.addCookie(Cookie.of("seen", "1").withHttpOnly(true));
 *   return Rendered.body("Hello, " + name + "!");
 * };
 * }</pre>
 *
 * <h2>The response</h2>
 *
 * <p>Status and headers may change until the response head is sent, which happens with the first
 * byte of the body ({@link #write}) or when the response ends ({@link #finish}, or the body a
 * renderer returns). The server adds {@code Date}, {@code Server}, the framing and {@code
 * Connection} where the resource did not set them. A response to {@code HEAD} is rendered as
 * {@code GET} would be; the server sends its headers, with the body's {@code Content-Length},
 * and drops the body.
 *
 * <p>A request is a {@link Consumer}: a resource that streams a large response registers a
 * producer, which is paused while the client reads slower than it produces, and while the
 * response waits behind earlier ones on a pipelined connection.
 *
 * <h2>The end</h2>
 *
 * <p>{@link #notifyFinish()} tells when the response has been handed to the connection, or that
 * it never will be because the client went away: long work for a request should listen, to stop
 * when nobody waits for it. After that, {@link #write} and {@link #finish} do nothing, and a
 * producer registered then is stopped at once.
 *
 * <h2>The body</h2>
 *
 * <p>The body is read when the resource asks for it, in memory with {@link #content()} (up to
 * the site's body limit), in memory or a temporary file with {@link #spooledContent}, as a
 * form with {@link #form()}, or piece by piece with {@link #deliverBody}. Until then it waits, and
 * the connection stops reading once a little of it is waiting. A client that sent {@code Expect:
 * 100-continue} gets {@code 100 Continue} only when the resource asks for the body; a response
 * finished without reading the body then closes the connection.
 *
 * <p>Threading: use a request on the reactor thread of its connection only.
 */
public final class Request implements Consumer {
  private final RequestHead head;
  private final Target target;
  private final Exchange exchange;
  private final RequestBody body;
  private final Transport transport;
  /** How many segments the walk from the root has gone through: the prepath's length. */
  private int walked;
  private @Nullable Map<String, List<String>> args;
  private @Nullable Map<String, String> cookies;
  private @Nullable RequestUploads uploads;
  private @Nullable Session session;

  Request(RequestHead head, Target target, Exchange exchange, RequestBody body,
      Transport transport) {
    this.head = head;
    this.target = target;
    this.exchange = exchange;
    this.body = body;
    this.transport = transport;
  }

  // --- The request line ---

  /** Returns the method, such as {@code GET}. */
  public HttpMethod method() {
    return head.method();
  }

  /** Returns the protocol version the client spoke. */
  public HttpVersion version() {
    return head.version();
  }

  /** Returns the request target exactly as sent, such as {@code /search?q=a%20b}. */
  public String uri() {
    return head.target();
  }

  /**
   * Returns the path of the target as sent, percent-encoding and dot segments included, such as
   * {@code /search}; {@code *} for {@code OPTIONS *}.
   */
  public String path() {
    return target.path();
  }

  /** Returns what followed the {@code ?} of the target, as sent, if there was a {@code ?}. */
  public Optional<String> query() {
    return Optional.ofNullable(target.query());
  }

  /**
   * Returns the segments of the path, percent-decoded as UTF-8, with {@code .} and {@code ..}
   * resolved without climbing above the root: {@code /a/b%20c/} is {@code [a, "b c", ""]}, {@code
   * /} is {@code [""]}. A segment may hold any character, {@code /} (from {@code %2F}) and NUL
   * included: a resource that maps segments to files must refuse those.
   */
  public List<String> segments() {
    return target.segments();
  }

  /** Returns the segments the walk from the root has gone through, in order (Twisted's). */
  public List<String> prepath() {
    return target.segments().subList(0, walked);
  }

  /** Returns the segments the walk has not reached: what a leaf resource has left to read. */
  public List<String> postpath() {
    List<String> segments = target.segments();
    return segments.subList(walked, segments.size());
  }

  /**
   * Returns the arguments of the query, parsed on first use as {@code
   * application/x-www-form-urlencoded}: by name in order of first appearance, each with all its
   * values in order. {@code ?a=1&b&a=2} gives {@code {a=[1, 2], b=[""]}}. Unmodifiable.
   */
  public Map<String, List<String>> args() {
    Map<String, List<String>> parsed = args;
    if (parsed == null) {
      String query = target.query();
      parsed = query == null ? Map.of() : UrlEncoded.parse(query);
      args = parsed;
    }
    return parsed;
  }

  /** Returns the first value of the query argument {@code name}, if it is present. */
  public Optional<String> arg(String name) {
    List<String> values = args().get(name);
    return values == null ? Optional.empty() : Optional.of(values.get(0));
  }

  // --- Headers and cookies ---

  /** Returns the header fields the client sent. */
  public Headers requestHeaders() {
    return head.headers();
  }

  /** Returns the value of the first request header field named {@code name}, if any. */
  public Optional<String> header(String name) {
    return head.headers().first(name);
  }

  /**
   * Returns the cookies the client sent in its {@code Cookie} fields, by name; when a name comes
   * twice, the first wins. Unmodifiable.
   */
  public Map<String, String> cookies() {
    Map<String, String> parsed = cookies;
    if (parsed == null) {
      parsed = Cookies.parse(head.headers().all("Cookie"));
      cookies = parsed;
    }
    return parsed;
  }

  /** Returns the value of the cookie named {@code name}, if the client sent it. */
  public Optional<String> cookie(String name) {
    return Optional.ofNullable(cookies().get(name));
  }

  // --- The connection ---

  /** Returns the address of the client (the peer of the connection). */
  public Address clientAddress() {
    return transport.peer();
  }

  /** Returns the address the client connected to (this end of the connection). */
  public Address serverAddress() {
    return transport.host();
  }

  /**
   * Returns the host the client asked for, without the port: from an absolute-form target, else
   * from {@code Host}, else the address it connected to. An IPv6 literal keeps its brackets, as
   * in {@code [::1]}.
   */
  public String hostname() {
    String authority = target.authority();
    if (authority == null) {
      authority = head.headers().first("Host").orElse("");
    }
    if (!authority.isEmpty()) {
      int close = authority.lastIndexOf(']');
      int colon = authority.lastIndexOf(':');
      return colon > close ? authority.substring(0, colon) : authority;
    }
    return switch (transport.host()) {
      case IPv4Address ip -> ip.host();
      case IPv6Address ip -> "[" + ip.host() + "]";
      case UnixAddress unix -> "localhost";
    };
  }

  /** Returns whether the connection is encrypted and authenticated (HTTPS). */
  public boolean isSecure() {
    return transport.secure();
  }

  // --- The body ---

  /**
   * Returns the length of the body if it is known before it arrives: 0 without a body, the
   * {@code Content-Length}; empty for a chunked body.
   */
  public OptionalLong contentLength() {
    return body.length();
  }

  /**
   * Returns the whole body in memory once it has arrived ({@link #spooledContent} spools it). It
   * fails with {@link HttpParseException} if the body breaks HTTP or passes the site's body limit
   * (413) or stalls (408), and with a {@link ConnectionClosed} if the client goes away first.
   * Every call returns the same bytes.
   *
   * @throws IllegalStateException if the body is being delivered to a {@link BodyReceiver}, or
   *     was thrown away because the response finished first
   */
  public Deferred<Bytes> content() {
    return body.content();
  }

  /**
   * Hands the body to {@code receiver} piece by piece as it arrives, starting with what has
   * arrived already: for bodies too large for memory. The receiver can pause the body, which
   * stops the server from reading the connection.
   *
   * @throws IllegalStateException if the body is already being delivered, or was thrown away
   *     because the response finished first
   */
  public void deliverBody(BodyReceiver receiver) {
    body.deliverTo(receiver);
  }

  // --- The response ---

  /** Returns the response status, 200 unless set. */
  public int responseCode() {
    return exchange.status();
  }

  /**
   * Sets the response status.
   *
   * @throws IllegalArgumentException if {@code code} is not from 200 to 599
   * @throws IllegalStateException if the response head has been sent
   */
  public void setResponseCode(int code) {
    exchange.setStatus(code);
  }

  /** Returns the response header fields, which may change until the response head is sent. */
  public Headers responseHeaders() {
    return exchange.headers();
  }

  /**
   * Sets the response header {@code name} to {@code value}, replacing any fields of that name.
   *
   * @throws IllegalArgumentException if the name or value is invalid, as {@link Headers} says
   * @throws IllegalStateException if the response head has been sent
   */
  public void setHeader(String name, String value) {
    exchange.checkNotCommitted();
    exchange.headers().set(name, value);
  }

  /**
   * Adds a response header field, after any of the same name.
   *
   * @throws IllegalArgumentException if the name or value is invalid, as {@link Headers} says
   * @throws IllegalStateException if the response head has been sent
   */
  public void addHeader(String name, String value) {
    exchange.checkNotCommitted();
    exchange.headers().add(name, value);
  }

  /**
   * Sets {@code cookie} on the client with a {@code Set-Cookie} response header.
   *
   * @throws IllegalStateException if the response head has been sent
   */
  public void addCookie(Cookie cookie) {
    addHeader("Set-Cookie", cookie.headerValue());
  }

  /**
   * Makes the response a {@code 302 Found} redirect to {@code url}; the renderer still returns
   * the body, which may be empty.
   *
   * @throws IllegalArgumentException if {@code url} cannot be a header value (control
   *     characters, leading or trailing whitespace)
   * @throws IllegalStateException if the response head has been sent
   */
  public void redirect(String url) {
    setHeader("Location", url);
    setResponseCode(302);
  }

  /** Returns whether the response head has been sent, after which it can no longer change. */
  public boolean responseStarted() {
    return exchange.committed();
  }

  /** Returns whether the response has ended: {@link #finish} or a rendered body. */
  public boolean finished() {
    return exchange.finished();
  }

  /**
   * Writes {@code data} as the next piece of the response body, sending the response head first
   * if it has not been. Does nothing once the client has gone.
   *
   * @throws IllegalStateException after {@link #finish}, or if {@code data} is more than the
   *     {@code Content-Length} the resource set, or the status allows no body (204, 304)
   */
  @Override
  public void write(Bytes data) {
    exchange.write(data);
  }

  /**
   * Writes {@code count} bytes of {@code file} from {@code position} as the next piece of the
   * response body, after what was written before, sending the response head first if it has not
   * been. On a plain connection the bytes go from the file system to the socket without passing
   * through the heap; see {@link Transport#writeFile}. Returns a Deferred that fires with {@code
   * null} once the file is no longer needed for these bytes, or fails if they could not be sent
   * (the client went away, or the file could not be read: the connection is then aborted); keep
   * the file open until it fires, and close it then.
   *
   * <p>The response must have a {@code Content-Length} (or go to an HTTP/1.0 client, whose
   * response ends with the connection): a chunked body cannot take bytes it does not see. For
   * {@code HEAD} the bytes are counted as {@link #write} counts them, and nothing is read. Once
   * the client has gone it does nothing and the Deferred fires at once. A large file goes from a
   * registered push producer, as {@code FileResource} does, in slices when the connection does
   * not {@linkplain #sendsFilesDirectly send files directly}, so that a connection that must copy
   * (TLS) holds at most a slice.
   *
   * @throws IllegalArgumentException if {@code position} or {@code count} is negative
   * @throws IllegalStateException after {@link #finish}, if the body is chunked, if {@code
   *     count} is more than remains of the {@code Content-Length}, or if the status allows no
   *     body (204, 304)
   */
  public Deferred<@Nullable Void> writeFile(FileChannel file, long position, long count) {
    return exchange.writeFile(file, position, count);
  }

  /**
   * Returns whether {@link #writeFile} sends the bytes of a file straight from the file system to
   * the connection (a plain TCP or UNIX socket), so that a region of any size holds no memory;
   * false when the connection must read them into memory first (TLS, a wrapping protocol), and a
   * large file should then go in slices from a producer. See {@link
   * Transport#sendsFilesDirectly}.
   */
  public boolean sendsFilesDirectly() {
    return transport.sendsFilesDirectly();
  }

  /**
   * Ends the response: without a body written, it is sent with {@code Content-Length: 0}. Does
   * nothing once the client has gone. A registered producer is unregistered.
   *
   * @throws IllegalStateException if called twice, or if less was written than the {@code
   *     Content-Length} the resource set; in that case the connection is aborted, as the client
   *     can no longer tell where the response ends
   */
  public void finish() {
    exchange.finish();
  }

  /**
   * Registers the producer of the response body. A push producer ({@code streaming}) is started
   * with its {@code resumeProducing} once it may write: at once, or when the responses before
   * this one on a pipelined connection are done; it is paused while the client reads slower than
   * it writes. A pull producer is asked for more each time the connection has sent what it had.
   * Once the client has gone, the producer is stopped at once instead.
   *
   * @throws IllegalStateException if a producer is registered or the response has finished
   * @throws IllegalArgumentException if the producer is not of the kind {@code streaming} says
   */
  @Override
  public void registerProducer(Producer producer, boolean streaming) {
    exchange.registerProducer(producer, streaming);
  }

  /** Unregisters the producer, if any, without stopping it. */
  @Override
  public void unregisterProducer() {
    exchange.unregisterProducer();
  }

  /**
   * Returns a Deferred that fires with {@code null} when the whole response has been handed to
   * the connection, or fails if it never will be: with a {@link ConnectionClosed} when the
   * connection ends first, with {@link HttpParseException} when the server answered an error in
   * the request body in its place. Each call returns a new Deferred.
   */
  public Deferred<@Nullable Void> notifyFinish() {
    return exchange.notifyFinish();
  }

  // --- Forms, spooled bodies and sessions ---

  /** Returns {@link #form(UploadOptions)} with {@link UploadOptions#DEFAULT}. */
  public Deferred<Form> form() {
    return form(UploadOptions.DEFAULT);
  }

  /**
   * Returns the {@link Form} of an {@code application/x-www-form-urlencoded} body (read with
   * {@link #content()}) or a {@code multipart/form-data} one (read as it arrives, files spooled
   * by {@code options}), read once; empty for other bodies, which are left unread. It fails with
   * {@link HttpError} 400 or 413 for a multipart body that breaks RFC 7578 or {@code options},
   * which is the client's answer if the renderer passes it on, else as {@link #spooledContent}.
   *
   * @throws IllegalStateException if the body is already being read otherwise, or was thrown
   *     away because the response finished first
   */
  public Deferred<Form> form(UploadOptions options) {
    return uploads().form(Objects.requireNonNull(options, "options"));
  }

  /**
   * Returns the whole body, up to the site's body limit, in memory up to {@code options}'
   * threshold and in a temporary file past it; temporary files of a request are deleted when it
   * is done ({@link #notifyFinish()}). It is read once, and fails as {@link #content()} does,
   * or with {@link java.io.UncheckedIOException} if the file cannot be written. Each call
   * returns a new Deferred.
   *
   * @throws IllegalStateException as {@link #form(UploadOptions)} does
   */
  public Deferred<SpooledBytes> spooledContent(UploadOptions options) {
    return uploads().spooledContent(Objects.requireNonNull(options, "options"));
  }

  /**
   * Returns the client's session (Twisted's {@code getSession}): the live one its cookie names,
   * touched, else a new one of the {@linkplain Site#sessions() site's store}, whose cookie the
   * response sets.
   *
   * @throws IllegalStateException if a new session is needed after the response head was sent
   */
  public Session session() {
    Session current = existingSession().orElseGet(() -> exchange.site().sessions().start(this));
    session = current;
    return current;
  }

  /** Returns the live session the client's cookie names, touched; never makes one. */
  public Optional<Session> existingSession() {
    Session current = session;
    if (current == null || current.expired()) {
      current = exchange.site().sessions().existing(this).orElse(null);
      session = current;
    }
    return Optional.ofNullable(current);
  }

  private RequestUploads uploads() {
    RequestUploads current = uploads;
    if (current == null) {
      current = new RequestUploads(this);
      uploads = current;
    }
    return current;
  }

  // --- For the site ---

  Exchange exchange() {
    return exchange;
  }

  RequestBody body() {
    return body;
  }

  /** Returns whether the walk has segments left. */
  boolean hasPostpath() {
    return walked < target.segments().size();
  }

  /** Moves the next segment from the postpath to the prepath and returns it. */
  String advance() {
    return target.segments().get(walked++);
  }

  /** Moves the last segment of the prepath back to the front of the postpath. */
  void retreat() {
    walked--;
  }

  /** Returns the method, target and client, such as {@code Request[GET /x from ...]}. */
  @Override
  public String toString() {
    return "Request[" + head.method() + " " + head.target() + " from " + transport.peer() + "]";
  }
}

// Over 500 lines: one exchange's response state (head, body framing, producer, pipelined turn,
// completion and its report) is one state machine whose parts share their fields.
package dev.twine.web;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.ConnectionAborted;
import dev.twine.internet.Producer;
import dev.twine.internet.Protocol;
import dev.twine.internet.Transport;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.http.HttpVersion;
import dev.twine.web.http.MessageEncoder;
import dev.twine.web.http.ResponseHead;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The response to one request on a connection: its status and headers until they are sent, the
 * encoding of its body, its place in the pipeline (its bytes wait in a list until the responses
 * before it have been written), its producer, and who waits for it to finish.
 *
 * <p>The response head is sent with the first byte of the body, or at the end. Until then the
 * server adds what the resource left out: {@code Date}, {@code Server}, the framing ({@code
 * Content-Length} when the whole body is known, else chunked for HTTP/1.1 or closing for
 * HTTP/1.0), and {@code Connection}.
 *
 * <p>Once the client has gone, or the server has taken the response over to answer an error,
 * what the resource does to it is ignored.
 */
final class Exchange {
  private static final System.Logger LOG = System.getLogger(Site.class.getName());
  private static final Bytes CONTINUE = Bytes.ascii("HTTP/1.1 100 Continue\r\n\r\n");
  /** The {@code Content-Length} values of bodies under 1 KiB, made as they are first needed. */
  private static final String[] SMALL_LENGTHS = new String[1024];
  /** What {@link #prepare} is given when the length of the body is not known yet. */
  private static final long UNKNOWN_LENGTH = -1;

  private final HttpChannel channel;
  private final HttpMethod method;
  private final HttpVersion version;
  private final boolean clientKeepAlive;
  private final String target;
  private @Nullable RequestBody body;
  private int status = 200;
  private Headers headers = new Headers();
  private @Nullable MessageEncoder encoder;
  /** The bytes the resource wrote to a response to HEAD, which are dropped. */
  private long headLength;
  private boolean finished;
  private boolean completed;
  private boolean closeAfter;
  private @Nullable Failure gone;
  private boolean active;
  /** What waits for this response's turn: {@link Bytes} and {@link FilePiece}s, in order. */
  private @Nullable List<Object> pending;
  private boolean continuePending;
  private @Nullable ResponseProducer producer;
  private @Nullable List<Deferred<@Nullable Void>> waiters;
  /** The protocol the connection switches to once this response has been written, if any. */
  private @Nullable Protocol switchTo;
  private @Nullable RequestRecorder recorder;
  /** The bytes of the body written, which reach the connection once this response is active. */
  private long bodyBytes;
  /** The exchange after this one on its connection's {@link ExchangeLine}, if any. */
  private @Nullable Exchange behind;

  /**
   * Creates the response to a request with {@code method}, {@code target} and {@code version};
   * {@code clientKeepAlive} says whether the client wants the connection kept open after it.
   */
  Exchange(HttpChannel channel, HttpMethod method, HttpVersion version, boolean clientKeepAlive,
      String target) {
    this.channel = channel;
    this.method = method;
    this.version = version;
    this.clientKeepAlive = clientKeepAlive;
    this.target = target;
  }

  @Nullable Exchange behind() {
    return behind;
  }

  void behind(@Nullable Exchange next) {
    behind = next;
  }

  void attach(RequestBody requestBody) {
    this.body = requestBody;
  }

  /** Makes {@code newRecorder} hear of this exchange when it is done. */
  void record(RequestRecorder newRecorder) {
    this.recorder = newRecorder;
  }

  // --- What the resource sees, through Request ---

  int status() {
    return status;
  }

  void setStatus(int code) {
    if (code < 200 || code > 599) {
      throw new IllegalArgumentException("a response status must be from 200 to 599: " + code);
    }
    checkNotCommitted();
    status = code;
  }

  Headers headers() {
    return headers;
  }

  void checkNotCommitted() {
    if (encoder != null) {
      throw new IllegalStateException(
          "the response head has already been sent: " + status + " to " + describe());
    }
  }

  boolean committed() {
    return encoder != null;
  }

  boolean finished() {
    return finished;
  }

  void write(Bytes data) {
    Objects.requireNonNull(data, "data");
    if (gone != null) {
      return;
    }
    checkNotFinished("write");
    if (method.equals(HttpMethod.HEAD)) {
      headLength += data.size();
      return;
    }
    MessageEncoder current = encoder;
    if (current == null) {
      current = prepare(UNKNOWN_LENGTH);
      commit(current);
    }
    emit(current.content(data));
    bodyBytes += data.size();
  }

  void finish() {
    if (gone != null) {
      return;
    }
    checkNotFinished("finish");
    end();
  }

  /** Writes a region of {@code file} as the next piece of the body: see {@link Request#writeFile}. */
  Deferred<@Nullable Void> writeFile(FileChannel file, long position, long count) {
    Objects.requireNonNull(file, "file");
    Transport.checkRegion(position, count);
    if (gone != null) {
      return Deferred.succeed(null);
    }
    checkNotFinished("writeFile");
    if (method.equals(HttpMethod.HEAD)) {
      headLength += count;
      return Deferred.succeed(null);
    }
    MessageEncoder current = encoder;
    if (current == null) {
      current = prepare(UNKNOWN_LENGTH);
      commit(current);
    }
    current.countContent(count);
    bodyBytes += count;
    if (active) {
      return channel.transport().writeFile(file, position, count);
    }
    FilePiece piece = new FilePiece(file, position, count, new Deferred<>());
    pendingPieces().add(piece);
    return piece.sent();
  }

  /** Ends the response with {@code data}: what a body rendered at once, or later, does. */
  void respond(Bytes data) {
    if (gone != null) {
      return;
    }
    checkNotFinished("respond");
    send(data);
  }

  void registerProducer(Producer newProducer, boolean streaming) {
    Objects.requireNonNull(newProducer, "producer");
    ResponseProducer registered =
        ResponseProducer.of(newProducer, streaming, channel.producerSlot());
    if (gone != null) {
      registered.stop();
      return;
    }
    checkNotFinished("registerProducer");
    if (producer != null) {
      throw new IllegalStateException("a producer is already registered for " + describe());
    }
    producer = registered;
    if (active) {
      registered.start();
    }
  }

  void unregisterProducer() {
    releaseProducer(false);
  }

  Deferred<@Nullable Void> notifyFinish() {
    Deferred<@Nullable Void> done = new Deferred<>();
    Failure failure = gone;
    if (completed) {
      done.callback(null);
    } else if (failure != null) {
      done.errback(failure);
    } else {
      if (waiters == null) {
        waiters = new ArrayList<>(1);
      }
      waiters.add(done);
    }
    return done;
  }

  /**
   * Answers {@code 101 Switching Protocols} with the headers set so far; once it has been written,
   * the channel hands the connection to {@code next}.
   *
   * @throws IllegalStateException if the response has started, or the request is not HTTP/1.1
   *     or has a body
   */
  void switchProtocols(Protocol next) {
    Objects.requireNonNull(next, "next");
    if (gone != null) {
      return;
    }
    checkNotFinished("switch protocols");
    checkNotCommitted();
    RequestBody requestBody = body;
    if (version != HttpVersion.HTTP_1_1
        || (requestBody != null && requestBody.length().orElse(-1) != 0)) {
      throw new IllegalStateException("only an HTTP/1.1 request without a body can switch"
          + " protocols: " + describe());
    }
    if (!headers.contains("Date")) {
      headers.add("Date", channel.date());
    }
    if (!headers.contains("Server")) {
      headers.add("Server", ServerVersion.HEADER);
    }
    MessageEncoder current = MessageEncoder.response(ResponseHead.of(101, headers), method);
    switchTo = next;
    channel.switchRequested();
    encoder = current;
    continuePending = false;
    emit(current.head());
    markFinished();
  }

  /** Returns the protocol the connection switches to after this response, if any. */
  @Nullable Protocol switchesTo() {
    return switchTo;
  }

  /** Sends {@code 100 Continue}, now or when this response's turn comes, unless it has begun. */
  void sendContinue() {
    if (gone != null || encoder != null) {
      return;
    }
    if (active) {
      channel.transport().write(CONTINUE);
    } else {
      continuePending = true;
    }
  }

  // --- What the channel does ---

  /** Makes this the response being written: what waited goes out, its producer may run. */
  void activate() {
    active = true;
    if (continuePending && encoder == null && gone == null) {
      channel.transport().write(CONTINUE);
    }
    List<Object> waiting = pending;
    pending = null;
    if (waiting != null) {
      Transport transport = channel.transport();
      for (Object piece : waiting) {
        if (piece instanceof FilePiece file) {
          transport.writeFile(file.file(), file.position(), file.count()).chainDeferred(file.sent());
        } else {
          transport.write((Bytes) piece);
        }
      }
    }
    ResponseProducer current = producer;
    if (current != null) {
      current.start();
    }
  }

  /**
   * Makes the connection close after this response, or not, as the server decides before the
   * head is sent: a head sent later says {@code Connection: close} when {@code close}.
   */
  void closeAfterwards(boolean close) {
    closeAfter = close;
  }

  /** Returns whether the connection closes after this response, which has been sent. */
  boolean closesConnection() {
    return closeAfter;
  }

  /** Records that every byte of this response has gone to the transport; tells who waits. */
  void completed() {
    completed = true;
    report(true);
    List<Deferred<@Nullable Void>> done = waiters;
    waiters = null;
    if (done != null) {
      for (Deferred<@Nullable Void> waiter : done) {
        waiter.callback(null);
      }
    }
  }

  /** Gives the response up because the connection ended before it was completed. */
  void connectionLost(Failure reason) {
    abandon(reason);
    report(false);
  }

  /**
   * Gives the response up because it will never be completed, for {@code reason}: what the
   * resource does to it from now on is ignored, its producer is stopped, who waits for it hears
   * the reason, and its body receiver too unless the body arrived whole.
   */
  void abandon(Failure reason) {
    if (gone != null) {
      return;
    }
    gone = reason;
    releaseProducer(true);
    List<Object> unsent = pending;
    pending = null;
    if (unsent != null) {
      for (Object piece : unsent) {
        if (piece instanceof FilePiece file) {
          file.sent().errback(reason);
        }
      }
    }
    List<Deferred<@Nullable Void>> failed = waiters;
    waiters = null;
    if (failed != null) {
      for (Deferred<@Nullable Void> waiter : failed) {
        waiter.errback(reason);
      }
    }
    RequestBody requestBody = body;
    if (requestBody != null) {
      requestBody.failed(reason);
    }
  }

  /**
   * Gives the response up for {@code reason} and, if it has not started, answers with an error
   * page that closes the connection in its place; a response that has started but not finished
   * can never be completed, so the connection is aborted.
   */
  void takeOver(int code, String detail, Failure reason) {
    abandon(reason);
    if (finished) {
      return;
    }
    if (encoder == null) {
      sendPage(code, detail, null, true);
    } else {
      channel.abort();
    }
  }

  /**
   * Handles an exception thrown while rendering: a 500 page, or the page of an {@link HttpError},
   * or an abort if it is too late.
   */
  void renderFailed(Throwable error, boolean debug) {
    if (gone != null) {
      LOG.log(System.Logger.Level.DEBUG, "rendering " + describe()
          + " failed after the response was given up", error);
      return;
    }
    HttpError answer = error instanceof HttpError http ? http : null;
    LOG.log(answer != null ? System.Logger.Level.DEBUG : System.Logger.Level.ERROR,
        "rendering " + describe() + " failed", error);
    if (finished) {
      return;
    }
    if (encoder != null) {
      abort();
      return;
    }
    releaseProducer(true);
    if (answer != null) {
      sendPage(answer.status(), answer.detail(), null, false);
    } else {
      sendPage(500, "The server failed to answer this request.",
          debug ? Failure.of(error).traceback() : null, false);
    }
  }

  /** Answers with an error page: for an exchange that the server answers itself. */
  void sendPage(int code, String detail, @Nullable String trace, boolean close) {
    status = code;
    headers = new Headers().add("Content-Type", "text/html; charset=utf-8");
    if (close) {
      headers.add("Connection", "close");
    }
    send(ErrorPage.html(code, detail, trace));
  }

  // --- Encoding ---

  private void send(Bytes data) {
    if (method.equals(HttpMethod.HEAD)) {
      headLength += data.size();
      end();
      return;
    }
    MessageEncoder current = encoder;
    if (current != null) {
      emit(current.content(data));
      bodyBytes += data.size();
      end();
      return;
    }
    current = prepare(data.size());
    List<Bytes> content = current.content(data);
    Bytes end = current.end();
    commit(current);
    emit(content);
    bodyBytes += data.size();
    emit(end);
    markFinished();
  }

  private void end() {
    MessageEncoder current = encoder;
    if (current == null) {
      current = prepare(method.equals(HttpMethod.HEAD) ? headLength : 0);
      Bytes end = current.end();
      commit(current);
      emit(end);
    } else {
      Bytes end;
      try {
        end = current.end();
      } catch (IllegalStateException tooShort) {
        abort();
        throw tooShort;
      }
      emit(end);
    }
    markFinished();
  }

  /**
   * Completes the headers and returns the encoder of the response, without sending anything.
   * {@code length} is the body's length if it is known, else {@link #UNKNOWN_LENGTH}.
   *
   * @throws IllegalArgumentException if the headers the resource set break the framing rules
   */
  private MessageEncoder prepare(long length) {
    if (!headers.contains("Date")) {
      headers.add("Date", channel.date());
    }
    if (!headers.contains("Server")) {
      headers.add("Server", ServerVersion.HEADER);
    }
    boolean bodiless = status == 204 || status == 304;
    if (version == HttpVersion.HTTP_1_0) {
      headers.remove("Transfer-Encoding");
    }
    boolean framed = bodiless
        || headers.contains("Content-Length") || headers.contains("Transfer-Encoding");
    if (!framed && length != UNKNOWN_LENGTH) {
      headers.add("Content-Length", decimal(length));
      framed = true;
    } else if (!framed && version == HttpVersion.HTTP_1_1) {
      headers.add("Transfer-Encoding", "chunked");
      framed = true;
    }
    boolean keepAlive = clientKeepAlive && framed && !closeAfter
        && !headers.containsToken("Connection", "close")
        && (body == null || !body.awaitsContinue());
    if (!keepAlive) {
      headers.set("Connection", "close");
    } else if (version == HttpVersion.HTTP_1_0) {
      headers.set("Connection", "keep-alive");
    }
    return MessageEncoder.response(ResponseHead.of(status, headers), method);
  }

  /** Returns {@code n} in decimal; the strings of small lengths are made once and shared. */
  private static String decimal(long n) {
    if (n >= SMALL_LENGTHS.length) {
      return Long.toString(n);
    }
    String text = SMALL_LENGTHS[(int) n];
    if (text == null) {
      text = Long.toString(n);
      // Racy but safe: strings are immutable, and a lost race only makes one more.
      SMALL_LENGTHS[(int) n] = text;
    }
    return text;
  }

  private void commit(MessageEncoder current) {
    encoder = current;
    continuePending = false;
    closeAfter = headers.containsToken("Connection", "close");
    if (closeAfter) {
      channel.noMoreRequests();
    }
    emit(current.head());
  }

  private void emit(Bytes data) {
    if (data.isEmpty()) {
      return;
    }
    if (active) {
      channel.transport().write(data);
    } else {
      pendingPieces().add(data);
    }
  }

  private List<Object> pendingPieces() {
    List<Object> waiting = pending;
    if (waiting == null) {
      waiting = new ArrayList<>(4);
      pending = waiting;
    }
    return waiting;
  }

  private void emit(List<Bytes> data) {
    for (int i = 0; i < data.size(); i++) {
      emit(data.get(i));
    }
  }

  private void markFinished() {
    finished = true;
    releaseProducer(false);
    RequestBody requestBody = body;
    if (requestBody != null) {
      requestBody.responseFinished();
    }
    channel.exchangeFinished(this);
  }

  private void releaseProducer(boolean stop) {
    ResponseProducer current = producer;
    producer = null;
    if (current != null) {
      current.release(stop);
    }
  }

  private void checkNotFinished(String what) {
    if (finished) {
      throw new IllegalStateException(
          "cannot " + what + ": the response to " + describe() + " has already finished");
    }
  }

  private void abort() {
    abandon(Failure.of(new ConnectionAborted(
        "the response to " + describe() + " could not be completed", null)));
    channel.abort();
  }

  boolean active() {
    return active;
  }

  /** Tells the recorder, once, that this exchange is done, with the body bytes sent. */
  private void report(boolean complete) {
    RequestRecorder current = recorder;
    recorder = null;
    if (current != null) {
      current.ended(status, active ? bodyBytes : 0, complete);
    }
  }

  /** Returns the site this exchange's connection serves. */
  Site site() {
    return channel.site();
  }

  /** Names the request in messages: {@code GET /x from TCP:10.0.0.1:50000}. */
  String describe() {
    return method + " " + target + " from " + channel.transport().peer();
  }

  /** A region of a file written while the response waited for its turn, and its Deferred. */
  private record FilePiece(FileChannel file, long position, long count,
      Deferred<@Nullable Void> sent) {}

  @Override
  public String toString() {
    return "Exchange[" + describe() + ", " + status + (finished ? ", finished" : "")
        + (gone != null ? ", gone" : "") + "]";
  }
}

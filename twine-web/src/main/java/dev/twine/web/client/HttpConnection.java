package dev.twine.web.client;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.ConnectionDone;
import dev.twine.internet.Protocol;
import dev.twine.web.http.BodyEvent;
import dev.twine.web.http.Content;
import dev.twine.web.http.Framing;
import dev.twine.web.http.HttpLimits;
import dev.twine.web.http.HttpParseException;
import dev.twine.web.http.MessageEncoder;
import dev.twine.web.http.MessageEnd;
import dev.twine.web.http.ResponseEvent;
import dev.twine.web.http.ResponseHead;
import dev.twine.web.http.ResponseParser;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One client connection speaking HTTP/1.1, one exchange at a time (Twisted's {@code
 * HTTP11ClientProtocol}): it writes a request, reads the response, and hands the body to the
 * {@link ResponseBody} the response reads from. Once both the request and the response are over
 * it goes back to its {@link ConnectionOwner} if both sides meant to keep it, or closes.
 *
 * <p>Failures of an exchange: {@link RequestTransmissionFailed} if the connection ended while
 * the request was written, {@link ResponseNeverReceived} if it ended before any byte of a
 * response, {@link ResponseFailed} if the response broke off or broke HTTP, or the reason given
 * to {@link #abort}. A connection whose exchange failed is never reused.
 */
final class HttpConnection extends Protocol implements BodyFlow {
  private enum State { IDLE, SENT, BODY, SPENT }

  private final ResponseParser parser;
  private @Nullable ConnectionOwner owner;
  private State state = State.IDLE;
  private boolean closed;
  private @Nullable Failure lostReason;
  private boolean readingPaused;
  private boolean reading;

  // The exchange in progress.
  private @Nullable OutgoingRequest request;
  private @Nullable ExchangeListener listener;
  private Deferred<Response> response = new Deferred<>();
  private @Nullable RequestWriter writer;
  private @Nullable ResponseBody body;
  private boolean requestDone;
  private boolean receivedAny;
  private boolean interim;
  private boolean keepAlive;
  private Framing framing = Framing.NONE;
  private @Nullable Throwable abortReason;

  HttpConnection(HttpLimits limits) {
    this.parser = new ResponseParser(limits);
  }

  /** Sets the pool this connection returns to. */
  void attach(ConnectionOwner pool) {
    this.owner = pool;
  }

  /** Returns whether the connection can carry a request now. */
  boolean ready() {
    return state == State.IDLE && !closed && connected() && !transport().disconnecting();
  }

  /**
   * Sends {@code outgoing} and returns the response, which fires once its head has arrived.
   *
   * @throws IllegalStateException if the connection is not {@link #ready}
   */
  Deferred<Response> request(OutgoingRequest outgoing, ExchangeListener exchange) {
    if (!ready()) {
      throw new IllegalStateException("connection is not ready for a request: " + this);
    }
    state = State.SENT;
    request = outgoing;
    listener = exchange;
    response = new Deferred<>();
    writer = null;
    body = null;
    requestDone = false;
    receivedAny = false;
    interim = false;
    abortReason = null;
    Deferred<Response> pending = response;
    MessageEncoder encoder = MessageEncoder.request(outgoing.head());
    parser.requestSent(outgoing.head().method());
    transport().write(encoder.head());
    BodyProducer producer = outgoing.body();
    if (producer == null) {
      transport().write(encoder.end());
      requestSent();
    } else {
      RequestWriter bodyWriter = new RequestWriter(transport(), encoder, producer, this);
      writer = bodyWriter;
      bodyWriter.start();
    }
    return pending;
  }

  /** The whole request has been written. */
  void requestSent() {
    if (state != State.SENT && state != State.BODY) {
      return;
    }
    requestDone = true;
    ExchangeListener current = listener;
    if (current != null) {
      current.requestSent();
    }
  }

  /**
   * Aborts the connection, failing the exchange in progress, if any, with {@code reason} (its
   * body, if the response had arrived, with a {@link ResponseFailed} caused by it).
   */
  @Override
  public void abort(Throwable reason) {
    if (abortReason == null) {
      abortReason = reason;
    }
    failExchange(reason);
    if (!closed && connected()) {
      transport().abortConnection();
    }
  }

  @Override
  public void dataReceived(Bytes data) {
    if (state != State.SENT && state != State.BODY) {
      // A server may speak while idle only to say it is closing (such as a 408): drop it.
      state = State.SPENT;
      transport().abortConnection();
      return;
    }
    receivedAny = true;
    parser.feed(data);
    readEvents();
  }

  @Override
  public void connectionLost(Failure reason) {
    closed = true;
    lostReason = reason;
    RequestWriter bodyWriter = writer;
    if (bodyWriter != null) {
      bodyWriter.stop();
    }
    if (state == State.SENT || state == State.BODY) {
      parser.endOfInput();
      readEvents();
    }
    ConnectionOwner pool = owner;
    if (pool != null) {
      pool.lost(this);
    }
  }

  @Override
  public void setReadingPaused(boolean paused) {
    if (paused == readingPaused) {
      return;
    }
    readingPaused = paused;
    if (!closed) {
      if (paused) {
        transport().pauseProducing();
      } else {
        transport().resumeProducing();
      }
    }
    if (!paused) {
      readEvents();
    }
  }

  @Override
  public Address peer() {
    return transport().peer();
  }

  @Override
  public Address host() {
    return transport().host();
  }

  /** Handles the events the parser has, until it needs more input or reading pauses. */
  private void readEvents() {
    if (reading) {
      return;
    }
    reading = true;
    try {
      while (!readingPaused && (state == State.SENT || state == State.BODY)) {
        Optional<ResponseEvent> next;
        try {
          next = parser.next();
        } catch (HttpParseException e) {
          failExchange(e);
          abortTransport();
          return;
        }
        if (next.isEmpty()) {
          if (closed && state == State.SENT) {
            failExchange(closedReason());
          }
          return;
        }
        switch (next.get()) {
          case ResponseHead head -> headReceived(head);
          case BodyEvent event -> bodyEvent(event);
        }
      }
    } finally {
      reading = false;
    }
  }

  private void headReceived(ResponseHead head) {
    if (head.interim()) {
      if (head.status() == 101) {
        failExchange(new HttpParseException(502, "101 Switching Protocols was not asked for"));
        abortTransport();
        return;
      }
      interim = true;
      return;
    }
    OutgoingRequest sent = Objects.requireNonNull(request);
    framing = parser.framing();
    keepAlive = head.keepAlive() && sent.head().keepAlive() && framing != Framing.UNTIL_CLOSE;
    state = State.BODY;
    ResponseBody newBody = new ResponseBody(this);
    body = newBody;
    response.callback(new Response(head, parser.contentLength(), sent.head().method(),
        sent.uri(), null, newBody));
  }

  private void bodyEvent(BodyEvent event) {
    switch (event) {
      case Content content -> Objects.requireNonNull(body).content(content.data());
      case MessageEnd end -> {
        if (interim) {
          interim = false;
        } else {
          responseEnded();
        }
      }
    }
  }

  private void responseEnded() {
    ResponseBody ended = Objects.requireNonNull(body);
    Failure reason = Failure.of(new ResponseDone());
    if (framing == Framing.UNTIL_CLOSE) {
      Failure lost = Objects.requireNonNull(lostReason);
      reason = lost.exception() instanceof ConnectionDone
          ? Failure.of(new PotentialDataLoss()) : Failure.of(new ResponseFailed(lost.exception()));
    }
    boolean reuse = keepAlive && requestDone;
    RequestWriter bodyWriter = writer;
    if (bodyWriter != null && !bodyWriter.done()) {
      bodyWriter.stop();
      reuse = false;
    }
    state = reuse && !closed ? State.IDLE : State.SPENT;
    endExchange();
    if (state == State.IDLE) {
      ConnectionOwner pool = owner;
      if (pool != null) {
        pool.released(this);
      }
    } else if (!closed) {
      transport().loseConnection();
    }
    ended.end(reason);
  }

  /** Returns why the exchange failed when the connection closed before a response. */
  private Throwable closedReason() {
    Throwable lost = Objects.requireNonNull(lostReason).exception();
    if (!requestDone) {
      return new RequestTransmissionFailed(lost);
    }
    return receivedAny ? new ResponseFailed(lost) : new ResponseNeverReceived(lost);
  }

  /** Fails the exchange in progress, if any: the response Deferred, or else the body. */
  private void failExchange(Throwable cause) {
    State was = state;
    if (was != State.SENT && was != State.BODY) {
      if (was == State.IDLE) {
        state = State.SPENT;
      }
      return;
    }
    state = State.SPENT;
    Throwable reason = abortReason != null ? abortReason : cause;
    RequestWriter bodyWriter = writer;
    if (bodyWriter != null) {
      bodyWriter.stop();
    }
    endExchange();
    if (was == State.SENT) {
      if (!response.called()) {
        response.errback(reason instanceof HttpParseException ? new ResponseFailed(reason) : reason);
      }
    } else {
      Objects.requireNonNull(body).end(Failure.of(
          reason instanceof ResponseFailed ? reason : new ResponseFailed(reason)));
    }
  }

  private void endExchange() {
    ExchangeListener current = listener;
    listener = null;
    if (current != null) {
      current.ended();
    }
  }

  private void abortTransport() {
    if (!closed) {
      transport().abortConnection();
    }
  }

  @Override
  public String toString() {
    return "HttpConnection[" + (connected() ? transport().peer() : "unconnected") + ", "
        + state.name().toLowerCase(Locale.ROOT) + (closed ? ", closed" : "") + "]";
  }
}

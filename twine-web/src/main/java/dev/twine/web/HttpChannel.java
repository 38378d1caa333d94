// Over 500 lines: parsing, the line of pipelined responses, flow control (pipeline cap, request
// bodies, the write buffer), deadlines, closing and draining all act on one connection's state.
package dev.twine.web;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.ConnectionLost;
import dev.twine.internet.HalfCloseableProtocol;
import dev.twine.internet.Protocol;
import dev.twine.internet.ReactorTime;
import dev.twine.internet.StreamTransport;
import dev.twine.web.http.Content;
import dev.twine.web.http.Framing;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.http.HttpParseException;
import dev.twine.web.http.HttpVersion;
import dev.twine.web.http.MessageEnd;
import dev.twine.web.http.RequestEvent;
import dev.twine.web.http.RequestHead;
import dev.twine.web.http.RequestParser;
import dev.twine.web.websocket.CloseCode;
import dev.twine.web.websocket.WebSocketConnection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The server side of one HTTP/1.x connection (Twisted's {@code HTTPChannel}): it parses requests
 * as they arrive, hands each to the {@link Site} at once, and writes the responses in the order
 * of the requests, holding back those that finish early.
 *
 * <p>Reading stops (the transport is paused) while {@code maxPipelinedRequests} requests are in
 * progress, and while a request body waits for a resource that does not read it or paused it.
 * After a request that does not keep the connection alive, nothing more is parsed.
 *
 * <p>One deadline runs at a time, after the phase the connection is in: idle, reading a header
 * section, reading a body, or lingering after an error (the writing half is closed and input is
 * read and dropped for a short while, so that closing does not reset the connection before the
 * client has read the error). Nothing runs while the server is busy answering.
 *
 * <p>Nothing grows without bound for a client that does not read its responses: while the
 * transport's buffer is above its high-water mark, whether a response's producer or the
 * responses written whole filled it, reading stops (the transport is paused, input already read
 * is not parsed, and no request starts), and it goes on once the buffer drains below its
 * low-water mark. The channel hears of both through its {@link ProducerSlot}. A client that
 * stops reading cannot hold the connection for ever either: while the buffer is full, the idle
 * timeout runs, and the connection is aborted when it expires. (Once the connection is closing,
 * the transport itself aborts it if the client reads nothing of what is left: see {@code
 * NioReactor.Options}.)
 *
 * <p>A client that closes its writing half still gets the answers to the requests it sent.
 *
 * <p>When its site {@linkplain Site#shutDown shuts down}, the connection {@linkplain #drain
 * drains}.
 */
final class HttpChannel extends Protocol implements HalfCloseableProtocol {
  /** How long input is drained after an error before the connection closes. */
  static final Duration LINGER = Duration.ofSeconds(2);

  private static final System.Logger LOG = System.getLogger(Site.class.getName());

  private enum Phase { IDLE, HEAD, BODY, BUSY, STALLED, LINGER, CLOSED, SWITCHED }

  private final Site site;
  private final SiteOptions options;
  /**
   * The parser of the request under way, or of input not parsed yet; null between requests, when
   * it went back to the site for another connection: an idle connection holds none.
   */
  private @Nullable RequestParser parser;
  /** The requests whose responses are not written yet. */
  private final ExchangeLine line = new ExchangeLine();
  private final Deadline deadline;
  private final ProducerSlot producerSlot = new ProducerSlot(this);
  private Phase phase = Phase.CLOSED;
  /** The request whose body the parser is in, if any. */
  private @Nullable Request reading;
  /** Whether part of a header section may have arrived. */
  private boolean headBytes;
  private boolean parsing;
  private boolean advancing;
  private boolean noMoreRequests;
  private boolean closeWhenDone;
  private boolean readPaused;
  private boolean peerDone;
  private boolean closing;
  /** Whether the connection has ended: it is heard of once. */
  private boolean ended;
  /** How many requests the connection has carried. */
  private int requests;
  private boolean draining;
  /** Whether the transport's buffer is above its high-water mark: nothing is read or parsed. */
  private boolean writeBlocked;
  /** Whether a response switches protocols: no request is parsed after its request. */
  private boolean switchPending;
  /** The protocol the connection was handed to after {@code 101 Switching Protocols}. */
  private @Nullable Protocol switched;

  HttpChannel(Site site, SiteOptions options, ReactorTime time) {
    this.site = site;
    this.options = options;
    this.deadline = new Deadline(time, this::timedOut);
  }

  @Override
  public void connectionMade() {
    producerSlot.open(transport());
    enter(Phase.IDLE);
    site.opened(this);
  }

  @Override
  public void dataReceived(Bytes data) {
    Protocol next = switched;
    if (next != null) {
      next.dataReceived(data);
      return;
    }
    if (switchPending) {
      parser().feed(data);
      return;
    }
    if (closing || (noMoreRequests && reading == null)) {
      return;
    }
    if (reading == null) {
      headBytes = true;
      enter(Phase.HEAD);
    }
    parser().feed(data);
    parse();
  }

  @Override
  public void readConnectionLost() {
    if (switched != null) {
      if (switched instanceof HalfCloseableProtocol halfCloseable) {
        halfCloseable.readConnectionLost();
      } else {
        transport().loseConnection();
      }
      return;
    }
    peerDone = true;
    if (closing) {
      transport().loseConnection();
      return;
    }
    closeWhenDone = true;
    RequestParser current = parser;
    if (current != null) {
      current.endOfInput();
    }
    parse();
  }

  @Override
  public void writeConnectionLost() {
    if (switched instanceof HalfCloseableProtocol halfCloseable) {
      halfCloseable.writeConnectionLost();
    }
  }

  @Override
  public void connectionLost(Failure reason) {
    if (ended) {
      return;
    }
    ended = true;
    closing = true;
    parser = null;
    producerSlot.close();
    phase = Phase.CLOSED;
    deadline.cancel();
    site.closed(this, transport().peer());
    Protocol next = switched;
    if (next != null) {
      site.upgradeEnded();
      next.connectionLost(reason);
      return;
    }
    Failure gone = Failure.of(new ConnectionLost(
        "the connection ended before the response was complete", reason.exception()));
    Request current = reading;
    reading = null;
    for (Exchange exchange : line) {
      exchange.connectionLost(gone);
    }
    line.clear();
    if (current != null) {
      current.exchange().abandon(gone);
    }
  }

  // --- Parsing ---

  private void parse() {
    if (parsing) {
      return;
    }
    parsing = true;
    try {
      while (!closing && switched == null && !writeBlocked) {
        Request current = reading;
        if (current == null
            ? noMoreRequests || line.size() >= options.maxPipelinedRequests()
            : !current.body().wantsData()) {
          break;
        }
        RequestParser input = parser;
        Optional<RequestEvent> next;
        try {
          next = input == null ? Optional.empty() : input.next();
        } catch (HttpParseException e) {
          parser = null;
          failed(e);
          break;
        }
        if (next.isEmpty()) {
          if (reading == null) {
            headBytes = input != null && input.holdsInput();
          }
          break;
        }
        switch (next.get()) {
          case RequestHead head -> started(head);
          case Content content -> {
            if (phase == Phase.BODY) {
              deadline.set(options.bodyTimeout());
            }
            body(current).received(content.data());
          }
          case MessageEnd end -> {
            reading = null;
            body(current).ended(end.trailers());
          }
        }
      }
    } finally {
      parsing = false;
    }
    releaseParser();
    settle();
  }

  /** Returns the parser, taking one from the site if the connection holds none. */
  private RequestParser parser() {
    RequestParser current = parser;
    if (current == null) {
      current = site.takeParser();
      parser = current;
    }
    return current;
  }

  /**
   * Gives the parser back to the site when it holds nothing: no request is being read and no
   * input waits, so that an idle connection keeps no parser. The parser of a connection that
   * reads no more requests (it may have stopped inside one) or whose client finished sending
   * stays with it.
   */
  private void releaseParser() {
    RequestParser current = parser;
    if (current != null && reading == null && !noMoreRequests && !switchPending && !peerDone
        && !current.holdsInput()) {
      parser = null;
      site.giveBackParser(current);
    }
  }

  private static RequestBody body(@Nullable Request request) {
    if (request == null) {
      throw new IllegalStateException("the parser gave body events outside a request");
    }
    return request.body();
  }

  private void started(RequestHead head) {
    headBytes = false;
    Target target;
    try {
      target = Target.of(head);
    } catch (HttpParseException e) {
      failed(e);
      return;
    }
    boolean keepAlive = head.keepAlive() && ++requests < options.maxRequestsPerConnection();
    Exchange exchange = new Exchange(this, head.method(), head.version(), keepAlive, head.target());
    Exchange previous = line.peekLast();
    List<String> expectations = head.version() == HttpVersion.HTTP_1_1
        && head.headers().contains("Expect") ? head.headers().all("Expect") : List.of();
    RequestParser input = parser();
    boolean hasBody = input.framing() != Framing.NONE;
    RequestBody body = new RequestBody(
        this, exchange, input.contentLength(), hasBody && !expectations.isEmpty());
    exchange.attach(body);
    site.record(exchange, head, transport().peer());
    Request request = new Request(head, target, exchange, body, transport());
    reading = request;
    line.add(exchange);
    if (line.size() == 1) {
      exchange.activate();
    }
    if (!keepAlive) {
      noMoreRequests = true;
    }
    if (draining) {
      lastToClose(previous, exchange);
    }
    if (!onlyContinue(expectations)) {
      reading = null;
      noMoreRequests = true;
      exchange.sendPage(417, "The server cannot meet the expectation: " + expectations, null,
          true);
    } else if (target.segments().isEmpty()) {
      answerWithoutResource(head, exchange);
    } else {
      site.render(request);
    }
  }

  private static boolean onlyContinue(List<String> expectations) {
    if (expectations.isEmpty()) {
      return true;
    }
    for (String value : expectations) {
      for (String element : value.split(",")) {
        if (!element.strip().equalsIgnoreCase("100-continue")) {
          return false;
        }
      }
    }
    return true;
  }

  /** Answers {@code OPTIONS *} (200, no body) and {@code CONNECT} (501: this is no proxy). */
  private static void answerWithoutResource(RequestHead head, Exchange exchange) {
    if (head.method().equals(HttpMethod.CONNECT)) {
      exchange.sendPage(501, "This server is not a proxy.", null, false);
    } else {
      exchange.respond(Bytes.EMPTY);
    }
  }

  /**
   * Answers input that broke HTTP, a limit or a timeout: in place of the request being read if
   * its response has not started, else after the responses in progress; then closes.
   */
  private void failed(HttpParseException error) {
    noMoreRequests = true;
    closeWhenDone = true;
    Request current = reading;
    reading = null;
    if (current != null) {
      current.exchange().takeOver(error.status(), error.reason(), Failure.of(error));
      return;
    }
    Exchange exchange = new Exchange(this, HttpMethod.GET, HttpVersion.HTTP_1_1, false,
        "a request that could not be read");
    site.record(exchange, null, transport().peer());
    line.add(exchange);
    if (line.size() == 1) {
      exchange.activate();
    }
    exchange.sendPage(error.status(), error.reason(), null, true);
  }

  // --- The line of responses ---

  /** Called by an exchange that has finished; writes the responses whose turn has come. */
  void exchangeFinished(Exchange exchange) {
    if (exchange.active()) {
      advance();
    }
  }

  private void advance() {
    if (advancing) {
      return;
    }
    advancing = true;
    try {
      Exchange first;
      while ((first = line.peek()) != null && first.finished()) {
        line.poll();
        first.completed();
        Protocol switchesTo = first.switchesTo();
        if (switchesTo != null) {
          switchTo(switchesTo);
          return;
        }
        if (first.closesConnection()) {
          closeConnection(closeWhenDone || !line.isEmpty() || bodyUnread());
          return;
        }
        Exchange next = line.peek();
        if (next != null) {
          next.activate();
        }
      }
    } finally {
      advancing = false;
    }
    parse();
  }

  /** Returns whether the request being read has body bytes that have not arrived. */
  private boolean bodyUnread() {
    Request current = reading;
    return current != null && current.body().length().orElse(-1) != 0;
  }

  // --- Flow and deadlines ---

  /** Called when a request body starts, stops or resumes wanting data. */
  void bodyFlowChanged() {
    parse();
  }

  /** Called when a response says it closes the connection: no request after it is parsed. */
  void noMoreRequests() {
    noMoreRequests = true;
  }

  /**
   * Called when a response switches protocols: no request after it is parsed, and reading waits
   * for the switch; what arrives meanwhile is kept for the new protocol.
   */
  void switchRequested() {
    noMoreRequests = true;
    switchPending = true;
  }

  /**
   * Hands the connection to {@code next} once the {@code 101} response has been written: it is
   * made with the transport and gets the bytes that followed the request.
   */
  private void switchTo(Protocol next) {
    switched = next;
    switchPending = false;
    site.upgradeStarted();
    reading = null;
    enter(Phase.SWITCHED);
    producerSlot.close();
    pauseReading(false);
    RequestParser input = parser;
    parser = null;
    List<Bytes> rest = input == null ? List.of() : input.takeUnparsed();
    next.makeConnection(transport());
    for (Bytes data : rest) {
      next.dataReceived(data);
    }
    if (draining) {
      goAway(next);
    }
  }

  private void settle() {
    if (closing || switched != null) {
      return;
    }
    if (switchPending) {
      pauseReading(true);
      enter(Phase.BUSY);
      return;
    }
    if (closeWhenDone && line.isEmpty() && reading == null) {
      closeConnection(!peerDone);
      return;
    }
    if (draining && line.isEmpty() && reading == null && !headBytes) {
      closeConnection(false);
      return;
    }
    Request current = reading;
    boolean pause;
    Phase next;
    if (current != null) {
      pause = !current.body().wantsData();
      next = pause || current.body().awaitsContinue() ? Phase.BUSY : Phase.BODY;
    } else if (noMoreRequests) {
      pause = false;
      next = Phase.BUSY;
    } else if (line.size() >= options.maxPipelinedRequests()) {
      pause = true;
      next = Phase.BUSY;
    } else {
      pause = false;
      next = headBytes ? Phase.HEAD : line.isEmpty() ? Phase.IDLE : Phase.BUSY;
    }
    if (writeBlocked) {
      pause = true;
      next = Phase.BUSY;
    }
    pauseReading(pause);
    enter(next);
  }

  private void pauseReading(boolean pause) {
    if (pause != readPaused) {
      readPaused = pause;
      if (pause) {
        transport().pauseProducing();
      } else {
        transport().resumeProducing();
      }
    }
  }

  private void enter(Phase wanted) {
    Phase next = wanted == Phase.BUSY && writeBlocked ? Phase.STALLED : wanted;
    if (next == phase) {
      return;
    }
    phase = next;
    switch (next) {
      case IDLE, STALLED -> deadline.set(options.idleTimeout());
      case HEAD -> deadline.set(options.headerTimeout());
      case BODY -> deadline.set(options.bodyTimeout());
      case LINGER -> deadline.set(LINGER);
      case BUSY -> deadline.clear();
      case CLOSED, SWITCHED -> deadline.cancel();
    }
  }

  private void timedOut() {
    switch (phase) {
      case IDLE -> closeConnection(false);
      case HEAD -> failed(new HttpParseException(408, "the request header section took too long"));
      case BODY -> failed(new HttpParseException(408, "the request body stalled"));
      case STALLED -> {
        LOG.log(System.Logger.Level.INFO, "{0} read nothing for {1} s; aborting the connection",
            transport().peer(), options.idleTimeout().toSeconds());
        abort();
      }
      case LINGER -> transport().loseConnection();
      case BUSY, CLOSED, SWITCHED -> { }
    }
    settle();
  }

  /**
   * Called by the producer slot when the transport's buffer passes its high-water mark ({@code
   * true}) or drains below its low-water mark: reading stops or goes on, and while it is
   * stopped, the idle timeout runs.
   */
  void writeBlocked(boolean blocked) {
    if (blocked == writeBlocked) {
      return;
    }
    writeBlocked = blocked;
    if (!closing && switched == null && !advancing) {
      parse();
    }
  }

  // --- Closing ---

  /**
   * Closes the connection once what was written has been sent; with {@code linger}, only the
   * writing half at first, and input is dropped until the client closes or {@link #LINGER} ends.
   */
  private void closeConnection(boolean linger) {
    if (closing) {
      return;
    }
    closing = true;
    producerSlot.close();
    pauseReading(false);
    if (linger && transport() instanceof StreamTransport stream) {
      stream.loseWriteConnection();
      enter(Phase.LINGER);
    } else {
      transport().loseConnection();
      enter(Phase.CLOSED);
    }
  }

  // --- Shutdown ---

  /**
   * Starts closing gracefully for a shutdown: an idle connection closes now; else requests are
   * still read while responses are under way, the last response whose head has not been sent
   * says {@code Connection: close}, and the connection closes once no request is left; a
   * WebSocket gets {@code 1001 Going Away}.
   */
  void drain() {
    if (draining) {
      return;
    }
    draining = true;
    Protocol next = switched;
    if (next != null) {
      goAway(next);
      return;
    }
    if (closing || switchPending) {
      return;
    }
    lastToClose(null, line.peekLast());
    settle();
  }

  /**
   * Moves the {@code Connection: close} of a draining connection from {@code previous} to
   * {@code last}, the newest request, as far as their heads have not been sent.
   */
  private static void lastToClose(@Nullable Exchange previous, @Nullable Exchange last) {
    if (previous != null && !previous.committed()) {
      previous.closeAfterwards(false);
    }
    if (last != null && !last.committed()) {
      last.closeAfterwards(true);
    }
  }

  private void goAway(Protocol next) {
    if (next instanceof WebSocketConnection socket) {
      if (socket.state() == WebSocketConnection.State.OPEN) {
        socket.sendClose(CloseCode.GOING_AWAY, "the server is shutting down");
      }
    } else {
      transport().loseConnection();
    }
  }

  /**
   * Aborts the connection because the shutdown deadline passed, logging each response that was
   * not completed and a WebSocket that had not closed.
   */
  void abortAtDeadline() {
    if (switched instanceof WebSocketConnection) {
      LOG.log(System.Logger.Level.WARNING,
          "the shutdown deadline passed; aborting the WebSocket of {0}", transport().peer());
    }
    for (Exchange exchange : line) {
      LOG.log(System.Logger.Level.WARNING,
          "the shutdown deadline passed; aborting the response to {0}", exchange.describe());
    }
    abort();
  }

  /** Drops the connection at once: a response can no longer be completed. */
  void abort() {
    closing = true;
    producerSlot.close();
    enter(Phase.CLOSED);
    transport().abortConnection();
  }

  // --- For exchanges ---

  Site site() {
    return site;
  }

  /** Returns the slot a response's producer borrows from the channel while it is written. */
  ProducerSlot producerSlot() {
    return producerSlot;
  }

  String date() {
    return site.date();
  }

  boolean debug() {
    return options.debug();
  }
}

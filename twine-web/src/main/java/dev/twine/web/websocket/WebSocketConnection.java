package dev.twine.web.websocket;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.Producer;
import dev.twine.internet.Protocol;
import dev.twine.internet.PushProducer;
import dev.twine.internet.ReactorTime;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The WebSocket protocol on one connection once the opening handshake is over: it reads and
 * writes frames on its transport, and gives its {@link WebSocketProtocol} whole messages and a
 * way to send them (Autobahn's {@code sendMessage}, {@code sendClose}, {@code sendPing}).
 *
 * <pre>{@code
 * // after the handshake, on the server
 * WebSocketConnection connection =
 *     WebSocketConnection.server(new Echo(), agreement, reactor, WebSocketOptions.DEFAULT);
 * connection.makeConnection(transport);   // the Echo hears onOpen
 * connection.dataReceived(bytesAfterTheHandshake);
 * }</pre>
 *
 * <p>Reading: fragments are joined, compressed messages inflated, text checked as UTF-8 as it
 * comes, pings answered with pongs, all within the {@link WebSocketLimits}. A peer that breaks
 * the protocol gets a close frame with the code for what it did (see {@link FrameParser} and
 * {@link WebSocketException}) and the connection is closed; nothing it sends afterwards is read.
 *
 * <p>Closing: {@link #sendClose} starts the closing handshake; the peer has {@link
 * WebSocketOptions#closeTimeout()} to answer before the connection is dropped. A close frame from
 * the peer is answered with the same code. Once both are sent, a server closes the TCP
 * connection and a client waits the same timeout for the server to do it. The protocol hears
 * {@link WebSocketProtocol#onClose} once the connection has ended.
 *
 * <p>Sending: messages are cut into frames of at most {@link WebSocketOptions#fragmentSize()}
 * and compressed if permessage-deflate was agreed. A large message can be streamed with {@link
 * #beginMessage}, {@link #sendFragment} and {@link #endMessage}; whole messages sent meanwhile
 * follow it. Once the closing handshake has begun, messages, pings and pongs are dropped, since
 * the peer will not read them. Sending before the connection is made fails with {@link
 * IllegalStateException}.
 *
 * <p>Flow control: sending only queues on the transport. To be paused when the peer reads
 * slowly, register a producer with {@link #registerProducer}: the transport pauses it while its
 * buffer is full. To stop reading from the peer, pause this connection ({@link #pauseProducing}):
 * no message is delivered until it resumes, and the transport stops reading.
 *
 * <p>Threading: the thread of the reactor that owns the transport, like any protocol.
 */
public final class WebSocketConnection extends Protocol implements PushProducer {

  /** Where a connection is in its life. */
  public enum State {
    /** Not connected to a transport yet. */
    CONNECTING,
    /** Messages flow both ways. */
    OPEN,
    /** A close frame has been sent or received; the connection is ending. */
    CLOSING,
    /** The connection has ended. */
    CLOSED
  }

  private final Role role;
  private final WebSocketProtocol protocol;
  private final Agreement agreement;
  private final FrameParser parser;
  private final MessageReader reader;
  private final MessageWriter writer;
  private final @Nullable MessageInflater inflater;
  private final @Nullable MessageDeflater deflater;
  private final @Nullable AutoPing autoPing;
  private final ArrayDeque<PreparedMessage> queued = new ArrayDeque<>();
  private final CloseHandshake closing;
  private State state = State.CONNECTING;
  private boolean streaming;
  private boolean paused;
  private boolean draining;
  private @Nullable Producer producer;

  private WebSocketConnection(Role role, WebSocketProtocol protocol, Agreement agreement,
      ReactorTime time, WebSocketOptions options, FrameEncoder encoder) {
    this.role = role;
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.agreement = Objects.requireNonNull(agreement, "agreement");
    this.closing = new CloseHandshake(Objects.requireNonNull(time, "time"), options.closeTimeout());
    Optional<DeflateParameters> deflate = agreement.deflate();
    PerMessageDeflate settings = options.deflate();
    boolean resets = deflate.map(p -> p.noContextTakeover(role) || settings.noContextTakeover())
        .orElse(false);
    this.inflater = deflate.map(p -> new MessageInflater(p.noContextTakeover(role.peer())))
        .orElse(null);
    this.deflater = deflate.filter(p -> p.maxWindowBits(role) == 15)
        .map(p -> new MessageDeflater(settings.compressionLevel(), resets)).orElse(null);
    this.parser = new FrameParser(role, options.limits(), deflate.isPresent());
    this.reader = new MessageReader(options.limits(), inflater, new Receiver());
    this.writer = new MessageWriter(encoder, options.fragmentSize(), deflater, resets, settings);
    this.autoPing = options.autoPingInterval().isZero() ? null
        : new AutoPing(time, options.autoPingInterval(), options.autoPingTimeout(),
            payload -> transport().write(writer.control(Opcode.PING, payload)), this::dropDeadPeer);
    protocol.attach(this);
  }

  /**
   * Returns the server end of a connection whose handshake settled {@code agreement}, which
   * speaks for {@code protocol} and runs its timers on {@code time}.
   *
   * @throws IllegalStateException if {@code protocol} already has a connection
   */
  public static WebSocketConnection server(WebSocketProtocol protocol, Agreement agreement,
      ReactorTime time, WebSocketOptions options) {
    return new WebSocketConnection(Role.SERVER, protocol, agreement, time, options,
        FrameEncoder.forServer());
  }

  /**
   * Returns the client end of a connection, as {@link #server} does, masking its frames with
   * keys drawn from {@code random}, which should be a {@link java.security.SecureRandom}.
   *
   * @throws IllegalStateException if {@code protocol} already has a connection
   */
  public static WebSocketConnection client(WebSocketProtocol protocol, Agreement agreement,
      ReactorTime time, WebSocketOptions options, RandomGenerator random) {
    return new WebSocketConnection(Role.CLIENT, protocol, agreement, time, options,
        FrameEncoder.forClient(random));
  }

  /** Returns which end of the connection this is. */
  public Role role() {
    return role;
  }

  /** Returns what the opening handshake settled: subprotocol and extensions. */
  public Agreement agreement() {
    return agreement;
  }

  /** Returns where the connection is in its life. */
  public State state() {
    return state;
  }

  // --- Protocol ---

  /** Opens the connection: automatic pings start and the protocol hears {@code onOpen}. */
  @Override
  public void connectionMade() {
    state = State.OPEN;
    if (autoPing != null) {
      autoPing.start();
    }
    protocol.onOpen();
  }

  /** Reads frames from {@code data}; ignored once the peer's close frame or a failure came. */
  @Override
  public void dataReceived(Bytes data) {
    if (!closing.received() && !closing.failed() && state != State.CLOSED) {
      parser.feed(data);
      drain();
    }
  }

  /** Ends the connection: timers stop, compressors are freed, the protocol hears {@code onClose}. */
  @Override
  public void connectionLost(Failure reason) {
    state = State.CLOSED;
    producer = null;
    if (autoPing != null) {
      autoPing.stop();
    }
    if (inflater != null) {
      inflater.close();
    }
    if (deflater != null) {
      deflater.close();
    }
    closing.report(protocol, reason);
  }

  // --- Sending ---

  /**
   * Sends a text message.
   *
   * @throws IllegalStateException before the connection is made
   */
  public void sendMessage(String text) {
    sendMessage(Bytes.utf8(text), false);
  }

  /**
   * Sends a message: binary, or text if {@code binary} is false, in which case the payload must be
   * UTF-8. Dropped once the closing handshake has begun.
   *
   * @throws IllegalArgumentException if a text payload is not valid UTF-8
   * @throws IllegalStateException before the connection is made
   */
  public void sendMessage(Bytes payload, boolean binary) {
    send(new PreparedMessage(payload, binary, false));
  }

  /** Sends a message encoded once for many connections; returns whether it was not dropped. */
  boolean send(PreparedMessage message) {
    checkConnected();
    if (state != State.OPEN) {
      return false;
    }
    if (streaming) {
      queued.addLast(message);
    } else {
      transport().writeSequence(writer.message(message));
    }
    return true;
  }

  /**
   * Starts a message sent in parts, for one too large to hold whole: {@link #sendFragment} sends
   * each part as it comes, {@link #endMessage} ends it. Whole messages sent before the end wait
   * for it; pings and pongs do not.
   *
   * @throws IllegalStateException before the connection is made, or if a streamed message is
   *     already in progress
   */
  public void beginMessage(boolean binary) {
    checkConnected();
    if (streaming) {
      throw new IllegalStateException("a streamed message is already in progress");
    }
    streaming = true;
    if (state == State.OPEN) {
      writer.begin(binary);
    }
  }

  /**
   * Sends the next part of the streamed message. Parts of a text message may split a UTF-8
   * sequence; together they must be valid UTF-8.
   *
   * @throws IllegalStateException if no streamed message is in progress
   * @throws IllegalArgumentException if the message is text and this part makes it invalid
   */
  public void sendFragment(Bytes data) {
    checkStreaming();
    if (state == State.OPEN && writer.streaming()) {
      transport().writeSequence(writer.fragment(data));
    }
  }

  /**
   * Ends the streamed message, then sends the whole messages that waited for it.
   *
   * @throws IllegalStateException if no streamed message is in progress
   * @throws IllegalArgumentException if the message is text and ends inside a UTF-8 sequence;
   *     the message then stays in progress
   */
  public void endMessage() {
    checkStreaming();
    if (state == State.OPEN && writer.streaming()) {
      transport().write(writer.end());
    }
    streaming = false;
    while (!queued.isEmpty() && state == State.OPEN) {
      transport().writeSequence(writer.message(queued.removeFirst()));
    }
    queued.clear();
  }

  /**
   * Sends a ping with {@code payload}; the peer answers with a pong carrying it.
   *
   * @throws IllegalArgumentException if the payload is longer than 125 bytes
   * @throws IllegalStateException before the connection is made
   */
  public void sendPing(Bytes payload) {
    sendControl(Opcode.PING, payload);
  }

  /**
   * Sends a pong that no ping asked for, as a one-way heartbeat; pings are answered without
   * this.
   *
   * @throws IllegalArgumentException if the payload is longer than 125 bytes
   * @throws IllegalStateException before the connection is made
   */
  public void sendPong(Bytes payload) {
    sendControl(Opcode.PONG, payload);
  }

  private void sendControl(Opcode opcode, Bytes payload) {
    if (payload.size() > 125) {
      throw new IllegalArgumentException(
          "a " + opcode + " payload has at most 125 bytes, not " + payload.size());
    }
    checkConnected();
    if (state == State.OPEN) {
      transport().write(writer.control(opcode, payload));
    }
  }

  /** Starts the closing handshake with {@link CloseCode#NORMAL_CLOSURE} and no reason. */
  public void sendClose() {
    sendClose(CloseCode.NORMAL_CLOSURE, "");
  }

  /**
   * Starts the closing handshake: sends a close frame with {@code code} and {@code reason}; the
   * peer has {@link WebSocketOptions#closeTimeout()} to answer before the connection is dropped.
   * Does nothing once a close frame has been sent.
   *
   * @throws IllegalArgumentException if {@code code} may not be sent (1005, 1006, 1015) or the
   *     reason is longer than 123 bytes of UTF-8
   * @throws IllegalStateException before the connection is made
   */
  public void sendClose(CloseCode code, String reason) {
    Bytes payload = ClosePayload.encode(code, reason);
    checkConnected();
    if (closing.sent() || state == State.CLOSED) {
      return;
    }
    writeClose(payload);
    beginClosing();
    closing.startTimer("no close frame from the peer", transport()::abortConnection);
  }

  // --- Flow control ---

  /**
   * Registers the producer of this connection's outgoing messages with its transport, which
   * pauses it while its buffer is full and resumes it when the buffer drains. It is unregistered
   * and stopped when this connection starts to close the transport.
   *
   * @throws IllegalStateException if a producer is already registered
   * @throws IllegalArgumentException if the producer is not of the kind {@code streaming} says
   */
  public void registerProducer(Producer producer, boolean streaming) {
    transport().registerProducer(producer, streaming);
    this.producer = producer;
  }

  /** Unregisters the producer, if any; it is not stopped. */
  public void unregisterProducer() {
    if (producer != null) {
      producer = null;
      transport().unregisterProducer();
    }
  }

  /** Stops delivering messages, and stops reading from the peer, until {@link #resumeProducing}. */
  @Override
  public void pauseProducing() {
    paused = true;
    if (state != State.CLOSED) {
      transport().pauseProducing();
    }
  }

  /** Delivers the messages already read, then reads from the peer again. */
  @Override
  public void resumeProducing() {
    paused = false;
    if (state != State.CLOSED) {
      transport().resumeProducing();
      drain();
    }
  }

  /** Closes the connection with {@link CloseCode#GOING_AWAY}: its consumer is going away. */
  @Override
  public void stopProducing() {
    if (state == State.OPEN) {
      sendClose(CloseCode.GOING_AWAY, "");
    }
  }

  // --- Inside ---

  private void drain() {
    if (draining) {
      return;
    }
    draining = true;
    try {
      while (!paused && !closing.received() && !closing.failed()) {
        Optional<FrameEvent> event = parser.next();
        if (event.isEmpty()) {
          return;
        }
        reader.accept(event.get());
      }
    } catch (WebSocketException e) {
      fail(e);
    } finally {
      draining = false;
    }
  }

  /** Fails the connection (RFC 6455 section 7.1.7): our close frame with the code, then close. */
  private void fail(WebSocketException e) {
    closing.fail("sent " + e.code() + ": " + e.reason());
    if (!closing.sent()) {
      writeClose(ClosePayload.encode(e.code(), ClosePayload.truncate(e.reason())));
    }
    beginClosing();
    loseConnection();
  }

  private void writeClose(Bytes payload) {
    closing.markSent();
    transport().write(writer.control(Opcode.CLOSE, payload));
  }

  private void beginClosing() {
    state = State.CLOSING;
    if (autoPing != null) {
      autoPing.stop();
    }
  }

  /** Closes the transport, with a producer stopped first so that the close is not held up. */
  private void loseConnection() {
    Producer registered = producer;
    if (registered != null) {
      unregisterProducer();
      registered.stopProducing();
    }
    closing.startTimer("connection not closed after the closing handshake",
        transport()::abortConnection);
    transport().loseConnection();
  }

  /** Drops a peer that did not answer an automatic ping. */
  private void dropDeadPeer(String why) {
    closing.fail(why);
    beginClosing();
    transport().abortConnection();
  }

  private void checkConnected() {
    if (state == State.CONNECTING) {
      throw new IllegalStateException("the WebSocket connection is not made yet");
    }
  }

  private void checkStreaming() {
    if (!streaming) {
      throw new IllegalStateException("no streamed message is in progress: call beginMessage first");
    }
  }

  @Override
  public String toString() {
    return "WebSocketConnection[" + role + ", " + state + "]";
  }

  /** Hears what the reader assembles. */
  private final class Receiver implements MessageReader.Listener {
    @Override
    public void message(Bytes payload, boolean binary) {
      protocol.onMessage(payload, binary);
    }

    @Override
    public void ping(Bytes payload) {
      if (!transport().disconnecting()) {
        transport().write(writer.control(Opcode.PONG, payload));
      }
      protocol.onPing(payload);
    }

    @Override
    public void pong(Bytes payload) {
      if (autoPing != null) {
        autoPing.pong(payload);
      }
      protocol.onPong(payload);
    }

    @Override
    public void close(ClosePayload close) {
      closing.markReceived(close);
      if (!closing.sent()) {
        writeClose(close.code().sendable()
            ? ClosePayload.encode(close.code(), "") : Bytes.EMPTY);
      }
      beginClosing();
      closing.cancelTimer();
      if (role == Role.SERVER) {
        loseConnection();
      } else {
        closing.startTimer("the server did not close the connection after the closing handshake",
            transport()::abortConnection);
      }
    }
  }
}

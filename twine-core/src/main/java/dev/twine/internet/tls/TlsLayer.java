// Over 500 lines on purpose: the engine's handshake, reading, writing and closing share one state
// (what is held, what is pending, who closed, whether it failed), and each step may need the others
// (a read may need a wrap, a write may end the handshake); splitting them would spread that state.
// The transport it offers is TlsConnection.java; the engine's buffers are EngineBuffers.java.
package dev.twine.internet.tls;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.ConnectionAborted;
import dev.twine.internet.ConnectionClosed;
import dev.twine.internet.ConnectionDone;
import dev.twine.internet.ConnectionLost;
import dev.twine.internet.DelayedCall;
import dev.twine.internet.HalfCloseableProtocol;
import dev.twine.internet.LayerableTransport;
import dev.twine.internet.Protocol;
import dev.twine.internet.PushProducer;
import dev.twine.internet.ReactorFlush;
import dev.twine.internet.ReactorTime;
import dev.twine.internet.StreamTransport;
import dev.twine.internet.Transport;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLProtocolException;
import org.jspecify.annotations.Nullable;

/**
 * TLS between a socket and a protocol, on an {@link SSLEngine} (Twisted's
 * {@code TLSMemoryBIOProtocol}): the protocol of the socket below, and through its
 * {@link TlsConnection} the transport of the protocol above.
 *
 * <p>Reading: what the socket delivers is held as ciphertext and fed to the engine record by
 * record; the plaintext of the records read together goes to the protocol in one
 * {@code dataReceived}. While the protocol has paused reading, the rest stays held (at most one
 * read's worth, since the socket is paused too). Writing: the protocol's writes queue in the
 * {@link TlsConnection} and are encrypted together just before the reactor flushes (with
 * {@link ReactorFlush}; at once on reactors without it), so many small writes become few records.
 *
 * <p>In one of two modes. Connecting the protocol: the protocol is connected once the handshake
 * completes, and never if it fails. Switching (STARTTLS): the protocol was connected already and
 * goes on with this layer's transport; bytes it had received past the switch are fed in first.
 *
 * <p>The handshake runs delegated tasks inline, must complete within the timeout, and may not be
 * followed by another (renegotiation is refused); TLS 1.3 messages after the handshake (session
 * tickets, key updates) are handled. {@code close_notify} goes out when the protocol closes, after
 * its writes, and in answer to the peer's; the protocol hears {@code ConnectionDone} only if one
 * was exchanged, {@code ConnectionLost} otherwise.
 *
 * <p>Half-closing: when the protocol closes only its writing half, {@code close_notify} goes out
 * after its writes, then the socket's writing half is shut (the protocol hears
 * {@code writeConnectionLost}) and reading goes on until the peer's {@code close_notify}. A peer's
 * {@code close_notify} is the end of what it sends: a {@link HalfCloseableProtocol} hears
 * {@code readConnectionLost} and may go on writing (TLS 1.3; under TLS 1.2 the engine answers at
 * once and the connection ends, as RFC 5246 requires), any other protocol has the connection
 * closed. The end of the socket's stream without a {@code close_notify} ends the connection with
 * {@code ConnectionLost}, since what the peer sent may have been cut short.
 *
 * <p>The engine's input and output buffers are per thread, shared by the layers of a reactor,
 * and emptied before any other code runs; a connection keeps only ciphertext the engine has not
 * read ({@link HeldInput}: at most the start of a record while idle). Large reads and writes skip
 * them: the engine decrypts and encrypts into an array of their own, handed on without a copy.
 */
final class TlsLayer extends Protocol implements HalfCloseableProtocol {
  private static final System.Logger LOG = System.getLogger(TlsLayer.class.getName());
  private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);
  private static final ThreadLocal<EngineBuffers> SCRATCH = ThreadLocal.withInitial(EngineBuffers::new);

  private final SSLEngine engine;
  private final Protocol user;
  private final TlsConnection upper = new TlsConnection(this);
  private final ReactorTime time;
  private final @Nullable ReactorFlush flusher;
  private final Duration handshakeTimeout;
  private final HeldInput held;
  private @Nullable Deferred<TlsTransport> handshake;
  private @Nullable Transport socket;
  private @Nullable Bytes plaintext;
  private @Nullable DelayedCall handshakeTimer;
  private boolean userConnected;
  private boolean handshakeDone;
  private boolean handshakeJustDone;
  private boolean readPaused;
  private boolean socketPaused;
  private boolean closeSent;
  private boolean halfClosed;
  private boolean closeReceived;
  private boolean readEndHandled;
  private boolean socketEnded;
  private boolean socketClosing;
  private boolean lost;
  private boolean reading;
  private boolean readAgain;
  private boolean flushing;
  private boolean flushAgain;
  private boolean flushScheduled;
  private @Nullable ConnectionClosed failure;
  private @Nullable Failure ending;

  /**
   * Creates a layer running {@code engine} under {@code user}; {@code switching} says the protocol is
   * already connected (STARTTLS), and {@code alreadyReceived} is ciphertext it received past the
   * switch.
   */
  TlsLayer(SSLEngine engine, Protocol user, boolean switching, ReactorTime time, Duration handshakeTimeout,
      Bytes alreadyReceived) {
    this.engine = engine;
    this.user = user;
    this.userConnected = switching;
    this.time = time;
    this.flusher = time instanceof ReactorFlush flush ? flush : null;
    this.handshakeTimeout = handshakeTimeout;
    this.held = new HeldInput(alreadyReceived);
  }

  /**
   * Returns a Deferred that fires with the protocol's transport when the handshake completes, or
   * fails with why it did not; cancelling it aborts the connection. Made on first call, so a
   * handshake nobody waits for leaves no unhandled failure behind.
   */
  Deferred<TlsTransport> handshake() {
    Deferred<TlsTransport> made = handshake;
    if (made == null) {
      made = new Deferred<>(cancelled -> abort());
      handshake = made;
    }
    return made;
  }

  /** Returns the transport this layer offers the protocol above it. */
  TlsConnection upper() {
    return upper;
  }

  /** Returns the protocol above. */
  Protocol user() {
    return user;
  }

  /** Returns whether the protocol above has been connected. */
  boolean userConnected() {
    return userConnected;
  }

  /** Returns why the connection ended, as the protocol above heard it; null while it is open. */
  @Nullable Failure ending() {
    return ending;
  }

  /**
   * Switches the connection of {@code transport} to TLS: inserts a layer running {@code engine}
   * between its socket and its protocol, feeds it {@code alreadyReceived} first, and starts the
   * handshake.
   */
  static Deferred<TlsTransport> switchToTls(ReactorTime time, LayerableTransport transport, SSLEngine engine,
      Duration handshakeTimeout, Bytes alreadyReceived) {
    TlsLayer layer = new TlsLayer(engine, transport.protocol(), true, time, handshakeTimeout, alreadyReceived);
    Deferred<TlsTransport> done = layer.handshake();
    Transport socket = transport.insertLayer(layer, layer.upper);
    layer.makeConnection(socket);
    return done;
  }

  // --- The socket's events ---

  @Override
  public void connectionMade() {
    Transport given = transport();
    Transport below = given instanceof LayerableTransport layerable ? layerable.insertLayer(this, upper) : given;
    socket = below;
    below.registerProducer(new SocketWrites(), true);
    if (userConnected) {
      below.resumeProducing();
    }
    handshakeTimer = time.callLater(handshakeTimeout, this::handshakeTimedOut);
    try {
      engine.beginHandshake();
    } catch (SSLException | RuntimeException e) {
      fail(e);
      return;
    }
    read();
  }

  @Override
  public void dataReceived(Bytes data) {
    if (stopped()) {
      return;
    }
    held.add(data);
    read();
  }

  @Override
  public void connectionLost(Failure reason) {
    if (lost) {
      return;
    }
    lost = true;
    cancelHandshakeTimer();
    Failure why = Failure.of(outcome(reason));
    ending = why;
    if (userConnected) {
      upper.stopProducer();
      callUser(() -> user.connectionLost(why));
    } else {
      LOG.log(System.Logger.Level.DEBUG, "TLS connection with {0} ended before its handshake completed: {1}",
          transport().peer(), why.message());
    }
    Deferred<TlsTransport> waiting = handshake;
    if (waiting != null && !waiting.called()) {
      waiting.errback(why);
    }
  }

  /** The socket's stream ended: the rest of what is held is read, then the end is judged. */
  @Override
  public void readConnectionLost() {
    socketEnded = true;
    if (!stopped()) {
      read();
    }
  }

  /** The socket's writing half has shut after this layer's {@code close_notify}. */
  @Override
  public void writeConnectionLost() {
    if (!stopped()) {
      writeHalfClosed();
    }
  }

  private ConnectionClosed outcome(Failure reason) {
    if (failure != null) {
      return failure;
    }
    if (reason.exception() instanceof ConnectionAborted aborted) {
      return aborted;
    }
    if (closeReceived || (closeSent && !(halfClosed && !upper.closeAsked()))) {
      return new ConnectionDone("the TLS connection was closed cleanly");
    }
    String peer = String.valueOf(transport().peer());
    return handshakeDone
        ? new ConnectionLost("the connection with " + peer
            + " ended without a TLS close_notify: what it sent may be cut short", reason.exception())
        : new ConnectionLost("the connection with " + peer + " ended during the TLS handshake",
            reason.exception());
  }

  // --- Calls from the transport above ---

  /** Returns whether writes can no longer be sent. */
  boolean writingClosed() {
    return closeSent || stopped();
  }

  /** Returns whether the connection is closing or closed, not just its writing half. */
  boolean closing() {
    return socketClosing || stopped();
  }

  /** Returns whether the socket pushes back on writes. */
  boolean socketPaused() {
    return socketPaused;
  }

  /** Arranges for the queued writes (or a close) to be encrypted before the reactor flushes. */
  void outgoing() {
    if (flushing) {
      flushAgain = true;
    } else if (!flushScheduled && !stopped()) {
      if (flusher == null) {
        flushOutgoing();
      } else {
        flushScheduled = true;
        flusher.callBeforeFlush(this::flushOutgoing);
      }
    }
  }

  void abort() {
    Transport below = socket;
    if (!lost && below != null) {
      below.abortConnection();
    }
  }

  void pauseReading() {
    readPaused = true;
    if (handshakeDone && !lost) {
      socket().pauseProducing();
    }
  }

  void resumeReading() {
    readPaused = false;
    if (lost) {
      return;
    }
    socket().resumeProducing();
    if (plaintext != null || !held.isEmpty()) {
      if (flusher == null) {
        read();
      } else {
        flusher.callBeforeFlush(this::read);
      }
    }
  }

  // --- Reading ---

  /** Feeds held ciphertext to the engine and plaintext to the protocol while both can go on. */
  private void read() {
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    try {
      do {
        readAgain = false;
        readSome();
      } while (readAgain && !stopped());
    } catch (SSLException | RuntimeException e) {
      fail(e);
    } finally {
      reading = false;
    }
  }

  private void readSome() throws SSLException {
    while (!stopped()) {
      if (handshakeJustDone) {
        handshakeJustDone = false;
        handshakeCompleted();
      } else if (plaintext != null) {
        if (readPaused) {
          return;
        }
        Bytes data = plaintext;
        plaintext = null;
        callUser(() -> user.dataReceived(data));
      } else if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && !closeSent) {
        if (!wrapHandshake()) {
          return;
        }
      } else if (closeReceived) {
        if (!readEndHandled) {
          readEndHandled = true;
          peerFinished();
        }
        return;
      } else if (held.isEmpty() || (readPaused && handshakeDone) || !unwrap()) {
        if (socketEnded && (held.isEmpty() || !readPaused || !handshakeDone)) {
          closeSocket();
        }
        return;
      }
    }
  }

  /** Unwraps held records into {@link #plaintext}; returns whether the engine made progress. */
  private boolean unwrap() throws SSLException {
    EngineBuffers scratch = SCRATCH.get();
    ByteBuffer in = held.input(scratch);
    int whole = handshakeDone ? HeldInput.wholeRecords(in) : 0;
    ByteBuffer out = whole >= EngineBuffers.OWN_ARRAY_AT_LEAST
        ? ByteBuffer.allocate(whole)
        : scratch.plain(engine.getSession().getApplicationBufferSize());
    boolean progress = false;
    try {
      while (in.hasRemaining()) {
        SSLEngineResult result = engine.unwrap(in, out);
        progress |= result.bytesConsumed() > 0 || result.bytesProduced() > 0;
        afterStep(result, true);
        Status status = result.getStatus();
        if (status == Status.BUFFER_OVERFLOW && out.position() == 0) {
          out = scratch.growPlain(engine.getSession().getApplicationBufferSize());
          continue;
        }
        if (status == Status.CLOSED) {
          closeReceived = engine.isInboundDone();
          progress |= closeReceived;
        }
        if (status != Status.OK || result.bytesConsumed() == 0 || handshakeJustDone
            || engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
          break;
        }
      }
    } finally {
      held.consumed(in);
      if (out.position() > 0) {
        plaintext = scratch.take(out);
      }
    }
    return progress;
  }

  /** Runs delegated tasks, notes the end of the handshake, and refuses another. */
  private void afterStep(SSLEngineResult result, boolean unwrapping) throws SSLException {
    HandshakeStatus status = result.getHandshakeStatus();
    if (status == HandshakeStatus.NEED_TASK) {
      Runnable task;
      while ((task = engine.getDelegatedTask()) != null) {
        task.run();
      }
      status = engine.getHandshakeStatus();
    }
    if (!handshakeDone) {
      if (result.getStatus() == Status.OK
          && (status == HandshakeStatus.FINISHED || status == HandshakeStatus.NOT_HANDSHAKING)) {
        handshakeDone = true;
        handshakeJustDone = true;
      }
    } else if (unwrapping && result.getStatus() == Status.OK && status != HandshakeStatus.FINISHED
        && status != HandshakeStatus.NOT_HANDSHAKING && !"TLSv1.3".equals(engine.getSession().getProtocol())) {
      throw new SSLProtocolException("the peer started a new handshake; TLS renegotiation is refused");
    }
  }

  private void handshakeCompleted() {
    cancelHandshakeTimer();
    upper.handshakeCompleted(Sessions.settled(engine));
    if (readPaused) {
      socket().pauseProducing();
    }
    if (!userConnected) {
      userConnected = true;
      callUser(() -> user.makeConnection(upper));
    }
    Deferred<TlsTransport> waiting = handshake;
    if (waiting != null && !waiting.called()) {
      waiting.callback(upper);
    }
    outgoing();
  }

  /**
   * The peer sent close_notify. If this side had closed its writing half, or the protocol is
   * half-closeable and may still write, the protocol hears {@code readConnectionLost}; otherwise
   * what can still go is sent, answered with this side's close_notify, and the connection closed.
   */
  private void peerFinished() throws SSLException {
    if (closeSent && !halfClosed) {
      return;
    }
    boolean mayWriteOn = handshakeDone && userConnected && !engine.isOutboundDone();
    if (!closeSent && !(user instanceof HalfCloseableProtocol && mayWriteOn)) {
      if (handshakeDone) {
        wrapData();
      }
      sendCloseNotify();
      return;
    }
    if (user instanceof HalfCloseableProtocol halfCloseable && userConnected) {
      callUser(halfCloseable::readConnectionLost);
    }
    if (closeSent && !stopped()) {
      closeSocket();
    }
  }

  // --- Writing ---

  /** Encrypts the queued writes, then closes if the protocol asked to; run just before a flush. */
  private void flushOutgoing() {
    flushScheduled = false;
    if (flushing) {
      flushAgain = true;
      return;
    }
    flushing = true;
    try {
      do {
        flushAgain = false;
        if (stopped() || closeSent) {
          if (halfClosed && upper.closeAsked() && !stopped()) {
            closeSocket();
          }
          return;
        }
        if (handshakeDone) {
          wrapData();
          if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            wrapHandshake();
          }
          upper.updateProducer(socketPaused);
          if (!upper.hasQueued() && !socketPaused) {
            callUser(upper::pullMore);
          }
        }
        if (upper.closeRequested() && (handshakeDone || !userConnected)) {
          sendCloseNotify();
        } else if (upper.writeCloseRequested() && handshakeDone) {
          sendWriteCloseNotify();
        }
      } while (flushAgain);
    } catch (SSLException | RuntimeException e) {
      fail(e);
    } finally {
      flushing = false;
    }
  }

  /** Encrypts queued writes, several records to each write to the socket, until the socket pushes back. */
  private void wrapData() throws SSLException {
    EngineBuffers scratch = SCRATCH.get();
    int packet = engine.getSession().getPacketBufferSize();
    ByteBuffer out = scratch.records(upper.queuedBytes(), packet);
    ByteBuffer[] sources = scratch.sources;
    try {
      while (upper.hasQueued() && !socketPaused && !stopped()) {
        int count = upper.gather(sources);
        SSLEngineResult result = engine.wrap(sources, 0, count, out);
        Arrays.fill(sources, 0, count, null);
        upper.consumed(result.bytesConsumed());
        afterStep(result, false);
        if (result.getStatus() == Status.CLOSED) {
          upper.discard();
          return;
        }
        if (result.getStatus() == Status.BUFFER_OVERFLOW) {
          if (out.position() == 0) {
            out = scratch.growNet(packet);
          } else {
            send(out);
            out = scratch.records(upper.queuedBytes(), packet);
          }
          continue;
        }
        if (out.remaining() < packet) {
          send(out);
          out = scratch.records(upper.queuedBytes(), packet);
        }
        if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
          return;
        }
      }
    } finally {
      send(out);
    }
  }

  /** Wraps what the engine has to send by itself: handshake messages, alerts, close_notify. */
  private boolean wrapHandshake() throws SSLException {
    EngineBuffers scratch = SCRATCH.get();
    int packet = engine.getSession().getPacketBufferSize();
    ByteBuffer out = scratch.net(packet);
    boolean progress = false;
    try {
      while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
        SSLEngineResult result = engine.wrap(NOTHING, out);
        progress |= result.bytesProduced() > 0;
        afterStep(result, false);
        if (result.getStatus() == Status.BUFFER_OVERFLOW) {
          if (out.position() == 0) {
            out = scratch.growNet(packet);
          } else {
            send(out);
          }
        } else if (result.getStatus() == Status.CLOSED || result.bytesProduced() == 0) {
          break;
        }
      }
    } finally {
      send(out);
    }
    return progress;
  }

  /** Writes what {@code out} holds to the socket (see {@link EngineBuffers#take}); do not reuse it after. */
  private void send(ByteBuffer out) {
    if (out.position() > 0) {
      socket().write(SCRATCH.get().take(out));
    }
  }

  // --- Closing ---

  private void sendCloseNotify() throws SSLException {
    closeSent = true;
    engine.closeOutbound();
    wrapHandshake();
    closeSocket();
  }

  /**
   * Sends close_notify after the protocol's writes and shuts the socket's writing half; reading
   * goes on until the peer's close_notify.
   */
  private void sendWriteCloseNotify() throws SSLException {
    closeSent = true;
    halfClosed = true;
    engine.closeOutbound();
    wrapHandshake();
    Transport below = socket();
    if (below instanceof StreamTransport stream) {
      below.unregisterProducer();
      stream.loseWriteConnection();
    } else {
      writeHalfClosed();
    }
  }

  /** This side's writing half is shut: the protocol hears it; if the peer had finished, it ends. */
  private void writeHalfClosed() {
    if (user instanceof HalfCloseableProtocol halfCloseable) {
      callUser(halfCloseable::writeConnectionLost);
    }
    if (closeReceived && !stopped()) {
      closeSocket();
    }
  }

  private void closeSocket() {
    if (socketClosing) {
      return;
    }
    socketClosing = true;
    Transport below = socket();
    below.unregisterProducer();
    below.loseConnection();
  }

  /** The engine failed (a bad handshake, bad records, renegotiation): sends its alert and closes. */
  private void fail(Exception e) {
    if (stopped()) {
      return;
    }
    String peer = String.valueOf(transport().peer());
    failure = new ConnectionLost((handshakeDone ? "TLS failed on the connection with " + peer + ": "
        : "the TLS handshake with " + peer + " failed: ") + e.getMessage(), e);
    LOG.log(System.Logger.Level.DEBUG, failure.getMessage(), e);
    closeSent = true;
    upper.discard();
    engine.closeOutbound();
    try {
      wrapHandshake();
    } catch (SSLException | RuntimeException alertFailed) {
      LOG.log(System.Logger.Level.DEBUG, "sending the TLS alert to " + peer + " failed", alertFailed);
    }
    closeSocket();
  }

  private void handshakeTimedOut() {
    handshakeTimer = null;
    if (handshakeDone || stopped()) {
      return;
    }
    failure = new ConnectionAborted("the TLS handshake with " + transport().peer() + " did not complete within "
        + handshakeTimeout.toMillis() / 1000.0 + " s", null);
    socket().abortConnection();
  }

  private void cancelHandshakeTimer() {
    DelayedCall timer = handshakeTimer;
    handshakeTimer = null;
    if (timer != null && timer.active()) {
      timer.cancel();
    }
  }

  // --- Helpers ---

  /** Returns whether the connection is over or failing: nothing more is read or written. */
  private boolean stopped() {
    return lost || failure != null;
  }

  private Transport socket() {
    Transport below = socket;
    if (below == null) {
      throw new IllegalStateException("the TLS layer is not connected yet");
    }
    return below;
  }

  /** Calls the protocol above; if it throws, logs it and aborts the connection. */
  private void callUser(Runnable call) {
    try {
      call.run();
    } catch (Throwable e) {
      LOG.log(System.Logger.Level.ERROR, "protocol " + user.getClass().getName() + " of the TLS connection with "
          + transport().peer() + " threw; aborting the connection", e);
      if (failure == null) {
        failure = new ConnectionAborted("the protocol threw: " + e, e);
      }
      if (!lost) {
        socket().abortConnection();
      }
    }
  }

  @Override
  public String toString() {
    return "TlsLayer[" + (connected() ? transport().peer() : "not connected") + ", " + user.getClass().getName() + "]";
  }

  /** The socket's push-back on what this layer writes. */
  private final class SocketWrites implements PushProducer {
    @Override
    public void pauseProducing() {
      socketPaused = true;
      upper.updateProducer(true);
    }

    @Override
    public void resumeProducing() {
      socketPaused = false;
      outgoing();
    }

    @Override
    public void stopProducing() {
      // the connection is ending: connectionLost follows
    }
  }
}

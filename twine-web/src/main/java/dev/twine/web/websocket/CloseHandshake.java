package dev.twine.web.websocket;

import dev.twine.defer.Failure;
import dev.twine.internet.DelayedCall;
import dev.twine.internet.ReactorTime;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The closing handshake of one connection (RFC 6455 section 7): which close frames have gone
 * each way, the timer that drops a peer too slow to finish, and what the protocol is told once
 * the connection has ended.
 *
 * <p>Threading: the thread of the connection's reactor, which runs the timer.
 */
final class CloseHandshake {
  private final ReactorTime time;
  private final Duration timeout;
  private boolean sent;
  private boolean received;
  private ClosePayload peer = ClosePayload.EMPTY;
  /** Why the connection is dropped without a clean close; the first reason given wins. */
  private @Nullable String failure;
  private boolean timedOut;
  private @Nullable DelayedCall timer;

  CloseHandshake(ReactorTime time, Duration timeout) {
    this.time = time;
    this.timeout = timeout;
  }

  /** Returns whether this end has sent its close frame. */
  boolean sent() {
    return sent;
  }

  /** Returns whether the peer's close frame has arrived. */
  boolean received() {
    return received;
  }

  /** Returns whether the connection is being dropped for a reason given to {@link #fail}. */
  boolean failed() {
    return failure != null;
  }

  void markSent() {
    sent = true;
  }

  void markReceived(ClosePayload close) {
    received = true;
    peer = close;
  }

  /** Records why the connection is dropped, unless a reason was recorded before. */
  void fail(String why) {
    if (failure == null) {
      failure = why;
    }
  }

  /**
   * Runs {@code drop} if the timeout passes before {@link #cancelTimer}, recording {@code why}
   * (a phrase that the timeout, such as {@code "within 5000 ms"}, completes) as the reason.
   */
  void startTimer(String why, Runnable drop) {
    cancelTimer();
    timer = time.callLater(timeout, () -> {
      timer = null;
      timedOut = true;
      fail(why + " within " + timeout.toMillis() + " ms");
      drop.run();
    });
  }

  void cancelTimer() {
    DelayedCall pending = timer;
    if (pending != null && pending.active()) {
      pending.cancel();
    }
    timer = null;
  }

  /**
   * Tells {@code protocol} how the connection ended: cleanly if close frames went both ways and
   * no timer had to drop it; with the peer's code and reason if it sent a close frame, else
   * {@link CloseCode#ABNORMAL_CLOSURE} and what happened.
   */
  void report(WebSocketProtocol protocol, Failure reason) {
    cancelTimer();
    if (received) {
      protocol.onClose(sent && !timedOut, peer.code(), peer.reason());
    } else {
      String why = failure;
      protocol.onClose(false, CloseCode.ABNORMAL_CLOSURE,
          why != null ? why : "connection ended without a close frame: " + reason.message());
    }
  }
}

package dev.twine.web.websocket;

import dev.twine.bytes.Bytes;
import dev.twine.internet.DelayedCall;
import dev.twine.internet.ReactorTime;
import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Pings a peer at an interval and reports it dead when it does not answer in time: the next
 * ping goes {@code interval} after the last one was answered, and the peer has {@code timeout}
 * to answer each with a pong carrying the same data.
 *
 * <p>Threading: the thread of the connection's reactor, which runs the timers.
 */
final class AutoPing {

  private final ReactorTime time;
  private final Duration interval;
  private final Duration timeout;
  private final Consumer<Bytes> ping;
  private final Consumer<String> dead;
  private @Nullable DelayedCall next;
  private @Nullable DelayedCall deadline;
  private @Nullable Bytes outstanding;
  private int sent;

  /** Creates it: {@code ping} sends a ping with its payload, {@code dead} drops the peer, saying why. */
  AutoPing(ReactorTime time, Duration interval, Duration timeout, Consumer<Bytes> ping,
      Consumer<String> dead) {
    this.time = time;
    this.interval = interval;
    this.timeout = timeout;
    this.ping = ping;
    this.dead = dead;
  }

  /** Schedules the first ping. */
  void start() {
    next = time.callLater(interval, this::ping);
  }

  private void ping() {
    next = null;
    Bytes payload = Bytes.ascii("twine-" + ++sent);
    outstanding = payload;
    deadline = time.callLater(timeout, () -> {
      deadline = null;
      dead.accept("no pong within " + timeout.toMillis() + " ms of a ping");
    });
    ping.accept(payload);
  }

  /** Takes a pong from the peer: if it answers the outstanding ping, schedules the next one. */
  void pong(Bytes payload) {
    DelayedCall waiting = deadline;
    if (waiting != null && payload.equals(outstanding)) {
      waiting.cancel();
      deadline = null;
      outstanding = null;
      next = time.callLater(interval, this::ping);
    }
  }

  /** Cancels whatever is scheduled; nothing more is sent. Idempotent. */
  void stop() {
    cancel(next);
    cancel(deadline);
    next = null;
    deadline = null;
  }

  private static void cancel(@Nullable DelayedCall call) {
    if (call != null && call.active()) {
      call.cancel();
    }
  }
}

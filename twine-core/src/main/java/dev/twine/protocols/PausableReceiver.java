package dev.twine.protocols;

import dev.twine.bytes.Bytes;
import dev.twine.internet.Protocol;
import dev.twine.internet.PushProducer;

/**
 * What the pausable framing receivers share: they buffer what arrives and deliver it frame by
 * frame, and as a {@link PushProducer} of frames they can be paused (Twisted's
 * {@code _PauseableMixin}).
 *
 * <p>Delivery runs in a loop, never by recursion: a callback that feeds the receiver more data
 * (such as {@code setLineMode(extra)}) or resumes it only adds to what the running loop delivers.
 */
abstract class PausableReceiver extends Protocol implements PushProducer {
  private boolean paused;
  private boolean halted;
  private boolean looping;

  PausableReceiver() {}

  /**
   * Buffers {@code data} and delivers every whole frame now buffered, unless delivery is paused.
   * After the receiver stopped or gave up on bad input, data is dropped; so it is once the
   * transport is closing, together with what is still buffered, since no frame is delivered then:
   * a peer that goes on sending while a closing connection drains its writes does not fill memory.
   */
  @Override
  public void dataReceived(Bytes data) {
    if (halted) {
      return;
    }
    if (transport().disconnecting()) {
      discardBuffered();
      return;
    }
    buffer(data);
    deliver();
  }

  /**
   * Stops delivering frames until {@link #resumeProducing}, and pauses the transport so the peer
   * is not read from meanwhile. Data already received stays buffered. Idempotent.
   */
  @Override
  public void pauseProducing() {
    if (!halted) {
      paused = true;
      transport().pauseProducing();
    }
  }

  /**
   * Resumes the transport and delivers the frames buffered while paused, at once, unless a
   * callback pauses again. Does nothing after {@link #stopProducing}.
   */
  @Override
  public void resumeProducing() {
    if (!halted) {
      paused = false;
      transport().resumeProducing();
      deliver();
    }
  }

  /**
   * Stops delivering for good, drops whatever is buffered or arrives later, and stops the
   * transport (which closes the connection).
   */
  @Override
  public void stopProducing() {
    halt();
    transport().stopProducing();
  }

  /** Returns whether delivery is paused by {@link #pauseProducing}. */
  public boolean paused() {
    return paused;
  }

  /**
   * Returns whether frames may be delivered now: neither paused nor halted, and the transport is
   * not disconnecting (frames after a {@code loseConnection} are dropped, as in Twisted).
   */
  final boolean mayDeliver() {
    return !paused && !halted && !transport().disconnecting();
  }

  /** Stops delivery for good and drops what is buffered, as after input that cannot be framed. */
  final void halt() {
    halted = true;
    discardBuffered();
  }

  /** Runs {@link #deliverBuffered}, unless it is already running further up the stack. */
  final void deliver() {
    if (looping) {
      return;
    }
    looping = true;
    try {
      deliverBuffered();
    } finally {
      looping = false;
    }
  }

  /** Appends received data to the buffer. */
  abstract void buffer(Bytes data);

  /** Drops what is buffered. */
  abstract void discardBuffered();

  /** Delivers whole buffered frames while {@link #mayDeliver()}. */
  abstract void deliverBuffered();
}

package dev.twine.web.client;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.ConnectionAborted;
import dev.twine.internet.Protocol;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * The body of a response as it arrives on a connection: kept until a protocol asks for it with
 * {@code deliverBody}, then handed over as fast as that protocol takes it. While no protocol has
 * asked, or the protocol has paused, the connection stops reading once {@link #HIGH_WATER} bytes
 * wait, so a body takes bounded memory however fast it comes.
 */
final class ResponseBody implements BodySource {
  /** How many bytes may wait for a protocol before the connection stops reading. */
  static final int HIGH_WATER = 64 * 1024;

  private final BodyFlow flow;
  private final ArrayDeque<Bytes> waiting = new ArrayDeque<>();
  private long waitingBytes;
  private @Nullable Protocol protocol;
  private @Nullable Failure end;
  private boolean endDelivered;
  private boolean paused;
  private boolean delivering;
  private boolean stopped;

  ResponseBody(BodyFlow flow) {
    this.flow = flow;
  }

  /** The connection read a piece of the body. */
  void content(Bytes data) {
    if (stopped) {
      return;
    }
    waiting.add(data);
    waitingBytes += data.size();
    drain();
    updateFlow();
  }

  /** The body ended, with {@code reason}: {@link ResponseDone}, a data loss, or a failure. */
  void end(Failure reason) {
    if (end == null) {
      end = reason;
      drain();
    }
  }

  @Override
  public void deliverTo(Protocol receiver) {
    if (protocol != null) {
      throw new IllegalStateException("the body of this response has already been asked for");
    }
    protocol = receiver;
    receiver.makeConnection(new BodyTransport(this));
    drain();
    updateFlow();
  }

  /** The protocol paused the body. */
  void pause() {
    paused = true;
    updateFlow();
  }

  /** The protocol resumed the body. */
  void resume() {
    paused = false;
    drain();
    updateFlow();
  }

  /** The protocol wants no more of the body: the connection is aborted unless the body ended. */
  void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    waiting.clear();
    waitingBytes = 0;
    ConnectionAborted reason = new ConnectionAborted("the body protocol stopped the body", null);
    if (end == null) {
      flow.abort(reason);
    }
    if (end == null || !endDelivered) {
      end = Failure.of(new ResponseFailed(reason));
    }
    drain();
  }

  /** Returns whether the body has been stopped or has ended. */
  boolean finished() {
    return stopped || endDelivered;
  }

  BodyFlow flow() {
    return flow;
  }

  private void drain() {
    Protocol receiver = protocol;
    if (receiver == null || delivering) {
      return;
    }
    delivering = true;
    try {
      Bytes data;
      while (!paused && (data = waiting.poll()) != null) {
        waitingBytes -= data.size();
        receiver.dataReceived(data);
      }
      Failure reason = end;
      if (waiting.isEmpty() && reason != null && !endDelivered) {
        endDelivered = true;
        receiver.connectionLost(reason);
      }
    } finally {
      delivering = false;
    }
  }

  private void updateFlow() {
    if (end == null) {
      flow.setReadingPaused(paused || (protocol == null && waitingBytes >= HIGH_WATER));
    }
  }
}

package dev.twine.web;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.PushProducer;
import dev.twine.web.http.Headers;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The body of one request, between the parser and the resource: pieces wait here until the
 * resource asks for the body, then go to its {@link BodyReceiver} as they arrive; the whole body
 * is gathered for {@link #content()}.
 *
 * <p>Memory stays bounded: while nobody reads the body, at most {@link #WINDOW} bytes wait
 * before the connection stops reading, and a paused receiver stops it at once. Once the response
 * is finished, a body nobody asked for is read and thrown away.
 *
 * <p>With {@code Expect: 100-continue}, the client waits for {@code 100 Continue}, which is sent
 * when the resource first asks for the body.
 */
final class RequestBody implements PushProducer {
  /** How many unread bytes may wait before the connection stops reading. */
  static final int WINDOW = 64 * 1024;

  private final HttpChannel channel;
  private final Exchange exchange;
  private final OptionalLong length;
  private final boolean expectsContinue;
  /** The pieces that arrived before anyone read them; made when the first one does. */
  private @Nullable ArrayDeque<Bytes> waiting;
  private long waitingSize;
  private boolean arrived;
  private boolean continueSent;
  private @Nullable Headers trailers;
  private @Nullable Failure failure;
  private @Nullable BodyReceiver receiver;
  private boolean told;
  private boolean paused;
  private boolean discarding;
  private boolean delivering;
  private @Nullable List<Deferred<Bytes>> contentWaiters;
  private @Nullable Bytes content;
  private @Nullable Failure contentFailure;

  /**
   * Creates the body of a request answered by {@code exchange}; {@code length} is its length if
   * known before it arrives, {@code expectsContinue} whether the client waits for {@code 100
   * Continue}.
   */
  RequestBody(HttpChannel channel, Exchange exchange, OptionalLong length,
      boolean expectsContinue) {
    this.channel = channel;
    this.exchange = exchange;
    this.length = length;
    this.expectsContinue = expectsContinue;
  }

  OptionalLong length() {
    return length;
  }

  // --- From the resource ---

  void deliverTo(BodyReceiver newReceiver) {
    Objects.requireNonNull(newReceiver, "receiver");
    checkDeliverable();
    receiver = newReceiver;
    if (expectsContinue && !continueSent && !arrived && trailers == null && failure == null) {
      continueSent = true;
      exchange.sendContinue();
    }
    try {
      newReceiver.bodyStarted(this);
    } catch (Exception e) {
      receiverFailed(e);
      return;
    }
    deliver();
    channel.bodyFlowChanged();
  }

  Deferred<Bytes> content() {
    Bytes whole = content;
    if (whole != null) {
      return Deferred.succeed(whole);
    }
    Failure failed = contentFailure;
    if (failed != null) {
      return Deferred.fail(failed);
    }
    Deferred<Bytes> result = new Deferred<>();
    List<Deferred<Bytes>> waiters = contentWaiters;
    if (waiters != null) {
      waiters.add(result);
      return result;
    }
    checkDeliverable();
    waiters = new ArrayList<>(1);
    waiters.add(result);
    contentWaiters = waiters;
    deliverTo(new Gatherer());
    return result;
  }

  private void checkDeliverable() {
    if (receiver != null) {
      throw new IllegalStateException("the request body is already being delivered to " + receiver);
    }
    if (discarding) {
      throw new IllegalStateException(
          "the request body was thrown away: the response finished without reading it");
    }
  }

  // --- The receiver's control ---

  @Override
  public void pauseProducing() {
    paused = true;
    channel.bodyFlowChanged();
  }

  @Override
  public void resumeProducing() {
    paused = false;
    deliver();
    channel.bodyFlowChanged();
  }

  @Override
  public void stopProducing() {
    discard();
  }

  // --- From the channel ---

  void received(Bytes data) {
    arrived = true;
    if (discarding) {
      return;
    }
    ArrayDeque<Bytes> queue = waiting;
    if (queue == null) {
      queue = new ArrayDeque<>(2);
      waiting = queue;
    }
    queue.add(data);
    waitingSize += data.size();
    deliver();
  }

  void ended(Headers fields) {
    trailers = fields;
    deliver();
  }

  /** Fails the body with {@code reason}, unless it has arrived whole. */
  void failed(Failure reason) {
    if (trailers == null && failure == null) {
      failure = reason;
      deliver();
    }
  }

  /** The response finished: a body nobody asked for is thrown away from now on. */
  void responseFinished() {
    if (receiver == null) {
      discard();
    }
  }

  /** Returns whether the connection may read more of this body now. */
  boolean wantsData() {
    if (discarding) {
      return true;
    }
    return receiver != null ? !paused : waitingSize < WINDOW;
  }

  /** Returns whether the client still waits for a {@code 100 Continue} that was not sent. */
  boolean awaitsContinue() {
    return expectsContinue && !continueSent && !arrived && trailers == null;
  }

  // --- Delivery ---

  private void discard() {
    discarding = true;
    waiting = null;
    waitingSize = 0;
    told = true;
    channel.bodyFlowChanged();
  }

  private void deliver() {
    BodyReceiver current = receiver;
    if (current == null || delivering || told) {
      return;
    }
    delivering = true;
    try {
      Failure failed = failure;
      if (failed != null) {
        told = true;
        waiting = null;
        current.bodyFailed(failed);
        return;
      }
      ArrayDeque<Bytes> queue = waiting;
      while (!paused && queue != null && !queue.isEmpty() && !told) {
        Bytes data = queue.poll();
        waitingSize -= data.size();
        current.bodyReceived(data);
      }
      Headers fields = trailers;
      if (!paused && (queue == null || queue.isEmpty()) && fields != null && !told) {
        told = true;
        current.bodyEnded(fields);
      }
    } catch (Exception e) {
      receiverFailed(e);
    } finally {
      delivering = false;
    }
  }

  private void receiverFailed(Exception e) {
    discard();
    exchange.renderFailed(e, channel.debug());
  }

  /** Gathers the body for {@link #content()}. */
  private final class Gatherer implements BodyReceiver {
    private final Buffer gathered = new Buffer();

    @Override
    public void bodyReceived(Bytes data) {
      gathered.write(data);
    }

    @Override
    public void bodyEnded(Headers fields) {
      Bytes whole = gathered.readAll();
      content = whole;
      for (Deferred<Bytes> waiter : takeWaiters()) {
        waiter.callback(whole);
      }
    }

    @Override
    public void bodyFailed(Failure reason) {
      contentFailure = reason;
      for (Deferred<Bytes> waiter : takeWaiters()) {
        waiter.errback(reason);
      }
    }

    private List<Deferred<Bytes>> takeWaiters() {
      List<Deferred<Bytes>> waiters = Objects.requireNonNull(contentWaiters);
      contentWaiters = new ArrayList<>(0);
      return waiters;
    }
  }
}

package dev.twine.web;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.defer.Outcome;
import dev.twine.internet.PushProducer;
import dev.twine.web.http.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Reads a request body into a result, such as a form: the shared part of the receivers that
 * {@link RequestUploads} hands bodies to. What a subclass throws fails the result, stops the
 * body (the rest is read and thrown away) and discards what was gathered.
 */
abstract class UploadReader<T> implements BodyReceiver {
  private final SharedOutcome<T> result;
  private @Nullable PushProducer producer;
  private boolean done;

  UploadReader(SharedOutcome<T> result) {
    this.result = result;
  }

  /** Takes the next piece of the body. */
  abstract void received(Bytes data);

  /** Returns the result, once the whole body has been received. */
  abstract T ended();

  /** Gives up what was gathered and not yet handed out in a result. */
  abstract void discard();

  @Override
  public final void bodyStarted(PushProducer flow) {
    producer = flow;
  }

  @Override
  public final void bodyReceived(Bytes data) {
    if (done) {
      return;
    }
    try {
      received(data);
    } catch (RuntimeException e) {
      stop(Failure.of(e));
    }
  }

  @Override
  public final void bodyEnded(Headers trailers) {
    if (done) {
      return;
    }
    T value;
    try {
      value = ended();
    } catch (RuntimeException e) {
      stop(Failure.of(e));
      return;
    }
    done = true;
    result.complete(Outcome.success(value));
  }

  @Override
  public final void bodyFailed(Failure reason) {
    if (!done) {
      done = true;
      discard();
      result.complete(Outcome.failed(reason));
    }
  }

  /** Stops reading the body and fails the result with {@code reason}, unless it is known. */
  final void stop(Failure reason) {
    if (done) {
      return;
    }
    done = true;
    discard();
    PushProducer flow = producer;
    if (flow != null) {
      flow.stopProducing();
    }
    result.complete(Outcome.failed(reason));
  }
}

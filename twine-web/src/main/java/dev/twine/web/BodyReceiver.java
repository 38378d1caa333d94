package dev.twine.web;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.PushProducer;
import dev.twine.web.http.Headers;

/**
 * Receives a request body piece by piece as it arrives, for uploads too large to hold in memory:
 * what {@link Request#deliverBody} hands the body to.
 *
 * <pre>{@code
 * request.deliverBody(new BodyReceiver() {
 *   PushProducer flow;
 *   public void bodyStarted(PushProducer flow) { this.flow = flow; }
 *   public void bodyReceived(Bytes data) {
 *     if (file.write(data) > HIGH_WATER) flow.pauseProducing();   // resume when drained
 *   }
 *   public void bodyEnded(Headers trailers) { request.finish(); }
 *   public void bodyFailed(Failure reason) { file.delete(); }
 * });
 * }</pre>
 *
 * <p>Calls come in this order: {@link #bodyStarted} once, {@link #bodyReceived} any number of
 * times, then either {@link #bodyEnded} or {@link #bodyFailed}, once, unless the receiver stops
 * the producer first. A receiver that throws gives the body up, and the request gets a {@code
 * 500} page if its response has not started.
 *
 * <p>Threading: called on the reactor thread of the request's connection.
 */
public interface BodyReceiver {

  /**
   * Called first, with the producer of the body. Pausing it stops the server from reading the
   * connection until it is resumed, so a slow receiver slows the client down instead of
   * buffering; stopping it gives the body up: the rest is read and thrown away, and the receiver
   * hears nothing more. The default ignores it.
   */
  default void bodyStarted(PushProducer producer) {}

  /** Called with the next piece of the body, never empty, the chunked coding removed. */
  void bodyReceived(Bytes data);

  /** Called when the whole body has arrived, with its trailer fields (empty unless chunked). */
  void bodyEnded(Headers trailers);

  /**
   * Called when the body cannot be completed: {@code ConnectionLost} if the client went away,
   * {@code HttpParseException} if the body broke HTTP or a limit (413) or stalled (408).
   */
  void bodyFailed(Failure reason);
}

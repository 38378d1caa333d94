package dev.twine.web.client;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.Consumer;
import dev.twine.internet.PushProducer;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The body of a request, written when the agent is ready to send it (Twisted's {@code
 * IBodyProducer}). The agent registers the producer with the connection as a streaming producer,
 * so {@link #pauseProducing} and {@link #resumeProducing} come when the network is slower than
 * the producer: an upload of any size takes bounded memory.
 *
 * <pre>{@code
 * agent.request(HttpMethod.POST, "http://example.com/upload",
 *     Headers.of("Content-Type", "text/plain"), BodyProducer.of(Bytes.utf8("hello")));
 * }</pre>
 *
 * <p>With a known {@link #length} the request has a {@code Content-Length} and the producer must
 * write exactly that many bytes; without one it is sent with the chunked coding. A producer that
 * writes more, or less, fails the request with {@link RequestTransmissionFailed}.
 *
 * <p>Threading: every method is called on the reactor thread, and the producer writes on it.
 */
public interface BodyProducer extends PushProducer {

  /** Returns the number of bytes the producer will write, if it knows it in advance. */
  OptionalLong length();

  /**
   * Starts writing the body to {@code consumer}, and returns a Deferred that fires once all of it
   * has been written, or fails if it cannot be. After {@link #stopProducing} the Deferred may
   * never fire; the agent no longer waits for it.
   */
  Deferred<@Nullable Void> startProducing(Consumer consumer);

  /**
   * Returns a new producer of the same body, for sending it again (a 307 or 308 redirect, a
   * retry on a new connection), or empty if this body can be produced only once. The default is
   * empty.
   */
  default Optional<BodyProducer> replay() {
    return Optional.empty();
  }

  /** Returns a producer of {@code data}, which can be replayed. */
  static BodyProducer of(Bytes data) {
    return new BytesBodyProducer(data);
  }
}

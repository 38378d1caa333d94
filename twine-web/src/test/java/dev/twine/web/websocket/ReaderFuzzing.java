package dev.twine.web.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.testing.Chunks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * What the WebSocket fuzz tests share: a {@link FrameParser} and a {@link MessageReader} fed one
 * input whole, byte by byte and cut at random, the events they give, and the checks that every
 * feeding agrees, that nothing but a {@link WebSocketException} was thrown, and that no frame
 * piece or message passed the limits.
 */
final class ReaderFuzzing {
  private ReaderFuzzing() {}

  /** What the reader heard, in order: {@link Message}s and control frames; and the close code it failed with (0 for none). */
  record Outcome(List<Object> events, int failure) {}

  /** A whole message the reader handed out. */
  record Message(boolean binary, Bytes payload) {}

  /** A parser and the reader of its events, fresh for each feeding. */
  record Subject(FrameParser parser, WebSocketLimits limits, @Nullable MessageInflater inflater) {}

  /**
   * Feeds {@code wire} to a fresh subject from {@code subjects} in each split, asserts that all
   * agree and kept within their limits, and returns their outcome.
   */
  static Outcome agreeingOutcome(byte[] wire, Supplier<Subject> subjects) {
    return agreeingOutcome(wire, subjects, UnaryOperator.identity());
  }

  /**
   * Feeds {@code wire} to a fresh subject from {@code subjects} in each split, asserts that all
   * kept within their limits and agree once {@code compared} made of their outcomes, and returns
   * the outcome of the whole input.
   */
  static Outcome agreeingOutcome(byte[] wire, Supplier<Subject> subjects, UnaryOperator<Outcome> compared) {
    Outcome whole = read(subjects.get(), Chunks.whole(wire));
    Outcome byteByByte = read(subjects.get(), Chunks.byteByByte(wire));
    Outcome random = read(subjects.get(), Chunks.random(wire, Arrays.hashCode(wire)));
    assertThat(compared.apply(byteByByte)).as("fed byte by byte").isEqualTo(compared.apply(whole));
    assertThat(compared.apply(random)).as("fed in random chunks").isEqualTo(compared.apply(whole));
    return whole;
  }

  private static Outcome read(Subject subject, List<byte[]> chunks) {
    List<Object> events = new ArrayList<>();
    int maxFrame = subject.limits().maxFrameSize();
    MessageReader reader = new MessageReader(subject.limits(), subject.inflater(), new MessageReader.Listener() {
      @Override
      public void message(Bytes payload, boolean binary) {
        assertThat(payload.size()).as("message size").isLessThanOrEqualTo(subject.limits().maxMessageSize());
        events.add(new Message(binary, payload));
      }

      @Override
      public void ping(Bytes payload) {
        events.add("ping " + payload.hex());
      }

      @Override
      public void pong(Bytes payload) {
        events.add("pong " + payload.hex());
      }

      @Override
      public void close(ClosePayload close) {
        events.add("close " + close);
      }
    });
    try {
      for (byte[] chunk : chunks) {
        subject.parser().feed(Bytes.wrap(chunk));
        for (Optional<FrameEvent> e = subject.parser().next(); e.isPresent(); e = subject.parser().next()) {
          if (e.get() instanceof FramePayload piece) {
            assertThat(piece.data().size()).as("frame payload piece").isLessThanOrEqualTo(maxFrame);
          }
          reader.accept(e.get());
        }
      }
      return new Outcome(events, 0);
    } catch (WebSocketException e) {
      assertThat(e.code().value()).as("close code of %s", e).isIn(1002, 1007, 1009);
      return new Outcome(events, e.code().value());
    } finally {
      MessageInflater inflater = subject.inflater();
      if (inflater != null) {
        inflater.close();
      }
    }
  }
}

package dev.twine.protocols;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.internet.Protocol;
import dev.twine.testing.Chunks;
import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport;
import dev.twine.testing.StringTransport.ProducerState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * What the fuzz tests of the framing receivers share: one input fed whole, byte by byte and cut
 * at random, to a fresh receiver each time, as a reactor would feed it, and the check that every
 * feeding makes the receiver report the same events.
 *
 * <p>Feeding follows a real transport: nothing is fed while the receiver has paused the
 * transport (the clock moves on instead, which is when the receivers under test resume), nothing
 * after it stopped the transport, and data still arrives after a {@code loseConnection}, as it
 * does while the queued writes drain.
 *
 * <p>The received text doubles as commands, so the fuzzer reaches pausing and closing: a string
 * or line containing {@code PAUSE} pauses the receiver for a second, {@code STOP} stops it,
 * {@code CLOSE} closes the connection.
 */
final class ReceiverFuzzing {
  /** Moves the clock at most this many times after the input, to end every pause. */
  private static final int MAX_CLOCK_STEPS = 10_000;

  /** A receiver under test and what it reported. */
  interface Subject {
    Protocol protocol();

    List<String> events();

    /** Checks what must hold once the input is over; {@code byteByByte} says how it was fed. */
    default void checkAtEnd(boolean byteByByte) {}
  }

  private ReceiverFuzzing() {}

  /**
   * Feeds {@code input} to a subject made by {@code make} for each feeding, asserts that all report
   * the same events, and returns them.
   */
  static List<String> agreeingEvents(byte[] input, Function<Clock, Subject> make) {
    List<String> whole = run(Chunks.whole(input), make, false);
    List<String> byteByByte = run(Chunks.byteByByte(input), make, true);
    List<String> random = run(Chunks.random(input, Arrays.hashCode(input)), make, false);
    assertThat(byteByByte).as("events fed byte by byte").isEqualTo(whole);
    assertThat(random).as("events fed in random chunks").isEqualTo(whole);
    return whole;
  }

  /**
   * Obeys the commands in {@code text}, received by {@code receiver}: pausing and stopping only
   * if it is pausable.
   */
  static void obey(Bytes received, Protocol receiver, Clock clock) {
    String text = received.string(StandardCharsets.ISO_8859_1);
    if (receiver instanceof PausableReceiver pausable) {
      if (text.contains("PAUSE")) {
        pausable.pauseProducing();
        clock.callLater(Duration.ofSeconds(1), pausable::resumeProducing);
      }
      if (text.contains("STOP")) {
        pausable.stopProducing();
      }
    }
    if (text.contains("CLOSE")) {
      receiver.transport().loseConnection();
    }
  }

  /** Returns {@code data} as text for an event, with bytes outside printable ASCII escaped. */
  static String show(Bytes data) {
    StringBuilder text = new StringBuilder(data.size());
    for (int i = 0; i < data.size(); i++) {
      int b = data.getUnsigned(i);
      if (b >= 0x20 && b < 0x7f && b != '\\') {
        text.append((char) b);
      } else {
        text.append(String.format("\\x%02x", b));
      }
    }
    return text.toString();
  }

  private static List<String> run(List<byte[]> chunks, Function<Clock, Subject> make, boolean byteByByte) {
    Clock clock = new Clock();
    StringTransport transport = new StringTransport();
    Subject subject = make.apply(clock);
    subject.protocol().makeConnection(transport);
    for (byte[] chunk : chunks) {
      for (int steps = 0; transport.producerState() == ProducerState.PAUSED && steps < MAX_CLOCK_STEPS; steps++) {
        clock.advance(Duration.ofSeconds(1));
      }
      assertThat(transport.producerState()).as("the transport stays paused").isNotEqualTo(ProducerState.PAUSED);
      if (transport.producerState() == ProducerState.STOPPED) {
        break;
      }
      subject.protocol().dataReceived(Bytes.wrap(chunk));
    }
    for (int steps = 0; !clock.pendingCalls().isEmpty() && steps < MAX_CLOCK_STEPS; steps++) {
      clock.advance(Duration.ofSeconds(1));
    }
    subject.checkAtEnd(byteByByte);
    return subject.events();
  }
}

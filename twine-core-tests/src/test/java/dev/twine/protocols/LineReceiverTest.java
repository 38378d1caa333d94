package dev.twine.protocols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport;
import dev.twine.testing.StringTransport.ProducerState;
import dev.twine.testing.TwineTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@TwineTest
class LineReceiverTest {
  private static final Bytes CRLF = Bytes.ascii("\r\n");

  private final StringTransport transport = new StringTransport();
  private final List<String> events = new ArrayList<>();

  static List<Feeding> feedings() {
    return Feeding.all();
  }

  /**
   * Records what it receives as events, and obeys commands sent as lines: {@code BODY n} reads
   * the next n bytes in raw mode, {@code PAUSE} pauses until the clock moves, {@code STOP} stops.
   */
  private class Recorder extends LineReceiver {
    private final Clock clock;
    private final Buffer body = new Buffer();
    private long bodyLeft;

    Recorder(Bytes delimiter, int maxLength, Clock clock) {
      super(delimiter, maxLength);
      this.clock = clock;
    }

    Recorder(Bytes delimiter, int maxLength) {
      this(delimiter, maxLength, new Clock());
    }

    Recorder() {
      this(CRLF, 16);
    }

    @Override
    protected void lineReceived(Bytes line) {
      events.add("line " + line.ascii());
      for (String word : line.ascii().split(" ")) {
        if (word.equals("BODY")) {
          bodyLeft = Long.parseLong(line.ascii().split(" ")[1]);
          setRawMode();
        } else if (word.equals("PAUSE")) {
          pauseProducing();
          clock.callLater(Duration.ZERO, this::resumeProducing);
        } else if (word.equals("STOP")) {
          stopProducing();
        }
      }
    }

    @Override
    protected void rawDataReceived(Bytes data) {
      int used = (int) Math.min(bodyLeft, data.size());
      body.write(data.slice(0, used));
      bodyLeft -= used;
      if (bodyLeft == 0) {
        events.add("body " + body.readAll().ascii());
        setLineMode(data.slice(used, data.size()));
      }
    }

    @Override
    protected void lineLengthExceeded(Bytes data) {
      events.add("too long " + data.ascii());
      super.lineLengthExceeded(data);
    }
  }

  private Recorder connected(Recorder recorder) {
    recorder.makeConnection(transport);
    return recorder;
  }

  @ParameterizedTest
  @MethodSource("feedings")
  void deliversEachLineWithoutItsDelimiter(Feeding feeding) {
    Recorder recorder = connected(new Recorder());
    feeding.feed(recorder, "hello\r\n\r\nworld\r\npartial");
    assertThat(events).containsExactly("line hello", "line ", "line world");

    recorder.dataReceived(Bytes.ascii(" line\r\n"));
    assertThat(events).endsWith("line partial line");
    assertThat(transport.disconnecting()).isFalse();
  }

  @Test
  void waitsForADelimiterSplitAcrossReads() {
    Recorder recorder = connected(new Recorder());
    recorder.dataReceived(Bytes.ascii("one\r"));
    assertThat(events).isEmpty();
    recorder.dataReceived(Bytes.ascii("\ntwo\r"));
    assertThat(events).containsExactly("line one");
    recorder.dataReceived(Bytes.ascii("\n"));
    assertThat(events).containsExactly("line one", "line two");
  }

  @ParameterizedTest
  @MethodSource("feedings")
  void findsALongDelimiterThatOverlapsItself(Feeding feeding) {
    Recorder recorder = connected(new Recorder(Bytes.ascii("\r\n\r\n"), 16));
    feeding.feed(recorder, "a\r\nb\r\n\r\nc\r\r\n\r\n\r\n\r\n");
    assertThat(events).containsExactly("line a\r\nb", "line c\r", "line ");
  }

  @ParameterizedTest
  @MethodSource("feedings")
  void acceptsALineOfExactlyTheMaximumLength(Feeding feeding) {
    Recorder recorder = connected(new Recorder());
    feeding.feed(recorder, "0123456789abcdef\r\n0123456789abcdef\r");
    assertThat(events).containsExactly("line 0123456789abcdef");
    assertThat(transport.disconnecting()).isFalse();
  }

  @ParameterizedTest
  @MethodSource("feedings")
  void refusesALineOneByteOverTheMaximumAndIgnoresTheRest(Feeding feeding) {
    Recorder recorder = connected(new Recorder());
    feeding.feed(recorder, "ok\r\n0123456789abcdefX\r\nignored\r\n");

    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isEqualTo("line ok");
    assertThat(events.get(1)).startsWith("too long 0123456789abcdefX");
    assertThat(transport.disconnecting()).isTrue();
    recorder.dataReceived(Bytes.ascii("more\r\n"));
    assertThat(events).hasSize(2);
  }

  @Test
  void handsOverEverythingBufferedWithTheTooLongLine() {
    Recorder recorder = connected(new Recorder());
    recorder.dataReceived(Bytes.ascii("ok\r\n0123456789abcdefX\r\nnext\r\npart"));
    assertThat(events).containsExactly("line ok", "too long 0123456789abcdefX\r\nnext\r\npart");
  }

  @Test
  void refusesAnUnfinishedLineOnlyOnceItCannotEndWithinTheMaximum() {
    Recorder recorder = connected(new Recorder());
    recorder.dataReceived(Bytes.ascii("0123456789abcdef\r"));
    assertThat(events).isEmpty();
    recorder.dataReceived(Bytes.ascii("\n"));
    assertThat(events).containsExactly("line 0123456789abcdef");

    recorder.dataReceived(Bytes.ascii("0123456789abcdefX"));
    assertThat(events).hasSize(1);
    assertThat(transport.disconnecting()).isFalse();
    recorder.dataReceived(Bytes.ascii("Y"));
    assertThat(events).containsExactly("line 0123456789abcdef", "too long 0123456789abcdefXY");
    assertThat(transport.disconnecting()).isTrue();
  }

  @Test
  void anOverrideOfLineLengthExceededCanGoOnReceiving() {
    LineReceiver resyncing = new LineReceiver(CRLF, 4) {
      @Override
      protected void lineReceived(Bytes line) {
        events.add("line " + line.ascii());
      }

      @Override
      protected void lineLengthExceeded(Bytes data) {
        events.add("skipped");
        int end = data.indexOf(CRLF);
        setLineMode(data.slice(end + CRLF.size(), data.size()));
      }
    };
    resyncing.makeConnection(transport);
    resyncing.dataReceived(Bytes.ascii("much too long\r\nok\r\n"));
    resyncing.dataReceived(Bytes.ascii("fine\r\n"));
    assertThat(events).containsExactly("skipped", "line ok", "line fine");
    assertThat(transport.disconnecting()).isFalse();
  }

  @ParameterizedTest
  @MethodSource("feedings")
  void switchesToRawModeInTheMiddleOfAReadAndBack(Feeding feeding) {
    Recorder recorder = connected(new Recorder());
    feeding.feed(recorder, "HELLO\r\nBODY 5\r\n12345WORLD\r\nBODY 4\r\nab\r\nBYE\r\nBODY 1\r\nx");
    assertThat(events).containsExactly(
        "line HELLO", "line BODY 5", "body 12345", "line WORLD", "line BODY 4", "body ab\r\n",
        "line BYE", "line BODY 1", "body x");
    assertThat(recorder.rawMode()).isFalse();
  }

  @Test
  void setLineModeOutsideACallbackParsesTheExtraAtOnce() {
    Recorder recorder = connected(new Recorder());
    recorder.setRawMode();
    assertThat(recorder.rawMode()).isTrue();
    recorder.setLineMode(Bytes.ascii("first\r\nsecond\r\nthi"));
    assertThat(events).containsExactly("line first", "line second");
    recorder.dataReceived(Bytes.ascii("rd\r\n"));
    assertThat(events).endsWith("line third");
  }

  @Test
  void rawModeWithoutARawHandlerFails() {
    LineReceiver lines = new LineReceiver() {
      @Override
      protected void lineReceived(Bytes line) {
        setRawMode();
      }
    };
    lines.makeConnection(transport);
    assertThatThrownBy(() -> lines.dataReceived(Bytes.ascii("go raw\r\nraw")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("rawDataReceived");
  }

  @Test
  void switchingModesOnEveryLineDoesNotGrowTheStack() {
    List<Bytes> lines = new ArrayList<>();
    LineReceiver flipping = new LineReceiver(Bytes.ascii("\n"), 16) {
      @Override
      protected void lineReceived(Bytes line) {
        lines.add(line);
        setRawMode();
      }

      @Override
      protected void rawDataReceived(Bytes data) {
        setLineMode(data.slice(1, data.size()));
      }
    };
    flipping.makeConnection(transport);
    flipping.dataReceived(Bytes.ascii("x\n" + "-x\n".repeat(10_000)));
    assertThat(lines).hasSize(10_001).containsOnly(Bytes.ascii("x"));
  }

  @ParameterizedTest
  @MethodSource("feedings")
  void pausingHoldsBackBufferedLinesUntilResumed(Feeding feeding, Clock clock) {
    Recorder recorder = connected(new Recorder(CRLF, 16, clock));
    feeding.feed(recorder, "one\r\nPAUSE\r\ntwo\r\nthree\r\n");
    assertThat(events).containsExactly("line one", "line PAUSE");
    assertThat(recorder.paused()).isTrue();
    assertThat(transport.producerState()).isEqualTo(ProducerState.PAUSED);

    clock.advance(Duration.ZERO);
    assertThat(events).containsExactly("line one", "line PAUSE", "line two", "line three");
    assertThat(recorder.paused()).isFalse();
    assertThat(transport.producerState()).isEqualTo(ProducerState.PRODUCING);
  }

  @ParameterizedTest
  @MethodSource("feedings")
  void pausingHoldsBackRawDataToo(Feeding feeding, Clock clock) {
    Recorder recorder = connected(new Recorder(CRLF, 16, clock));
    feeding.feed(recorder, "BODY 5 PAUSE\r\n12345after\r\n");
    assertThat(events).containsExactly("line BODY 5 PAUSE");

    clock.advance(Duration.ZERO);
    assertThat(events).containsExactly("line BODY 5 PAUSE", "body 12345", "line after");
  }

  @Test
  void aProtocolThatPausesAfterEachLineGetsOneLinePerResume() {
    LineReceiver oneAtATime = new LineReceiver() {
      @Override
      protected void lineReceived(Bytes line) {
        transport().write(line);
        pauseProducing();
      }
    };
    oneAtATime.makeConnection(transport);

    oneAtATime.dataReceived(Bytes.ascii("hello, "));
    assertThat(transport.producerState()).isEqualTo(ProducerState.PRODUCING);
    oneAtATime.dataReceived(Bytes.ascii("world\r\n"));
    assertThat(transport.value()).isEqualTo(Bytes.ascii("hello, world"));
    assertThat(transport.producerState()).isEqualTo(ProducerState.PAUSED);

    oneAtATime.resumeProducing();
    assertThat(transport.producerState()).isEqualTo(ProducerState.PRODUCING);
    assertThat(oneAtATime.paused()).isFalse();

    oneAtATime.dataReceived(Bytes.ascii("a\r\nb\r\n"));
    oneAtATime.dataReceived(Bytes.ascii("c\r\n"));
    assertThat(transport.value()).isEqualTo(Bytes.ascii("hello, worlda"));
    oneAtATime.resumeProducing();
    assertThat(transport.value()).isEqualTo(Bytes.ascii("hello, worldab"));
    assertThat(oneAtATime.paused()).isTrue();
    oneAtATime.resumeProducing();
    oneAtATime.resumeProducing();
    assertThat(transport.value()).isEqualTo(Bytes.ascii("hello, worldabc"));
    assertThat(oneAtATime.paused()).isFalse();
    assertThat(transport.producerState()).isEqualTo(ProducerState.PRODUCING);
  }

  @ParameterizedTest
  @MethodSource("feedings")
  void stoppingEndsDeliveryForGoodAndClosesTheConnection(Feeding feeding) {
    Recorder recorder = connected(new Recorder());
    feeding.feed(recorder, "one\r\nSTOP\r\ntwo\r\n");
    recorder.resumeProducing();
    recorder.dataReceived(Bytes.ascii("three\r\n"));
    assertThat(events).containsExactly("line one", "line STOP");
    assertThat(transport.producerState()).isEqualTo(ProducerState.STOPPED);
    assertThat(transport.disconnecting()).isTrue();
  }

  @Test
  void clearLineBufferTakesTheRestOfTheReadAway() {
    List<Bytes> cleared = new ArrayList<>();
    LineReceiver clearing = new LineReceiver() {
      @Override
      protected void lineReceived(Bytes line) {
        events.add("line " + line.ascii());
        cleared.add(clearLineBuffer());
      }
    };
    clearing.makeConnection(transport);
    clearing.dataReceived(Bytes.ascii("foo\r\nbar\r\nbaz"));
    clearing.dataReceived(Bytes.ascii("quux\r\n"));
    assertThat(events).containsExactly("line foo", "line quux");
    assertThat(cleared).containsExactly(Bytes.ascii("bar\r\nbaz"), Bytes.EMPTY);
  }

  @Test
  void sendsLinesWithTheDelimiter() {
    Recorder recorder = connected(new Recorder(Bytes.ascii("\n"), 16));
    recorder.sendLine(Bytes.ascii("one"));
    recorder.sendLine("zwei \u00fc");
    recorder.sendLine(Bytes.EMPTY);
    assertThat(transport.value()).isEqualTo(Bytes.utf8("one\nzwei \u00fc\n\n"));
  }

  @Test
  void refusesToSendALineThatContainsTheDelimiter() {
    Recorder recorder = connected(new Recorder());
    assertThatThrownBy(() -> recorder.sendLine("a\r\nQUIT"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index 1");
    recorder.sendLine("a\rb\nc");
    assertThat(transport.value()).isEqualTo(Bytes.ascii("a\rb\nc\r\n"));
  }

  @Test
  void hasTwistedsDefaults() {
    LineReceiver lines = new LineReceiver() {
      @Override
      protected void lineReceived(Bytes line) {}
    };
    assertThat(lines.delimiter()).isEqualTo(CRLF);
    assertThat(lines.maxLength()).isEqualTo(16384);
  }

  @Test
  void refusesAnEmptyDelimiterOrANegativeMaximum() {
    assertThatThrownBy(() -> new Recorder(Bytes.EMPTY, 16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("delimiter");
    assertThatThrownBy(() -> new Recorder(CRLF, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void searchesALongLineArrivingByteByByteOnlyOnce() {
    // Searching from the start on every read would take minutes instead of a fraction of a second.
    int length = 512 * 1024;
    List<Integer> lengths = new ArrayList<>();
    LineReceiver lines = new LineReceiver(CRLF, length) {
      @Override
      protected void lineReceived(Bytes line) {
        lengths.add(line.size());
      }
    };
    lines.makeConnection(transport);
    Bytes x = Bytes.ascii("x");
    for (int i = 0; i < length; i++) {
      lines.dataReceived(x);
    }
    lines.dataReceived(CRLF);
    assertThat(lengths).containsExactly(length);
  }

  @ParameterizedTest
  @MethodSource("feedings")
  void stopsDeliveringLinesOnceTheProtocolLosesTheConnection(Feeding feeding) {
    LineReceiver quitter = new LineReceiver() {
      @Override
      protected void lineReceived(Bytes line) {
        events.add("line " + line.ascii());
        if (line.ascii().equals("quit")) {
          transport().loseConnection();
        }
      }
    };
    quitter.makeConnection(transport);
    feeding.feed(quitter, "hello\r\nquit\r\nignored\r\n");
    assertThat(events).containsExactly("line hello", "line quit");
  }

  @Test
  void dropsWhatArrivesWhileTheConnectionCloses() {
    Recorder recorder = connected(new Recorder());
    recorder.dataReceived(Bytes.ascii("one\r\n"));
    transport.loseConnection();
    for (int i = 0; i < 100; i++) {
      recorder.dataReceived(Bytes.ascii("more\r\n"));
    }
    assertThat(events).containsExactly("line one");
    assertThat(recorder.clearLineBuffer()).isEqualTo(Bytes.EMPTY);
  }
}

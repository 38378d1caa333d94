package dev.twine.protocols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.testing.StringTransport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LineOnlyReceiverTest {
  private final StringTransport transport = new StringTransport();
  private final List<String> events = new ArrayList<>();

  static List<Feeding> feedings() {
    return Feeding.all();
  }

  private class Recorder extends LineOnlyReceiver {
    Recorder(Bytes delimiter, int maxLength) {
      super(delimiter, maxLength);
    }

    @Override
    protected void lineReceived(Bytes line) {
      events.add("line " + line.ascii());
    }

    @Override
    protected void lineLengthExceeded(Bytes data) {
      events.add("too long " + data.ascii());
      super.lineLengthExceeded(data);
    }
  }

  private Recorder connected(String delimiter, int maxLength) {
    Recorder recorder = new Recorder(Bytes.ascii(delimiter), maxLength);
    recorder.makeConnection(transport);
    return recorder;
  }

  @ParameterizedTest
  @MethodSource("feedings")
  void deliversEachLineWithoutItsDelimiter(Feeding feeding) {
    Recorder recorder = connected("\n", 64);
    feeding.feed(recorder, "foo\n  bleakness\n\n  plastic forks\n  unfinished");
    assertThat(events).containsExactly("line foo", "line   bleakness", "line ", "line   plastic forks");
  }

  @ParameterizedTest
  @MethodSource("feedings")
  void acceptsALineOfExactlyTheMaximumLength(Feeding feeding) {
    Recorder recorder = connected("\r\n", 8);
    feeding.feed(recorder, "12345678\r\n12345678\r");
    assertThat(events).containsExactly("line 12345678");
    assertThat(transport.disconnecting()).isFalse();
  }

  @ParameterizedTest
  @MethodSource("feedings")
  void refusesALineOneByteOverTheMaximumAndIgnoresTheRest(Feeding feeding) {
    Recorder recorder = connected("\r\n", 8);
    feeding.feed(recorder, "ok\r\n123456789\r\nignored\r\n");
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isEqualTo("line ok");
    assertThat(events.get(1)).startsWith("too long 123456789");
    assertThat(transport.disconnecting()).isTrue();

    recorder.dataReceived(Bytes.ascii("more\r\n"));
    assertThat(events).hasSize(2);
  }

  @Test
  void refusesAnUnfinishedLineOnceItCannotEndWithinTheMaximum() {
    Recorder recorder = connected("\r\n", 8);
    recorder.dataReceived(Bytes.ascii("123456789"));
    assertThat(events).isEmpty();
    recorder.dataReceived(Bytes.ascii("0"));
    assertThat(events).containsExactly("too long 1234567890");
    assertThat(transport.disconnecting()).isTrue();
  }

  @Test
  void anOverrideOfLineLengthExceededGoesOnWithTheNextData() {
    LineOnlyReceiver lenient = new LineOnlyReceiver(Bytes.ascii("\n"), 4) {
      @Override
      protected void lineReceived(Bytes line) {
        events.add("line " + line.ascii());
      }

      @Override
      protected void lineLengthExceeded(Bytes data) {
        events.add("dropped " + data.ascii());
      }
    };
    lenient.makeConnection(transport);
    lenient.dataReceived(Bytes.ascii("far too long\nok\n"));
    lenient.dataReceived(Bytes.ascii("fine\n"));
    assertThat(events).containsExactly("dropped far too long\nok\n", "line fine");
    assertThat(transport.disconnecting()).isFalse();
  }

  @Test
  void sendsLinesWithTheDelimiter() {
    Recorder recorder = connected("\r\n", 8);
    recorder.sendLine(Bytes.ascii("one"));
    recorder.sendLine("\u00e9t\u00e9");
    assertThat(transport.value()).isEqualTo(Bytes.utf8("one\r\n\u00e9t\u00e9\r\n"));
    assertThatThrownBy(() -> recorder.sendLine("two\r\nlines"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hasTheDefaultsOfLineReceiver() {
    LineOnlyReceiver lines = new LineOnlyReceiver() {
      @Override
      protected void lineReceived(Bytes line) {}
    };
    assertThat(lines.delimiter()).isEqualTo(Bytes.ascii("\r\n"));
    assertThat(lines.maxLength()).isEqualTo(16384);
  }

  @ParameterizedTest
  @MethodSource("feedings")
  void stopsDeliveringLinesOnceTheProtocolLosesTheConnection(Feeding feeding) {
    LineOnlyReceiver quitter = new LineOnlyReceiver() {
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

  @ParameterizedTest
  @MethodSource("feedings")
  void ignoresWhatArrivesWhileTheConnectionCloses(Feeding feeding) {
    Recorder recorder = connected("\r\n", 8);
    transport.loseConnection();
    feeding.feed(recorder, "short\r\nmuch too long for the limit\r\n");
    assertThat(events).isEmpty();
  }
}

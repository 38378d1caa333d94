package dev.twine.protocols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.protocols.NetstringParseError.Problem;
import dev.twine.testing.StringTransport;
import dev.twine.testing.StringTransport.ProducerState;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NetstringReceiverTest {
  private final StringTransport transport = new StringTransport();
  private final List<String> events = new ArrayList<>();
  private final List<NetstringParseError> errors = new ArrayList<>();

  static List<Feeding> feedings() {
    return Feeding.all();
  }

  private class Recorder extends NetstringReceiver {
    Recorder(int maxLength) {
      super(maxLength);
    }

    @Override
    protected void stringReceived(Bytes string) {
      events.add(string.ascii());
    }

    @Override
    protected void invalidNetstringReceived(NetstringParseError error) {
      errors.add(error);
      super.invalidNetstringReceived(error);
    }
  }

  private Recorder connected(int maxLength) {
    Recorder recorder = new Recorder(maxLength);
    recorder.makeConnection(transport);
    return recorder;
  }

  @ParameterizedTest
  @MethodSource("feedings")
  void deliversEachNetstring(Feeding feeding) {
    Recorder recorder = connected(699);
    String longest = "a".repeat(699);
    feeding.feed(recorder, "5:hello,0:,1:a,4:1:a,,6::today,699:" + longest + ",3:unf");
    assertThat(events).containsExactly("hello", "", "a", "1:a,", ":today", longest);
    assertThat(transport.disconnecting()).isFalse();
    assertThat(recorder.brokenPeer()).isFalse();
  }

  @Test
  void waitsForTheCommaBeforeDelivering() {
    Recorder recorder = connected(50);
    for (String part : List.of("1", "0:01234", "56789")) {
      recorder.dataReceived(Bytes.ascii(part));
    }
    assertThat(events).isEmpty();
    recorder.dataReceived(Bytes.ascii(",1"));
    assertThat(events).containsExactly("0123456789");
    recorder.dataReceived(Bytes.ascii(":b,"));
    assertThat(events).containsExactly("0123456789", "b");
  }

  static Stream<Arguments> invalidInputs() {
    return Stream.of(
        Arguments.of("9999999999999999999999:", Problem.TOO_LONG),
        Arguments.of("51:" + "a".repeat(51) + ",", Problem.TOO_LONG),
        Arguments.of("abc", Problem.MALFORMED_LENGTH),
        Arguments.of(":aaa,", Problem.MALFORMED_LENGTH),
        Arguments.of("3aaa,", Problem.MALFORMED_LENGTH),
        Arguments.of("-3:aaa,", Problem.MALFORMED_LENGTH),
        Arguments.of(" 3:aaa,", Problem.MALFORMED_LENGTH),
        Arguments.of("007:abcdefg,", Problem.LEADING_ZERO),
        Arguments.of("00:,", Problem.LEADING_ZERO),
        Arguments.of("4:abcde", Problem.MISSING_COMMA),
        Arguments.of("2:aaa,", Problem.MISSING_COMMA),
        Arguments.of("0:a,", Problem.MISSING_COMMA),
        Arguments.of("3:abc;", Problem.MISSING_COMMA));
  }

  @ParameterizedTest
  @MethodSource("invalidInputs")
  void refusesInvalidInputWhateverTheFeeding(String invalid, Problem problem) {
    for (Feeding feeding : Feeding.all()) {
      events.clear();
      errors.clear();
      StringTransport fresh = new StringTransport();
      Recorder recorder = new Recorder(50);
      recorder.makeConnection(fresh);

      feeding.feed(recorder, "2:ok," + invalid + "1:x,");

      assertThat(events).as(feeding.name()).containsExactly("ok");
      assertThat(errors).as(feeding.name()).singleElement()
          .extracting(NetstringParseError::problem).isEqualTo(problem);
      assertThat(recorder.brokenPeer()).isTrue();
      assertThat(fresh.disconnecting()).isTrue();
    }
  }

  @Test
  void namesTheOffendingByte() {
    connected(50).dataReceived(Bytes.ascii("3:abc;"));
    assertThat(errors).singleElement().extracting(Throwable::getMessage)
        .isEqualTo("expected ',' after the 3-byte netstring payload, got 0x3b");
  }

  @Test
  void acceptsALengthOfExactlyTheMaximum() {
    Recorder recorder = connected(12);
    recorder.dataReceived(Bytes.ascii("12:abcdefghijkl,"));
    assertThat(events).containsExactly("abcdefghijkl");
    assertThat(errors).isEmpty();
  }

  @Test
  void refusesAnOverLongLengthBeforeItsPayloadArrives() {
    Recorder recorder = connected(11);
    recorder.dataReceived(Bytes.ascii("12"));
    assertThat(errors).singleElement().extracting(Throwable::getMessage)
        .isEqualTo("the netstring length is at least 12, over the maximum of 11");
    assertThat(transport.disconnecting()).isTrue();
  }

  @Test
  void sendsNetstrings() {
    Recorder recorder = connected(50);
    recorder.sendString(Bytes.ascii("hello"));
    recorder.sendString(Bytes.EMPTY);
    recorder.sendString(Bytes.ascii("1:a,"));
    assertThat(transport.value()).isEqualTo(Bytes.ascii("5:hello,0:,4:1:a,,"));
  }

  @ParameterizedTest
  @MethodSource("feedings")
  void readsBackWhatItSends(Feeding feeding) {
    Recorder sender = new Recorder(1000);
    StringTransport wire = new StringTransport();
    sender.makeConnection(wire);
    List<String> strings = List.of("hello", "", ",:,", "a".repeat(1000));
    strings.forEach(s -> sender.sendString(Bytes.ascii(s)));

    feeding.feed(connected(1000), wire.value());
    assertThat(events).containsExactlyElementsOf(strings);
  }

  @Test
  void pausingHoldsBackBufferedNetstrings() {
    Recorder recorder = connected(50);
    recorder.pauseProducing();
    recorder.dataReceived(Bytes.ascii("1:a,1:b,"));
    assertThat(events).isEmpty();
    assertThat(transport.producerState()).isEqualTo(ProducerState.PAUSED);
    recorder.resumeProducing();
    assertThat(events).containsExactly("a", "b");
  }

  @Test
  void refusesANegativeMaximumAndDefaultsToTwistedsMaximum() {
    assertThatThrownBy(() -> new Recorder(-1)).isInstanceOf(IllegalArgumentException.class);
    NetstringReceiver defaults = new NetstringReceiver() {
      @Override
      protected void stringReceived(Bytes string) {}
    };
    assertThat(defaults.maxLength()).isEqualTo(99_999);
  }
}

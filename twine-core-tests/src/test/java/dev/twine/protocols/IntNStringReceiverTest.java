package dev.twine.protocols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.testing.StringTransport;
import dev.twine.testing.StringTransport.ProducerState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class IntNStringReceiverTest {
  private static final int MAX = 10;

  private final StringTransport transport = new StringTransport();
  private final List<String> events = new ArrayList<>();

  /** The three widths of prefix, each with a receiver that records what it gets in events. */
  enum Width {
    INT8(1, Int8Recorder::new),
    INT16(2, Int16Recorder::new),
    INT32(4, Int32Recorder::new);

    final int bytes;
    final BiFunction<List<String>, Integer, IntNStringReceiver> recorder;

    Width(int bytes, BiFunction<List<String>, Integer, IntNStringReceiver> recorder) {
      this.bytes = bytes;
      this.recorder = recorder;
    }

    /** Returns {@code payload} framed by hand: its length as {@code bytes} big-endian bytes, then it. */
    Bytes frame(long length, String payload) {
      Buffer frame = new Buffer();
      for (int i = bytes - 1; i >= 0; i--) {
        frame.writeByte((int) (length >>> 8 * i));
      }
      return frame.write(Bytes.ascii(payload)).readAll();
    }
  }

  private static void record(List<String> events, Bytes string) {
    events.add("string " + string.ascii());
  }

  private static void recordLimit(List<String> events, long length) {
    events.add("too long " + length);
  }

  private static final class Int8Recorder extends Int8StringReceiver {
    private final List<String> events;

    Int8Recorder(List<String> events, int maxLength) {
      super(maxLength);
      this.events = events;
    }

    @Override
    protected void stringReceived(Bytes string) {
      record(events, string);
    }

    @Override
    protected void lengthLimitExceeded(long length) {
      recordLimit(events, length);
      super.lengthLimitExceeded(length);
    }
  }

  private static final class Int16Recorder extends Int16StringReceiver {
    private final List<String> events;

    Int16Recorder(List<String> events, int maxLength) {
      super(maxLength);
      this.events = events;
    }

    @Override
    protected void stringReceived(Bytes string) {
      record(events, string);
    }

    @Override
    protected void lengthLimitExceeded(long length) {
      recordLimit(events, length);
      super.lengthLimitExceeded(length);
    }
  }

  private static final class Int32Recorder extends Int32StringReceiver {
    private final List<String> events;

    Int32Recorder(List<String> events, int maxLength) {
      super(maxLength);
      this.events = events;
    }

    @Override
    protected void stringReceived(Bytes string) {
      record(events, string);
    }

    @Override
    protected void lengthLimitExceeded(long length) {
      recordLimit(events, length);
      super.lengthLimitExceeded(length);
    }
  }

  static Stream<Arguments> widthsAndFeedings() {
    return Stream.of(Width.values())
        .flatMap(width -> Feeding.all().stream().map(feeding -> Arguments.of(width, feeding)));
  }

  private IntNStringReceiver connected(Width width) {
    IntNStringReceiver receiver = width.recorder.apply(events, MAX);
    receiver.makeConnection(transport);
    return receiver;
  }

  @ParameterizedTest
  @MethodSource("widthsAndFeedings")
  void deliversEachStringUpToTheMaximumLength(Width width, Feeding feeding) {
    IntNStringReceiver receiver = connected(width);
    Bytes input = width.frame(1, "a")
        .concat(width.frame(0, ""))
        .concat(width.frame(MAX, "0123456789"))
        .concat(width.frame(3, "a\0b"))
        .concat(width.frame(5, "unfin"));
    feeding.feed(receiver, input.slice(0, input.size() - 1));
    assertThat(events).containsExactly("string a", "string ", "string 0123456789", "string a\0b");
    assertThat(transport.disconnecting()).isFalse();
  }

  @ParameterizedTest
  @MethodSource("widthsAndFeedings")
  void refusesALengthOneOverTheMaximumAndIgnoresTheRest(Width width, Feeding feeding) {
    IntNStringReceiver receiver = connected(width);
    Bytes input = width.frame(2, "ok")
        .concat(width.frame(MAX + 1, "0123456789X"))
        .concat(width.frame(1, "z"));
    feeding.feed(receiver, input);
    assertThat(events).containsExactly("string ok", "too long 11");
    assertThat(transport.disconnecting()).isTrue();

    receiver.dataReceived(width.frame(1, "y"));
    assertThat(events).hasSize(2);
  }

  @Test
  void refusesAnOverLongStringAsSoonAsItsPrefixArrives() {
    IntNStringReceiver receiver = connected(Width.INT32);
    receiver.dataReceived(Bytes.fromHex("ffffffff"));
    assertThat(events).containsExactly("too long 4294967295");
  }

  @ParameterizedTest
  @EnumSource(Width.class)
  void sendsTheLengthBigEndianBeforeTheString(Width width) {
    IntNStringReceiver receiver = connected(width);
    receiver.sendString(Bytes.ascii("foo"));
    receiver.sendString(Bytes.EMPTY);
    assertThat(transport.value()).isEqualTo(width.frame(3, "foo").concat(width.frame(0, "")));
  }

  @Test
  void writesTheWholePrefixOfLongStrings() {
    IntNStringReceiver int16 = connected(Width.INT16);
    int16.sendString(Bytes.wrap(new byte[0x0102]));
    assertThat(transport.value().slice(0, 2)).isEqualTo(Bytes.fromHex("0102"));
    transport.clear();

    IntNStringReceiver int32 = Width.INT32.recorder.apply(events, MAX);
    int32.makeConnection(transport);
    int32.sendString(Bytes.wrap(new byte[0x010203]));
    assertThat(transport.value().slice(0, 4)).isEqualTo(Bytes.fromHex("00010203"));
    assertThat(transport.value().size()).isEqualTo(4 + 0x010203);
  }

  @Test
  void refusesToSendAStringTooLongForThePrefix() {
    IntNStringReceiver int8 = connected(Width.INT8);
    int8.sendString(Bytes.wrap(new byte[255]));
    assertThatThrownBy(() -> int8.sendString(Bytes.wrap(new byte[256])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("256 bytes")
        .hasMessageContaining("at most 255");
    assertThat(transport.value().size()).isEqualTo(1 + 255);

    IntNStringReceiver int16 = Width.INT16.recorder.apply(events, MAX);
    int16.makeConnection(new StringTransport());
    int16.sendString(Bytes.wrap(new byte[65535]));
    assertThatThrownBy(() -> int16.sendString(Bytes.wrap(new byte[65536])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 65535");
  }

  @ParameterizedTest
  @MethodSource("widthsAndFeedings")
  void readsBackWhatItSends(Width width, Feeding feeding) {
    IntNStringReceiver sender = width.recorder.apply(new ArrayList<>(), MAX);
    StringTransport wire = new StringTransport();
    sender.makeConnection(wire);
    List<String> strings = List.of("hello", "", "world", "0123456789");
    strings.forEach(s -> sender.sendString(Bytes.ascii(s)));

    IntNStringReceiver receiver = connected(width);
    feeding.feed(receiver, wire.value());
    assertThat(events).containsExactly("string hello", "string ", "string world", "string 0123456789");
  }

  @ParameterizedTest
  @EnumSource(Width.class)
  void pausingHoldsBackBufferedStrings(Width width) {
    IntNStringReceiver receiver = connected(width);
    receiver.pauseProducing();
    receiver.dataReceived(width.frame(1, "a").concat(width.frame(1, "b")));
    assertThat(events).isEmpty();
    assertThat(transport.producerState()).isEqualTo(ProducerState.PAUSED);

    receiver.resumeProducing();
    assertThat(events).containsExactly("string a", "string b");
    assertThat(transport.producerState()).isEqualTo(ProducerState.PRODUCING);
  }

  @Test
  void describesItsPrefix() {
    assertThat(Stream.of(Width.values()).map(w -> w.recorder.apply(events, MAX)))
        .extracting(IntNStringReceiver::prefixLength, IntNStringReceiver::maxPrefixValue)
        .containsExactly(
            tuple(1, 255L),
            tuple(2, 65535L),
            tuple(4, 4294967295L));
  }

  @Test
  void refusesANegativeMaximumAndDefaultsToTwistedsMaximum() {
    assertThatThrownBy(() -> new Int8Recorder(events, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    Int32StringReceiver defaults = new Int32StringReceiver() {
      @Override
      protected void stringReceived(Bytes string) {}
    };
    assertThat(defaults.maxLength()).isEqualTo(99_999);
  }
}

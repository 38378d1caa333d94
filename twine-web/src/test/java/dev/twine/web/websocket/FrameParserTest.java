package dev.twine.web.websocket;

import static dev.twine.web.websocket.Wire.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.twine.bytes.Bytes;
import dev.twine.testing.Chunks;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Frames read whole, byte by byte and in random pieces come out the same; bad ones fail. */
class FrameParserTest {

  /** Input for a parser of {@code role}, and the frames it must give. */
  record Case(String name, Role role, Bytes wire, List<Frame> frames) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final Bytes HELLO = Bytes.ascii("Hello");

  private static Bytes filled(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i * 31 + 7);
    }
    return Bytes.wrap(bytes);
  }

  /** Payload lengths at the edges of the 8-byte masking steps and of the three length forms. */
  private static final List<Integer> EDGE_LENGTHS = List.of(0, 1, 7, 8, 9, 125, 126, 65535, 65536);

  /** The examples of RFC 6455 section 5.7, and lengths in each of the three forms. */
  static final List<Case> CASES = List.of(
      new Case("RFC: a single-frame unmasked text message", Role.CLIENT,
          hex("81 05 48 65 6c 6c 6f"), List.of(Frame.of(Opcode.TEXT, HELLO))),
      new Case("RFC: a single-frame masked text message", Role.SERVER,
          hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"), List.of(Frame.of(Opcode.TEXT, HELLO))),
      new Case("RFC: a fragmented unmasked text message", Role.CLIENT,
          hex("01 03 48 65 6c 80 02 6c 6f"),
          List.of(new Frame(false, false, Opcode.TEXT, Bytes.ascii("Hel")),
              Frame.of(Opcode.CONTINUATION, Bytes.ascii("lo")))),
      new Case("RFC: unmasked ping", Role.CLIENT,
          hex("89 05 48 65 6c 6c 6f"), List.of(Frame.of(Opcode.PING, HELLO))),
      new Case("RFC: masked pong", Role.SERVER,
          hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58"), List.of(Frame.of(Opcode.PONG, HELLO))),
      new Case("RFC: 256 bytes binary in a single unmasked frame", Role.CLIENT,
          hex("82 7e 01 00").concat(filled(256)), List.of(Frame.of(Opcode.BINARY, filled(256)))),
      new Case("RFC: 64 KiB binary in a single unmasked frame", Role.CLIENT,
          hex("82 7f 00 00 00 00 00 01 00 00").concat(filled(65536)),
          List.of(Frame.of(Opcode.BINARY, filled(65536)))),
      new Case("masked 64 KiB binary", Role.SERVER,
          Wire.fromClient(Frame.of(Opcode.BINARY, filled(65536))),
          List.of(Frame.of(Opcode.BINARY, filled(65536)))),
      new Case("empty frames: text, close, pong", Role.SERVER,
          Wire.concat(Wire.fromClient(Frame.of(Opcode.TEXT, Bytes.EMPTY)),
              Wire.fromClient(Frame.of(Opcode.CLOSE, Bytes.EMPTY)),
              Wire.fromClient(Frame.of(Opcode.PONG, Bytes.EMPTY))),
          List.of(Frame.of(Opcode.TEXT, Bytes.EMPTY), Frame.of(Opcode.CLOSE, Bytes.EMPTY),
              Frame.of(Opcode.PONG, Bytes.EMPTY))),
      new Case("125 and 126 bytes: the longest short length and the shortest 16-bit one",
          Role.SERVER,
          Wire.concat(Wire.fromClient(Frame.of(Opcode.BINARY, filled(125))),
              Wire.fromClient(Frame.of(Opcode.BINARY, filled(126)))),
          List.of(Frame.of(Opcode.BINARY, filled(125)), Frame.of(Opcode.BINARY, filled(126)))),
      new Case("masked, the lengths around each edge of the masking and the length forms",
          Role.SERVER,
          Wire.concat(EDGE_LENGTHS.stream()
              .map(n -> Wire.fromClient(Frame.of(Opcode.BINARY, filled(n)))).toArray(Bytes[]::new)),
          EDGE_LENGTHS.stream().map(n -> Frame.of(Opcode.BINARY, filled(n))).toList()),
      new Case("a ping and a close between the fragments of a message", Role.SERVER,
          Wire.concat(Wire.fromClient(new Frame(false, false, Opcode.BINARY, Bytes.ascii("a"))),
              Wire.fromClient(Frame.of(Opcode.PING, Bytes.ascii("p"))),
              Wire.fromClient(new Frame(false, false, Opcode.CONTINUATION, Bytes.ascii("b"))),
              Wire.fromClient(Frame.of(Opcode.CLOSE, hex("03e8"))),
              Wire.fromClient(Frame.of(Opcode.CONTINUATION, Bytes.ascii("c")))),
          List.of(new Frame(false, false, Opcode.BINARY, Bytes.ascii("a")),
              Frame.of(Opcode.PING, Bytes.ascii("p")),
              new Frame(false, false, Opcode.CONTINUATION, Bytes.ascii("b")),
              Frame.of(Opcode.CLOSE, hex("03e8")),
              Frame.of(Opcode.CONTINUATION, Bytes.ascii("c")))));

  static Stream<Arguments> splits() {
    return CASES.stream().flatMap(c -> Wire.splits(c.wire()).stream().map(s -> Arguments.of(c, s)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("splits")
  void readsTheSameFramesHoweverTheInputIsCut(Case example, Chunks.Split split) {
    FrameParser parser = new FrameParser(example.role(), WebSocketLimits.DEFAULT, false);
    assertThat(Wire.read(parser, split)).isEqualTo(example.frames());
    assertThat(parser.next()).isEmpty();
  }

  @Test
  void givesPayloadAsItArrivesWithoutWaitingForTheEndOfTheFrame() {
    FrameParser parser = new FrameParser(Role.CLIENT, WebSocketLimits.DEFAULT, false);
    parser.feed(hex("82 0a 01 02 03"));
    assertThat(parser.next()).contains(new FrameHeader(true, false, Opcode.BINARY, 10));
    assertThat(parser.next()).contains(new FramePayload(hex("01 02 03"), false));
    assertThat(parser.next()).isEmpty();
    parser.feed(hex("04 05 06 07 08 09 0a 81"));
    assertThat(parser.next()).contains(new FramePayload(hex("04 05 06 07 08 09 0a"), true));
    assertThat(parser.next()).isEmpty();
  }

  @Test
  void unmasksAllThePayloadFedSoFarIntoOnePieceWhateverPiecesItCameIn() {
    Bytes wire = Wire.fromClient(Frame.of(Opcode.BINARY, filled(300)));
    FrameParser parser = new FrameParser(Role.SERVER, WebSocketLimits.DEFAULT, false);
    parser.feed(wire.slice(0, 9));
    parser.feed(wire.slice(9, 100));
    parser.feed(wire.slice(100, 201));
    assertThat(parser.next()).contains(new FrameHeader(true, false, Opcode.BINARY, 300));
    assertThat(parser.next()).contains(new FramePayload(filled(300).slice(0, 193), false));
    assertThat(parser.next()).isEmpty();
    parser.feed(wire.slice(201, 203));
    parser.feed(wire.slice(203, wire.size()));
    assertThat(parser.next()).contains(new FramePayload(filled(300).slice(193, 300), true));
    assertThat(parser.next()).isEmpty();
  }

  @Test
  void aZeroLengthFrameHasOneEmptyPiece() {
    FrameParser parser = new FrameParser(Role.CLIENT, WebSocketLimits.DEFAULT, false);
    parser.feed(hex("89 00"));
    assertThat(parser.next()).contains(new FrameHeader(true, false, Opcode.PING, 0));
    assertThat(parser.next()).contains(new FramePayload(Bytes.EMPTY, true));
    assertThat(parser.next()).isEmpty();
  }

  @Test
  void withAnExtensionRsv1MarksTheFirstFrameOfADataMessage() {
    FrameParser parser = new FrameParser(Role.CLIENT, WebSocketLimits.DEFAULT, true);
    Chunks.Split whole = Wire.splits(hex("41 01 61 80 01 62")).get(0);
    assertThat(Wire.read(parser, whole)).containsExactly(
        new Frame(false, true, Opcode.TEXT, Bytes.ascii("a")),
        Frame.of(Opcode.CONTINUATION, Bytes.ascii("b")));
  }

  /** Input that breaks the protocol, and the close code and reason it must fail with. */
  record Bad(String name, Role role, boolean extension, Bytes wire, CloseCode code, String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String KEY = " 00 00 00 00";

  static final List<Bad> BAD = List.of(
      new Bad("RSV2", Role.SERVER, false, hex("a1 80" + KEY), CloseCode.PROTOCOL_ERROR, "RSV2"),
      new Bad("RSV3", Role.SERVER, true, hex("91 80" + KEY), CloseCode.PROTOCOL_ERROR, "RSV3"),
      new Bad("RSV1 without an extension", Role.SERVER, false, hex("c1 80" + KEY),
          CloseCode.PROTOCOL_ERROR, "RSV1"),
      new Bad("RSV1 on a control frame", Role.SERVER, true, hex("c9 80" + KEY),
          CloseCode.PROTOCOL_ERROR, "RSV1 set on a control frame"),
      new Bad("RSV1 on a continuation", Role.SERVER, true, hex("01 80" + KEY + " c0 80" + KEY),
          CloseCode.PROTOCOL_ERROR, "RSV1 set on a continuation"),
      new Bad("reserved data opcode 3", Role.SERVER, false, hex("83 80" + KEY),
          CloseCode.PROTOCOL_ERROR, "reserved opcode 0x3"),
      new Bad("reserved data opcode 7", Role.SERVER, false, hex("87 80" + KEY),
          CloseCode.PROTOCOL_ERROR, "reserved opcode 0x7"),
      new Bad("reserved control opcode B", Role.SERVER, false, hex("8b 80" + KEY),
          CloseCode.PROTOCOL_ERROR, "reserved opcode 0xb"),
      new Bad("reserved control opcode F", Role.SERVER, false, hex("8f 80" + KEY),
          CloseCode.PROTOCOL_ERROR, "reserved opcode 0xf"),
      new Bad("fragmented ping", Role.SERVER, false, hex("09 80" + KEY),
          CloseCode.PROTOCOL_ERROR, "fragmented control frame"),
      new Bad("ping of 126 bytes", Role.SERVER, false, hex("89 fe 00 7e" + KEY),
          CloseCode.PROTOCOL_ERROR, "control frame longer than 125"),
      new Bad("close of 126 bytes", Role.CLIENT, false, hex("88 7e 00 7e"),
          CloseCode.PROTOCOL_ERROR, "control frame longer than 125"),
      new Bad("unmasked frame from a client", Role.SERVER, false, hex("81 05 48 65 6c 6c 6f"),
          CloseCode.PROTOCOL_ERROR, "unmasked frame from a client"),
      new Bad("masked frame from a server", Role.CLIENT, false,
          hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"), CloseCode.PROTOCOL_ERROR,
          "masked frame from a server"),
      new Bad("16-bit length below 126", Role.CLIENT, false, hex("82 7e 00 7d"),
          CloseCode.PROTOCOL_ERROR, "payload length 125 not in its shortest form"),
      new Bad("64-bit length below 65536", Role.CLIENT, false,
          hex("82 7f 00 00 00 00 00 00 ff ff"), CloseCode.PROTOCOL_ERROR,
          "payload length 65535 not in its shortest form"),
      new Bad("64-bit length with the top bit set", Role.CLIENT, false,
          hex("82 7f 80 00 00 00 00 00 00 01"), CloseCode.PROTOCOL_ERROR,
          "most significant bit"),
      new Bad("frame longer than the limit", Role.CLIENT, false,
          hex("82 7f 00 00 00 01 00 00 00 00"), CloseCode.MESSAGE_TOO_BIG,
          "frame of 4294967296 bytes, more than the limit of 16777216"),
      new Bad("continuation with no message", Role.SERVER, false, hex("80 80" + KEY),
          CloseCode.PROTOCOL_ERROR, "continuation frame with no message to continue"),
      new Bad("continuation after a finished message", Role.CLIENT, false,
          hex("81 01 61 80 01 62"), CloseCode.PROTOCOL_ERROR, "continuation frame with no message"),
      new Bad("new message inside a fragmented one", Role.CLIENT, false,
          hex("01 01 61 82 01 62"), CloseCode.PROTOCOL_ERROR,
          "new message before the fragmented message ended"));

  static Stream<Arguments> badSplits() {
    return BAD.stream().flatMap(c -> Wire.splits(c.wire()).stream().map(s -> Arguments.of(c, s)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("badSplits")
  void failsWithTheCloseCodeOfTheError(Bad bad, Chunks.Split split) {
    FrameParser parser = new FrameParser(bad.role(), WebSocketLimits.DEFAULT, bad.extension());
    assertThatThrownBy(() -> Wire.read(parser, split))
        .isInstanceOfSatisfying(WebSocketException.class, e -> {
          assertThat(e.code()).isEqualTo(bad.code());
          assertThat(e.reason()).contains(bad.reason());
        });
  }

  @Test
  void failsAsSoonAsTheBadByteArrives() {
    FrameParser parser = new FrameParser(Role.SERVER, WebSocketLimits.DEFAULT, false);
    parser.feed(hex("a1"));
    assertThatThrownBy(parser::next).isInstanceOf(WebSocketException.class);
  }

  @Test
  void failsForTheFrameLimitBeforeThePayloadArrives() {
    FrameParser parser =
        new FrameParser(Role.CLIENT, WebSocketLimits.DEFAULT.withMaxFrameSize(1000), false);
    parser.feed(hex("82 7e 03 e8"));
    assertThat(parser.next()).contains(new FrameHeader(true, false, Opcode.BINARY, 1000));
    parser.feed(Bytes.wrap(new byte[1000]).concat(hex("82 7e 03 e9")));
    assertThat(parser.next()).contains(new FramePayload(Bytes.wrap(new byte[1000]), true));
    assertThatThrownBy(parser::next)
        .isInstanceOfSatisfying(WebSocketException.class,
            e -> assertThat(e.code()).isEqualTo(CloseCode.MESSAGE_TOO_BIG));
  }

  @Test
  void keepsFailingAndDropsInputOnceFailed() {
    FrameParser parser = new FrameParser(Role.SERVER, WebSocketLimits.DEFAULT, false);
    parser.feed(hex("83 80"));
    Throwable first = catchThrowable(parser::next);
    assertThat(first).isInstanceOf(WebSocketException.class);
    parser.feed(Wire.fromClient(Frame.of(Opcode.TEXT, HELLO)));
    assertThatThrownBy(parser::next).isSameAs(first);
  }
}

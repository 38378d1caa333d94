package dev.twine.web.websocket;

import static dev.twine.web.websocket.Wire.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.testing.Chunks;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Frames written on the wire: the RFC's bytes, masking, lengths, and reading them back. */
class FrameEncoderTest {

  /** Hands out the given masking keys, one per frame. */
  private static RandomGenerator keys(int... keys) {
    int[] next = {0};
    return () -> (long) keys[next[0]++] << 32;
  }

  @Test
  void writesTheRfcExamples() {
    FrameEncoder server = FrameEncoder.forServer();
    FrameEncoder client = FrameEncoder.forClient(keys(0x37fa213d, 0x37fa213d));
    Bytes hello = Bytes.ascii("Hello");
    assertThat(server.encode(Frame.of(Opcode.TEXT, hello))).isEqualTo(hex("81 05 48 65 6c 6c 6f"));
    assertThat(client.encode(Frame.of(Opcode.TEXT, hello)))
        .isEqualTo(hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"));
    assertThat(server.encode(new Frame(false, false, Opcode.TEXT, Bytes.ascii("Hel"))))
        .isEqualTo(hex("01 03 48 65 6c"));
    assertThat(server.encode(Frame.of(Opcode.CONTINUATION, Bytes.ascii("lo"))))
        .isEqualTo(hex("80 02 6c 6f"));
    assertThat(server.encode(Frame.of(Opcode.PING, hello))).isEqualTo(hex("89 05 48 65 6c 6c 6f"));
    assertThat(client.encode(Frame.of(Opcode.PONG, hello)))
        .isEqualTo(hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58"));
  }

  @Test
  void writesEachLengthInItsShortestForm() {
    FrameEncoder server = FrameEncoder.forServer();
    assertThat(server.encode(Frame.of(Opcode.BINARY, Bytes.wrap(new byte[125]))).slice(0, 2))
        .isEqualTo(hex("82 7d"));
    assertThat(server.encode(Frame.of(Opcode.BINARY, Bytes.wrap(new byte[256]))).slice(0, 4))
        .isEqualTo(hex("82 7e 01 00"));
    assertThat(server.encode(Frame.of(Opcode.BINARY, Bytes.wrap(new byte[65535]))).slice(0, 4))
        .isEqualTo(hex("82 7e ff ff"));
    assertThat(server.encode(Frame.of(Opcode.BINARY, Bytes.wrap(new byte[65536]))).slice(0, 10))
        .isEqualTo(hex("82 7f 00 00 00 00 00 01 00 00"));
  }

  @Test
  void setsRsv1AndLeavesFinOffWhenAsked() {
    assertThat(FrameEncoder.forServer().encode(new Frame(false, true, Opcode.BINARY, Bytes.EMPTY)))
        .isEqualTo(hex("42 00"));
  }

  @Test
  void masksEachFrameWithAFreshKey() {
    FrameEncoder client = FrameEncoder.forClient(keys(0x01020304, 0x0a0b0c0d));
    Frame ping = Frame.of(Opcode.PING, Bytes.EMPTY);
    assertThat(client.encode(ping)).isEqualTo(hex("89 80 01 02 03 04"));
    assertThat(client.encode(ping)).isEqualTo(hex("89 80 0a 0b 0c 0d"));
    assertThat(client.masks()).isTrue();
    assertThat(FrameEncoder.forServer().masks()).isFalse();
  }

  @Test
  void aServerSendsALargePayloadBesideItsHeaderWithoutCopyingIt() {
    FrameEncoder server = FrameEncoder.forServer();
    for (int size : List.of(0, 125, 126, 1023, 1024, 16384, 65535, 65536)) {
      Bytes payload = Bytes.wrap(new byte[size + 2]).slice(1, size + 1);
      List<Bytes> wire = new ArrayList<>();
      server.encode(false, true, Opcode.BINARY, payload, wire);
      Bytes whole = server.encode(new Frame(false, true, Opcode.BINARY, payload));
      assertThat(Wire.concat(wire.toArray(Bytes[]::new))).as("%d bytes", size).isEqualTo(whole);
      if (size < 1024) {
        assertThat(wire).as("%d bytes", size).hasSize(1);
      } else {
        assertThat(wire).as("%d bytes", size).hasSize(2);
        assertThat(wire.get(1)).isSameAs(payload);
      }
    }
  }

  @Test
  void aClientMasksALargePayloadIntoOneValue() {
    FrameEncoder client = FrameEncoder.forClient(keys(0x01020304));
    Bytes payload = Bytes.wrap(new byte[2000]);
    List<Bytes> wire = new ArrayList<>();
    client.encode(true, false, Opcode.BINARY, payload, wire);
    assertThat(wire).hasSize(1);
    assertThat(wire.get(0).slice(0, 8)).isEqualTo(hex("82 fe 07 d0 01 02 03 04"));
    assertThat(wire.get(0).slice(8, 16)).isEqualTo(hex("01 02 03 04 01 02 03 04"));
    assertThat(wire.get(0).size()).isEqualTo(2008);
  }

  @Test
  void refusesControlFramesThatBreakTheRules() {
    assertThatThrownBy(() -> new Frame(false, false, Opcode.PING, Bytes.EMPTY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not final");
    assertThatThrownBy(() -> new Frame(true, true, Opcode.CLOSE, Bytes.EMPTY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("with RSV1");
    assertThatThrownBy(() -> Frame.of(Opcode.PONG, Bytes.wrap(new byte[126])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("126 bytes");
  }

  @Property(tries = 300)
  void whatIsWrittenIsReadBackHoweverItIsCut(@ForAll("frameLists") List<Frame> frames,
      @ForAll boolean fromClient, @ForAll long seed) {
    FrameEncoder encoder = fromClient
        ? FrameEncoder.forClient(RandomGenerator.of("L64X128MixRandom")) : FrameEncoder.forServer();
    Bytes wire = Bytes.EMPTY;
    for (Frame frame : frames) {
      wire = wire.concat(encoder.encode(frame));
    }
    FrameParser parser = new FrameParser(fromClient ? Role.SERVER : Role.CLIENT,
        WebSocketLimits.DEFAULT, true);
    Chunks.Split split = new Chunks.Split("random", Chunks.random(wire.toByteArray(), seed));
    assertThat(Wire.read(parser, split)).isEqualTo(frames);
  }

  /** Valid sequences of frames: messages of one or more fragments, control frames between. */
  @Provide
  Arbitrary<List<Frame>> frameLists() {
    Arbitrary<Bytes> payloads = Arbitraries.bytes().array(byte[].class)
        .ofMaxSize(70_000).edgeCases(e -> e.includeOnly(new byte[0])).map(Bytes::wrap);
    Arbitrary<Bytes> small = Arbitraries.bytes().array(byte[].class).ofMaxSize(125).map(Bytes::wrap);
    Arbitrary<List<Frame>> message = Combinators.combine(
        Arbitraries.of(Opcode.TEXT, Opcode.BINARY), Arbitraries.of(true, false),
        payloads.list().ofMinSize(1).ofMaxSize(3))
        .as((opcode, compressed, parts) -> {
          List<Frame> fragments = new ArrayList<>();
          for (int i = 0; i < parts.size(); i++) {
            fragments.add(new Frame(i == parts.size() - 1, i == 0 && compressed,
                i == 0 ? opcode : Opcode.CONTINUATION, parts.get(i)));
          }
          return fragments;
        });
    Arbitrary<List<Frame>> control = Combinators.combine(
        Arbitraries.of(Opcode.PING, Opcode.PONG, Opcode.CLOSE), small)
        .as((opcode, payload) -> List.of(Frame.of(opcode, payload)));
    return Arbitraries.oneOf(message, control).list().ofMaxSize(4)
        .map(lists -> lists.stream().flatMap(List::stream).toList());
  }
}

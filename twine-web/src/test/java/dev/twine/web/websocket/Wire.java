package dev.twine.web.websocket;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.testing.Chunks;
import dev.twine.testing.StringTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/** Frames on the wire for tests: written by hand, and read back whole. */
final class Wire {
  private Wire() {}

  /** Returns the bytes written in {@code hex}, spaces allowed. */
  static Bytes hex(String hex) {
    return Bytes.fromHex(hex.replace(" ", ""));
  }

  /** Returns a client's frame as the wire carries it: masked with a key drawn from a fixed seed. */
  static Bytes fromClient(Frame frame) {
    return FrameEncoder.forClient(new SplittableRandom(7)).encode(frame);
  }

  /** Returns a server's frame as the wire carries it. */
  static Bytes fromServer(Frame frame) {
    return FrameEncoder.forServer().encode(frame);
  }

  /** Returns the frames {@code parser} reads from {@code split}, each payload joined. */
  static List<Frame> read(FrameParser parser, Chunks.Split split) {
    List<Frame> frames = new ArrayList<>();
    FrameHeader[] header = new FrameHeader[1];
    Buffer payload = new Buffer();
    split.feed(chunk -> {
      parser.feed(Bytes.wrap(chunk));
      for (Optional<FrameEvent> e = parser.next(); e.isPresent(); e = parser.next()) {
        switch (e.get()) {
          case FrameHeader h -> {
            header[0] = h;
            payload.clear();
          }
          case FramePayload piece -> {
            payload.write(piece.data());
            if (piece.endOfFrame()) {
              FrameHeader h = header[0];
              frames.add(new Frame(h.fin(), h.rsv1(), h.opcode(), payload.readAll()));
            }
          }
        }
      }
    });
    return frames;
  }

  /** Returns {@code bytes} cut into the splits that tests feed. */
  static List<Chunks.Split> splits(Bytes bytes) {
    return Chunks.all(bytes.toByteArray(), 20260611L);
  }

  /** Returns the concatenation of {@code parts}. */
  static Bytes concat(Bytes... parts) {
    Bytes all = Bytes.EMPTY;
    for (Bytes part : parts) {
      all = all.concat(part);
    }
    return all;
  }

  /** Returns the frames written so far by an end playing {@code sender}, whole, and clears them. */
  static List<Frame> sent(StringTransport transport, Role sender) {
    FrameParser parser = new FrameParser(sender.peer(), WebSocketLimits.DEFAULT, true);
    List<Frame> frames = read(parser, new Chunks.Split("written", Chunks.whole(transport.value().toByteArray())));
    transport.clear();
    return frames;
  }

  /** Returns a close frame with {@code code} and {@code reason}. */
  static Frame close(int code, String reason) {
    return Frame.of(Opcode.CLOSE, ClosePayload.encode(new CloseCode(code), reason));
  }
}

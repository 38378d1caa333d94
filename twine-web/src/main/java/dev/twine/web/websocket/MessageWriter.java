package dev.twine.web.websocket;

import dev.twine.bytes.Bytes;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns the messages one end sends into frames on the wire: compressed when permessage-deflate
 * is in use and the message is large enough, cut into frames of at most the fragment size, and
 * masked by a client. A message can also be streamed: begun, sent fragment by fragment, ended.
 *
 * <p>Threading: belongs to its connection.
 */
final class MessageWriter {
  private final FrameEncoder encoder;
  private final int fragmentSize;
  private final @Nullable MessageDeflater deflater;
  private final int compressionLevel;
  private final int minimumSize;
  /** Whether the frames of a message are the same on every connection encoding like this one. */
  private final boolean shareable;
  private final Utf8Validator streamText = new Utf8Validator();
  private boolean streaming;
  private Opcode streamOpcode = Opcode.BINARY;
  private boolean streamCompressed;
  private boolean streamStarted;

  /**
   * Creates a writer. {@code deflater} is null unless this end compresses; {@code resets} says
   * whether it resets after each message.
   */
  MessageWriter(FrameEncoder encoder, int fragmentSize, @Nullable MessageDeflater deflater,
      boolean resets, PerMessageDeflate settings) {
    this.encoder = encoder;
    this.fragmentSize = fragmentSize;
    this.deflater = deflater;
    this.compressionLevel = settings.compressionLevel();
    this.minimumSize = settings.minimumSize();
    this.shareable = !encoder.masks() && (deflater == null || resets);
  }

  /**
   * Returns the frames of a whole message, encoded once for every connection that can share them
   * when the message goes to more than one. A large payload is not copied: it goes in the frames
   * as it is, or in slices when it is cut into fragments.
   */
  List<Bytes> message(PreparedMessage message) {
    boolean compress = deflater != null && message.payload().size() >= minimumSize;
    if (!shareable || !message.shared()) {
      return encode(message, compress);
    }
    PreparedMessage.Encoding encoding = new PreparedMessage.Encoding(
        compress, compress ? compressionLevel : 0, fragmentSize);
    return message.frames(encoding, () -> encode(message, compress));
  }

  private List<Bytes> encode(PreparedMessage message, boolean compress) {
    MessageDeflater compressor = compress ? deflater : null;
    Bytes data = compressor != null ? compressor.finish(message.payload()) : message.payload();
    Opcode opcode = message.binary() ? Opcode.BINARY : Opcode.TEXT;
    List<Bytes> frames = new ArrayList<>(2 + 2 * (data.size() / fragmentSize));
    frames(data, opcode, compress, true, frames);
    return frames;
  }

  /** Returns whether a streamed message is in progress. */
  boolean streaming() {
    return streaming;
  }

  /**
   * Starts a streamed message.
   *
   * @throws IllegalStateException if one is already in progress
   */
  void begin(boolean binary) {
    if (streaming) {
      throw new IllegalStateException("a streamed message is already in progress");
    }
    streaming = true;
    streamOpcode = binary ? Opcode.BINARY : Opcode.TEXT;
    streamCompressed = deflater != null;
    streamStarted = false;
    streamText.reset();
  }

  /**
   * Returns the frames that send {@code data} as the next part of the streamed message: none if
   * it gave no bytes to send yet.
   *
   * @throws IllegalStateException if no streamed message is in progress
   * @throws IllegalArgumentException if the message is text and this makes it invalid UTF-8
   */
  List<Bytes> fragment(Bytes data) {
    checkStreaming();
    if (streamOpcode == Opcode.TEXT && !streamText.feed(data)) {
      throw new IllegalArgumentException("the streamed text message is not valid UTF-8: " + data);
    }
    MessageDeflater compressor = streamCompressed ? deflater : null;
    Bytes payload = compressor != null ? compressor.fragment(data) : data;
    List<Bytes> frames = new ArrayList<>(2);
    if (!payload.isEmpty()) {
      frames(payload, streamStarted ? Opcode.CONTINUATION : streamOpcode,
          streamCompressed && !streamStarted, false, frames);
      streamStarted = true;
    }
    return frames;
  }

  /**
   * Returns the last frame of the streamed message, which ends it.
   *
   * @throws IllegalStateException if no streamed message is in progress
   * @throws IllegalArgumentException if the message is text and ends inside a UTF-8 sequence
   */
  Bytes end() {
    checkStreaming();
    if (streamOpcode == Opcode.TEXT && !streamText.complete()) {
      throw new IllegalArgumentException("the streamed text message ends inside a UTF-8 sequence");
    }
    MessageDeflater compressor = streamCompressed ? deflater : null;
    Bytes payload = compressor != null ? compressor.finish(Bytes.EMPTY) : Bytes.EMPTY;
    streaming = false;
    return encoder.encode(true, streamCompressed && !streamStarted,
        streamStarted ? Opcode.CONTINUATION : streamOpcode, payload);
  }

  private void checkStreaming() {
    if (!streaming) {
      throw new IllegalStateException("no streamed message is in progress: call beginMessage first");
    }
  }

  /** Returns a control frame on the wire. */
  Bytes control(Opcode opcode, Bytes payload) {
    return encoder.encode(Frame.of(opcode, payload));
  }

  /**
   * Cuts {@code data} into frames of at most the fragment size, adding them to {@code frames}
   * (a large frame as its header and its payload, see {@link FrameEncoder}):
   * the first has {@code opcode} and {@code rsv1}, the others continue it, and the last is
   * final if {@code last}. Empty data gives one empty frame.
   */
  private void frames(Bytes data, Opcode opcode, boolean rsv1, boolean last, List<Bytes> frames) {
    int at = 0;
    do {
      int end = Math.min(data.size(), at + fragmentSize);
      boolean first = at == 0;
      encoder.encode(last && end == data.size(), first && rsv1,
          first ? opcode : Opcode.CONTINUATION, data.slice(at, end), frames);
      at = end;
    } while (at < data.size());
  }
}

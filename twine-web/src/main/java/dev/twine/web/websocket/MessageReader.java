package dev.twine.web.websocket;

import dev.twine.bytes.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns the frame events of a {@link FrameParser} into whole messages and control frames for
 * its {@link Listener}: it joins fragments, inflates compressed messages, checks text as UTF-8
 * as it comes (failing on the first invalid byte, even mid-frame), holds messages to the
 * {@link WebSocketLimits} counted on decompressed bytes, and reads close frames.
 *
 * <p>Failures are {@link WebSocketException}s: {@link CloseCode#INVALID_PAYLOAD} for invalid
 * UTF-8 or compressed data, {@link CloseCode#MESSAGE_TOO_BIG} for a limit passed, and those of
 * {@link ClosePayload#parse} for close frames.
 *
 * <p>Threading: belongs to its connection.
 */
final class MessageReader {

  /** Hears what the reader assembles. */
  interface Listener {
    /** A whole message; a text one is valid UTF-8. */
    void message(Bytes payload, boolean binary);

    /** A ping, with its application data. */
    void ping(Bytes payload);

    /** A pong, with its application data. */
    void pong(Bytes payload);

    /** A close frame. */
    void close(ClosePayload close);
  }

  private final int maxFrameSize;
  private final int maxMessageSize;
  private final @Nullable MessageInflater inflater;
  private final Listener listener;
  private final Utf8Validator utf8 = new Utf8Validator();
  private final List<Bytes> pieces = new ArrayList<>();
  private @Nullable FrameHeader frame;
  private boolean binary;
  private boolean compressed;
  private long messageSize;
  private long frameSize;
  private Bytes control = Bytes.EMPTY;

  /** Creates a reader; {@code inflater} is null unless permessage-deflate was agreed. */
  MessageReader(WebSocketLimits limits, @Nullable MessageInflater inflater, Listener listener) {
    this.maxFrameSize = limits.maxFrameSize();
    this.maxMessageSize = limits.maxMessageSize();
    this.inflater = inflater;
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Takes the next event from the parser.
   *
   * @throws WebSocketException if the frame's content breaks the protocol or a limit
   */
  void accept(FrameEvent event) {
    switch (event) {
      case FrameHeader header -> header(header);
      case FramePayload piece -> payload(piece, Objects.requireNonNull(frame, "payload before a header"));
    }
  }

  private void header(FrameHeader header) {
    frame = header;
    frameSize = 0;
    if (header.opcode().isControl()) {
      control = Bytes.EMPTY;
      return;
    }
    if (header.opcode() != Opcode.CONTINUATION) {
      binary = header.opcode() == Opcode.BINARY;
      compressed = header.rsv1();
      messageSize = 0;
      utf8.reset();
    }
    if (!compressed && messageSize + header.length() > maxMessageSize) {
      throw messageTooBig();
    }
  }

  private void payload(FramePayload piece, FrameHeader header) {
    if (header.opcode().isControl()) {
      control = control.concat(piece.data());
      if (piece.endOfFrame()) {
        control(header.opcode(), control);
      }
      return;
    }
    MessageInflater decompressing = compressed ? inflater : null;
    if (decompressing != null) {
      decompressing.inflate(piece.data(), budget(), this::content);
    } else {
      content(piece.data());
    }
    if (piece.endOfFrame() && header.fin()) {
      if (decompressing != null) {
        decompressing.endMessage(budget(), this::content);
      }
      if (!binary && !utf8.complete()) {
        throw new WebSocketException(CloseCode.INVALID_PAYLOAD, "text message ends inside a UTF-8 sequence");
      }
      listener.message(join(), binary);
    }
  }

  /** Returns how many more decompressed bytes the frame and the message may have. */
  private long budget() {
    return Math.min(maxFrameSize - frameSize, maxMessageSize - messageSize);
  }

  /** Takes decompressed message content. */
  private void content(Bytes data) {
    frameSize += data.size();
    messageSize += data.size();
    if (frameSize > maxFrameSize) {
      throw new WebSocketException(CloseCode.MESSAGE_TOO_BIG,
          "frame inflates to more than the limit of " + maxFrameSize + " bytes");
    }
    if (messageSize > maxMessageSize) {
      throw messageTooBig();
    }
    if (!binary && !utf8.feed(data)) {
      throw new WebSocketException(CloseCode.INVALID_PAYLOAD, "text message is not valid UTF-8");
    }
    if (!data.isEmpty()) {
      pieces.add(data);
    }
  }

  private void control(Opcode opcode, Bytes payload) {
    switch (opcode) {
      case PING -> listener.ping(payload);
      case PONG -> listener.pong(payload);
      case CLOSE -> listener.close(ClosePayload.parse(payload));
      default -> throw new IllegalStateException("not a control opcode: " + opcode);
    }
  }

  private WebSocketException messageTooBig() {
    return new WebSocketException(CloseCode.MESSAGE_TOO_BIG,
        "message larger than the limit of " + maxMessageSize + " bytes");
  }

  /** Returns the message's pieces as one value and forgets them. */
  private Bytes join() {
    Bytes message;
    if (pieces.isEmpty()) {
      message = Bytes.EMPTY;
    } else if (pieces.size() == 1) {
      message = pieces.get(0);
    } else {
      byte[] all = new byte[(int) messageSize];
      int at = 0;
      for (Bytes piece : pieces) {
        piece.copyTo(all, at);
        at += piece.size();
      }
      message = Bytes.wrap(all);
    }
    pieces.clear();
    return message;
  }
}

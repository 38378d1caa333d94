package dev.twine.web.websocket;

import dev.twine.bytes.Bytes;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads the frames a peer sends on one WebSocket connection: data goes in with {@link #feed} as
 * it arrives, in pieces of any size, and {@link FrameEvent}s come out of {@link #next}, each
 * frame as its header and then its unmasked payload.
 *
 * <pre>{@code
 * FrameParser parser = new FrameParser(Role.SERVER, WebSocketLimits.DEFAULT, false);
 * parser.feed(data);
 * for (Optional<FrameEvent> e = parser.next(); e.isPresent(); e = parser.next()) {
 *   switch (e.get()) {
 *     case FrameHeader header -> ...;
 *     case FramePayload piece -> ...;
 *   }
 * }
 * }</pre>
 *
 * <p>Payload comes out as it arrives, without waiting for the end of the frame, so a large
 * frame is never held whole here and its content can be checked early (a text message fails on
 * its first invalid byte). The same frames come out, whatever the pieces the input arrived in.
 * Feeding only queues; parsing happens in {@link #next}, so a reader that stops calling it
 * leaves the rest unparsed.
 *
 * <p>Each header is checked as soon as its bytes are there, and a bad one fails with a {@link
 * WebSocketException} carrying {@link CloseCode#PROTOCOL_ERROR}: the reserved bits RSV2 and RSV3,
 * RSV1 unless an extension was negotiated (and then on control or continuation frames), reserved
 * opcodes, fragmented or longer than 125-byte control frames, a frame masked when it must not be
 * or not masked when it must (a server reads masked frames only, a client unmasked ones only), a
 * length not in its shortest form or with the most significant bit set, a continuation with no
 * message to continue, a new message before the previous one ended. A frame longer than {@link
 * WebSocketLimits#maxFrameSize()} fails with {@link CloseCode#MESSAGE_TOO_BIG} as soon as its
 * length is read.
 *
 * <p>Copies: payload from a client is copied once, unmasked as it is copied, eight bytes at a
 * time; all of a frame's payload that has been fed comes out as one piece, however many pieces it
 * was fed in. Payload from a server comes out as slices of the fed data, one per piece fed.
 *
 * <p>Threading: not thread-safe; a parser belongs to its connection.
 */
public final class FrameParser {
  private final Role role;
  private final int maxFrameSize;
  private final boolean extension;
  private final ArrayDeque<Bytes> input = new ArrayDeque<>();
  /** How many bytes of the first piece of input are consumed. */
  private int consumed;
  private long available;
  private boolean inMessage;
  private boolean inPayload;
  private long remaining;
  private boolean masked;
  private int maskKey;
  private int maskPhase;
  private @Nullable WebSocketException failure;

  /**
   * Creates a parser for the endpoint playing {@code role}, which reads its peer's frames.
   * {@code extension} says whether an extension that uses RSV1 (permessage-deflate) was
   * negotiated; then RSV1 may mark the first frame of a data message.
   */
  public FrameParser(Role role, WebSocketLimits limits, boolean extension) {
    this.role = Objects.requireNonNull(role, "role");
    this.maxFrameSize = limits.maxFrameSize();
    this.extension = extension;
  }

  /** Queues {@code data}, the next bytes from the peer. After a failure, data is dropped. */
  public void feed(Bytes data) {
    Objects.requireNonNull(data, "data");
    if (failure == null && !data.isEmpty()) {
      input.addLast(data);
      available += data.size();
    }
  }

  /**
   * Returns the next event, or empty if the input fed so far holds no more.
   *
   * @throws WebSocketException if the input breaks the protocol or the frame size limit; the same
   *     exception is thrown by every later call
   */
  public Optional<FrameEvent> next() {
    WebSocketException failed = failure;
    if (failed != null) {
      throw failed;
    }
    try {
      return Optional.ofNullable(inPayload ? payload() : header());
    } catch (WebSocketException e) {
      failure = e;
      input.clear();
      available = 0;
      throw e;
    }
  }

  private @Nullable FrameHeader header() {
    if (available == 0) {
      return null;
    }
    int first = peek(0);
    Opcode opcode = checkFirstByte(first);
    if (available < 2) {
      return null;
    }
    int second = peek(1);
    boolean maskBit = (second & 0x80) != 0;
    if (maskBit != role.peer().masks()) {
      throw protocolError(role == Role.SERVER
          ? "unmasked frame from a client" : "masked frame from a server");
    }
    int shortLength = second & 0x7f;
    if (opcode.isControl() && shortLength > 125) {
      throw protocolError("control frame longer than 125 bytes");
    }
    int lengthBytes = shortLength == 126 ? 2 : shortLength == 127 ? 8 : 0;
    if (available < 2 + lengthBytes) {
      return null;
    }
    long length = lengthBytes == 0 ? shortLength : checkLength(peekNumber(2, lengthBytes), lengthBytes);
    int headerSize = 2 + lengthBytes + (maskBit ? 4 : 0);
    if (available < headerSize) {
      return null;
    }
    masked = maskBit;
    maskKey = maskBit ? (int) peekNumber(2 + lengthBytes, 4) : 0;
    maskPhase = 0;
    skip(headerSize);
    boolean fin = (first & 0x80) != 0;
    if (!opcode.isControl()) {
      inMessage = !fin;
    }
    inPayload = true;
    remaining = length;
    return new FrameHeader(fin, (first & 0x40) != 0, opcode, length);
  }

  private Opcode checkFirstByte(int first) {
    boolean fin = (first & 0x80) != 0;
    boolean rsv1 = (first & 0x40) != 0;
    if ((first & 0x30) != 0) {
      throw protocolError("reserved bit " + ((first & 0x20) != 0 ? "RSV2" : "RSV3") + " set");
    }
    Opcode opcode = Opcode.byCode(first & 0x0f);
    if (opcode == null) {
      throw protocolError("reserved opcode 0x" + Integer.toHexString(first & 0x0f));
    }
    if (rsv1 && !extension) {
      throw protocolError("reserved bit RSV1 set, and no extension was negotiated");
    }
    if (opcode.isControl()) {
      if (!fin) {
        throw protocolError("fragmented control frame");
      }
      if (rsv1) {
        throw protocolError("RSV1 set on a control frame");
      }
    } else if (opcode == Opcode.CONTINUATION) {
      if (!inMessage) {
        throw protocolError("continuation frame with no message to continue");
      }
      if (rsv1) {
        throw protocolError("RSV1 set on a continuation frame");
      }
    } else if (inMessage) {
      throw protocolError("new message before the fragmented message ended");
    }
    return opcode;
  }

  private long checkLength(long length, int lengthBytes) {
    if (lengthBytes == 8 && length < 0) {
      throw protocolError("64-bit payload length with the most significant bit set");
    }
    if (length < (lengthBytes == 2 ? 126 : 0x10000)) {
      throw protocolError("payload length " + length + " not in its shortest form");
    }
    if (length > maxFrameSize) {
      throw new WebSocketException(CloseCode.MESSAGE_TOO_BIG,
          "frame of " + length + " bytes, more than the limit of " + maxFrameSize);
    }
    return length;
  }

  private @Nullable FramePayload payload() {
    if (remaining == 0) {
      inPayload = false;
      return new FramePayload(Bytes.EMPTY, true);
    }
    if (available == 0) {
      return null;
    }
    Bytes piece = masked ? unmaskAvailable() : sliceOfHead();
    remaining -= piece.size();
    inPayload = remaining > 0;
    return new FramePayload(piece, remaining == 0);
  }

  /** Takes the frame's payload in the first piece of input, as a slice of it. */
  private Bytes sliceOfHead() {
    Bytes head = Objects.requireNonNull(input.peekFirst());
    int n = (int) Math.min(remaining, head.size() - consumed);
    Bytes piece = head.slice(consumed, consumed + n);
    skip(n);
    return piece;
  }

  /**
   * Takes all of the frame's payload that the input holds, from however many pieces, unmasked as
   * it is copied into one array.
   */
  private Bytes unmaskAvailable() {
    byte[] unmasked = new byte[(int) Math.min(remaining, available)];
    int at = 0;
    while (at < unmasked.length) {
      Bytes head = Objects.requireNonNull(input.peekFirst());
      int n = Math.min(unmasked.length - at, head.size() - consumed);
      Masking.copy(head.slice(consumed, consumed + n), unmasked, at, maskKey, maskPhase);
      maskPhase = (maskPhase + n) & 3;
      at += n;
      skip(n);
    }
    return Bytes.wrap(unmasked);
  }

  /** Returns the byte at {@code index} of the unconsumed input, from 0 to 255. */
  private int peek(int index) {
    int at = consumed + index;
    Bytes head = Objects.requireNonNull(input.peekFirst());
    if (at < head.size()) {
      return head.getUnsigned(at);
    }
    Iterator<Bytes> pieces = input.iterator();
    Bytes piece = pieces.next();
    while (at >= piece.size()) {
      at -= piece.size();
      piece = pieces.next();
    }
    return piece.getUnsigned(at);
  }

  /** Returns the big-endian number in {@code size} bytes from {@code index}. */
  private long peekNumber(int index, int size) {
    long value = 0;
    for (int i = 0; i < size; i++) {
      value = (value << 8) | peek(index + i);
    }
    return value;
  }

  private void skip(long n) {
    available -= n;
    while (n > 0) {
      Bytes head = Objects.requireNonNull(input.peekFirst());
      int left = head.size() - consumed;
      if (n < left) {
        consumed += (int) n;
        return;
      }
      input.removeFirst();
      consumed = 0;
      n -= left;
    }
  }

  private static WebSocketException protocolError(String reason) {
    return new WebSocketException(CloseCode.PROTOCOL_ERROR, reason);
  }
}

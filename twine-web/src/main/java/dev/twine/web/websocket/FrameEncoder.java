package dev.twine.web.websocket;

import dev.twine.bytes.Bytes;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Writes frames in the wire format of RFC 6455 section 5.2: a client's masked with a fresh
 * random key each, a server's unmasked. Lengths take their shortest form.
 *
 * <pre>{@code
 * FrameEncoder client = FrameEncoder.forClient(new SecureRandom());
 * transport.write(client.encode(Frame.of(Opcode.PING, Bytes.EMPTY)));
 * }</pre>
 *
 * <p>Copies: {@link #encode(Frame)} returns one new value, with the payload copied in; a
 * client masks the payload as it copies it, eight bytes at a time.
 *
 * <p>Masking keys come from the {@link RandomGenerator} given to {@link #forClient}; RFC 6455
 * asks for a strong source of entropy, which {@link SecureRandom} is. A test may pass a seeded
 * generator to get the same bytes every time.
 *
 * <p>Threading: an encoder for a server is immutable and may be shared; one for a client is as
 * thread-safe as its random generator.
 */
public final class FrameEncoder {
  private static final FrameEncoder SERVER = new FrameEncoder(null);
  /**
   * The payload size from which a server's frame leaves its payload apart from its header: below
   * it, copying the payload beside the header costs less than one more value for the transport.
   */
  private static final int SEPARATE_PAYLOAD = 1024;

  /** The source of masking keys; null for a server, which does not mask. */
  private final @Nullable RandomGenerator random;

  private FrameEncoder(@Nullable RandomGenerator random) {
    this.random = random;
  }

  /** Returns the encoder of a server: frames unmasked. */
  public static FrameEncoder forServer() {
    return SERVER;
  }

  /** Returns an encoder for a client, masking each frame with a key drawn from {@code random}. */
  public static FrameEncoder forClient(RandomGenerator random) {
    return new FrameEncoder(Objects.requireNonNull(random, "random"));
  }

  /** Returns whether this encoder masks frames, as a client's does. */
  public boolean masks() {
    return random != null;
  }

  /** Returns {@code frame} on the wire: header, masking key if any, and payload, in one value. */
  public Bytes encode(Frame frame) {
    return encode(frame.fin(), frame.rsv1(), frame.opcode(), frame.payload());
  }

  /** Returns the frame with these fields on the wire, as {@link #encode(Frame)} does, unchecked. */
  Bytes encode(boolean fin, boolean rsv1, Opcode opcode, Bytes payload) {
    int length = payload.size();
    int headerSize = headerSize(length);
    byte[] wire = new byte[headerSize + length];
    int key = header(wire, fin, rsv1, opcode, length);
    if (random != null) {
      Masking.copy(payload, wire, headerSize, key, 0);
    } else {
      payload.copyTo(wire, headerSize);
    }
    return Bytes.wrap(wire);
  }

  /**
   * Adds the frame with these fields to {@code wire}, unchecked, as {@link #encode(Frame)} does,
   * except that a server's frame with 1 KiB or more of payload goes as two values, its header and
   * then {@code payload} itself, so that the payload is not copied here: the transport copies it
   * once, when it sends it.
   */
  void encode(boolean fin, boolean rsv1, Opcode opcode, Bytes payload, List<Bytes> wire) {
    int length = payload.size();
    if (random != null || length < SEPARATE_PAYLOAD) {
      wire.add(encode(fin, rsv1, opcode, payload));
      return;
    }
    byte[] header = new byte[headerSize(length)];
    header(header, fin, rsv1, opcode, length);
    wire.add(Bytes.wrap(header));
    wire.add(payload);
  }

  /** Returns how many bytes the header of a frame with {@code length} bytes of payload takes. */
  private int headerSize(int length) {
    return 2 + lengthBytes(length) + (random != null ? 4 : 0);
  }

  /** Returns how many bytes of extended length a frame with {@code length} bytes of payload has. */
  private static int lengthBytes(int length) {
    return length < 126 ? 0 : length <= 0xffff ? 2 : 8;
  }

  /**
   * Writes the header of a frame at the start of {@code wire}, with a fresh masking key if this
   * encoder masks; returns that key, or 0.
   */
  private int header(byte[] wire, boolean fin, boolean rsv1, Opcode opcode, int length) {
    RandomGenerator keys = random;
    int lengthBytes = lengthBytes(length);
    wire[0] = (byte) ((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode.code());
    int maskBit = keys != null ? 0x80 : 0;
    if (lengthBytes == 0) {
      wire[1] = (byte) (maskBit | length);
    } else {
      wire[1] = (byte) (maskBit | (lengthBytes == 2 ? 126 : 127));
      for (int i = 0; i < lengthBytes; i++) {
        wire[2 + i] = (byte) ((long) length >>> (8 * (lengthBytes - 1 - i)));
      }
    }
    if (keys == null) {
      return 0;
    }
    int key = keys.nextInt();
    int at = 2 + lengthBytes;
    wire[at] = (byte) (key >>> 24);
    wire[at + 1] = (byte) (key >>> 16);
    wire[at + 2] = (byte) (key >>> 8);
    wire[at + 3] = (byte) key;
    return key;
  }
}

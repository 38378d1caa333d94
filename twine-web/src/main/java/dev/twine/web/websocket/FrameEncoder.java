package dev.twine.web.websocket;

import dev.twine.bytes.Bytes;
import java.security.SecureRandom;
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
 * <p>Masking keys come from the {@link RandomGenerator} given to {@link #forClient}; RFC 6455
 * asks for a strong source of entropy, which {@link SecureRandom} is. A test may pass a seeded
 * generator to get the same bytes every time.
 *
 * <p>Threading: an encoder for a server is immutable and may be shared; one for a client is as
 * thread-safe as its random generator.
 */
public final class FrameEncoder {
  private static final FrameEncoder SERVER = new FrameEncoder(null);

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
    int lengthBytes = length < 126 ? 0 : length <= 0xffff ? 2 : 8;
    int headerSize = 2 + lengthBytes + (random != null ? 4 : 0);
    byte[] wire = new byte[headerSize + length];
    wire[0] = (byte) ((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode.code());
    RandomGenerator keys = random;
    int maskBit = keys != null ? 0x80 : 0;
    if (lengthBytes == 0) {
      wire[1] = (byte) (maskBit | length);
    } else {
      wire[1] = (byte) (maskBit | (lengthBytes == 2 ? 126 : 127));
      for (int i = 0; i < lengthBytes; i++) {
        wire[2 + i] = (byte) ((long) length >>> (8 * (lengthBytes - 1 - i)));
      }
    }
    payload.copyTo(wire, headerSize);
    if (keys != null) {
      int key = keys.nextInt();
      int at = 2 + lengthBytes;
      wire[at] = (byte) (key >>> 24);
      wire[at + 1] = (byte) (key >>> 16);
      wire[at + 2] = (byte) (key >>> 8);
      wire[at + 3] = (byte) key;
      Masking.apply(wire, headerSize, length, key, 0);
    }
    return Bytes.wrap(wire);
  }
}

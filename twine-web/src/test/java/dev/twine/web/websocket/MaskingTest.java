package dev.twine.web.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Masking as it copies: the same bytes as XORing each with its key byte, whatever the phase. */
class MaskingTest {

  /** XORs each byte with the key byte at its position, as RFC 6455 section 5.3 writes it. */
  private static byte[] byByte(byte[] data, int key, int phase) {
    byte[] masked = new byte[data.length];
    for (int i = 0; i < data.length; i++) {
      int j = (phase + i) & 3;
      masked[i] = (byte) (data[i] ^ (key >>> (24 - 8 * j)));
    }
    return masked;
  }

  @Property(tries = 500)
  void masksAsItCopiesLikeTheRfcByteByByte(@ForAll @Size(max = 40) byte[] data, @ForAll int key,
      @ForAll @IntRange(max = 3) int phase, @ForAll @IntRange(max = 5) int cut,
      @ForAll @IntRange(max = 9) int offset) {
    // A slice, so that the source does not start at its array's first byte.
    int from = Math.min(cut, data.length);
    Bytes source = Bytes.wrap(data).slice(from, data.length);
    byte[] target = new byte[offset + source.size() + 3];
    Masking.copy(source, target, offset, key, phase);
    byte[] expected = byByte(source.toByteArray(), key, phase);
    assertThat(Bytes.wrap(target).slice(offset, offset + source.size()))
        .isEqualTo(Bytes.wrap(expected));
    assertThat(Bytes.wrap(target).slice(0, offset)).isEqualTo(Bytes.wrap(new byte[offset]));
    assertThat(Bytes.wrap(target).slice(offset + source.size(), target.length))
        .isEqualTo(Bytes.wrap(new byte[3]));
  }

  @Test
  void maskingTwiceGivesTheBytesBack() {
    Bytes data = Bytes.ascii("masking and unmasking are the same operation");
    byte[] once = new byte[data.size()];
    Masking.copy(data, once, 0, 0x37fa213d, 2);
    byte[] twice = new byte[data.size()];
    Masking.copy(Bytes.wrap(once), twice, 0, 0x37fa213d, 2);
    assertThat(Bytes.wrap(once)).isNotEqualTo(data);
    assertThat(Bytes.wrap(twice)).isEqualTo(data);
  }

  @Test
  void refusesATargetWithoutRoom() {
    assertThatThrownBy(() -> Masking.copy(Bytes.ascii("twelve bytes"), new byte[12], 1, 1, 0))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}

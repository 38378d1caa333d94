package dev.twine.internet.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class DerPropertyTest {

  @Property(tries = 200)
  void elementsOfAnyLengthComeBackOutOfTheirSequence(@ForAll @IntRange(min = 0, max = 70_000) int length,
      @ForAll @Size(max = 3) List<@IntRange(max = 300) Integer> others) {
    byte[] content = new byte[length];
    for (int i = 0; i < length; i++) {
      content[i] = (byte) (i * 31);
    }
    byte[] first = Der.tlv(Der.OCTET_STRING, content);
    byte[][] parts = new byte[others.size() + 1][];
    parts[0] = first;
    for (int i = 0; i < others.size(); i++) {
      parts[i + 1] = Der.tlv(Der.INTEGER, new byte[others.get(i)]);
    }

    List<Der.Element> children = Der.children(Der.tlv(Der.SEQUENCE, Der.concat(parts)));

    assertThat(children).hasSize(parts.length);
    for (int i = 0; i < parts.length; i++) {
      assertThat(children.get(i).encoded()).isEqualTo(parts[i]);
    }
  }

  @Property(tries = 200)
  void truncatedDerIsRefused(@ForAll @IntRange(min = 1, max = 300) int length, @ForAll @IntRange(min = 1) int cut) {
    byte[] whole = Der.tlv(Der.SEQUENCE, Der.tlv(Der.OCTET_STRING, new byte[length]));
    byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 1 - cut % (whole.length - 1));
    assertThatThrownBy(() -> Der.children(truncated)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void encodesObjectIdentifiersAsX690Says() {
    assertThat(Der.oid("1.2.840.10045.2.1")).isEqualTo(
        new byte[] {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01});
    assertThat(Der.oid("1.2.840.113549.1.1.1")).isEqualTo(
        new byte[] {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01});
  }
}

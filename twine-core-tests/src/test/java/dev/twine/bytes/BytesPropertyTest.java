package dev.twine.bytes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** {@link Bytes} checked against arrays and naive algorithms over random content. */
class BytesPropertyTest {

  @Property(tries = 200)
  void hexRoundTrips(@ForAll @Size(max = 64) byte[] data) {
    Bytes bytes = Bytes.of(data);
    StringBuilder expected = new StringBuilder();
    for (byte b : data) {
      expected.append(String.format("%02x", b));
    }
    assertThat(bytes.hex()).isEqualTo(expected.toString());
    assertThat(Bytes.fromHex(bytes.hex())).isEqualTo(bytes);
    assertThat(Bytes.fromHex(bytes.hex().toUpperCase())).isEqualTo(bytes);
  }

  @Property(tries = 200)
  void slicesOfSlicesHoldTheSameBytesAsTheArray(
      @ForAll @Size(max = 40) byte[] data,
      @ForAll @IntRange(max = 40) int w, @ForAll @IntRange(max = 40) int x,
      @ForAll @IntRange(max = 40) int y, @ForAll @IntRange(max = 40) int z) {
    int a = w % (data.length + 1);
    int b = a + x % (data.length - a + 1);
    int c = y % (b - a + 1);
    int d = c + z % (b - a - c + 1);
    Bytes slice = Bytes.of(data).slice(a, b).slice(c, d);
    byte[] expected = Arrays.copyOfRange(data, a + c, a + d);
    assertThat(slice.toByteArray()).isEqualTo(expected);
    assertThat(slice).isEqualTo(Bytes.of(expected)).hasSameHashCodeAs(Bytes.of(expected));
    byte[] joined = slice.concat(Bytes.of(data)).toByteArray();
    assertThat(joined).hasSize(expected.length + data.length);
    assertThat(Arrays.copyOfRange(joined, 0, expected.length)).isEqualTo(expected);
    assertThat(Arrays.copyOfRange(joined, expected.length, joined.length)).isEqualTo(data);
  }

  @Property(tries = 300)
  void indexOfAgreesWithANaiveScanInsideASlice(
      @ForAll @Size(max = 30) byte[] data,
      @ForAll @IntRange(max = 3) int trimmed,
      @ForAll @Size(max = 3) byte[] needle,
      @ForAll @IntRange(max = 30) int start) {
    int trim = Math.min(trimmed, data.length / 2);
    int from = start % (data.length - 2 * trim + 1);
    for (int i = 0; i < data.length; i++) {
      data[i] &= 1; // a small alphabet, so that needles are found
    }
    for (int i = 0; i < needle.length; i++) {
      needle[i] &= 1;
    }
    byte[] inside = Arrays.copyOfRange(data, trim, data.length - trim);
    Bytes slice = Bytes.of(data).slice(trim, data.length - trim);
    assertThat(slice.indexOf(Bytes.of(needle), from))
        .isEqualTo(naiveIndexOf(inside, needle, from));
    assertThat(slice.indexOf((byte) 1, from))
        .isEqualTo(naiveIndexOf(inside, new byte[] {1}, from));
    assertThat(slice.startsWith(Bytes.of(needle)))
        .isEqualTo(naiveIndexOf(inside, needle, 0) == 0 && needle.length <= inside.length);
  }

  private static int naiveIndexOf(byte[] haystack, byte[] needle, int from) {
    for (int i = from; i <= haystack.length - needle.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }

  @Property(tries = 300)
  void compareToIsUnsignedLexicographicAndAgreesWithEquals(
      @ForAll @Size(max = 6) byte[] x, @ForAll @Size(max = 6) byte[] y) {
    Bytes a = Bytes.of(x);
    Bytes b = Bytes.of(y);
    int expected = 0;
    for (int i = 0; i < Math.min(x.length, y.length) && expected == 0; i++) {
      expected = Integer.compare(x[i] & 0xff, y[i] & 0xff);
    }
    if (expected == 0) {
      expected = Integer.compare(x.length, y.length);
    }
    assertThat(Integer.signum(a.compareTo(b))).isEqualTo(expected);
    assertThat(Integer.signum(b.compareTo(a))).isEqualTo(-expected);
    assertThat(a.equals(b)).isEqualTo(expected == 0);
  }
}

package dev.twine.bytes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BytesTest {
  private static final Bytes HELLO_WORLD = Bytes.ascii("hello, world");

  @Test
  void ofCopiesTheArraySoLaterChangesDoNotShow() {
    byte[] array = {1, 2, 3};
    Bytes bytes = Bytes.of(array);
    array[0] = 9;
    assertThat(bytes.toByteArray()).containsExactly(1, 2, 3);
  }

  @Test
  void copyOfTakesTheRangeOnly() {
    byte[] array = {1, 2, 3, 4, 5};
    Bytes bytes = Bytes.copyOf(array, 1, 3);
    array[2] = 9;
    assertThat(bytes).isEqualTo(Bytes.of((byte) 2, (byte) 3, (byte) 4));
    assertThat(Bytes.copyOf(array, 5, 0)).isSameAs(Bytes.EMPTY);
  }

  @Test
  void copyOfRejectsARangeOutsideTheArray() {
    byte[] array = new byte[4];
    assertThatThrownBy(() -> Bytes.copyOf(array, 2, 3))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("4");
    assertThatThrownBy(() -> Bytes.copyOf(array, -1, 1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void emptyValuesAreEmptyAndEqual() {
    assertThat(Bytes.EMPTY.size()).isZero();
    assertThat(Bytes.EMPTY.isEmpty()).isTrue();
    assertThat(Bytes.of()).isEqualTo(Bytes.EMPTY);
    assertThat(Bytes.wrap(new byte[0])).isEqualTo(Bytes.EMPTY);
    assertThat(Bytes.ascii("")).isEqualTo(Bytes.EMPTY).hasSameHashCodeAs(Bytes.EMPTY);
    assertThat(Bytes.EMPTY.toByteArray()).isEmpty();
  }

  @Test
  void wrapHoldsTheArrayContent() {
    assertThat(Bytes.wrap(new byte[] {7, 8})).isEqualTo(Bytes.of((byte) 7, (byte) 8));
  }

  @Test
  void getReturnsSignedAndGetUnsignedReturnsUnsignedBytes() {
    Bytes bytes = Bytes.of((byte) 0x7f, (byte) 0x80, (byte) 0xff);
    assertThat(bytes.get(0)).isEqualTo((byte) 0x7f);
    assertThat(bytes.get(2)).isEqualTo((byte) -1);
    assertThat(bytes.getUnsigned(1)).isEqualTo(128);
    assertThat(bytes.getUnsigned(2)).isEqualTo(255);
  }

  @Test
  void getRejectsAnIndexOutsideTheContent() {
    Bytes slice = HELLO_WORLD.slice(0, 5);
    assertThatThrownBy(() -> slice.get(5))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("5");
    assertThatThrownBy(() -> slice.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> Bytes.EMPTY.getUnsigned(0))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void sliceTakesFromInclusiveToExclusive() {
    assertThat(HELLO_WORLD.slice(7, 12).ascii()).isEqualTo("world");
    assertThat(HELLO_WORLD.slice(0, 12)).isSameAs(HELLO_WORLD);
    assertThat(HELLO_WORLD.slice(3, 3)).isEqualTo(Bytes.EMPTY);
    assertThat(HELLO_WORLD.slice(12, 12)).isEqualTo(Bytes.EMPTY);
  }

  @Test
  void slicesOfSlicesIndexFromTheirOwnStart() {
    Bytes world = HELLO_WORLD.slice(7, 12);
    Bytes orl = world.slice(1, 4);
    assertThat(orl.ascii()).isEqualTo("orl");
    assertThat(orl.get(0)).isEqualTo((byte) 'o');
    assertThat(orl.slice(1, 2).ascii()).isEqualTo("r");
    assertThat(orl.toByteArray()).containsExactly('o', 'r', 'l');
  }

  @Test
  void sliceRejectsARangeOutsideTheContent() {
    Bytes world = HELLO_WORLD.slice(7, 12);
    assertThatThrownBy(() -> world.slice(0, 6)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> world.slice(3, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> world.slice(-1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void indexOfByteFindsTheFirstAtOrAfterFrom() {
    assertThat(HELLO_WORLD.indexOf((byte) 'o')).isEqualTo(4);
    assertThat(HELLO_WORLD.indexOf((byte) 'o', 4)).isEqualTo(4);
    assertThat(HELLO_WORLD.indexOf((byte) 'o', 5)).isEqualTo(8);
    assertThat(HELLO_WORLD.indexOf((byte) 'o', 9)).isEqualTo(-1);
    assertThat(HELLO_WORLD.indexOf((byte) 'z')).isEqualTo(-1);
    assertThat(HELLO_WORLD.indexOf((byte) 'd', 12)).isEqualTo(-1);
    assertThat(Bytes.EMPTY.indexOf((byte) 0)).isEqualTo(-1);
  }

  @Test
  void indexOfInASliceSeesOnlyTheSlice() {
    Bytes ello = HELLO_WORLD.slice(1, 5);
    assertThat(ello.indexOf((byte) 'h')).isEqualTo(-1);
    assertThat(ello.indexOf((byte) ',')).isEqualTo(-1);
    assertThat(ello.indexOf((byte) 'o')).isEqualTo(3);
    assertThat(ello.indexOf(Bytes.ascii("o,"))).isEqualTo(-1);
    assertThat(ello.indexOf(Bytes.ascii("lo"))).isEqualTo(2);
  }

  @Test
  void indexOfRejectsAFromOutsideTheContent() {
    assertThatThrownBy(() -> HELLO_WORLD.indexOf((byte) 'o', 13))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("from 13 is outside [0, 12]");
    assertThatThrownBy(() -> HELLO_WORLD.indexOf(Bytes.ascii("o"), -1))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("from -1 is outside [0, 12]");
  }

  @Test
  void indexOfBytesFindsTheFirstOccurrence() {
    Bytes text = Bytes.ascii("aaab aab");
    assertThat(text.indexOf(Bytes.ascii("aab"))).isEqualTo(1);
    assertThat(text.indexOf(Bytes.ascii("aab"), 2)).isEqualTo(5);
    assertThat(text.indexOf(Bytes.ascii("ab"), 6)).isEqualTo(6);
    assertThat(text.indexOf(Bytes.ascii("b"), 7)).isEqualTo(7);
    assertThat(text.indexOf(Bytes.ascii("aab"), 6)).isEqualTo(-1);
    assertThat(text.indexOf(Bytes.ascii("abc"))).isEqualTo(-1);
    assertThat(text.indexOf(Bytes.ascii("aaab aab!"))).isEqualTo(-1);
    assertThat(text.indexOf(text)).isZero();
  }

  @Test
  void anEmptyNeedleOccursAtFrom() {
    assertThat(HELLO_WORLD.indexOf(Bytes.EMPTY)).isZero();
    assertThat(HELLO_WORLD.indexOf(Bytes.EMPTY, 12)).isEqualTo(12);
    assertThat(Bytes.EMPTY.indexOf(Bytes.EMPTY)).isZero();
  }

  @Test
  void startsWithAndEndsWithCompareTheEnds() {
    assertThat(HELLO_WORLD.startsWith(Bytes.ascii("hello"))).isTrue();
    assertThat(HELLO_WORLD.startsWith(Bytes.ascii("world"))).isFalse();
    assertThat(HELLO_WORLD.endsWith(Bytes.ascii("world"))).isTrue();
    assertThat(HELLO_WORLD.endsWith(Bytes.ascii("hello"))).isFalse();
    assertThat(HELLO_WORLD.startsWith(Bytes.EMPTY)).isTrue();
    assertThat(HELLO_WORLD.endsWith(HELLO_WORLD)).isTrue();
    Bytes hello = HELLO_WORLD.slice(0, 5);
    assertThat(hello.startsWith(HELLO_WORLD)).isFalse();
    assertThat(hello.endsWith(Bytes.ascii("lo, "))).isFalse();
    assertThat(HELLO_WORLD.slice(7, 12).startsWith(Bytes.ascii("wor"))).isTrue();
  }

  @Test
  void concatJoinsInOrder() {
    Bytes joined = HELLO_WORLD.slice(7, 12).concat(HELLO_WORLD.slice(0, 5));
    assertThat(joined.ascii()).isEqualTo("worldhello");
    assertThat(HELLO_WORLD.concat(Bytes.EMPTY)).isSameAs(HELLO_WORLD);
    assertThat(Bytes.EMPTY.concat(HELLO_WORLD)).isSameAs(HELLO_WORLD);
  }

  @Test
  void toByteArrayReturnsAFreshCopy() {
    Bytes bytes = Bytes.ascii("abc");
    byte[] copy = bytes.toByteArray();
    copy[0] = 'z';
    assertThat(bytes.ascii()).isEqualTo("abc");
    assertThat(bytes.toByteArray()).isNotSameAs(bytes.toByteArray());
  }

  @Test
  void copyToWritesAtTheOffset() {
    byte[] dst = new byte[6];
    HELLO_WORLD.slice(7, 10).copyTo(dst, 2);
    assertThat(dst).containsExactly(0, 0, 'w', 'o', 'r', 0);
  }

  @Test
  void copyToRejectsADestinationWithoutRoom() {
    byte[] dst = new byte[4];
    assertThatThrownBy(() -> Bytes.ascii("abc").copyTo(dst, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(dst).containsOnly(0);
  }

  @Test
  void asReadOnlyByteBufferViewsExactlyTheContent() {
    ByteBuffer buffer = HELLO_WORLD.slice(7, 12).asReadOnlyByteBuffer();
    assertThat(buffer.isReadOnly()).isTrue();
    assertThat(buffer.position()).isZero();
    assertThat(buffer.remaining()).isEqualTo(5);
    assertThat(buffer.capacity()).isEqualTo(5);
    assertThat(buffer.get(0)).isEqualTo((byte) 'w');
    assertThatThrownBy(() -> buffer.put(0, (byte) 'x'))
        .isInstanceOf(ReadOnlyBufferException.class);
  }

  @Test
  void copyToByteBufferCopiesTheSliceAtItsPosition() {
    ByteBuffer direct = ByteBuffer.allocateDirect(8);
    direct.put((byte) '>');
    HELLO_WORLD.slice(7, 12).copyTo(direct);
    assertThat(direct.position()).isEqualTo(6);
    byte[] copied = new byte[6];
    direct.flip().get(copied);
    assertThat(new String(copied, StandardCharsets.US_ASCII)).isEqualTo(">world");
  }

  @Test
  void copyToByteBufferWithoutRoomCopiesNothing() {
    ByteBuffer small = ByteBuffer.allocate(4);
    assertThatThrownBy(() -> HELLO_WORLD.slice(7, 12).copyTo(small))
        .isInstanceOf(BufferOverflowException.class);
    assertThat(small.position()).isZero();
  }

  @Test
  void writeToWritesTheContent() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HELLO_WORLD.slice(7, 12).writeTo(out);
    Bytes.EMPTY.writeTo(out);
    assertThat(out.toByteArray()).containsExactly('w', 'o', 'r', 'l', 'd');
  }

  @Test
  void equalsAndHashCodeFollowTheContentNotTheStorage() {
    Bytes slice = Bytes.ascii("xxhelloxx").slice(2, 7);
    Bytes copy = Bytes.ascii("hello");
    assertThat(slice).isEqualTo(copy).hasSameHashCodeAs(copy);
    assertThat(copy).isEqualTo(slice);
    assertThat(slice).isNotEqualTo(Bytes.ascii("hellO"));
    assertThat(slice).isNotEqualTo(Bytes.ascii("hell"));
    assertThat(slice).isNotEqualTo("hello");
    assertThat(Bytes.ascii("ab").hashCode()).isNotEqualTo(Bytes.ascii("ba").hashCode());
  }

  @Test
  void compareToIsUnsignedAndLexicographic() {
    Bytes low = Bytes.of((byte) 0x7f);
    Bytes high = Bytes.of((byte) 0x80);
    assertThat(low).isLessThan(high);
    assertThat(Bytes.ascii("ab")).isLessThan(Bytes.ascii("abc"));
    assertThat(Bytes.ascii("abc")).isLessThan(Bytes.ascii("abd"));
    assertThat(Bytes.ascii("b")).isGreaterThan(Bytes.ascii("abc"));
    assertThat(Bytes.EMPTY).isLessThan(Bytes.of((byte) 0));
    assertThat(HELLO_WORLD.slice(0, 5).compareTo(Bytes.ascii("hello"))).isZero();

    List<Bytes> sorted = new ArrayList<>(List.of(high, Bytes.ascii("b"), low, Bytes.EMPTY));
    sorted.sort(null);
    assertThat(sorted).containsExactly(Bytes.EMPTY, Bytes.ascii("b"), low, high);
  }
}

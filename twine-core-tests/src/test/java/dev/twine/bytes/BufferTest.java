package dev.twine.bytes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BufferTest {
  private static final int SEGMENT = Buffer.SEGMENT_SIZE;

  private final Buffer buffer = new Buffer();

  @Test
  void aNewBufferIsEmptyAndHoldsNoMemory() {
    assertThat(buffer.size()).isZero();
    assertThat(buffer.isEmpty()).isTrue();
    assertThat(buffer.readAll()).isEqualTo(Bytes.EMPTY);
    assertThat(buffer.capacity()).isZero();
  }

  @Test
  void writesAppendInOrderAndChain() {
    Buffer returned = buffer
        .write(Bytes.ascii("xab").slice(1, 3))
        .write(new byte[] {'c'})
        .write(new byte[] {'x', 'd', 'e', 'x'}, 1, 2)
        .write(ByteBuffer.wrap(new byte[] {'f'}))
        .writeByte('g')
        .writeUtf8("\u00e9");
    assertThat(returned).isSameAs(buffer);
    assertThat(buffer.size()).isEqualTo(9);
    assertThat(buffer.readUtf8(9)).isEqualTo("abcdefg\u00e9");
  }

  @Test
  void writeCopiesTheArraySoLaterChangesDoNotShow() {
    byte[] array = {1, 2, 3};
    buffer.write(array);
    array[0] = 9;
    assertThat(buffer.readAll()).isEqualTo(Bytes.of((byte) 1, (byte) 2, (byte) 3));
  }

  @Test
  void writeRejectsARangeOutsideTheArray() {
    assertThatThrownBy(() -> buffer.write(new byte[3], 2, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(buffer.size()).isZero();
  }

  @Test
  void writeByteBufferConsumesItsRemainingBytes() {
    ByteBuffer direct = ByteBuffer.allocateDirect(SEGMENT + 10);
    for (int i = 0; i < direct.capacity(); i++) {
      direct.put((byte) i);
    }
    direct.flip().position(3);
    buffer.write(direct);
    assertThat(direct.hasRemaining()).isFalse();
    assertThat(buffer.size()).isEqualTo(SEGMENT + 7);
    assertThat(buffer.getByte(0)).isEqualTo((byte) 3);
    assertThat(buffer.getByte(SEGMENT + 6)).isEqualTo((byte) (SEGMENT + 9));
  }

  @Test
  void writeByteKeepsTheLowEightBits() {
    buffer.writeByte(0x1ff).writeByte(-1).writeByte(0x80);
    assertThat(buffer.readAll().hex()).isEqualTo("ffff80");
  }

  @Test
  void numbersAreWrittenBigEndian() {
    buffer.writeShort(0x10203).writeInt(0x04050607).writeLong(0x08090a0b0c0d0e0fL);
    assertThat(buffer.readAll().hex()).isEqualTo("0203" + "04050607" + "08090a0b0c0d0e0f");
  }

  @Test
  void contentLargerThanASegmentComesBackWhole() {
    byte[] data = pattern(3 * SEGMENT + 5);
    buffer.write(Arrays.copyOfRange(data, 0, 10)).write(data, 10, data.length - 10);
    assertThat(buffer.peek(data.length).toByteArray()).isEqualTo(data);
    assertThat(buffer.readBytes(SEGMENT + 1).toByteArray())
        .isEqualTo(Arrays.copyOfRange(data, 0, SEGMENT + 1));
    assertThat(buffer.readAll().toByteArray())
        .isEqualTo(Arrays.copyOfRange(data, SEGMENT + 1, data.length));
  }

  @Test
  void getByteLooksWithoutConsuming() {
    buffer.writeUtf8("abc");
    assertThat(buffer.getByte(0)).isEqualTo((byte) 'a');
    assertThat(buffer.getByte(2)).isEqualTo((byte) 'c');
    buffer.skip(1);
    assertThat(buffer.getByte(0)).isEqualTo((byte) 'b');
    assertThat(buffer.size()).isEqualTo(2);
  }

  @Test
  void getByteRejectsAnIndexOutsideTheContent() {
    buffer.writeUtf8("abc");
    assertThatThrownBy(() -> buffer.getByte(3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot read 1 byte at index 3: the buffer holds 3");
    assertThatThrownBy(() -> buffer.getByte(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot read 1 byte at index -1: the buffer holds 3");
  }

  @Test
  void getNumbersReadBigEndianAtAnIndex() {
    buffer.write(Bytes.fromHex("00" + "fffe" + "80000001" + "8000000000000002"));
    assertThat(buffer.getUnsignedByte(1)).isEqualTo(0xff);
    assertThat(buffer.getShort(1)).isEqualTo((short) -2);
    assertThat(buffer.getUnsignedShort(1)).isEqualTo(0xfffe);
    assertThat(buffer.getInt(3)).isEqualTo(0x80000001);
    assertThat(buffer.getUnsignedInt(3)).isEqualTo(0x80000001L);
    assertThat(buffer.getLong(7)).isEqualTo(0x8000000000000002L);
    assertThat(buffer.size()).isEqualTo(15);
  }

  @Test
  void getNumbersSpanSegmentBoundaries() {
    buffer.write(new byte[SEGMENT - 2]).writeLong(0x0102030405060708L);
    buffer.skip(SEGMENT - 5);
    assertThat(buffer.getLong(3)).isEqualTo(0x0102030405060708L);
    assertThat(buffer.getInt(1)).isEqualTo(0x00000102);
    assertThat(buffer.getUnsignedShort(4)).isEqualTo(0x0203);
  }

  @Test
  void getNumbersRejectATooShortTail() {
    buffer.write(new byte[7]);
    assertThatThrownBy(() -> buffer.getLong(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot read 8 bytes at index 0: the buffer holds 7");
    assertThatThrownBy(() -> buffer.getInt(4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot read 4 bytes at index 4: the buffer holds 7");
    assertThat(buffer.getInt(3)).isZero();
  }

  @Test
  void readNumbersConsumeBigEndianValues() {
    buffer.write(Bytes.fromHex("ff" + "ff" + "fffe" + "fffe" + "fffffffd" + "fffffffd"
        + "fffffffffffffffc" + "01"));
    assertThat(buffer.readByte()).isEqualTo((byte) -1);
    assertThat(buffer.readUnsignedByte()).isEqualTo(255);
    assertThat(buffer.readShort()).isEqualTo((short) -2);
    assertThat(buffer.readUnsignedShort()).isEqualTo(65534);
    assertThat(buffer.readInt()).isEqualTo(-3);
    assertThat(buffer.readUnsignedInt()).isEqualTo(4294967293L);
    assertThat(buffer.readLong()).isEqualTo(-4L);
    assertThat(buffer.size()).isEqualTo(1);
  }

  @Test
  void aReadThatLacksBytesFailsAndConsumesNothing() {
    buffer.write(Bytes.fromHex("0102"));
    assertThatThrownBy(buffer::readInt)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot read 4 bytes at index 0: the buffer holds 2");
    assertThatThrownBy(() -> buffer.readBytes(3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot take 3 bytes: the buffer holds 2");
    assertThatThrownBy(() -> buffer.skip(3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> buffer.peek(3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> buffer.readUtf8(3)).isInstanceOf(IllegalArgumentException.class);
    assertThat(buffer.readAll()).isEqualTo(Bytes.fromHex("0102"));
    assertThatThrownBy(buffer::readByte)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot read 1 byte at index 0: the buffer holds 0");
  }

  @Test
  void negativeCountsAreRejected() {
    buffer.writeUtf8("abc");
    assertThatThrownBy(() -> buffer.readBytes(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("byte count must not be negative: -1");
    assertThatThrownBy(() -> buffer.skip(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(buffer.size()).isEqualTo(3);
  }

  @Test
  void peekReturnsTheFrontWithoutConsuming() {
    buffer.writeUtf8("hello");
    assertThat(buffer.peek(4)).isEqualTo(Bytes.ascii("hell"));
    assertThat(buffer.peek(0)).isEqualTo(Bytes.EMPTY);
    assertThat(buffer.readAll()).isEqualTo(Bytes.ascii("hello"));
  }

  @Test
  void readBytesAndSkipConsumeFromTheFront() {
    buffer.writeUtf8("hello, world");
    assertThat(buffer.readBytes(5)).isEqualTo(Bytes.ascii("hello"));
    buffer.skip(2);
    assertThat(buffer.readBytes(0)).isEqualTo(Bytes.EMPTY);
    assertThat(buffer.readAll()).isEqualTo(Bytes.ascii("world"));
    assertThat(buffer.isEmpty()).isTrue();
  }

  @Test
  void readBytesIsNotChangedByLaterWrites() {
    buffer.writeUtf8("ab");
    Bytes read = buffer.readBytes(1);
    buffer.writeUtf8("cdef");
    assertThat(read).isEqualTo(Bytes.ascii("a"));
  }

  @Test
  void readUtf8DecodesACutCharacterAsReplacement() {
    buffer.writeUtf8("\u00e9\u00e9");
    assertThat(buffer.readUtf8(3)).isEqualTo("\u00e9\ufffd");
    assertThat(buffer.size()).isEqualTo(1);
  }

  @Test
  void indexOfByteSearchesFromTheGivenIndex() {
    buffer.writeUtf8("a\nb\nc");
    assertThat(buffer.indexOf((byte) '\n')).isEqualTo(1);
    assertThat(buffer.indexOf((byte) '\n', 2)).isEqualTo(3);
    assertThat(buffer.indexOf((byte) '\n', 4)).isEqualTo(-1);
    assertThat(buffer.indexOf((byte) 'c', 5)).isEqualTo(-1);
    buffer.skip(2);
    assertThat(buffer.indexOf((byte) '\n')).isEqualTo(1);
    assertThat(new Buffer().indexOf((byte) 0)).isEqualTo(-1);
  }

  @Test
  void indexOfByteFindsBytesInLaterSegments() {
    buffer.write(new byte[2 * SEGMENT + 100]).writeByte(1).write(new byte[10]).writeByte(1);
    buffer.skip(50);
    long first = 2 * SEGMENT + 50;
    assertThat(buffer.indexOf((byte) 1)).isEqualTo(first);
    assertThat(buffer.indexOf((byte) 1, first)).isEqualTo(first);
    assertThat(buffer.indexOf((byte) 1, first + 1)).isEqualTo(first + 11);
    assertThat(buffer.indexOf((byte) 1, SEGMENT - 50)).isEqualTo(first);
  }

  @Test
  void indexOfRejectsAFromOutsideTheContent() {
    buffer.writeUtf8("abc");
    assertThatThrownBy(() -> buffer.indexOf((byte) 'a', 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("from 4 is outside [0, 3]");
    assertThatThrownBy(() -> buffer.indexOf(Bytes.ascii("a"), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("from -1 is outside [0, 3]");
  }

  @Test
  void indexOfBytesFindsTheFirstOccurrence() {
    buffer.writeUtf8("aaab aab");
    assertThat(buffer.indexOf(Bytes.ascii("aab"))).isEqualTo(1);
    assertThat(buffer.indexOf(Bytes.ascii("aab"), 2)).isEqualTo(5);
    assertThat(buffer.indexOf(Bytes.ascii("aab"), 6)).isEqualTo(-1);
    assertThat(buffer.indexOf(Bytes.ascii("aab!"))).isEqualTo(-1);
    assertThat(buffer.indexOf(Bytes.ascii("aaab aab"))).isZero();
    assertThat(buffer.indexOf(Bytes.ascii("aaab aab!"))).isEqualTo(-1);
    assertThat(buffer.indexOf(Bytes.EMPTY, 8)).isEqualTo(8);
  }

  @Test
  void indexOfBytesFindsANeedleThatSpansSegments() {
    buffer.write(new byte[SEGMENT - 1]).writeUtf8("\r\n\r\n");
    assertThat(buffer.indexOf(Bytes.ascii("\r\n\r\n"))).isEqualTo(SEGMENT - 1);
    assertThat(buffer.indexOf(Bytes.ascii("\n\r"), SEGMENT)).isEqualTo(SEGMENT);
  }

  @Test
  void resumingASearchFindsADelimiterThatArrivesInPieces() {
    Bytes crlf = Bytes.ascii("\r\n");
    List<String> lines = new ArrayList<>();
    long scanned = 0;
    for (byte b : Bytes.ascii("one\r\ntwo\r\r\n\r\n").toByteArray()) {
      buffer.writeByte(b);
      long end = buffer.indexOf(crlf, scanned);
      if (end < 0) {
        scanned = Math.max(0, buffer.size() - crlf.size() + 1);
      } else {
        lines.add(buffer.readUtf8(end));
        buffer.skip(crlf.size());
        scanned = 0;
      }
    }
    assertThat(lines).containsExactly("one", "two\r", "");
    assertThat(buffer.isEmpty()).isTrue();
  }

  @Test
  void theLengthPrefixedFramingExampleWorksFedOneByteAtATime() {
    Buffer wire = new Buffer().writeInt(3).writeUtf8("abc").writeInt(0).writeInt(1).writeByte('z');
    List<Bytes> frames = new ArrayList<>();
    for (byte b : wire.readAll().toByteArray()) {
      buffer.writeByte(b);
      while (buffer.size() >= 4 && buffer.size() >= 4 + buffer.getUnsignedInt(0)) {
        long length = buffer.readUnsignedInt();
        frames.add(buffer.readBytes(length));
      }
    }
    assertThat(frames).containsExactly(Bytes.ascii("abc"), Bytes.EMPTY, Bytes.ascii("z"));
  }

  @Test
  void clearEmptiesTheBufferAndDropsItsMemory() {
    buffer.write(new byte[3 * SEGMENT]);
    buffer.clear();
    assertThat(buffer.size()).isZero();
    assertThat(buffer.capacity()).isZero();
    buffer.writeUtf8("again");
    assertThat(buffer.readAll()).isEqualTo(Bytes.ascii("again"));
  }

  @Test
  void consumingDropsSegmentsAsTheyEmpty() {
    buffer.write(new byte[3 * SEGMENT]);
    assertThat(buffer.capacity()).isEqualTo(3L * SEGMENT);
    buffer.skip(SEGMENT + 1);
    assertThat(buffer.capacity()).isEqualTo(2L * SEGMENT);
    buffer.readBytes(2 * SEGMENT - 1);
    assertThat(buffer.capacity()).isZero();
  }

  @Test
  void toStringShowsTheSizeAndTheFirstBytes() {
    assertThat(buffer).hasToString("Buffer[0]\"\"");
    buffer.writeUtf8("hi\r\n");
    assertThat(buffer).hasToString("Buffer[4]\"hi\\r\\n\"");
    buffer.write(new byte[100]);
    assertThat(buffer.toString()).startsWith("Buffer[104]\"hi\\r\\n\\x00").endsWith("\\x00\"...");
    assertThat(buffer.size()).isEqualTo(104);
  }

  private static byte[] pattern(int size) {
    byte[] data = new byte[size];
    for (int i = 0; i < size; i++) {
      data[i] = (byte) (i * 31 + i / 256);
    }
    return data;
  }
}

package dev.twine.bytes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** {@link Buffer} checked against simple models over random sequences of operations. */
class BufferPropertyTest {
  private static final int SEGMENT = Buffer.SEGMENT_SIZE;
  private static final List<Integer> WIDTHS = List.of(1, 2, 4, 8);

  /** How a write hands its data to the buffer. */
  enum Via { BYTES, ARRAY, ARRAY_RANGE, BYTE_BUFFER, BYTE_BY_BYTE }

  /** How a read takes its bytes out of the buffer. */
  enum Take { READ_BYTES, SKIP, PEEK, READ_ALL, NUMBER }

  sealed interface Op {}

  record Write(int size, long seed, Via via) implements Op {}

  /** Takes a {@code fraction} of the content, or a number as wide as {@code fraction} picks. */
  record Read(double fraction, Take take) implements Op {}

  record Clear() implements Op {}

  @Property(tries = 150)
  void behavesAsAQueueOfBytes(@ForAll("operations") List<Op> operations) {
    Buffer buffer = new Buffer();
    ArrayDeque<Byte> model = new ArrayDeque<>();
    for (Op op : operations) {
      switch (op) {
        case Write write -> write(buffer, model, write);
        case Read read -> read(buffer, model, read);
        case Clear clear -> {
          buffer.clear();
          model.clear();
        }
      }
      assertThat(buffer.size()).as("size after %s", op).isEqualTo(model.size());
      assertThat(buffer.peek(buffer.size()).toByteArray()).as("content after %s", op)
          .isEqualTo(toArray(model));
    }
  }

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Integer> sizes = Arbitraries.oneOf(
        Arbitraries.integers().between(0, 20), Arbitraries.integers().between(0, 2 * SEGMENT + 50));
    Arbitrary<Op> write = Combinators.combine(
        sizes, Arbitraries.longs(), Arbitraries.of(Via.class)).as(Write::new);
    Arbitrary<Op> read = Combinators.combine(
        Arbitraries.doubles().between(0, 1).edgeCases(c -> c.add(0.0).add(1.0)),
        Arbitraries.of(Take.class)).as(Read::new);
    Arbitrary<Op> clear = Arbitraries.just(new Clear());
    Arbitrary<Op> op = Arbitraries.frequencyOf(
        Tuple.of(6, write), Tuple.of(6, read), Tuple.of(1, clear));
    return op.list().ofMaxSize(30);
  }

  private static void write(Buffer buffer, ArrayDeque<Byte> model, Write write) {
    byte[] data = randomBytes(write.size(), write.seed());
    switch (write.via()) {
      case BYTES -> buffer.write(Bytes.wrap(padded(data)).slice(3, 3 + data.length));
      case ARRAY -> buffer.write(data);
      case ARRAY_RANGE -> buffer.write(padded(data), 3, data.length);
      case BYTE_BUFFER -> buffer.write(ByteBuffer.wrap(data));
      case BYTE_BY_BYTE -> {
        for (byte b : data) {
          buffer.writeByte(b);
        }
      }
    }
    for (byte b : data) {
      model.add(b);
    }
  }

  private static void read(Buffer buffer, ArrayDeque<Byte> model, Read read) {
    int n = (int) Math.round(read.fraction() * model.size());
    switch (read.take()) {
      case READ_BYTES -> assertThat(buffer.readBytes(n).toByteArray()).isEqualTo(take(model, n));
      case SKIP -> {
        buffer.skip(n);
        take(model, n);
      }
      case PEEK -> assertThat(buffer.peek(n).toByteArray()).isEqualTo(peek(model, n));
      case READ_ALL -> assertThat(buffer.readAll().toByteArray())
          .isEqualTo(take(model, model.size()));
      case NUMBER -> readNumber(buffer, model, WIDTHS.get((int) (read.fraction() * 3.99)));
    }
  }

  private static void readNumber(Buffer buffer, ArrayDeque<Byte> model, int width) {
    if (model.size() < width) {
      assertThatThrownBy(() -> readSigned(buffer, width))
          .isInstanceOf(IllegalArgumentException.class);
      return;
    }
    ByteBuffer expected = ByteBuffer.wrap(take(model, width));
    long value = switch (width) {
      case 1 -> expected.get();
      case 2 -> expected.getShort();
      case 4 -> expected.getInt();
      default -> expected.getLong();
    };
    assertThat(readSigned(buffer, width)).isEqualTo(value);
  }

  private static long readSigned(Buffer buffer, int width) {
    return switch (width) {
      case 1 -> buffer.readByte();
      case 2 -> buffer.readShort();
      case 4 -> buffer.readInt();
      default -> buffer.readLong();
    };
  }

  @Property(tries = 100)
  void indexOfAgreesWithANaiveScan(
      @ForAll @IntRange(max = 3 * SEGMENT) int size,
      @ForAll @IntRange(max = SEGMENT + 10) int consumed,
      @ForAll @Size(max = 4) List<@IntRange(max = 2) Integer> needleValues,
      @ForAll long seed) {
    Random random = new Random(seed);
    byte[] content = new byte[size];
    for (int i = 0; i < size; i++) {
      content[i] = (byte) (random.nextInt(40) == 0 ? 1 : random.nextInt(3) == 0 ? 2 : 0);
    }
    Buffer buffer = new Buffer().write(new byte[consumed]);
    for (int written = 0; written < size; ) {
      int chunk = Math.min(size - written, random.nextInt(2 * SEGMENT / 3) + 1);
      buffer.write(content, written, chunk);
      written += chunk;
    }
    buffer.skip(consumed);
    byte[] needle = new byte[needleValues.size()];
    for (int i = 0; i < needle.length; i++) {
      needle[i] = needleValues.get(i).byteValue();
    }
    for (int check = 0; check < 20; check++) {
      int from = check == 0 ? 0 : random.nextInt(size + 1);
      assertThat(buffer.indexOf(Bytes.wrap(needle), from)).as("needle from %d", from)
          .isEqualTo(naiveIndexOf(content, needle, from));
      assertThat(buffer.indexOf((byte) 1, from)).as("byte from %d", from)
          .isEqualTo(naiveIndexOf(content, new byte[] {1}, from));
    }
  }

  private static long naiveIndexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Property(tries = 200)
  void numbersAgreeWithByteBufferBigEndian(
      @ForAll long value, @ForAll @IntRange(max = SEGMENT + 16) int offset) {
    byte[] expected = ByteBuffer.allocate(8).putLong(value).array();
    Buffer buffer = new Buffer().write(new byte[offset]).writeLong(value);
    ByteBuffer model = ByteBuffer.wrap(expected);
    assertThat(buffer.getLong(offset)).isEqualTo(value);
    assertThat(buffer.getInt(offset + 4)).isEqualTo(model.getInt(4));
    assertThat(buffer.getUnsignedInt(offset)).isEqualTo(Integer.toUnsignedLong(model.getInt(0)));
    assertThat(buffer.getShort(offset + 6)).isEqualTo(model.getShort(6));
    assertThat(buffer.getUnsignedShort(offset + 1))
        .isEqualTo(Short.toUnsignedInt(model.getShort(1)));
    assertThat(buffer.getUnsignedByte(offset + 7)).isEqualTo(Byte.toUnsignedInt(model.get(7)));

    buffer.skip(offset);
    assertThat(buffer.peek(8).toByteArray()).isEqualTo(expected);
    assertThat(buffer.readUnsignedByte()).isEqualTo(Byte.toUnsignedInt(model.get(0)));
    assertThat(buffer.readUnsignedShort()).isEqualTo(Short.toUnsignedInt(model.getShort(1)));
    assertThat(buffer.readByte()).isEqualTo(model.get(3));
    assertThat(buffer.readUnsignedInt()).isEqualTo(Integer.toUnsignedLong(model.getInt(4)));

    buffer.writeShort((short) value).writeInt((int) value);
    assertThat(buffer.readShort()).isEqualTo((short) value);
    assertThat(buffer.readInt()).isEqualTo((int) value);
    assertThat(buffer.isEmpty()).isTrue();
  }

  @Property(tries = 30)
  void retainedMemoryStaysBoundedAcrossWriteAndConsumeCycles(
      @ForAll @Size(min = 200, max = 200) List<@IntRange(max = 3 * SEGMENT) Integer> writes,
      @ForAll @Size(min = 200, max = 200) List<@DoubleRange(max = 1) Double> consumed) {
    Buffer buffer = new Buffer();
    byte[] data = new byte[3 * SEGMENT];
    Iterator<Double> fractions = consumed.iterator();
    for (int size : writes) {
      buffer.write(data, 0, size);
      assertBounded(buffer);
      buffer.skip(Math.round(fractions.next() * buffer.size()));
      assertBounded(buffer);
    }
    buffer.skip(buffer.size());
    assertThat(buffer.capacity()).isZero();
  }

  private static void assertBounded(Buffer buffer) {
    assertThat(buffer.capacity())
        .as("memory held for %d bytes", buffer.size())
        .isLessThan(buffer.size() + 2L * SEGMENT);
    if (buffer.isEmpty()) {
      assertThat(buffer.capacity()).isZero();
    }
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  /** Returns {@code data} with 3 other bytes before and after it. */
  private static byte[] padded(byte[] data) {
    byte[] padded = new byte[data.length + 6];
    Arrays.fill(padded, (byte) 9);
    System.arraycopy(data, 0, padded, 3, data.length);
    return padded;
  }

  private static byte[] take(ArrayDeque<Byte> model, int n) {
    byte[] result = new byte[n];
    for (int i = 0; i < n; i++) {
      result[i] = model.removeFirst();
    }
    return result;
  }

  private static byte[] peek(ArrayDeque<Byte> model, int n) {
    byte[] result = new byte[n];
    Iterator<Byte> it = model.iterator();
    for (int i = 0; i < n; i++) {
      result[i] = it.next();
    }
    return result;
  }

  private static byte[] toArray(ArrayDeque<Byte> model) {
    return peek(model, model.size());
  }
}

package dev.twine.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Splits of one input into the chunks a protocol may receive it in, so a test can run the same
 * assertions whether the input arrives whole, one byte at a time, or cut at random places.
 *
 * <p>Network reads cut a stream wherever they like; a parser that only works when a message
 * arrives in one piece is broken. Feed it every split:
 *
 * <pre>{@code
 * static List<Chunks.Split> requests() {
 *   return Chunks.all("GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(US_ASCII), 42);
 * }
 *
 * @ParameterizedTest
 * @MethodSource("requests")
 * void parsesARequest(Chunks.Split split) {
 *   split.feed(protocol::dataReceived);
 *   assertThat(received).containsExactly(...);
 * }
 * }</pre>
 *
 * <p>Every split covers the input in order: its chunks, joined, are the input. No chunk is empty,
 * so an empty input gives no chunks. Each chunk is a fresh copy.
 */
public final class Chunks {
  private Chunks() {}

  /** Returns the input as one chunk (none if it is empty). */
  public static List<byte[]> whole(byte[] data) {
    return data.length == 0 ? List.of() : List.of(data.clone());
  }

  /** Returns the input one byte per chunk. */
  public static List<byte[]> byteByByte(byte[] data) {
    List<byte[]> chunks = new ArrayList<>(data.length);
    for (byte b : data) {
      chunks.add(new byte[] {b});
    }
    return List.copyOf(chunks);
  }

  /**
   * Returns the input cut at places drawn from {@code seed}: the same seed always gives the same
   * cuts, on every JVM. Chunk sizes are spread on a logarithmic scale, from single bytes to large
   * pieces, so that both small and large reads occur. An input of two bytes or more is always cut
   * at least once, so that this split differs from {@link #whole}.
   */
  public static List<byte[]> random(byte[] data, long seed) {
    Random random = new Random(seed);
    List<byte[]> chunks = new ArrayList<>();
    int offset = 0;
    while (offset < data.length) {
      int remaining = Math.min(data.length - offset, Math.max(1, data.length - 1));
      int maxExponent = 31 - Integer.numberOfLeadingZeros(remaining);
      int low = 1 << random.nextInt(maxExponent + 1);
      int size = low + random.nextInt(Math.min(low, remaining - low + 1));
      chunks.add(Arrays.copyOfRange(data, offset, offset + size));
      offset += size;
    }
    return List.copyOf(chunks);
  }

  /**
   * Returns the three splits of the input, named: {@link #whole}, {@link #byteByByte} and
   * {@link #random} with {@code seed}. Made for a JUnit {@code @MethodSource}.
   */
  public static List<Split> all(byte[] data, long seed) {
    return List.of(
        new Split("whole", whole(data)),
        new Split("byte by byte", byteByByte(data)),
        new Split("random seed " + seed, random(data, seed)));
  }

  /**
   * One way to split an input, with a name that says how, for test reports.
   *
   * @param name how the input was split, such as {@code "byte by byte"}
   * @param chunks the pieces, in order
   */
  public record Split(String name, List<byte[]> chunks) {
    /** Creates it; the list is copied. */
    public Split {
      Objects.requireNonNull(name, "name");
      chunks = List.copyOf(chunks);
    }

    /**
     * Hands each chunk to {@code consumer}, in order. Each call gets a fresh copy, so a consumer
     * that keeps or changes an array does not disturb a later feed.
     */
    public void feed(Consumer<? super byte[]> consumer) {
      for (byte[] chunk : chunks) {
        consumer.accept(chunk.clone());
      }
    }

    /** Returns the name and the number of chunks, such as {@code "byte by byte (12 chunks)"}. */
    @Override
    public String toString() {
      return name + " (" + chunks.size() + (chunks.size() == 1 ? " chunk)" : " chunks)");
    }
  }
}

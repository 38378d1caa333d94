package dev.twine.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChunksTest {
  private static final byte[] LINES = "GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(US_ASCII);

  private static byte[] joined(List<byte[]> chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    chunks.forEach(out::writeBytes);
    return out.toByteArray();
  }

  private static List<Integer> sizes(List<byte[]> chunks) {
    return chunks.stream().map(chunk -> chunk.length).toList();
  }

  @Property
  void everySplitCoversTheInputInOrderWithNoEmptyChunk(
      @ForAll @Size(max = 3000) byte[] data, @ForAll long seed) {
    for (Chunks.Split split : Chunks.all(data, seed)) {
      assertThat(joined(split.chunks())).as(split.name()).isEqualTo(data);
      assertThat(split.chunks()).as(split.name())
          .allSatisfy(chunk -> assertThat(chunk).isNotEmpty());
    }
  }

  @Property
  void theSameSeedGivesTheSameCuts(@ForAll @Size(max = 3000) byte[] data, @ForAll long seed) {
    assertThat(sizes(Chunks.random(data, seed))).isEqualTo(sizes(Chunks.random(data, seed)));
  }

  @Property
  void randomlyCutsAnyInputOfTwoBytesOrMore(
      @ForAll @Size(min = 2, max = 3000) byte[] data, @ForAll long seed) {
    assertThat(Chunks.random(data, seed)).hasSizeGreaterThan(1);
  }

  @Test
  void aSeedGivesTheSameCutsOnEveryRun() {
    assertThat(sizes(Chunks.random(new byte[40], 42))).containsExactly(4, 1, 1, 34);
  }

  @Test
  void randomCutsVaryWithTheSeedAndMixSmallAndLargeChunks() {
    byte[] data = new byte[1000];
    Set<List<Integer>> splits = new HashSet<>();
    List<Integer> allSizes = new ArrayList<>();
    LongStream.range(0, 50).forEach(seed -> {
      List<Integer> sizes = sizes(Chunks.random(data, seed));
      splits.add(sizes);
      allSizes.addAll(sizes);
    });

    assertThat(splits).hasSize(50);
    assertThat(allSizes).contains(1).anySatisfy(size -> assertThat(size).isGreaterThan(200));
  }

  @Test
  void wholeIsOneCopyOfTheInput() {
    byte[] data = {1, 2, 3};
    List<byte[]> chunks = Chunks.whole(data);
    data[0] = 9;

    assertThat(chunks).singleElement().isEqualTo(new byte[] {1, 2, 3});
  }

  @Test
  void byteByByteGivesOneChunkPerByte() {
    assertThat(Chunks.byteByByte(new byte[] {1, 2, 3}))
        .containsExactly(new byte[] {1}, new byte[] {2}, new byte[] {3});
  }

  @Test
  void anEmptyInputGivesNoChunks() {
    assertThat(Chunks.all(new byte[0], 1))
        .allSatisfy(split -> assertThat(split.chunks()).isEmpty());
  }

  @Test
  void splitsAreNamedForTestReports() {
    assertThat(Chunks.all(new byte[] {1, 2, 3}, 7)).map(Chunks.Split::toString).containsExactly(
        "whole (1 chunk)",
        "byte by byte (3 chunks)",
        "random seed 7 (2 chunks)");
  }

  @Test
  void feedingHandsEachConsumerItsOwnCopies() {
    Chunks.Split split = new Chunks.Split("whole", Chunks.whole(new byte[] {1, 2}));
    split.feed(chunk -> chunk[0] = 9);

    List<byte[]> fed = new ArrayList<>();
    split.feed(fed::add);

    assertThat(fed).containsExactly(new byte[] {1, 2});
  }

  static List<Chunks.Split> lines() {
    return Chunks.all(LINES, 42);
  }

  @ParameterizedTest
  @MethodSource("lines")
  void aLineReaderSeesTheSameLinesWhateverTheSplit(Chunks.Split split) {
    LineCollector collector = new LineCollector();

    split.feed(collector::dataReceived);

    assertThat(collector.lines).containsExactly("GET / HTTP/1.1", "Host: a", "");
  }

  /** A minimal CRLF line splitter, as a protocol under test would be. */
  private static final class LineCollector {
    private final List<String> lines = new ArrayList<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    void dataReceived(byte[] data) {
      for (byte b : data) {
        pending.write(b);
        String text = pending.toString(US_ASCII);
        if (text.endsWith("\r\n")) {
          lines.add(text.substring(0, text.length() - 2));
          pending.reset();
        }
      }
    }
  }
}

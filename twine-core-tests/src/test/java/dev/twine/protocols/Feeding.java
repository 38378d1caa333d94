package dev.twine.protocols;

import dev.twine.bytes.Bytes;
import dev.twine.internet.Protocol;
import dev.twine.testing.Chunks;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One way of cutting a test's input into reads: whole, byte by byte, or at random places drawn
 * from a seed. Parameterized tests take every one from {@link #all()}, so each behaviour is shown
 * to hold however the network cuts the input.
 */
record Feeding(String name, Function<byte[], List<byte[]>> cut) {

  /** Returns whole, byte-by-byte and five seeded random feedings. */
  static List<Feeding> all() {
    List<Feeding> all = new ArrayList<>();
    all.add(new Feeding("whole", Chunks::whole));
    all.add(new Feeding("byte by byte", Chunks::byteByByte));
    for (long seed = 1; seed <= 5; seed++) {
      long s = seed;
      all.add(new Feeding("random seed " + s, data -> Chunks.random(data, s)));
    }
    return all;
  }

  /** Hands {@code input} to {@code protocol}, one {@code dataReceived} per chunk. */
  void feed(Protocol protocol, Bytes input) {
    for (byte[] chunk : cut.apply(input.toByteArray())) {
      protocol.dataReceived(Bytes.wrap(chunk));
    }
  }

  /** Hands the ASCII text {@code input} to {@code protocol}, one {@code dataReceived} per chunk. */
  void feed(Protocol protocol, String input) {
    feed(protocol, Bytes.ascii(input));
  }

  @Override
  public String toString() {
    return name;
  }
}

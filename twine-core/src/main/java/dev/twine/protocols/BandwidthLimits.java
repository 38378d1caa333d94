package dev.twine.protocols;

import java.util.OptionalLong;

/**
 * The byte rates a {@link ThrottlingProtocol} holds one connection to, each direction limited or
 * not. A connection may use a whole second's worth at once, then the rate applies.
 *
 * <pre>{@code
 * BandwidthLimits limits = BandwidthLimits.NONE.withReadLimit(64 * 1024).withWriteLimit(1 << 20);
 * }</pre>
 *
 * @param readBytesPerSecond how many bytes per second are read from the peer, if limited
 * @param writeBytesPerSecond how many bytes per second a streaming producer may write, if limited
 */
public record BandwidthLimits(OptionalLong readBytesPerSecond, OptionalLong writeBytesPerSecond) {
  /** No limit either way. */
  public static final BandwidthLimits NONE = new BandwidthLimits(OptionalLong.empty(), OptionalLong.empty());

  /**
   * Validates the rates.
   *
   * @throws IllegalArgumentException if a rate is given and is not positive
   */
  public BandwidthLimits {
    positive("readBytesPerSecond", readBytesPerSecond);
    positive("writeBytesPerSecond", writeBytesPerSecond);
  }

  private static void positive(String name, OptionalLong rate) {
    if (rate.isPresent() && rate.getAsLong() <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + rate.getAsLong());
    }
  }

  /** Returns these limits reading at most {@code bytesPerSecond}. */
  public BandwidthLimits withReadLimit(long bytesPerSecond) {
    return new BandwidthLimits(OptionalLong.of(bytesPerSecond), writeBytesPerSecond);
  }

  /** Returns these limits writing at most {@code bytesPerSecond}. */
  public BandwidthLimits withWriteLimit(long bytesPerSecond) {
    return new BandwidthLimits(readBytesPerSecond, OptionalLong.of(bytesPerSecond));
  }
}

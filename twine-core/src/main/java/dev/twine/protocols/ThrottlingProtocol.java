package dev.twine.protocols;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.DelayedCall;
import dev.twine.internet.Factory;
import dev.twine.internet.Producer;
import dev.twine.internet.Protocol;
import dev.twine.internet.PushProducer;
import dev.twine.internet.ReactorTime;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A wrapper that holds one connection to {@link BandwidthLimits}: past its read rate it pauses
 * reading from the peer, past its write rate it pauses the wrapped protocol's streaming producer,
 * each until the rate allows more (the bandwidth part of Twisted's {@code ThrottlingFactory},
 * which limits the sum over a factory's connections; this limits each connection).
 *
 * <pre>{@code
 * reactor.listenTcp(8000, ThrottlingProtocol.factory(files, reactor,
 *     BandwidthLimits.NONE.withWriteLimit(1 << 20)));
 * }</pre>
 *
 * <p>Data already read or written is never held back: the connection goes into debt and is paused
 * until the rate has paid it off, timed by {@code time}. Pausing by the throttle and by the
 * protocols combine: reading resumes only once neither the throttle nor the wrapped protocol
 * wants it paused, and a producer resumes only once neither the throttle nor the transport (its
 * buffer being full) wants it paused. Writes without a streaming producer are not throttled:
 * there is nothing to pause.
 *
 * <p>Threading: the reactor thread of the connection, which must be the thread of {@code time}.
 */
public final class ThrottlingProtocol extends ProtocolWrapper {
  private final ReactorTime time;
  private final @Nullable Bucket reads;
  private final @Nullable Bucket writes;
  private boolean readThrottled;
  private boolean wrappedPausedReading;
  private @Nullable DelayedCall readResume;
  private @Nullable DelayedCall writeResume;
  private @Nullable Gate gate;

  /** Creates a wrapper that holds the connection of {@code wrapped} to {@code limits}. */
  public ThrottlingProtocol(Protocol wrapped, ReactorTime time, BandwidthLimits limits) {
    super(wrapped);
    this.time = Objects.requireNonNull(time, "time");
    Objects.requireNonNull(limits, "limits");
    this.reads = bucket(limits.readBytesPerSecond(), time);
    this.writes = bucket(limits.writeBytesPerSecond(), time);
  }

  /** Returns a factory that wraps each protocol of {@code factory} in a {@code ThrottlingProtocol}. */
  public static WrappingFactory factory(Factory factory, ReactorTime time, BandwidthLimits limits) {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(limits, "limits");
    return new WrappingFactory(factory, protocol -> new ThrottlingProtocol(protocol, time, limits));
  }

  private static @Nullable Bucket bucket(OptionalLong rate, ReactorTime time) {
    return rate.isPresent() ? new Bucket(rate.getAsLong(), time.seconds()) : null;
  }

  /** Passes the data on, then pauses reading if it was more than the read rate allows. */
  @Override
  public void dataReceived(Bytes data) {
    super.dataReceived(data);
    Bucket bucket = reads;
    if (bucket != null && bucket.spend(data.size(), time.seconds()) && !readThrottled
        && !transport().disconnecting()) {
      readThrottled = true;
      transport().pauseProducing();
      readResume = time.callLater(bucket.debt(time.seconds()), this::endReadThrottle);
    }
  }

  private void endReadThrottle() {
    readResume = null;
    readThrottled = false;
    if (!wrappedPausedReading) {
      transport().resumeProducing();
    }
  }

  @Override
  protected void pauseProducing() {
    wrappedPausedReading = true;
    super.pauseProducing();
  }

  @Override
  protected void resumeProducing() {
    wrappedPausedReading = false;
    if (!readThrottled) {
      super.resumeProducing();
    }
  }

  @Override
  protected void write(Bytes data) {
    super.write(data);
    spendWrites(data.size());
  }

  @Override
  protected void writeSequence(List<Bytes> data) {
    super.writeSequence(data);
    spendWrites(data.stream().mapToLong(Bytes::size).sum());
  }

  /** Hands the file region on and counts its bytes against the write rate. */
  @Override
  protected Deferred<@Nullable Void> writeFile(FileChannel file, long position, long count) {
    Deferred<@Nullable Void> sent = super.writeFile(file, position, count);
    spendWrites(count);
    return sent;
  }

  private void spendWrites(long size) {
    Bucket bucket = writes;
    Gate current = gate;
    if (bucket != null && bucket.spend(size, time.seconds()) && current != null && !current.throttled) {
      current.throttle(true);
      writeResume = time.callLater(bucket.debt(time.seconds()), () -> {
        writeResume = null;
        current.throttle(false);
      });
    }
  }

  /** Registers the producer; a streaming one through a gate that the write throttle can close. */
  @Override
  protected void registerProducer(Producer producer, boolean streaming) {
    if (streaming && writes != null && producer instanceof PushProducer push) {
      Gate newGate = new Gate(push);
      super.registerProducer(newGate, true);
      gate = newGate;
    } else {
      super.registerProducer(producer, streaming);
    }
  }

  @Override
  protected void unregisterProducer() {
    gate = null;
    cancel(writeResume);
    writeResume = null;
    super.unregisterProducer();
  }

  /** Cancels the pending resumptions and tells the wrapped protocol. */
  @Override
  public void connectionLost(Failure reason) {
    cancel(readResume);
    cancel(writeResume);
    readResume = null;
    writeResume = null;
    super.connectionLost(reason);
  }

  private static void cancel(@Nullable DelayedCall call) {
    if (call != null && call.active()) {
      call.cancel();
    }
  }

  /** Tokens that refill at a rate up to one second's worth; spending may run into debt. */
  private static final class Bucket {
    private final double rate;
    private double tokens;
    private double updated;

    Bucket(long rate, double now) {
      this.rate = rate;
      this.tokens = rate;
      this.updated = now;
    }

    /** Spends {@code n} tokens and returns whether that left a debt. */
    boolean spend(long n, double now) {
      tokens = Math.min(rate, tokens + Math.max(0, now - updated) * rate) - n;
      updated = now;
      return tokens < 0;
    }

    /** Returns how long the rate takes to pay off the debt. */
    Duration debt(double now) {
      double owed = -(tokens + Math.max(0, now - updated) * rate);
      return Duration.ofNanos((long) Math.ceil(Math.max(0, owed) / rate * 1e9));
    }
  }

  /** What the transport sees as the producer: it pauses the real one while the transport or the throttle wants. */
  private static final class Gate implements PushProducer {
    private final PushProducer producer;
    private boolean transportPaused;
    private boolean throttled;
    private boolean paused;

    Gate(PushProducer producer) {
      this.producer = producer;
    }

    @Override
    public void pauseProducing() {
      transportPaused = true;
      apply();
    }

    @Override
    public void resumeProducing() {
      transportPaused = false;
      apply();
    }

    @Override
    public void stopProducing() {
      producer.stopProducing();
    }

    void throttle(boolean on) {
      throttled = on;
      apply();
    }

    private void apply() {
      boolean pause = transportPaused || throttled;
      if (pause != paused) {
        paused = pause;
        if (pause) {
          producer.pauseProducing();
        } else {
          producer.resumeProducing();
        }
      }
    }
  }
}

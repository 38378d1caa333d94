package dev.twine.internet.nio;

import static dev.twine.internet.nio.Recorder.pattern;

import dev.twine.internet.DelayedCall;
import dev.twine.internet.Protocol;
import dev.twine.internet.PushProducer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A push producer for backpressure tests: it writes patterned chunks while it is not paused and
 * measures each burst (what it wrote between being started or resumed and being paused). Its
 * peer starts with reading paused; once the producer has stayed paused for 100 ms (the kernel's
 * buffers are full and the transport holds it back), it records the moment, lets the peer resume
 * reading, writes one more MiB and closes. Reaching {@link #CAP} instead means nothing held it
 * back.
 */
final class Streamer implements PushProducer {
  static final int CHUNK = 16 * 1024;
  static final long CAP = 64L << 20;
  final NioReactor reactor;
  final Recorder peer;
  Protocol writer;
  long written;
  long burst;
  long firstBurst = -1;
  long largestBurst;
  boolean paused;
  DelayedCall stall;
  long stalledAt = -1;
  long peerReceivedWhenStalled = -1;
  int resumesAfterPeerResumed;
  final CompletableFuture<Long> finished = new CompletableFuture<>();

  Streamer(NioReactor reactor, Recorder peer) {
    this.reactor = reactor;
    this.peer = peer;
  }

  void produce() {
    long end = stalledAt < 0 ? CAP : stalledAt + (1 << 20);
    while (!paused && written < end) {
      burst += CHUNK;
      written += CHUNK;
      writer.transport().write(pattern(written - CHUNK, CHUNK));
    }
    if (written >= end) {
      writer.transport().unregisterProducer();
      writer.transport().loseConnection();
      finished.complete(written);
    }
  }

  @Override
  public void pauseProducing() {
    paused = true;
    if (firstBurst < 0) {
      firstBurst = burst;
    }
    largestBurst = Math.max(largestBurst, burst);
    burst = 0;
    if (stalledAt < 0) {
      stall = reactor.callLater(Duration.ofMillis(100), this::stalled);
    }
  }

  @Override
  public void resumeProducing() {
    if (stall != null && stall.active()) {
      stall.cancel();
    }
    if (stalledAt >= 0) {
      resumesAfterPeerResumed++;
    }
    paused = false;
    produce();
  }

  private void stalled() {
    stalledAt = written;
    peerReceivedWhenStalled = peer.receivedCount();
    peer.transport().resumeProducing();
  }

  @Override
  public void stopProducing() {
    finished.completeExceptionally(new AssertionError("stopProducing at " + written));
  }
}

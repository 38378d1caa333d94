package dev.twine.protocols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.ConnectionDone;
import dev.twine.internet.Protocol;
import dev.twine.internet.PushProducer;
import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport;
import dev.twine.testing.StringTransport.ProducerState;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThrottlingProtocolTest {
  private final Clock clock = new Clock();
  private final StringTransport transport = new StringTransport();
  private final List<String> events = new ArrayList<>();

  /** Records what it reads, and what its producer is told. */
  private final class Recorder extends Protocol implements PushProducer {
    @Override
    public void dataReceived(Bytes data) {
      events.add("read " + data.size());
    }

    @Override
    public void pauseProducing() {
      events.add("producer paused");
    }

    @Override
    public void resumeProducing() {
      events.add("producer resumed");
    }

    @Override
    public void stopProducing() {
      events.add("producer stopped");
    }
  }

  private final Recorder recorder = new Recorder();

  private ThrottlingProtocol connected(BandwidthLimits limits) {
    ThrottlingProtocol throttled = new ThrottlingProtocol(recorder, clock, limits);
    throttled.makeConnection(transport);
    return throttled;
  }

  @Test
  void pausesReadingPastTheReadRateUntilTheDebtIsPaid() {
    ThrottlingProtocol throttled = connected(BandwidthLimits.NONE.withReadLimit(100));
    throttled.dataReceived(Bytes.wrap(new byte[100]));
    assertThat(transport.producerState()).as("a second's worth at once").isEqualTo(ProducerState.PRODUCING);

    throttled.dataReceived(Bytes.wrap(new byte[50]));
    assertThat(events).containsExactly("read 100", "read 50");
    assertThat(transport.producerState()).isEqualTo(ProducerState.PAUSED);

    clock.advance(Duration.ofMillis(499));
    assertThat(transport.producerState()).isEqualTo(ProducerState.PAUSED);
    clock.advance(Duration.ofMillis(1));
    assertThat(transport.producerState()).isEqualTo(ProducerState.PRODUCING);
  }

  @Test
  void keepsReadingPausedWhileTheWrappedProtocolWantsIt() {
    ThrottlingProtocol throttled = connected(BandwidthLimits.NONE.withReadLimit(100));
    throttled.dataReceived(Bytes.wrap(new byte[200]));
    recorder.transport().pauseProducing();

    clock.advance(Duration.ofSeconds(1));
    assertThat(transport.producerState()).as("the protocol's pause holds").isEqualTo(ProducerState.PAUSED);
    recorder.transport().resumeProducing();
    assertThat(transport.producerState()).isEqualTo(ProducerState.PRODUCING);
  }

  @Test
  void doesNotResumeReadingForTheWrappedProtocolWhileThrottled() {
    ThrottlingProtocol throttled = connected(BandwidthLimits.NONE.withReadLimit(100));
    throttled.dataReceived(Bytes.wrap(new byte[200]));
    recorder.transport().pauseProducing();
    recorder.transport().resumeProducing();
    assertThat(transport.producerState()).isEqualTo(ProducerState.PAUSED);

    clock.advance(Duration.ofSeconds(1));
    assertThat(transport.producerState()).isEqualTo(ProducerState.PRODUCING);
  }

  @Test
  void pausesAStreamingProducerPastTheWriteRate() {
    connected(BandwidthLimits.NONE.withWriteLimit(1000));
    recorder.transport().registerProducer(recorder, true);
    recorder.transport().write(Bytes.wrap(new byte[1500]));

    assertThat(transport.value().size()).as("written, not held back").isEqualTo(1500);
    assertThat(events).containsExactly("producer paused");
    clock.advance(Duration.ofMillis(500));
    assertThat(events).containsExactly("producer paused", "producer resumed");
  }

  @Test
  void countsAFileRegionAgainstTheWriteRate(@TempDir Path dir) throws IOException {
    Path path = Files.write(dir.resolve("region"), new byte[1500]);
    connected(BandwidthLimits.NONE.withWriteLimit(1000));
    recorder.transport().registerProducer(recorder, true);
    try (FileChannel file = FileChannel.open(path)) {
      recorder.transport().writeFile(file, 0, 1500);
    }

    assertThat(transport.value().size()).isEqualTo(1500);
    assertThat(events).containsExactly("producer paused");
    clock.advance(Duration.ofMillis(500));
    assertThat(events).containsExactly("producer paused", "producer resumed");
  }

  @Test
  void leavesTheProducerPausedWhileTheTransportIsFull() {
    connected(BandwidthLimits.NONE.withWriteLimit(1000));
    recorder.transport().registerProducer(recorder, true);
    recorder.transport().writeSequence(List.of(Bytes.wrap(new byte[1000]), Bytes.wrap(new byte[1000])));
    PushProducer registered = (PushProducer) transport.producer().orElseThrow();
    registered.pauseProducing();

    clock.advance(Duration.ofSeconds(1));
    assertThat(events).as("the transport's pause holds").containsExactly("producer paused");
    registered.resumeProducing();
    assertThat(events).containsExactly("producer paused", "producer resumed");

    registered.stopProducing();
    assertThat(events).endsWith("producer stopped");
  }

  @Test
  void cancelsItsTimersWhenTheConnectionEnds() {
    ThrottlingProtocol throttled = connected(BandwidthLimits.NONE.withReadLimit(10).withWriteLimit(10));
    recorder.transport().registerProducer(recorder, true);
    throttled.dataReceived(Bytes.wrap(new byte[100]));
    recorder.transport().write(Bytes.wrap(new byte[100]));
    assertThat(clock.pendingCalls()).hasSize(2);

    throttled.connectionLost(Failure.of(new ConnectionDone("connection was closed cleanly")));
    assertThat(clock.pendingCalls()).isEmpty();
  }

  @Test
  void throttlesNothingWithoutLimits() {
    ThrottlingProtocol throttled = connected(BandwidthLimits.NONE);
    recorder.transport().registerProducer(recorder, true);
    throttled.dataReceived(Bytes.wrap(new byte[1 << 20]));
    recorder.transport().write(Bytes.wrap(new byte[1 << 20]));
    assertThat(transport.producerState()).isEqualTo(ProducerState.PRODUCING);
    assertThat(transport.producer()).contains(recorder);
    assertThat(clock.pendingCalls()).isEmpty();
  }

  @Test
  void refusesARateThatIsNotPositive() {
    assertThatThrownBy(() -> BandwidthLimits.NONE.withReadLimit(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("readBytesPerSecond must be positive: 0");
  }
}

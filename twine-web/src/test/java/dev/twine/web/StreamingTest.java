package dev.twine.web;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.ConnectionLost;
import dev.twine.internet.Protocol;
import dev.twine.internet.PullProducer;
import dev.twine.internet.PushProducer;
import dev.twine.testing.Clock;
import dev.twine.testing.Loopback;
import dev.twine.testing.Pump;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Streamed responses: producers and backpressure, and a client that goes away. */
@TwineTest
class StreamingTest {
  private final List<Request> requests = new ArrayList<>();

  private Resource root() {
    Resource root = new Resource();
    root.putChild("hold", new Resource().on(HttpMethod.GET, request -> {
      requests.add(request);
      return Rendered.streaming();
    }));
    return root;
  }

  @Test
  void notifiesTheEndOfAResponse(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
    Deferred<@Nullable Void> done = requests.get(0).notifyFinish();
    assertNoResult(done);
    requests.get(0).write(Bytes.ascii("all"));
    assertNoResult(done);
    requests.get(0).finish();
    assertThat(successResultOf(done)).isNull();
    assertThat(successResultOf(requests.get(0).notifyFinish())).isNull();
    wire.close();
  }

  @Test
  void failsNotifyFinishWhenTheClientGoesAway(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
    Request request = requests.get(0);
    Deferred<@Nullable Void> done = request.notifyFinish();
    request.write(Bytes.ascii("partial"));
    wire.clientGoesAway();
    failureResultOf(done, ConnectionLost.class);
    failureResultOf(request.notifyFinish(), ConnectionLost.class);

    request.write(Bytes.ascii("ignored"));
    request.finish();
    request.finish();
    assertThat(wire.written()).doesNotContain("ignored");
    Counting producer = new Counting();
    request.registerProducer(producer, true);
    assertThat(producer.stopped).isTrue();
  }

  @Test
  void failsNotifyFinishOfAResponseWaitingItsTurn(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("GET /hold HTTP/1.1\r\nHost: a\r\n\r\nGET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
    requests.get(1).write(Bytes.ascii("done early"));
    requests.get(1).finish();
    Deferred<@Nullable Void> second = requests.get(1).notifyFinish();
    assertNoResult(second);
    wire.clientGoesAway();
    failureResultOf(second, ConnectionLost.class);
    assertThat(wire.written()).isEmpty();
  }

  @Test
  void refusesToFinishTwiceOrWriteAfterFinishing(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
    Request request = requests.get(0);
    request.finish();
    assertThatThrownBy(request::finish).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already finished");
    assertThatThrownBy(() -> request.write(Bytes.ascii("x")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> request.setHeader("X", "y")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already been sent");
    wire.close();
  }

  @Test
  void abortsWhenAResponseEndsShortOfItsContentLength(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
    Request request = requests.get(0);
    request.setHeader("Content-Length", "10");
    request.write(Bytes.ascii("short"));
    assertThatThrownBy(request::finish).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("5 bytes of the Content-Length");
    assertThat(wire.transport.aborted()).isTrue();
  }

  @Test
  void pausesAProducerWhileTheClientReadsSlowly(Clock clock) {
    Site site = new Site(root(), clock, Wire.calendar(clock), SiteOptions.DEFAULT);
    Protocol server = site.buildProtocol(Loopback.Options.DEFAULT.clientAddress());
    Reader client = new Reader();
    Pump pump = Loopback.connect(server, client, Loopback.Options.DEFAULT.withWaterMarks(1000, 500));
    client.transport().write(Bytes.ascii("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n"));
    pump.flush();
    Request request = requests.get(0);
    Counting producer = new Counting() {
      @Override
      public void resumeProducing() {
        super.resumeProducing();
        while (!paused && written < 5000) {
          request.write(Bytes.ascii("x".repeat(100)));
          written += 100;
        }
        if (written == 5000) {
          request.unregisterProducer();
          request.finish();
        }
      }
    };
    client.transport().pauseProducing();
    request.registerProducer(producer, true);
    assertThat(producer.resumes).isEqualTo(1);
    assertThat(producer.paused).isTrue();
    assertThat(producer.written).isLessThan(1200);
    pump.flush();
    assertThat(producer.written).isLessThan(1200);

    client.transport().resumeProducing();
    pump.flush();
    assertThat(producer.written).isEqualTo(5000);
    assertThat(producer.pauses).isGreaterThan(1);
    assertThat(client.received.readAll().utf8()).endsWith("0\r\n\r\n");
    client.transport().loseConnection();
    pump.flush();
  }

  @Test
  void pausesAProducerUntilItsResponsesTurnComes(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("GET /hold HTTP/1.1\r\nHost: a\r\n\r\nGET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
    Counting second = new Counting();
    requests.get(1).registerProducer(second, true);
    assertThat(second.resumes).isZero();
    assertThat(wire.transport.producer()).containsInstanceOf(ProducerSlot.class);

    requests.get(0).finish();
    assertThat(second.resumes).isEqualTo(1);
    assertThat(wire.transport.producer()).get().isNotInstanceOf(ProducerSlot.class);
    requests.get(1).finish();
    assertThat(wire.transport.producer()).containsInstanceOf(ProducerSlot.class);
    wire.close();
  }

  @Test
  void asksAPullProducerForMoreOnlyOnItsTurn(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("GET /hold HTTP/1.1\r\nHost: a\r\n\r\nGET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
    int[] asked = {0};
    PullProducer pull = new PullProducer() {
      @Override
      public void resumeProducing() {
        asked[0]++;
        requests.get(1).write(Bytes.ascii("piece"));
      }

      @Override
      public void stopProducing() {}
    };
    requests.get(1).registerProducer(pull, false);
    assertThat(wire.transport.producer()).containsInstanceOf(ProducerSlot.class);
    requests.get(0).finish();
    assertThat(wire.transport.streaming()).isFalse();
    wire.transport.producer().orElseThrow();
    ((PullProducer) wire.transport.producer().orElseThrow()).resumeProducing();
    assertThat(asked[0]).isEqualTo(1);
    requests.get(1).unregisterProducer();
    requests.get(1).finish();
    assertThat(wire.responses()).extracting(Wire.Response::body).containsExactly("", "piece");
    wire.close();
  }

  /** A push producer that counts how it is driven. */
  static class Counting implements PushProducer {
    boolean paused;
    boolean stopped;
    int pauses;
    int resumes;
    int written;

    @Override
    public void pauseProducing() {
      paused = true;
      pauses++;
    }

    @Override
    public void resumeProducing() {
      paused = false;
      resumes++;
    }

    @Override
    public void stopProducing() {
      stopped = true;
    }
  }

  /** A client that keeps what it receives. */
  static final class Reader extends Protocol {
    final Buffer received = new Buffer();

    @Override
    public void dataReceived(Bytes data) {
      received.write(data);
    }
  }
}

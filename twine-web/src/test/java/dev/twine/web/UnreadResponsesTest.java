package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.internet.Protocol;
import dev.twine.internet.PushProducer;
import dev.twine.testing.Clock;
import dev.twine.testing.Loopback;
import dev.twine.testing.Pump;
import dev.twine.testing.StringTransport.ProducerState;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.Content;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.http.MessageEnd;
import dev.twine.web.http.ResponseEvent;
import dev.twine.web.http.ResponseParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A client that pipelines requests and does not read the responses: while the transport's buffer
 * is above its high-water mark, the server reads and parses nothing more and starts no request,
 * whether the responses were written whole or by a producer; it goes on once the buffer drains.
 */
@TwineTest
class UnreadResponsesTest {
  private static final int BODY = 1024;

  private final List<Integer> rendered = new ArrayList<>();
  private final List<Request> held = new ArrayList<>();

  private Resource root() {
    Resource root = new Resource();
    root.putChild("item", new Resource().on(HttpMethod.GET, request -> {
      int n = Integer.parseInt(request.arg("n").orElseThrow());
      rendered.add(n);
      return Rendered.body(body(n));
    }));
    root.putChild("hold", new Resource().on(HttpMethod.GET, request -> {
      held.add(request);
      request.registerProducer(new Idle(), true);
      return Rendered.streaming();
    }));
    return root;
  }

  /** The 1 KiB body of item {@code n}: its number, then padding. */
  static String body(int n) {
    StringBuilder text = new StringBuilder("item ").append(n).append(' ');
    while (text.length() < BODY) {
      text.append('.');
    }
    return text.toString();
  }

  static String requests(int from, int to) {
    StringBuilder wire = new StringBuilder();
    for (int n = from; n < to; n++) {
      wire.append("GET /item?n=").append(n).append(" HTTP/1.1\r\nHost: a\r\n\r\n");
    }
    return wire.toString();
  }

  @Test
  void stopsParsingWhileTheBufferIsFullAndGoesOnWhenItDrains(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send(requests(0, 3));
    assertThat(rendered).containsExactly(0, 1, 2);

    PushProducer watch = (PushProducer) wire.transport.producer().orElseThrow();
    watch.pauseProducing();
    assertThat(wire.transport.producerState()).isEqualTo(ProducerState.PAUSED);
    wire.send(requests(3, 6));
    assertThat(rendered).containsExactly(0, 1, 2);

    watch.resumeProducing();
    assertThat(rendered).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(wire.transport.producerState()).isEqualTo(ProducerState.PRODUCING);
    assertThat(wire.responses()).extracting(Wire.Response::body)
        .containsExactly(body(0), body(1), body(2), body(3), body(4), body(5));
    wire.close();
  }

  @Test
  void stopsParsingWhileAResponseProducerIsPausedByAFullBuffer(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
    PushProducer gate = (PushProducer) wire.transport.producer().orElseThrow();
    assertThat(gate).isNotInstanceOf(ProducerSlot.class);

    gate.pauseProducing();
    wire.send(requests(0, 2));
    assertThat(rendered).isEmpty();
    assertThat(wire.transport.producerState()).isEqualTo(ProducerState.PAUSED);

    gate.resumeProducing();
    assertThat(rendered).containsExactly(0, 1);
    held.get(0).unregisterProducer();
    held.get(0).finish();
    assertThat(wire.transport.producer()).containsInstanceOf(ProducerSlot.class);
    assertThat(wire.responses()).hasSize(3);
    wire.close();
  }

  @Test
  void abortsAClientThatReadsNothingForTheIdleTimeout(Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send(requests(0, 1));
    ((PushProducer) wire.transport.producer().orElseThrow()).pauseProducing();

    clock.advance(SiteOptions.DEFAULT.idleTimeout().minusSeconds(1));
    assertThat(wire.transport.aborted()).isFalse();
    clock.advance(SiteOptions.DEFAULT.idleTimeout());
    assertThat(wire.transport.aborted()).isTrue();
    assertThat(wire.lost()).isTrue();
  }

  @Test
  void keepsAFloodOfUnreadResponsesUnderTheHighWaterMark(Clock clock) {
    int count = 2_000;
    Site site = new Site(root(), clock, Wire.calendar(clock), SiteOptions.DEFAULT);
    Reader client = new Reader(count);
    Protocol server = site.buildProtocol(Loopback.Options.DEFAULT.clientAddress());
    Pump pump = Loopback.connect(server, client);
    client.transport().pauseProducing();
    client.transport().write(Bytes.wrap(Wire.latin1(requests(0, count))));
    pump.flush();

    int highWater = Loopback.Options.DEFAULT.highWater();
    assertThat(pump.pendingToClient()).isBetween((long) highWater, highWater + 2L * BODY);
    int started = rendered.size();
    assertThat(started).isLessThan(highWater / BODY + SiteOptions.DEFAULT.maxPipelinedRequests());
    pump.flush();
    assertThat(rendered).hasSize(started);

    client.transport().resumeProducing();
    pump.flush();
    assertThat(client.bodies).hasSize(count);
    for (int n = 0; n < count; n++) {
      assertThat(client.bodies.get(n)).isEqualTo(body(n));
    }
    client.transport().loseConnection();
    pump.flush();
  }

  /** A client that parses the responses to {@code count} GET requests as they arrive. */
  private static final class Reader extends Protocol {
    final List<String> bodies = new ArrayList<>();
    private final ResponseParser parser = new ResponseParser();
    private final Buffer body = new Buffer();

    Reader(int count) {
      for (int i = 0; i < count; i++) {
        parser.requestSent(HttpMethod.GET);
      }
    }

    @Override
    public void dataReceived(Bytes data) {
      parser.feed(data);
      for (Optional<ResponseEvent> e = parser.next(); e.isPresent(); e = parser.next()) {
        if (e.get() instanceof Content content) {
          body.write(content.data());
        } else if (e.get() instanceof MessageEnd) {
          bodies.add(body.readAll().utf8());
        }
      }
    }
  }

  /** A push producer that writes nothing: the test drives its response. */
  private static final class Idle implements PushProducer {
    @Override
    public void pauseProducing() {}

    @Override
    public void resumeProducing() {}

    @Override
    public void stopProducing() {}
  }
}

package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.testing.Chunks;
import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport.ProducerState;
import dev.twine.testing.TwineTest;
import dev.twine.web.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Pipelined requests: all are parsed and rendered, and the responses leave in request order. */
@TwineTest
class PipeliningTest {
  private final List<Deferred<Bytes>> slow = new ArrayList<>();
  private final List<String> rendered = new ArrayList<>();

  private Resource root() {
    Resource root = new Resource();
    root.putChild("fast", new Resource().on(HttpMethod.GET, request -> {
      String n = request.arg("n").orElseThrow();
      rendered.add(n);
      return Rendered.body("fast " + n);
    }));
    root.putChild("slow", new Resource().on(HttpMethod.GET, request -> {
      rendered.add("slow");
      Deferred<Bytes> body = new Deferred<>();
      slow.add(body);
      return Rendered.later(body);
    }));
    return root;
  }

  private static String requests(int count, String firstPath) {
    StringBuilder wire = new StringBuilder();
    for (int i = 0; i < count; i++) {
      String path = i == 0 ? firstPath : "/fast?n=" + i;
      wire.append("GET ").append(path).append(" HTTP/1.1\r\nHost: a\r\n\r\n");
    }
    return wire.toString();
  }

  static List<Chunks.Split> sixteen() {
    return Chunks.all(Wire.latin1(requests(16, "/fast?n=0")), 16);
  }

  @ParameterizedTest
  @MethodSource("sixteen")
  void answersSixteenPipelinedRequestsInOrder(Chunks.Split split, Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send(split);
    List<Wire.Response> responses = wire.responses();
    assertThat(responses).hasSize(16);
    for (int i = 0; i < 16; i++) {
      assertThat(responses.get(i).body()).isEqualTo("fast " + i);
    }
    wire.close();
  }

  static List<Chunks.Split> slowFirst() {
    return Chunks.all(Wire.latin1(requests(16, "/slow")), 99);
  }

  @ParameterizedTest
  @MethodSource("slowFirst")
  void holdsBackLaterResponsesUntilASlowFirstOneIsDone(Chunks.Split split, Clock clock) {
    Wire wire = new Wire(root(), clock);
    wire.send(split);
    assertThat(rendered).hasSize(16).startsWith("slow", "1", "2");
    assertThat(wire.written()).isEmpty();

    slow.get(0).callback(Bytes.ascii("slow at last"));
    List<Wire.Response> responses = wire.responses();
    assertThat(responses).hasSize(16);
    assertThat(responses.get(0).body()).isEqualTo("slow at last");
    for (int i = 1; i < 16; i++) {
      assertThat(responses.get(i).body()).isEqualTo("fast " + i);
    }
    wire.close();
  }

  @Test
  void stopsReadingPastTheCapAndResumesWhenTheOldestIsDone(Clock clock) {
    Wire wire = new Wire(root(), clock, SiteOptions.DEFAULT.withMaxPipelinedRequests(4));
    wire.send(requests(8, "/slow"));
    assertThat(rendered).containsExactly("slow", "1", "2", "3");
    assertThat(wire.transport.producerState()).isEqualTo(ProducerState.PAUSED);

    slow.get(0).callback(Bytes.ascii("done"));
    assertThat(rendered).containsExactly("slow", "1", "2", "3", "4", "5", "6", "7");
    assertThat(wire.transport.producerState()).isEqualTo(ProducerState.PRODUCING);
    assertThat(wire.responses()).extracting(Wire.Response::body).containsExactly(
        "done", "fast 1", "fast 2", "fast 3", "fast 4", "fast 5", "fast 6", "fast 7");
    wire.close();
  }

  @Test
  void streamsALaterResponseOnlyOnceItsTurnComes(Clock clock) {
    List<Request> streams = new ArrayList<>();
    Resource root = root();
    root.putChild("stream", new Resource().on(HttpMethod.GET, request -> {
      streams.add(request);
      request.write(Bytes.ascii("early "));
      return Rendered.streaming();
    }));
    Wire wire = new Wire(root, clock);
    wire.send(requests(1, "/slow") + "GET /stream HTTP/1.1\r\nHost: a\r\n\r\n");
    assertThat(wire.written()).isEmpty();

    slow.get(0).callback(Bytes.ascii("first"));
    assertThat(wire.written()).contains("first").contains("early ");
    streams.get(0).write(Bytes.ascii("late"));
    streams.get(0).finish();
    assertThat(wire.responses()).extracting(Wire.Response::body)
        .containsExactly("first", "early late");
    wire.close();
  }
}

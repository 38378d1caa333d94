package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.Protocol;
import dev.twine.internet.PushProducer;
import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.client.AgentOptions;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bodies through a reverse proxy in memory: many megabytes each way while one end holds back,
 * with what is in flight staying bounded; a client that leaves in the middle; an upstream that
 * breaks off.
 */
@TwineTest
class ReverseProxyStreamingTest {
  private static final int FRONT = 8080;
  private static final int UPSTREAM = 9000;
  private static final int CUT = 9001;
  private static final long SIZE = 8 << 20;
  private static final int CHUNK = 16 * 1024;
  /** What may be in flight while one end holds back: a few 64 KiB windows, far below SIZE. */
  private static final long BOUND = 1 << 20;

  private final ProxyNet net;
  private final List<Source> sources = new ArrayList<>();
  private final List<Sink> sinks = new ArrayList<>();
  private ProxyNet.@Nullable Client client;

  ReverseProxyStreamingTest(Clock clock) {
    net = new ProxyNet(clock);
    Resource root = new Resource()
        .putChild("api", new ReverseProxyResource(net.agent(AgentOptions.DEFAULT),
            "http://upstream.test:" + UPSTREAM))
        .putChild("cut", new ReverseProxyResource(net.agent(AgentOptions.DEFAULT),
            "http://cut.test:" + CUT));
    net.serve(FRONT, root);
    net.serve(UPSTREAM, new Resource()
        .putChild("big", new Resource().on(HttpMethod.GET, request -> {
          Source source = new Source(request);
          sources.add(source);
          request.registerProducer(source, true);
          return Rendered.streaming();
        }))
        .putChild("sink", new Resource().on(HttpMethod.PUT, request -> {
          Sink sink = new Sink(request);
          sinks.add(sink);
          request.deliverBody(sink);
          return Rendered.streaming();
        })));
    net.listen(CUT, address -> new Protocol() {
      @Override
      public void dataReceived(Bytes data) {
        transport().write(Bytes.ascii("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial"));
        transport().loseConnection();
      }
    });
  }

  @AfterEach
  void closeEverything() {
    ProxyNet.Client current = client;
    if (current != null && current.lost().isEmpty()) {
      current.transport().resumeProducing();
      current.transport().loseConnection();
    }
    net.flush();
    net.pool.closeCachedConnections();
    net.flush();
  }

  /** Returns byte {@code i} of every test body: letters in a row, so a slip shows. */
  private static byte at(long i) {
    return (byte) ('a' + i % 26);
  }

  /** Writes {@link #SIZE} bytes to a response while it is not paused. */
  private static final class Source implements PushProducer {
    private final Request request;
    long written;
    boolean stopped;
    private boolean paused = true;

    Source(Request request) {
      this.request = request;
    }

    @Override
    public void resumeProducing() {
      paused = false;
      while (!paused && !stopped && written < SIZE) {
        byte[] chunk = new byte[(int) Math.min(CHUNK, SIZE - written)];
        for (int i = 0; i < chunk.length; i++) {
          chunk[i] = at(written + i);
        }
        written += chunk.length;
        request.write(Bytes.wrap(chunk));
        if (written == SIZE) {
          request.finish();
        }
      }
    }

    @Override
    public void pauseProducing() {
      paused = true;
    }

    @Override
    public void stopProducing() {
      stopped = true;
    }
  }

  /** Receives a request body, held back until the test lets it go, and checks every byte. */
  private static final class Sink implements BodyReceiver {
    private final Request request;
    long received;
    boolean intact = true;
    @Nullable PushProducer body;

    Sink(Request request) {
      this.request = request;
    }

    @Override
    public void bodyStarted(PushProducer producer) {
      body = producer;
      producer.pauseProducing();
    }

    @Override
    public void bodyReceived(Bytes data) {
      byte[] bytes = data.toByteArray();
      for (int i = 0; i < bytes.length; i++) {
        intact &= bytes[i] == at(received + i);
      }
      received += bytes.length;
    }

    @Override
    public void bodyEnded(Headers trailers) {
      request.write(Bytes.ascii("received " + received + (intact ? " intact" : " damaged")));
      request.finish();
    }

    @Override
    public void bodyFailed(Failure reason) {}
  }

  /** Writes {@link #SIZE} bytes to a connection while it is not paused. */
  private static final class Upload implements PushProducer {
    private final ProxyNet.Client client;
    long written;
    private boolean paused;

    Upload(ProxyNet.Client client) {
      this.client = client;
    }

    @Override
    public void resumeProducing() {
      paused = false;
      while (!paused && written < SIZE) {
        byte[] chunk = new byte[(int) Math.min(CHUNK, SIZE - written)];
        for (int i = 0; i < chunk.length; i++) {
          chunk[i] = at(written + i);
        }
        written += chunk.length;
        client.transport().write(Bytes.wrap(chunk));
      }
      if (written == SIZE) {
        client.transport().unregisterProducer();
      }
    }

    @Override
    public void pauseProducing() {
      paused = true;
    }

    @Override
    public void stopProducing() {
      paused = true;
    }
  }

  private ProxyNet.Client connect() {
    ProxyNet.Client connected = net.connect(FRONT);
    client = connected;
    return connected;
  }

  @Test
  void streamsALargeDownloadAtTheClientsPaceInBoundedMemory() {
    ProxyNet.Client reader = connect();
    reader.transport().pauseProducing();
    reader.send("GET /api/big HTTP/1.1\r\nHost: f\r\n\r\n");
    net.flush();

    Source source = sources.get(0);
    assertThat(source.written).as("the upstream is held back").isPositive().isLessThan(BOUND);
    assertThat(reader.received.size()).isZero();

    reader.transport().resumeProducing();
    net.flush();

    Wire.Response response = reader.response();
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).hasSize((int) SIZE);
    byte[] body = response.body().getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < body.length; i += 4099) {
      assertThat(body[i]).isEqualTo(at(i));
    }
  }

  @Test
  void streamsALargeUploadAtTheUpstreamsPaceInBoundedMemory() {
    ProxyNet.Client writer = connect();
    writer.send("PUT /api/sink HTTP/1.1\r\nHost: f\r\nContent-Length: " + SIZE + "\r\n\r\n");
    Upload upload = new Upload(writer);
    writer.transport().registerProducer(upload, true);
    upload.resumeProducing();
    net.flush();

    Sink sink = sinks.get(0);
    assertThat(upload.written).as("the client is held back").isLessThan(BOUND);
    assertThat(sink.received).isZero();

    sink.body.resumeProducing();
    net.flush();

    assertThat(upload.written).isEqualTo(SIZE);
    assertThat(writer.response().body()).isEqualTo("received " + SIZE + " intact");
  }

  @Test
  void aClientThatLeavesInTheMiddleStopsTheUpstream() {
    ProxyNet.Client reader = connect();
    reader.transport().pauseProducing();
    reader.send("GET /api/big HTTP/1.1\r\nHost: f\r\n\r\n");
    net.flush();

    reader.transport().abortConnection();
    net.flush();

    assertThat(sources.get(0).stopped).isTrue();
    assertThat(sources.get(0).written).isLessThan(BOUND);
    assertThat(net.connections(UPSTREAM)).singleElement()
        .satisfies(pump -> assertThat(pump.closed()).isTrue());
  }

  @Test
  void anUpstreamBodyThatBreaksOffAbortsTheClientsConnection() {
    ProxyNet.Client reader = connect();
    reader.send("GET /cut/x HTTP/1.1\r\nHost: f\r\n\r\n");
    net.flush();

    assertThat(reader.lost()).as("the connection is aborted").isPresent();
    assertThat(reader.responses()).as("never a complete response").isEmpty();
  }
}

package dev.twine.web.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.internet.ConnectionRefused;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The agent over real loopback sockets against a raw server that misbehaves on purpose: stale
 * pooled connections, cut responses, chunked and compressed bodies, redirects with cookies.
 */
@Timeout(60)
class LoopbackTest {
  private final ReactorThread loop = new ReactorThread();
  private final ConnectionPool pool = loop.call(() -> new ConnectionPool(loop.reactor));
  private final List<RawServer> servers = new ArrayList<>();

  @AfterEach
  void tearDown() {
    loop.await(pool::closeCachedConnections);
    loop.close();
    servers.forEach(RawServer::close);
  }

  private RawServer serve(RawServer.Script script) throws IOException {
    RawServer server = new RawServer(script);
    servers.add(server);
    return server;
  }

  private Agent agent() {
    return agent(AgentOptions.DEFAULT);
  }

  private Agent agent(AgentOptions options) {
    return loop.call(() -> Agent.create(loop.reactor, pool, options));
  }

  private String get(Agent agent, String uri) {
    return loop.await(() -> agent.request(HttpMethod.GET, uri)
        .flatMap(response -> response.readBody(1 << 20))).utf8();
  }

  @Test
  void aConnectionTheServerClosedWhileIdleIsRetriedOnANewOne() throws IOException {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    RawServer server = serve(connection -> {
      if (connection.number == 0) {
        seen.add(connection.readRequest());
        connection.send("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst");
        seen.add(connection.readRequest());
        connection.close();
      } else {
        seen.add(connection.readRequest());
        connection.send("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nagain");
        connection.awaitClose();
      }
    });
    Agent agent = agent();

    assertThat(get(agent, server.uri() + "/1")).isEqualTo("first");
    assertThat(get(agent, server.uri() + "/2")).isEqualTo("again");
    assertThat(server.connections()).isEqualTo(2);
    assertThat(seen).hasSize(3).allSatisfy(request -> assertThat(request).startsWith("GET /"));
    assertThat(seen.get(2)).startsWith("GET /2 HTTP/1.1\r\nHost: 127.0.0.1:");
  }

  @Test
  void aResponseCutShortFailsClearly() throws IOException {
    RawServer server = serve(connection -> {
      connection.readRequest();
      connection.send("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf");
      connection.close();
    });
    Agent agent = agent();

    assertThatThrownBy(() -> get(agent, server.uri()))
        .isInstanceOf(ResponseFailed.class).hasMessageContaining("before the end of the body");
  }

  @Test
  void aMalformedResponseFailsClearly() throws IOException {
    RawServer server = serve(connection -> {
      connection.readRequest();
      connection.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
      connection.awaitClose();
    });
    Agent agent = agent();

    assertThatThrownBy(() -> get(agent, server.uri()))
        .isInstanceOf(ResponseFailed.class).hasMessageContaining("chunk");
  }

  @Test
  void aChunkedBodyArrivesWhole() throws IOException {
    RawServer server = serve(connection -> {
      connection.readRequest();
      connection.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
      connection.send("5;ext=1\r\nhello\r\n");
      connection.send("7\r\n, world\r\n0\r\nX-Trailer: yes\r\n\r\n");
      connection.awaitClose();
    });

    assertThat(get(agent(), server.uri())).isEqualTo("hello, world");
  }

  @Test
  void redirectsCookiesAndGzipThroughTreq() throws IOException {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    Bytes compressed = ContentDecoderAgentTest.gzip("welcome back");
    RawServer server = serve(connection -> {
      seen.add(connection.readRequest());
      connection.send("HTTP/1.1 302 Found\r\nLocation: /home\r\nSet-Cookie: session=s1; Path=/\r\n"
          + "Content-Length: 0\r\n\r\n");
      seen.add(connection.readRequest());
      connection.send("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: "
          + compressed.size() + "\r\n\r\n");
      connection.send(compressed.toByteArray());
      connection.awaitClose();
    });
    Treq treq = loop.call(() -> Treq.create(loop.reactor));

    String text = loop.await(() -> treq.get(server.uri() + "/login").flatMap(treq::text));
    assertThat(text).isEqualTo("welcome back");
    assertThat(seen.get(1)).startsWith("GET /home HTTP/1.1").contains("Cookie: session=s1")
        .contains("Accept-Encoding: gzip, deflate");
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void aLargeUploadArrivesWhole() throws IOException {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    RawServer server = serve(connection -> {
      String request = connection.readRequest();
      seen.add(request);
      connection.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
      connection.awaitClose();
    });
    byte[] large = new byte[2 << 20];
    for (int i = 0; i < large.length; i++) {
      large[i] = (byte) ('a' + i % 26);
    }
    Agent agent = agent();

    String answer = loop.await(() -> agent.request(HttpMethod.PUT, server.uri() + "/file",
            Headers.of("Content-Type", "application/octet-stream"), BodyProducer.of(Bytes.wrap(large)))
        .flatMap(response -> response.readBody(10))).utf8();
    assertThat(answer).isEqualTo("ok");
    String request = seen.get(0);
    assertThat(request).contains("Content-Length: " + large.length);
    assertThat(request.substring(request.indexOf("\r\n\r\n") + 4))
        .isEqualTo(new String(large, StandardCharsets.ISO_8859_1));
  }

  @Test
  void noResponseInTimeFailsWithRequestTimedOut() throws IOException {
    RawServer server = serve(connection -> {
      connection.readRequest();
      connection.awaitClose();
    });
    Agent agent = agent(AgentOptions.DEFAULT.withResponseTimeout(Duration.ofMillis(300)));

    assertThatThrownBy(() -> get(agent, server.uri()))
        .isInstanceOfSatisfying(RequestTimedOut.class,
            e -> assertThat(e.phase()).isEqualTo(RequestTimedOut.Phase.RESPONSE));
  }

  @Test
  void aClosedPortIsRefused() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Agent agent = agent();

    assertThatThrownBy(() -> get(agent, "http://127.0.0.1:" + port + "/"))
        .isInstanceOf(ConnectionRefused.class);
  }
}

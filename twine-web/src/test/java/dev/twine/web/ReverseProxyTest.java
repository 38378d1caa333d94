package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.internet.Protocol;
import dev.twine.testing.Clock;
import dev.twine.testing.TwineTest;
import dev.twine.web.client.Agent;
import dev.twine.web.client.AgentOptions;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A reverse proxy in memory: a front site whose {@code /api} forwards to upstream sites and
 * scripted upstreams on the same in-memory network; what goes up, what comes back, and the
 * answers when the upstream fails.
 */
@TwineTest
class ReverseProxyTest {
  private static final int FRONT = 8080;
  private static final int UPSTREAM = 9000;
  private static final int DOWN = 9001;
  private static final int GARBAGE = 9002;
  private static final int SILENT = 9003;

  private final ProxyNet net;
  private final List<ProxyNet.Client> clients = new ArrayList<>();
  private final List<Protocol> silent = new ArrayList<>();

  ReverseProxyTest(Clock clock) {
    net = new ProxyNet(clock);
    Agent agent = net.agent(AgentOptions.DEFAULT.withResponseTimeout(Duration.ofSeconds(10)));
    Resource root = new Resource()
        .putChild("api", new ReverseProxyResource(agent, "http://upstream.test:9000/base/"))
        .putChild("same-host", new ReverseProxyResource(agent, "http://upstream.test:9000",
            ReverseProxyResource.HostHeader.CLIENT))
        .putChild("down", new ReverseProxyResource(agent, "http://down.test:" + DOWN))
        .putChild("garbage", new ReverseProxyResource(agent, "http://garbage.test:" + GARBAGE))
        .putChild("silent", new ReverseProxyResource(agent, "http://silent.test:" + SILENT));
    net.serve(FRONT, root);
    net.serve(UPSTREAM, new Resource() {
      @Override
      public Resource getChild(String name, Request request) {
        return new Echo();
      }
    });
    net.listen(GARBAGE, address -> new Protocol() {
      @Override
      public void dataReceived(Bytes data) {
        transport().write(Bytes.ascii("SSH-2.0-OpenSSH_9.6\r\n\r\n"));
      }
    });
    net.listen(SILENT, address -> {
      Protocol quiet = new Protocol() { };
      silent.add(quiet);
      return quiet;
    });
  }

  @AfterEach
  void closeEverything() {
    for (ProxyNet.Client client : clients) {
      if (client.lost().isEmpty()) {
        client.transport().loseConnection();
      }
    }
    net.flush();
    net.pool.closeCachedConnections();
    net.flush();
  }

  /** Answers with the request as the upstream saw it: request line, fields, then the body. */
  private static final class Echo extends Resource {
    @Override
    public boolean isLeaf() {
      return true;
    }

    @Override
    public Rendered render(Request request) {
      StringBuilder seen = new StringBuilder(request.method() + " " + request.uri() + "\n");
      Headers headers = request.requestHeaders();
      for (int i = 0; i < headers.size(); i++) {
        seen.append(headers.name(i)).append(": ").append(headers.value(i)).append('\n');
      }
      if (request.uri().contains("reply-headers")) {
        request.setResponseCode(201);
        request.setHeader("X-Upstream", "yes");
        request.addHeader("Set-Cookie", "a=1");
        request.addHeader("Set-Cookie", "b=2");
        request.setHeader("Connection", "X-Private");
        request.setHeader("X-Private", "hop");
        request.setHeader("Keep-Alive", "timeout=5");
      }
      return Rendered.later(request.content().map(body -> Bytes.utf8(seen + "\n" + body.utf8())));
    }
  }

  private ProxyNet.Client client() {
    ProxyNet.Client client = net.connect(FRONT);
    clients.add(client);
    return client;
  }

  private Wire.Response exchange(String request, HttpMethod... methods) {
    ProxyNet.Client client = client();
    client.send(request);
    net.flush();
    return client.response(methods);
  }

  @Test
  void forwardsMethodPathQueryAndHeadersWithoutHopByHopFields() {
    Wire.Response response = exchange("GET /api/a%20b/c?x=1&y=%2F HTTP/1.1\r\n"
        + "Host: front.example\r\nAccept: text/plain\r\nConnection: keep-alive, X-Hop\r\n"
        + "X-Hop: secret\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\nUpgrade: websocket\r\n"
        + "X-Forwarded-For: 203.0.113.9\r\nVia: 1.1 edge\r\n\r\n");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("""
        GET /base/a%20b/c?x=1&y=%2F
        Host: upstream.test:9000
        Accept: text/plain
        X-Forwarded-For: 203.0.113.9, 127.0.0.1
        X-Forwarded-Proto: http
        X-Forwarded-Host: front.example
        Forwarded: for=127.0.0.1;proto=http;host=front.example
        Via: 1.1 edge, 1.1 twine

        """);
  }

  @Test
  void theMountPointItselfIsTheUpstreamBase() {
    assertThat(exchange("GET /api HTTP/1.1\r\nHost: f\r\n\r\n").body())
        .startsWith("GET /base\n");
    assertThat(exchange("GET /same-host HTTP/1.1\r\nHost: f\r\n\r\n").body())
        .startsWith("GET /\n");
    assertThat(exchange("GET /same-host/?q HTTP/1.1\r\nHost: f\r\n\r\n").body())
        .startsWith("GET /?q\n");
  }

  @Test
  void keepsTheClientsHostWhenAskedAndQuotesAHostWithAPort() {
    String seen = exchange("GET /same-host/x HTTP/1.1\r\nHost: front.example:8080\r\n\r\n").body();

    assertThat(seen).contains("\nHost: front.example:8080\n")
        .contains("\nForwarded: for=127.0.0.1;proto=http;host=\"front.example:8080\"\n")
        .doesNotContain("upstream.test");
  }

  @Test
  void relaysTheStatusAndFieldsOfTheAnswerWithoutItsHopByHopOnes() {
    Wire.Response response = exchange("GET /api/reply-headers HTTP/1.1\r\nHost: f\r\n\r\n");

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.header("X-Upstream")).contains("yes");
    assertThat(response.headers().all("Set-Cookie")).containsExactly("a=1", "b=2");
    assertThat(response.headers().contains("X-Private")).isFalse();
    assertThat(response.headers().contains("Keep-Alive")).isFalse();
    assertThat(response.headers().all("Connection")).doesNotContain("X-Private");
  }

  @Test
  void forwardsAChunkedUploadAndExpectContinue() {
    Wire.Response response = exchange("POST /api/upload HTTP/1.1\r\nHost: f\r\n"
        + "Transfer-Encoding: chunked\r\nExpect: 100-continue\r\nContent-Type: text/plain\r\n\r\n"
        + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", HttpMethod.POST);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).startsWith("POST /base/upload\n").endsWith("\n\nhello world")
        .contains("\nContent-Type: text/plain\n", "\nTransfer-Encoding: chunked\n")
        .doesNotContain("Expect");
  }

  @Test
  void headGetsTheUpstreamsLengthWithoutABody() {
    ProxyNet.Client client = client();
    client.send("HEAD /api/x HTTP/1.1\r\nHost: f\r\n\r\n");
    net.flush();

    Wire.Response response = client.response(HttpMethod.HEAD);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
    assertThat(response.header("Content-Length")).isPresent()
        .hasValueSatisfying(length -> assertThat(Integer.parseInt(length)).isPositive());
  }

  @Test
  void anUpstreamThatRefusesTheConnectionGets502() {
    Wire.Response response = exchange("GET /down/x HTTP/1.1\r\nHost: f\r\n\r\n");

    assertThat(response.status()).isEqualTo(502);
    assertThat(response.body()).contains("502 Bad Gateway").doesNotContain("down.test");
  }

  @Test
  void anInvalidUpstreamResponseGets502() {
    Wire.Response response = exchange("GET /garbage/x HTTP/1.1\r\nHost: f\r\n\r\n");

    assertThat(response.status()).isEqualTo(502);
  }

  @Test
  void anUpstreamThatDoesNotAnswerInTimeGets504AndIsHungUpOn(Clock clock) {
    ProxyNet.Client client = client();
    client.send("GET /silent/x HTTP/1.1\r\nHost: f\r\n\r\n");
    net.flush();
    assertThat(client.responses()).isEmpty();

    clock.advance(Duration.ofSeconds(10));
    net.flush();

    assertThat(client.response().status()).isEqualTo(504);
    assertThat(net.connections(SILENT)).singleElement()
        .satisfies(pump -> assertThat(pump.closed()).isTrue());
    assertThat(client.lost()).as("the client's connection is kept").isEmpty();
  }

  @Test
  void aClientThatGoesAwayCancelsTheUpstreamRequest() {
    ProxyNet.Client client = client();
    client.send("GET /silent/x HTTP/1.1\r\nHost: f\r\n\r\n");
    net.flush();
    assertThat(net.connections(SILENT)).singleElement()
        .satisfies(pump -> assertThat(pump.closed()).isFalse());

    client.transport().abortConnection();
    net.flush();

    assertThat(net.connections(SILENT).get(0).closed()).isTrue();
  }

  @Test
  void connectIsNotForwarded() {
    Wire.Response response = exchange("CONNECT upstream.test:9000 HTTP/1.1\r\n"
        + "Host: upstream.test:9000\r\n\r\n", HttpMethod.CONNECT);

    assertThat(response.status()).isEqualTo(501);
    assertThat(net.connections(UPSTREAM)).isEmpty();
  }

  @Test
  void refusesAnUpstreamThatIsNotAnHttpUri() {
    Agent agent = net.agent(AgentOptions.DEFAULT);
    assertThatThrownBy(() -> new ReverseProxyResource(agent, "ftp://example.com/"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http or https");
    assertThatThrownBy(() -> new ReverseProxyResource(agent, "http://example.com/?q=1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no query");
  }
}

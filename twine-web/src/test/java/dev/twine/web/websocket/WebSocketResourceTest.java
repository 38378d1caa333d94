package dev.twine.web.websocket;

import static dev.twine.web.websocket.Wire.fromClient;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.internet.Protocol;
import dev.twine.testing.Chunks;
import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport;
import dev.twine.testing.TwineTest;
import dev.twine.web.Rendered;
import dev.twine.web.Renderer;
import dev.twine.web.Resource;
import dev.twine.web.Site;
import dev.twine.web.http.Content;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.http.MessageEnd;
import dev.twine.web.http.ResponseEvent;
import dev.twine.web.http.ResponseHead;
import dev.twine.web.http.ResponseParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** WebSocket handshakes answered by a site, and the connection that follows, in memory. */
@TwineTest
class WebSocketResourceTest {
  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

  /** Echoes, records, and answers onConnect as the test says. */
  final class Echo extends LoopbackTest.Echo {
    final List<ConnectionRequest> asked = new ArrayList<>();

    @Override
    public Admission onConnect(ConnectionRequest request) {
      asked.add(request);
      return admission;
    }
  }

  private final List<Echo> made = new ArrayList<>();
  private final List<StringTransport> transports = new ArrayList<>();
  private StringTransport transport = new StringTransport();
  private Admission admission = Admission.accept();
  private OriginPolicy policy = OriginPolicy.SAME_ORIGIN;
  private WebSocketOptions options = WebSocketOptions.DEFAULT;

  /** Serves {@code /chat} with a WebSocketResource, and {@code renderer} there for plain GETs. */
  private Protocol serve(Clock clock, Renderer... renderer) {
    WebSocketResource resource = new WebSocketResource(clock, options, () -> {
      Echo echo = new Echo();
      made.add(echo);
      return echo;
    }).withOriginPolicy(policy);
    for (Renderer page : renderer) {
      resource.on(HttpMethod.GET, page);
    }
    transport = new StringTransport();
    transports.add(transport);
    Protocol http = new Site(new Resource().putChild("chat", resource), clock)
        .buildProtocol(transport.peer());
    http.makeConnection(transport);
    transport.reportDisconnection(http);
    return http;
  }

  @AfterEach
  void endConnections() {
    transports.forEach(StringTransport::abortConnection);
  }

  private static String handshake(String... extra) {
    StringBuilder text = new StringBuilder("GET /chat HTTP/1.1\r\nHost: server.example.com\r\n"
        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + KEY + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n");
    for (String line : extra) {
      text.append(line).append("\r\n");
    }
    return text.append("\r\n").toString();
  }

  /** What the server wrote: its response head, its body and the frames after it. */
  record Answer(ResponseHead head, String body, List<Frame> frames) {}

  private Answer answer() {
    ResponseParser parser = new ResponseParser();
    parser.requestSent(HttpMethod.GET);
    parser.feed(transport.value());
    ResponseHead head = null;
    Buffer body = new Buffer();
    for (Optional<ResponseEvent> e = parser.next(); e.isPresent(); e = parser.next()) {
      switch (e.get()) {
        case ResponseHead h -> head = h;
        case Content content -> body.write(content.data());
        case MessageEnd end -> { }
      }
    }
    Buffer rest = new Buffer();
    parser.takeUnparsed().forEach(rest::write);
    FrameParser frames = new FrameParser(Role.CLIENT, WebSocketLimits.DEFAULT, true);
    return new Answer(head, body.readAll().utf8(), Wire.read(frames,
        new Chunks.Split("rest", Chunks.whole(rest.readAll().toByteArray()))));
  }

  static List<Chunks.Split> handshakeThenHello() {
    return Chunks.all(Bytes.ascii(handshake())
        .concat(fromClient(Frame.of(Opcode.TEXT, Bytes.ascii("Hello")))).toByteArray(), 8);
  }

  @ParameterizedTest
  @MethodSource("handshakeThenHello")
  void acceptsTheHandshakeAndHandsTheConnectionOver(Chunks.Split split, Clock clock) {
    Protocol http = serve(clock);
    split.feed(chunk -> http.dataReceived(Bytes.wrap(chunk)));
    Answer answer = answer();
    assertThat(answer.head().status()).isEqualTo(101);
    assertThat(answer.head().headers().first("Sec-WebSocket-Accept"))
        .contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    assertThat(answer.head().headers().contains("Sec-WebSocket-Extensions")).isFalse();
    assertThat(answer.frames()).containsExactly(Frame.of(Opcode.TEXT, Bytes.ascii("Hello")));
    Echo echo = made.get(0);
    assertThat(echo.take()).containsExactly("open", "text Hello");
    assertThat(echo.asked.get(0).request().path()).isEqualTo("/chat");
    http.dataReceived(fromClient(Wire.close(1000, "bye")));
    assertThat(transport.disconnecting()).isTrue();
    assertThat(echo.take()).containsExactly("close clean 1000 bye");
  }

  @Test
  void negotiatesPermessageDeflateWhenEnabled(Clock clock) {
    options = WebSocketOptions.DEFAULT.withDeflate(PerMessageDeflate.DEFAULT);
    serve(clock).dataReceived(Bytes.ascii(handshake(
        "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits")));
    assertThat(answer().head().headers().first("Sec-WebSocket-Extensions"))
        .contains("permessage-deflate");
    assertThat(made.get(0).connection().agreement().deflate()).contains(DeflateParameters.DEFAULT);
  }

  @Test
  void onConnectSelectsASubprotocolAndAddsHeaders(Clock clock) {
    admission = Admission.accept("chat", Headers.of("Set-Cookie", "seen=1"));
    serve(clock).dataReceived(Bytes.ascii(handshake("Sec-WebSocket-Protocol: superchat, chat")));
    Headers headers = answer().head().headers();
    assertThat(headers.first("Sec-WebSocket-Protocol")).contains("chat");
    assertThat(headers.first("Set-Cookie")).contains("seen=1");
    Echo echo = made.get(0);
    assertThat(echo.connection().agreement().subprotocol()).contains("chat");
    assertThat(echo.asked.get(0).handshake().subprotocols()).containsExactly("superchat", "chat");
  }

  @Test
  void onConnectCanDenyWithAStatus(Clock clock) {
    admission = Admission.deny(401, "Log in first.");
    serve(clock).dataReceived(Bytes.ascii(handshake()));
    Answer answer = answer();
    assertThat(answer.head().status()).isEqualTo(401);
    assertThat(answer.body()).contains("Log in first.");
    assertThat(made.get(0).events).isEmpty();
  }

  @Test
  void refusesPagesOfOtherOriginsByDefault(Clock clock) {
    serve(clock).dataReceived(Bytes.ascii(handshake("Origin: https://evil.example")));
    assertThat(answer().head().status()).isEqualTo(403);
    assertThat(made).isEmpty();
  }

  @Test
  void acceptsPagesOfItsOwnOriginAndProgramsWithoutOne(Clock clock) {
    for (String origin : List.of("Origin: http://server.example.com", "Origin: https://SERVER.example.com:443",
        "User-Agent: a program")) {
      serve(clock).dataReceived(Bytes.ascii(handshake(origin)));
      assertThat(answer().head().status()).as(origin).isEqualTo(101);
    }
    policy = OriginPolicy.sameOriginOr("https://app.example");
    serve(clock).dataReceived(Bytes.ascii(handshake("Origin: https://APP.example")));
    assertThat(answer().head().status()).isEqualTo(101);
    policy = OriginPolicy.ANY_ORIGIN;
    serve(clock).dataReceived(Bytes.ascii(handshake("Origin: null")));
    assertThat(answer().head().status()).isEqualTo(101);
  }

  @Test
  void answersAPlainRequestWith426OrItsPage(Clock clock) {
    serve(clock).dataReceived(Bytes.ascii("GET /chat HTTP/1.1\r\nHost: a\r\n\r\n"));
    Answer plain = answer();
    assertThat(plain.head().status()).isEqualTo(426);
    assertThat(plain.head().headers().first("Upgrade")).contains("websocket");
    serve(clock, request -> Rendered.body("the chat page"))
        .dataReceived(Bytes.ascii("GET /chat HTTP/1.1\r\nHost: a\r\n\r\n"));
    assertThat(answer().body()).isEqualTo("the chat page");
  }

  @Test
  void answersAnotherVersionWithTheOneItSpeaks(Clock clock) {
    serve(clock).dataReceived(Bytes.ascii(handshake().replace("Version: 13", "Version: 8")));
    Answer answer = answer();
    assertThat(answer.head().status()).isEqualTo(426);
    assertThat(answer.head().headers().first("Sec-WebSocket-Version")).contains("13");
  }
}

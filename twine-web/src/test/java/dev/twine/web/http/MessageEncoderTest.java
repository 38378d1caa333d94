package dev.twine.web.http;

import static dev.twine.web.http.Recorder.latin1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageEncoderTest {

  private static String wire(Bytes... parts) {
    Buffer buffer = new Buffer();
    for (Bytes part : parts) {
      buffer.write(part);
    }
    return buffer.readAll().string(StandardCharsets.ISO_8859_1);
  }

  private static Bytes joined(List<Bytes> parts) {
    return Bytes.wrap(latin1(wire(parts.toArray(Bytes[]::new))));
  }

  @Test
  void writesAResponseWithContentLength() {
    MessageEncoder encoder = MessageEncoder.response(
        ResponseHead.of(200, Headers.of("Content-Type", "text/plain", "Content-Length", "13")),
        HttpMethod.GET);

    Bytes content = Bytes.ascii("Hello, World!");

    assertThat(encoder.framing()).isEqualTo(Framing.CONTENT_LENGTH);
    assertThat(encoder.content(content)).containsExactly(content);
    assertThat(wire(encoder.head(), encoder.end())).isEqualTo(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\n");
  }

  @Test
  void writesAChunkedResponseWithTrailersWithoutCopyingTheContent() {
    MessageEncoder encoder = MessageEncoder.response(
        ResponseHead.of(200, Headers.of("Transfer-Encoding", "chunked")), HttpMethod.GET);
    Bytes big = Bytes.wrap(new byte[300]);

    List<Bytes> chunk = encoder.content(big);

    assertThat(chunk).hasSize(3);
    assertThat(chunk.get(0)).isEqualTo(Bytes.ascii("12c\r\n"));
    assertThat(chunk.get(1)).isSameAs(big);
    assertThat(chunk.get(2)).isEqualTo(Bytes.ascii("\r\n"));
    assertThat(wire(encoder.head(), joined(encoder.content(Bytes.ascii("hi"))),
        encoder.end(Headers.of("X-Sum", "abc")))).isEqualTo(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "2\r\nhi\r\n0\r\nX-Sum: abc\r\n\r\n");
  }

  @Test
  void endsAChunkedBodyWithTheLastChunk() {
    MessageEncoder encoder = MessageEncoder.response(
        ResponseHead.of(200, Headers.of("Transfer-Encoding", "chunked")), HttpMethod.GET);

    assertThat(encoder.content(Bytes.EMPTY)).isEmpty();
    assertThat(encoder.end()).isEqualTo(Bytes.ascii("0\r\n\r\n"));
  }

  @Test
  void writesCustomReasonsVersionsAndObsText() {
    ResponseHead head = new ResponseHead(
        HttpVersion.HTTP_1_0, 299, "Tr\u00e8s bien", Headers.of("X-Name", "Ren\u00e9"));

    MessageEncoder encoder = MessageEncoder.response(head, HttpMethod.GET);

    assertThat(encoder.head()).isEqualTo(Bytes.wrap(
        latin1("HTTP/1.0 299 Tr\u00e8s bien\r\nX-Name: Ren\u00e9\r\n\r\n")));
    assertThat(encoder.framing()).isEqualTo(Framing.UNTIL_CLOSE);
    assertThat(encoder.content(Bytes.ascii("x"))).containsExactly(Bytes.ascii("x"));
    assertThat(encoder.end()).isEqualTo(Bytes.EMPTY);
  }

  @Test
  void writesARequest() {
    MessageEncoder encoder = MessageEncoder.request(RequestHead.of(HttpMethod.POST, "/submit?x=1",
        Headers.of("Host", "example.com", "Content-Length", "2")));

    assertThat(wire(encoder.head(), joined(encoder.content(Bytes.ascii("ok"))), encoder.end()))
        .isEqualTo("POST /submit?x=1 HTTP/1.1\r\nHost: example.com\r\nContent-Length: 2\r\n\r\nok");
  }

  @Test
  void allowsNoContentWhereTheResponseHasNoBody() {
    for (MessageEncoder encoder : List.of(
        MessageEncoder.response(ResponseHead.of(200, Headers.of("Content-Length", "5")),
            HttpMethod.HEAD),
        MessageEncoder.response(ResponseHead.of(304, Headers.of("Content-Length", "5")),
            HttpMethod.GET),
        MessageEncoder.response(ResponseHead.of(204, new Headers()), HttpMethod.GET),
        MessageEncoder.request(RequestHead.of(HttpMethod.GET, "/", Headers.of("Host", "a"))))) {
      assertThat(encoder.framing()).isEqualTo(Framing.NONE);
      assertThatThrownBy(() -> encoder.content(Bytes.ascii("x")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("this message has no body, cannot write 1 bytes");
      assertThat(encoder.end()).isEqualTo(Bytes.EMPTY);
    }
  }

  @Test
  void holdsTheCallerToTheContentLength() {
    MessageEncoder encoder = MessageEncoder.response(
        ResponseHead.of(200, Headers.of("Content-Length", "3")), HttpMethod.GET);

    encoder.content(Bytes.ascii("ab"));

    assertThatThrownBy(() -> encoder.content(Bytes.ascii("cd")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cannot write 2 bytes: only 1 remain of the Content-Length");
    assertThatThrownBy(encoder::end)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("1 bytes of the Content-Length have not been written");
    encoder.content(Bytes.ascii("c"));
    encoder.end();
    assertThatThrownBy(() -> encoder.content(Bytes.ascii("d")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the message has already ended");
    assertThatThrownBy(encoder::end).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesTrailersWithoutChunks() {
    MessageEncoder encoder = MessageEncoder.response(
        ResponseHead.of(200, Headers.of("Content-Length", "0")), HttpMethod.GET);

    assertThatThrownBy(() -> encoder.end(Headers.of("X", "y")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("trailers need a chunked body; this one is NONE");
  }

  @Test
  void refusesHeadsThatAParserWouldRefuse() {
    assertThatThrownBy(() -> MessageEncoder.request(
        RequestHead.of(HttpMethod.GET, "/", new Headers())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid request head: missing Host field");
    assertThatThrownBy(() -> MessageEncoder.request(RequestHead.of(HttpMethod.POST, "/",
        Headers.of("Host", "a", "Transfer-Encoding", "gzip, chunked"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid request head: unsupported transfer coding \"gzip\"");
    assertThatThrownBy(() -> MessageEncoder.response(ResponseHead.of(200,
        Headers.of("Content-Length", "1", "Transfer-Encoding", "chunked")), HttpMethod.GET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid response head: both Content-Length and Transfer-Encoding");
    assertThatThrownBy(() -> MessageEncoder.response(
        ResponseHead.of(200, Headers.of("Content-Length", "+1")), HttpMethod.GET))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MessageEncoder.response(
        ResponseHead.of(204, Headers.of("Content-Length", "0")), HttpMethod.GET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a 204 response must not have Content-Length or Transfer-Encoding");
  }

  @Test
  void switchesProtocolsWithoutABody() {
    MessageEncoder encoder = MessageEncoder.response(ResponseHead.of(101,
        Headers.of("Upgrade", "websocket", "Connection", "Upgrade")), HttpMethod.GET);

    assertThat(encoder.framing()).isEqualTo(Framing.SWITCH);
    assertThat(encoder.head()).isEqualTo(Bytes.ascii(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"));
  }

  @Test
  void countsContentSentAsideAgainstTheContentLength() {
    MessageEncoder encoder = MessageEncoder.response(
        ResponseHead.of(200, Headers.of("Content-Length", "10")), HttpMethod.GET);

    encoder.countContent(4);
    assertThat(encoder.content(Bytes.ascii("abc"))).hasSize(1);
    assertThatThrownBy(() -> encoder.countContent(4)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only 3 remain");
    encoder.countContent(3);
    assertThat(encoder.end()).isEqualTo(Bytes.EMPTY);
    assertThatThrownBy(() -> encoder.countContent(0)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesToCountContentThatAChunkedBodyWouldHaveToFrame() {
    MessageEncoder chunked = MessageEncoder.response(
        ResponseHead.of(200, Headers.of("Transfer-Encoding", "chunked")), HttpMethod.GET);
    MessageEncoder none = MessageEncoder.response(ResponseHead.of(304, new Headers()),
        HttpMethod.GET);

    assertThatThrownBy(() -> chunked.countContent(1)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("chunked");
    assertThatThrownBy(() -> none.countContent(1)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no body");
    assertThatThrownBy(() -> chunked.countContent(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

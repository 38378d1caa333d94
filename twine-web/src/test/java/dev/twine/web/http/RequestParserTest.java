package dev.twine.web.http;

import static dev.twine.web.http.Recorder.latin1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.testing.Chunks;
import dev.twine.web.http.Recorder.Message;
import dev.twine.web.http.Recorder.Outcome;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Valid requests, each fed whole, byte by byte and in random pieces, read the same way. */
class RequestParserTest {

  /** A request on the wire and the messages it must give. */
  record Case(String name, String wire, List<Message<RequestHead>> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Message<RequestHead> message(
      HttpMethod method, String target, HttpVersion version, Headers headers, String body) {
    return message(method, target, version, headers, body, new Headers());
  }

  private static Message<RequestHead> message(HttpMethod method, String target,
      HttpVersion version, Headers headers, String body, Headers trailers) {
    return new Message<>(new RequestHead(method, target, version, headers),
        Bytes.wrap(latin1(body)), trailers);
  }

  private static Message<RequestHead> get(String target, String... headers) {
    return message(HttpMethod.GET, target, HttpVersion.HTTP_1_1, Headers.of(headers), "");
  }

  static final List<Case> CASES = List.of(
      new Case("simple GET",
          "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n",
          List.of(get("/", "Host", "example.com"))),
      new Case("browser GET",
          "GET /docs/index.html?lang=en&q=a%20b HTTP/1.1\r\n"
              + "Host: www.example.com:8080\r\n"
              + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101\r\n"
              + "Accept: text/html,application/xhtml+xml,*/*;q=0.8\r\n"
              + "Accept-Language: en-US,en;q=0.5\r\n"
              + "Cookie: a=1; b=\"two\"\r\n"
              + "Connection: keep-alive\r\n\r\n",
          List.of(get("/docs/index.html?lang=en&q=a%20b", "Host", "www.example.com:8080",
              "User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101",
              "Accept", "text/html,application/xhtml+xml,*/*;q=0.8",
              "Accept-Language", "en-US,en;q=0.5", "Cookie", "a=1; b=\"two\"",
              "Connection", "keep-alive"))),
      new Case("HTTP/1.0 without Host",
          "GET /old HTTP/1.0\r\n\r\n",
          List.of(message(HttpMethod.GET, "/old", HttpVersion.HTTP_1_0, new Headers(), ""))),
      new Case("HTTP/1.2 read as HTTP/1.1",
          "GET / HTTP/1.2\r\nHost: a\r\n\r\n",
          List.of(get("/", "Host", "a"))),
      new Case("Content-Length body",
          "POST /form HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world",
          List.of(message(HttpMethod.POST, "/form", HttpVersion.HTTP_1_1,
              Headers.of("Host", "a", "Content-Length", "11"), "hello world"))),
      new Case("Content-Length with leading zeros and whitespace",
          "PUT /x HTTP/1.1\r\nHost: a\r\nContent-Length: \t 005 \r\n\r\nhello",
          List.of(message(HttpMethod.PUT, "/x", HttpVersion.HTTP_1_1,
              Headers.of("Host", "a", "Content-Length", "005"), "hello"))),
      new Case("equal Content-Length values on two lines and in a list",
          "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3, 3\r\n\r\nabc",
          List.of(message(HttpMethod.POST, "/", HttpVersion.HTTP_1_1,
              Headers.of("Host", "a", "Content-Length", "3", "Content-Length", "3, 3"), "abc"))),
      new Case("Content-Length zero",
          "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n",
          List.of(message(HttpMethod.POST, "/", HttpVersion.HTTP_1_1,
              Headers.of("Host", "a", "Content-Length", "0"), ""))),
      new Case("chunked with extensions and trailers",
          "POST /up HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
              + "5;name=value\r\nhello\r\n"
              + "6 ; a = \"q \\\" s\" ;b\r\n world\r\n"
              + "000;last\r\nX-Checksum: abc\r\nX-Other: d\r\n\r\n",
          List.of(message(HttpMethod.POST, "/up", HttpVersion.HTTP_1_1,
              Headers.of("Host", "a", "Transfer-Encoding", "chunked"), "hello world",
              Headers.of("X-Checksum", "abc", "X-Other", "d")))),
      new Case("chunk sizes with leading zeros and capitals, coding name in capitals",
          "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\tCHUNKED\r\n\r\n"
              + "0000A\r\n0123456789\r\n0\r\n\r\n",
          List.of(message(HttpMethod.POST, "/", HttpVersion.HTTP_1_1,
              Headers.of("Host", "a", "Transfer-Encoding", "CHUNKED"), "0123456789"))),
      new Case("chunked over two Transfer-Encoding lines with empty list elements",
          "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: ,\r\nTransfer-Encoding: chunked,\r\n"
              + "\r\n3\r\nabc\r\n0\r\n\r\n",
          List.of(message(HttpMethod.POST, "/", HttpVersion.HTTP_1_1,
              Headers.of("Host", "a", "Transfer-Encoding", ",", "Transfer-Encoding", "chunked,"),
              "abc"))),
      new Case("field values: obs-text, inner whitespace, empty, trimmed",
          "GET / HTTP/1.1\r\nHost: a\r\nX-Name: Ren\u00e9 \t Dupr\u00e9\r\nX-Empty:\r\n"
              + "X-Spaces:    v  \r\n!#$%&'*+-.^_`|~09azAZ: token\r\n\r\n",
          List.of(get("/", "Host", "a", "X-Name", "Ren\u00e9 \t Dupr\u00e9", "X-Empty", "",
              "X-Spaces", "v", "!#$%&'*+-.^_`|~09azAZ", "token"))),
      new Case("extension method and case-sensitive methods",
          "PROPFIND /dav HTTP/1.1\r\nHost: a\r\n\r\nget / HTTP/1.1\r\nHost: a\r\n\r\n",
          List.of(message(new HttpMethod("PROPFIND"), "/dav", HttpVersion.HTTP_1_1,
              Headers.of("Host", "a"), ""),
              message(new HttpMethod("get"), "/", HttpVersion.HTTP_1_1,
                  Headers.of("Host", "a"), ""))),
      new Case("absolute, authority and asterisk forms",
          "GET http://example.com:80/a?b HTTP/1.1\r\nHost: example.com\r\n\r\n"
              + "CONNECT [::1]:443 HTTP/1.1\r\nHost: [::1]:443\r\n\r\n"
              + "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n",
          List.of(get("http://example.com:80/a?b", "Host", "example.com"),
              message(HttpMethod.CONNECT, "[::1]:443", HttpVersion.HTTP_1_1,
                  Headers.of("Host", "[::1]:443"), ""),
              message(HttpMethod.OPTIONS, "*", HttpVersion.HTTP_1_1, Headers.of("Host", "a"),
                  ""))),
      new Case("pipelined requests of every framing",
          "GET /1 HTTP/1.1\r\nHost: a\r\n\r\n"
              + "POST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi"
              + "POST /3 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nyo\r\n0\r\n\r\n"
              + "GET /4 HTTP/1.1\r\nHost: a\r\n\r\n",
          List.of(get("/1", "Host", "a"),
              message(HttpMethod.POST, "/2", HttpVersion.HTTP_1_1,
                  Headers.of("Host", "a", "Content-Length", "2"), "hi"),
              message(HttpMethod.POST, "/3", HttpVersion.HTTP_1_1,
                  Headers.of("Host", "a", "Transfer-Encoding", "chunked"), "yo"),
              get("/4", "Host", "a"))),
      new Case("empty lines before a request line are skipped",
          "\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\n\r\n",
          List.of(get("/", "Host", "a"), get("/b", "Host", "a"))),
      new Case("empty Host in HTTP/1.1 and a Host with port",
          "GET / HTTP/1.1\r\nHost:\r\n\r\nGET / HTTP/1.1\r\nHost: 10.0.0.1:65535\r\n\r\n",
          List.of(get("/", "Host", ""), get("/", "Host", "10.0.0.1:65535"))));

  static Stream<Arguments> splits() {
    return CASES.stream().flatMap(c -> Chunks.all(latin1(c.wire()), c.name().hashCode())
        .stream().map(split -> Arguments.of(c, split)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("splits")
  void readsValidRequestsTheSameWhateverTheSplit(Case c, Chunks.Split split) {
    Outcome<RequestHead> outcome = Recorder.requests(new RequestParser(), split.chunks(), true);

    assertThat(outcome.status()).as("failure: %s", outcome.reason()).isZero();
    assertThat(outcome.unfinished()).isNull();
    assertThat(outcome.messages()).containsExactlyElementsOf(c.expected());
  }

  @Test
  void returnsTheKnownMethodConstants() {
    RequestParser parser = new RequestParser();
    parser.feed(Bytes.ascii("DELETE /x HTTP/1.1\r\nHost: a\r\n\r\n"));

    RequestHead head = (RequestHead) parser.next().orElseThrow();

    assertThat(head.method()).isSameAs(HttpMethod.DELETE);
  }

  @Test
  void keepsTheSpellingOfFieldNames() {
    RequestParser parser = new RequestParser();
    parser.feed(Bytes.ascii("GET / HTTP/1.1\r\nhost: a\r\nUser-Agent: b\r\nuser-AGENT: c\r\n"
        + "Content-type: d\r\n\r\n"));

    Headers headers = ((RequestHead) parser.next().orElseThrow()).headers();

    assertThat(List.of(headers.name(0), headers.name(1), headers.name(2), headers.name(3)))
        .containsExactly("host", "User-Agent", "user-AGENT", "Content-type");
  }

  @Test
  void returnsEventsOneAtATimeAndNothingBeforeTheHeadIsComplete() {
    RequestParser parser = new RequestParser();
    parser.feed(Bytes.ascii("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\n"));
    assertThat(parser.next()).isEmpty();

    parser.feed(Bytes.ascii("\r\nabc"));
    assertThat(parser.next()).containsInstanceOf(RequestHead.class);
    assertThat(parser.next()).contains(new Content(Bytes.ascii("abc")));
    assertThat(parser.next()).isEmpty();

    parser.feed(Bytes.ascii("defGET"));
    assertThat(parser.next()).contains(new Content(Bytes.ascii("def")));
    assertThat(parser.next()).contains(new MessageEnd(new Headers()));
    assertThat(parser.next()).isEmpty();
  }

  @Test
  void leavesPipelinedRequestsUnparsedUntilAskedFor() {
    RequestParser parser = new RequestParser();
    parser.feed(Bytes.ascii("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n"));

    assertThat(parser.next()).containsInstanceOf(RequestHead.class);
    assertThat(parser.next()).containsInstanceOf(MessageEnd.class);

    assertThat(parser.takeUnparsed()).containsExactly(
        Bytes.ascii("GET /2 HTTP/1.1\r\nHost: a\r\n\r\n"));
    assertThat(parser.next()).isEmpty();
  }

  @Test
  void handsOverTheBytesAfterAnUpgradeRequest() {
    RequestParser parser = new RequestParser();
    parser.feed(Bytes.ascii("GET /chat HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n"));
    parser.feed(Bytes.wrap(latin1("Connection: Upgrade\r\n\r\n\u0081\u0000")));
    parser.feed(Bytes.ascii("more"));

    RequestHead head = (RequestHead) parser.next().orElseThrow();
    assertThat(parser.next()).containsInstanceOf(MessageEnd.class);

    assertThat(head.headers().containsToken("connection", "upgrade")).isTrue();
    assertThat(parser.takeUnparsed())
        .containsExactly(Bytes.of((byte) 0x81, (byte) 0), Bytes.ascii("more"));
  }

  @Test
  void tellsTheFramingAndLengthOfEachBody() {
    RequestParser parser = new RequestParser();
    assertThatThrownBy(parser::framing).isInstanceOf(IllegalStateException.class);
    parser.feed(Bytes.ascii("GET / HTTP/1.1\r\nHost: a\r\n\r\n"
        + "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
        + "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));

    parser.next();
    assertThat(parser.framing()).isEqualTo(Framing.NONE);
    assertThat(parser.contentLength()).hasValue(0);
    parser.next();
    parser.next();
    assertThat(parser.framing()).isEqualTo(Framing.CONTENT_LENGTH);
    assertThat(parser.contentLength()).hasValue(3);
    parser.next();
    parser.next();
    parser.next();
    assertThat(parser.framing()).isEqualTo(Framing.CHUNKED);
    assertThat(parser.contentLength()).isEqualTo(OptionalLong.empty());
  }

  @Test
  void failsARequestCutShortByTheEndOfTheInput() {
    for (String cut : List.of("GET / HT", "GET / HTTP/1.1\r\nHost: a\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nabc",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n")) {
      Outcome<RequestHead> outcome =
          Recorder.requests(new RequestParser(), Chunks.whole(latin1(cut)), true);

      assertThat(outcome.status()).as(cut).isEqualTo(400);
      assertThat(outcome.messages()).as(cut).isEmpty();
    }
  }

  @Test
  void endsQuietlyWhenTheInputEndsBetweenRequests() {
    RequestParser parser = new RequestParser();
    parser.feed(Bytes.ascii("GET / HTTP/1.1\r\nHost: a\r\n\r\n\r\n"));
    parser.endOfInput();

    assertThat(parser.next()).containsInstanceOf(RequestHead.class);
    assertThat(parser.next()).containsInstanceOf(MessageEnd.class);
    assertThat(parser.next()).isEmpty();
    assertThatThrownBy(() -> parser.feed(Bytes.ascii("x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("after the end of the input");
  }

  @Test
  void keepsFailingWithTheSameErrorAndDropsLaterInput() {
    RequestParser parser = new RequestParser();
    parser.feed(Bytes.ascii("GET / HTTP/1.1\r\nHost : a\r\n\r\n"));

    HttpParseException first = null;
    try {
      parser.next();
    } catch (HttpParseException e) {
      first = e;
    }
    parser.feed(Bytes.ascii("GET / HTTP/1.1\r\nHost: a\r\n\r\n"));

    assertThat(first).isNotNull();
    assertThat(first.status()).isEqualTo(400);
    assertThat(first.getStackTrace()).isEmpty();
    assertThatThrownBy(parser::next).isSameAs(first);
    assertThat(parser.takeUnparsed()).isEmpty();
  }

  @Test
  void givesTheBodyAsSlicesOfTheInputWithoutCopying() {
    RequestParser parser = new RequestParser();
    byte[] wire = latin1("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc");
    parser.feed(Bytes.wrap(wire));
    parser.next();

    Optional<RequestEvent> content = parser.next();
    wire[wire.length - 1] = 'z';

    assertThat(content).contains(new Content(Bytes.ascii("abz")));
  }
}

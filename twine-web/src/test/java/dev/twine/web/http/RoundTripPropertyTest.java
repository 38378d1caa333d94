package dev.twine.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.testing.Chunks;
import dev.twine.web.http.Recorder.Message;
import dev.twine.web.http.Recorder.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random valid requests and responses, written by {@link MessageEncoder} and pipelined on one
 * connection, read back by the parsers as the same messages whether the bytes arrive whole, one
 * at a time or cut at random.
 */
class RoundTripPropertyTest {
  private static final String TCHARS =
      "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String PCHARS =
      "-._~!$&'()*+,;=:@0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final char[] FIELD_CHARS = fieldChars();
  private static final List<String> FRAMING_NAMES =
      List.of("host", "content-length", "transfer-encoding");

  /** How a body is framed, before the rules for the message's method and status apply. */
  enum Kind { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

  record RequestSpec(HttpMethod method, String target, HttpVersion version, Headers fields,
      Kind kind, byte[] body, long pieceSeed, Headers trailers) {}

  record ResponseSpec(HttpVersion version, int status, String reason, Headers fields, Kind kind,
      byte[] body, long pieceSeed, Headers trailers) {}

  record Exchange(HttpMethod method, List<Integer> interims, ResponseSpec response) {}

  @Property(tries = 150)
  void requestsReadBackAsWritten(
      @ForAll("requests") List<RequestSpec> requests, @ForAll long splitSeed) {
    Buffer wire = new Buffer();
    List<Message<RequestHead>> expected = new ArrayList<>();
    for (RequestSpec spec : requests) {
      expected.add(write(spec, wire));
    }
    byte[] bytes = wire.readAll().toByteArray();

    for (Chunks.Split split : Chunks.all(bytes, splitSeed)) {
      Outcome<RequestHead> outcome = Recorder.requests(new RequestParser(), split.chunks(), true);

      assertThat(outcome.status()).as("%s: %s", split, outcome.reason()).isZero();
      assertThat(outcome.messages()).as("%s", split).isEqualTo(expected);
    }
  }

  @Property(tries = 150)
  void responsesReadBackAsWritten(
      @ForAll("exchanges") List<Exchange> exchanges, @ForAll long splitSeed) {
    Buffer wire = new Buffer();
    List<Message<ResponseHead>> expected = new ArrayList<>();
    for (int i = 0; i < exchanges.size(); i++) {
      Exchange exchange = exchanges.get(i);
      for (int interim : exchange.interims()) {
        expected.add(write(ResponseHead.of(interim, new Headers()), exchange.method(), wire));
      }
      expected.add(write(exchange, i == exchanges.size() - 1, wire));
    }
    byte[] bytes = wire.readAll().toByteArray();

    for (Chunks.Split split : Chunks.all(bytes, splitSeed)) {
      ResponseParser parser = new ResponseParser();
      exchanges.forEach(exchange -> parser.requestSent(exchange.method()));
      Outcome<ResponseHead> outcome = Recorder.responses(parser, split.chunks(), true);

      assertThat(outcome.status()).as("%s: %s", split, outcome.reason()).isZero();
      assertThat(outcome.messages()).as("%s", split).isEqualTo(expected);
    }
  }

  private static Message<RequestHead> write(RequestSpec spec, Buffer wire) {
    Kind kind = spec.version() == HttpVersion.HTTP_1_0 && spec.kind() == Kind.CHUNKED
        ? Kind.LENGTH : spec.kind() == Kind.UNTIL_CLOSE ? Kind.NONE : spec.kind();
    Headers headers = Headers.of("Host", "example.com");
    copy(spec.fields(), headers);
    byte[] body = kind == Kind.NONE ? new byte[0] : spec.body();
    frame(headers, kind, body);
    RequestHead head = new RequestHead(spec.method(), spec.target(), spec.version(), headers);
    Headers trailers = kind == Kind.CHUNKED ? spec.trailers() : new Headers();
    writeBody(MessageEncoder.request(head), body, spec.pieceSeed(), trailers, wire);
    return new Message<>(head, Bytes.wrap(body), trailers);
  }

  private static Message<ResponseHead> write(Exchange exchange, boolean last, Buffer wire) {
    ResponseSpec spec = exchange.response();
    int status = spec.status();
    Headers headers = new Headers();
    copy(spec.fields(), headers);
    boolean noBody = status == 204 || status == 304 || exchange.method().equals(HttpMethod.HEAD);
    Kind kind = spec.kind();
    if (kind == Kind.CHUNKED && spec.version() == HttpVersion.HTTP_1_0
        || kind == Kind.UNTIL_CLOSE && !last || kind == Kind.NONE) {
      kind = Kind.LENGTH;
    }
    byte[] body = spec.body();
    if (status != 204) {
      frame(headers, kind, body);
    }
    if (noBody) {
      body = new byte[0];
    }
    ResponseHead head = new ResponseHead(spec.version(), status, spec.reason(), headers);
    Headers trailers = kind == Kind.CHUNKED && !noBody ? spec.trailers() : new Headers();
    writeBody(MessageEncoder.response(head, exchange.method()), body, spec.pieceSeed(), trailers,
        wire);
    return new Message<>(head, Bytes.wrap(body), trailers);
  }

  private static Message<ResponseHead> write(ResponseHead head, HttpMethod method, Buffer wire) {
    writeBody(MessageEncoder.response(head, method), new byte[0], 0, new Headers(), wire);
    return new Message<>(head, Bytes.EMPTY, new Headers());
  }

  private static void frame(Headers headers, Kind kind, byte[] body) {
    switch (kind) {
      case LENGTH -> headers.add("Content-Length", Integer.toString(body.length));
      case CHUNKED -> headers.add("Transfer-Encoding", "chunked");
      case NONE, UNTIL_CLOSE -> { }
    }
  }

  private static void writeBody(
      MessageEncoder encoder, byte[] body, long pieceSeed, Headers trailers, Buffer wire) {
    wire.write(encoder.head());
    for (byte[] piece : Chunks.random(body, pieceSeed)) {
      encoder.content(Bytes.wrap(piece)).forEach(wire::write);
    }
    wire.write(encoder.end(trailers));
  }

  private static void copy(Headers from, Headers to) {
    for (int i = 0; i < from.size(); i++) {
      to.add(from.name(i), from.value(i));
    }
  }

  @Provide
  Arbitrary<List<RequestSpec>> requests() {
    Arbitrary<HttpMethod> methods = Arbitraries.oneOf(
        Arbitraries.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.DELETE, HttpMethod.OPTIONS, HttpMethod.TRACE, HttpMethod.PATCH),
        tokens().filter(name -> !name.equals("CONNECT")).map(HttpMethod::new));
    Arbitrary<RequestSpec> request = Combinators.combine(methods, targets(),
        Arbitraries.of(HttpVersion.class), fields(), Arbitraries.of(Kind.class), bodies(),
        Arbitraries.longs(), fields()).as(RequestSpec::new);
    return request.list().ofMinSize(1).ofMaxSize(3);
  }

  @Provide
  Arbitrary<List<Exchange>> exchanges() {
    Arbitrary<Integer> statuses = Arbitraries.oneOf(
        Arbitraries.of(200, 204, 206, 299, 304, 404, 500, 599),
        Arbitraries.integers().between(200, 599));
    Arbitrary<ResponseSpec> response = Combinators.combine(Arbitraries.of(HttpVersion.class),
        statuses, values(), fields(), Arbitraries.of(Kind.class), bodies(), Arbitraries.longs(),
        fields()).as(ResponseSpec::new);
    Arbitrary<HttpMethod> methods = Arbitraries.of(
        HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, new HttpMethod("PROPFIND"));
    Arbitrary<List<Integer>> interims = Arbitraries.of(100, 102, 103).list().ofMaxSize(2);
    return Combinators.combine(methods, interims, response).as(Exchange::new)
        .list().ofMinSize(1).ofMaxSize(3);
  }

  private static Arbitrary<String> tokens() {
    return Arbitraries.strings().withChars(TCHARS).ofMinLength(1).ofMaxLength(12);
  }

  private static Arbitrary<String> values() {
    return Arbitraries.strings().withChars(FIELD_CHARS).ofMaxLength(24);
  }

  private static Arbitrary<Headers> fields() {
    Arbitrary<String> names = tokens().filter(name -> !FRAMING_NAMES.contains(name.toLowerCase(Locale.ROOT)));
    Arbitrary<String> trimmed = values().map(Syntax::trim);
    return Combinators.combine(names, trimmed).as(List::of).list().ofMaxSize(6).map(pairs -> {
      Headers headers = new Headers();
      pairs.forEach(pair -> headers.add(pair.get(0), pair.get(1)));
      return headers;
    });
  }

  private static Arbitrary<String> targets() {
    Arbitrary<String> plain = Arbitraries.strings().withChars(PCHARS + "/?").ofMaxLength(20);
    Arbitrary<String> encoded = Arbitraries.integers().between(0, 255)
        .map(b -> String.format("%%%02X", b));
    return Combinators.combine(plain, encoded.list().ofMaxSize(2), plain)
        .as((a, escapes, b) -> "/" + a + String.join("", escapes) + b);
  }

  private static Arbitrary<byte[]> bodies() {
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(40),
        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(3000));
  }

  private static char[] fieldChars() {
    StringBuilder chars = new StringBuilder("\t");
    IntStream.rangeClosed(0x20, 0x7e).forEach(c -> chars.append((char) c));
    IntStream.rangeClosed(0x80, 0xff).forEach(c -> chars.append((char) c));
    return chars.toString().toCharArray();
  }
}

package dev.twine.web;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.ConnectionDone;
import dev.twine.internet.ConnectionLost;
import dev.twine.internet.HalfCloseableProtocol;
import dev.twine.internet.Protocol;
import dev.twine.testing.Chunks;
import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport;
import dev.twine.web.http.Content;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.http.MessageEnd;
import dev.twine.web.http.ResponseEvent;
import dev.twine.web.http.ResponseHead;
import dev.twine.web.http.ResponseParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One connection of a {@link Site} over a {@link StringTransport}, driven by a test: it sends the
 * client's bytes and reads back the responses with the codec's {@link ResponseParser}.
 *
 * <pre>{@code
 * Wire wire = new Wire(root, clock);
 * wire.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
 * Wire.Response response = wire.responses().get(0);
 * wire.close();
 * }</pre>
 */
final class Wire {
  /** The calendar date of every test site: the clock's time after this instant. */
  static final Instant EPOCH = Instant.parse("2025-03-01T12:00:00Z");

  /** A response as the client reads it, its body joined from its pieces. */
  record Response(int status, Headers headers, String body, Headers trailers) {
    Optional<String> header(String name) {
      return headers.first(name);
    }
  }

  final Clock clock;
  final Site site;
  final StringTransport transport;
  final Protocol protocol;
  private boolean lost;

  Wire(Resource root, Clock clock) {
    this(root, clock, SiteOptions.DEFAULT);
  }

  Wire(Resource root, Clock clock, SiteOptions options) {
    this(new Site(root, clock, calendar(clock), options), clock, new StringTransport());
  }

  Wire(Site site, Clock clock, StringTransport transport) {
    this.clock = clock;
    this.site = site;
    this.transport = transport;
    this.protocol = site.buildProtocol(transport.peer());
    protocol.makeConnection(transport);
    transport.reportDisconnection(new Protocol() {
      @Override
      public void connectionLost(Failure reason) {
        lost = true;
        protocol.connectionLost(reason);
      }
    });
  }

  /** Returns a calendar that reads {@link #EPOCH} plus the time of {@code clock}. */
  static InstantSource calendar(Clock clock) {
    return () -> EPOCH.plus(clock.now());
  }

  /** Sends {@code text}, one byte per character, in one piece. */
  void send(String text) {
    protocol.dataReceived(Bytes.wrap(latin1(text)));
  }

  /** Sends the pieces of {@code split}. */
  void send(Chunks.Split split) {
    split.feed(chunk -> protocol.dataReceived(Bytes.wrap(chunk)));
  }

  /** Returns everything the server wrote, one character per byte. */
  String written() {
    return new String(transport.value().toByteArray(), StandardCharsets.ISO_8859_1);
  }

  /** Parses what the server wrote as responses to GET requests. */
  List<Response> responses() {
    return responses(List.of());
  }

  /**
   * Parses what the server wrote as responses to requests with {@code methods}, in order, and
   * GET for any after them; a response cut short is left out.
   */
  List<Response> responses(List<HttpMethod> methods) {
    return parse(transport.value(), methods, closed());
  }

  /**
   * Parses {@code written}, what a server wrote on a connection, as responses to requests with
   * {@code methods}, in order, and GET for any after them; {@code ended} says the connection
   * closed after it. A response cut short is left out.
   */
  static List<Response> parse(Bytes written, List<HttpMethod> methods, boolean ended) {
    ResponseParser parser = new ResponseParser();
    for (int i = 0; i < 64; i++) {
      parser.requestSent(i < methods.size() ? methods.get(i) : HttpMethod.GET);
    }
    parser.feed(written);
    if (ended) {
      parser.endOfInput();
    }
    List<Response> responses = new ArrayList<>();
    ResponseHead head = null;
    Buffer body = new Buffer();
    for (Optional<ResponseEvent> e = parser.next(); e.isPresent(); e = parser.next()) {
      switch (e.get()) {
        case ResponseHead h -> head = h;
        case Content content -> body.write(content.data());
        case MessageEnd end -> {
          responses.add(new Response(head.status(), head.headers(), body.readAll().utf8(),
              end.trailers()));
          head = null;
        }
      }
    }
    return responses;
  }

  /** Returns the only response written, failing if there are more or none. */
  Response response() {
    List<Response> all = responses();
    if (all.size() != 1) {
      throw new AssertionError("expected one response, got " + all.size() + ": " + written());
    }
    return all.get(0);
  }

  /** Returns whether the server closed the connection or its writing half. */
  boolean closed() {
    return transport.disconnecting() || transport.writeDisconnecting();
  }

  /** Returns whether the server protocol heard the end of the connection. */
  boolean lost() {
    return lost;
  }

  /** The client resets the connection: the server hears {@link ConnectionLost}. */
  void clientGoesAway() {
    lost = true;
    protocol.connectionLost(Failure.of(new ConnectionLost("reset by the client", null)));
  }

  /**
   * Ends the connection as a test ends it: the client closes if the server has not, and a server
   * that lingers hears it.
   */
  void close() {
    if (lost) {
      return;
    }
    if (transport.writeDisconnecting() && !transport.disconnecting()) {
      ((HalfCloseableProtocol) protocol).readConnectionLost();
    }
    if (!lost) {
      lost = true;
      protocol.connectionLost(Failure.of(new ConnectionDone("closed by the client")));
    }
  }

  /** Advances the clock by {@code seconds}. */
  void advance(double seconds) {
    clock.advance(Duration.ofNanos(Math.round(seconds * 1e9)));
  }

  static byte[] latin1(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}

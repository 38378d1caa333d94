package dev.twine.web.client;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.Protocol;
import dev.twine.web.http.Content;
import dev.twine.web.http.MessageEnd;
import dev.twine.web.http.RequestEvent;
import dev.twine.web.http.RequestHead;
import dev.twine.web.http.RequestParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One connection of an in-memory server that the test scripts: it records the requests it reads
 * and writes whatever raw response the test tells it to.
 */
final class FakeServer extends Protocol {
  /** A request as the server read it; {@code complete} once its end arrived. */
  record Received(RequestHead head, Bytes body, boolean complete) {}

  private final RequestParser parser = new RequestParser();
  private final List<Received> requests = new ArrayList<>();
  private @Nullable RequestHead head;
  private final Buffer body = new Buffer();
  private @Nullable Failure lost;

  @Override
  public void dataReceived(Bytes data) {
    parser.feed(data);
    for (Optional<RequestEvent> e = parser.next(); e.isPresent(); e = parser.next()) {
      switch (e.get()) {
        case RequestHead started -> head = started;
        case Content content -> body.write(content.data());
        case MessageEnd end -> {
          requests.add(new Received(head, body.readAll(), true));
          head = null;
        }
      }
    }
  }

  @Override
  public void connectionLost(Failure reason) {
    lost = reason;
  }

  /** Returns the complete requests read so far. */
  List<Received> requests() {
    return List.copyOf(requests);
  }

  /** Returns the only complete request read so far. */
  Received request() {
    if (requests.size() != 1) {
      throw new AssertionError("expected one request, got " + requests);
    }
    return requests.get(0);
  }

  /** Returns the head of the request being read, whose end has not arrived. */
  Optional<RequestHead> unfinished() {
    return Optional.ofNullable(head);
  }

  /** Returns the body bytes of the unfinished request received so far, without taking them. */
  long unfinishedBodySize() {
    return body.size();
  }

  /** Writes {@code raw}, each character one byte. */
  void send(String raw) {
    transport().write(Bytes.wrap(raw.getBytes(StandardCharsets.ISO_8859_1)));
  }

  /** Writes {@code data}. */
  void send(Bytes data) {
    transport().write(data);
  }

  /** Writes a 200 response with {@code text} as its Content-Length body. */
  void ok(String text) {
    send("HTTP/1.1 200 OK\r\nContent-Length: " + text.length() + "\r\n\r\n" + text);
  }

  /** Returns how the connection ended, if it did. */
  Optional<Failure> lost() {
    return Optional.ofNullable(lost);
  }
}

package dev.twine.web.websocket;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Protocol;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.http.HttpParseException;
import dev.twine.web.http.MessageEncoder;
import dev.twine.web.http.ResponseEvent;
import dev.twine.web.http.ResponseHead;
import dev.twine.web.http.ResponseParser;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A client's connection during and after the opening handshake: it sends the request, reads the
 * response, and once the server has switched protocols hands everything to the {@link
 * WebSocketConnection} that the agreement makes, the bytes that came after the response first.
 *
 * <p>{@link #opened()} fires with the connection once it is open, or fails with a {@link
 * HandshakeException} (status 502) when the server refuses, answers wrongly or closes first.
 * Cancelling it aborts the connection.
 *
 * <p>Threading: the thread of the connection's reactor.
 */
final class OpeningHandshake extends Protocol {
  private final ClientHandshake handshake;
  private final Function<Agreement, WebSocketConnection> open;
  private final ResponseParser parser = new ResponseParser();
  private final Deferred<WebSocketConnection> opened;
  private @Nullable WebSocketConnection connection;
  /** Whether {@link #opened} was cancelled: it fails with the cancellation, not the abort. */
  private boolean cancelled;

  /** Creates it: {@code open} makes the connection for what the server agreed to. */
  OpeningHandshake(ClientHandshake handshake, Function<Agreement, WebSocketConnection> open) {
    this.handshake = handshake;
    this.open = open;
    this.opened = new Deferred<>(deferred -> {
      cancelled = true;
      if (connected()) {
        transport().abortConnection();
      }
    });
  }

  /** Returns the Deferred that fires with the connection once it is open. */
  Deferred<WebSocketConnection> opened() {
    return opened;
  }

  @Override
  public void connectionMade() {
    transport().write(MessageEncoder.request(handshake.request()).head());
    parser.requestSent(HttpMethod.GET);
  }

  @Override
  public void dataReceived(Bytes data) {
    WebSocketConnection current = connection;
    if (current != null) {
      current.dataReceived(data);
      return;
    }
    if (opened.called()) {
      return;
    }
    parser.feed(data);
    try {
      for (Optional<ResponseEvent> e = parser.next(); e.isPresent(); e = parser.next()) {
        if (e.get() instanceof ResponseHead head && (head.status() == 101 || !head.interim())) {
          switchTo(handshake.check(head));
          return;
        }
      }
    } catch (HttpParseException e) {
      refuse(new HandshakeException(502, "invalid response: " + e.reason()));
    } catch (HandshakeException e) {
      refuse(e);
    }
  }

  private void switchTo(Agreement agreement) {
    WebSocketConnection started = open.apply(agreement);
    connection = started;
    List<Bytes> rest = parser.takeUnparsed();
    started.makeConnection(transport());
    opened.callback(started);
    for (Bytes data : rest) {
      started.dataReceived(data);
    }
  }

  private void refuse(HandshakeException refusal) {
    opened.errback(refusal);
    transport().abortConnection();
  }

  @Override
  public void connectionLost(Failure reason) {
    WebSocketConnection current = connection;
    if (current != null) {
      current.connectionLost(reason);
    } else if (!opened.called() && !cancelled) {
      opened.errback(new HandshakeException(502,
          "the connection ended during the opening handshake: " + reason.message()));
    }
  }
}

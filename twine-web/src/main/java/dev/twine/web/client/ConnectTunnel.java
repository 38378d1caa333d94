package dev.twine.web.client;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.ConnectError;
import dev.twine.internet.Factory;
import dev.twine.internet.Protocol;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpLimits;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.http.HttpParseException;
import dev.twine.web.http.MessageEncoder;
import dev.twine.web.http.RequestHead;
import dev.twine.web.http.ResponseEvent;
import dev.twine.web.http.ResponseHead;
import dev.twine.web.http.ResponseParser;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The protocol of a connection to a proxy that opens a tunnel through it (RFC 9110 section
 * 9.3.6): it sends {@code CONNECT host:port}, and once the proxy answers 2xx it connects the
 * protocol the tunnel is for to the same transport, hands it whatever followed the answer, and
 * from then on passes it the connection's events. A transport that takes layers (as TLS inserts
 * itself) then sends them to that protocol directly.
 *
 * <p>{@link #established} fires with that protocol, or fails with {@link TunnelRefused} for
 * another status, or with a {@link ConnectError} when the proxy's answer breaks HTTP or the
 * connection ends before it.
 */
final class ConnectTunnel extends Protocol {
  private final String authority;
  private final Headers proxyHeaders;
  private final Factory factory;
  private final ResponseParser parser;
  private final Deferred<Protocol> established;
  private @Nullable Protocol tunnelled;

  /**
   * Creates the protocol of a tunnel to {@code authority} ({@code host:port}), sending the proxy
   * {@code proxyHeaders} with the {@code CONNECT}, and connecting a protocol from {@code factory}
   * through it.
   */
  ConnectTunnel(String authority, Headers proxyHeaders, Factory factory, HttpLimits limits) {
    this.authority = authority;
    this.proxyHeaders = proxyHeaders;
    this.factory = factory;
    this.parser = new ResponseParser(limits);
    this.established = new Deferred<>(cancelled -> {
      if (connected() && tunnelled == null) {
        transport().abortConnection();
      }
    });
  }

  /** Returns the Deferred of the protocol connected through the tunnel once it is open. */
  Deferred<Protocol> established() {
    return established;
  }

  @Override
  public void connectionMade() {
    Headers fields = new Headers().add("Host", authority);
    for (int i = 0; i < proxyHeaders.size(); i++) {
      fields.add(proxyHeaders.name(i), proxyHeaders.value(i));
    }
    parser.requestSent(HttpMethod.CONNECT);
    transport().write(MessageEncoder.request(RequestHead.of(HttpMethod.CONNECT, authority, fields))
        .head());
  }

  @Override
  public void dataReceived(Bytes data) {
    Protocol open = tunnelled;
    if (open != null) {
      open.dataReceived(data);
      return;
    }
    if (established.called()) {
      return;
    }
    parser.feed(data);
    try {
      for (Optional<ResponseEvent> next = parser.next(); next.isPresent(); next = parser.next()) {
        if (next.get() instanceof ResponseHead head && (!head.interim() || head.status() == 101)) {
          answered(head);
          return;
        }
      }
    } catch (HttpParseException e) {
      fail(new ConnectError("the proxy answered CONNECT " + authority
          + " with an invalid response: " + e.reason(), e));
    }
  }

  @Override
  public void connectionLost(Failure reason) {
    Protocol open = tunnelled;
    if (open != null) {
      open.connectionLost(reason);
    } else if (!established.called()) {
      established.errback(new ConnectError("the proxy closed the connection before answering"
          + " CONNECT " + authority + ": " + reason.message(), reason.exception()));
    }
  }

  private void answered(ResponseHead head) {
    if (head.status() / 100 != 2) {
      fail(new TunnelRefused(authority, head.status(), head.reason()));
      return;
    }
    Protocol protocol = factory.buildProtocol(transport().peer());
    if (protocol == null) {
      fail(new ConnectError("the factory made no protocol for the tunnel to " + authority, null));
      return;
    }
    tunnelled = protocol;
    List<Bytes> rest = parser.takeUnparsed();
    protocol.makeConnection(transport());
    for (Bytes data : rest) {
      protocol.dataReceived(data);
    }
    established.callback(protocol);
  }

  private void fail(Throwable reason) {
    established.errback(reason);
    transport().loseConnection();
  }

  @Override
  public String toString() {
    return "ConnectTunnel[" + authority + (tunnelled == null ? "" : ", open") + "]";
  }
}

package dev.twine.web.websocket;

import dev.twine.internet.ReactorTime;
import dev.twine.web.ErrorPage;
import dev.twine.web.Rendered;
import dev.twine.web.Request;
import dev.twine.web.Resource;
import dev.twine.web.http.Headers;
import dev.twine.web.http.RequestHead;
import dev.twine.web.http.ResponseHead;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@link Resource} that accepts WebSocket connections where it is mounted, so that HTTP and
 * WebSocket share a port, and TLS with it (Autobahn's {@code WebSocketResource}).
 *
 * <pre>{@code
 * Resource root = new Resource();
 * root.putChild("", new Resource().on(HttpMethod.GET, request -> Rendered.body(page)));
 * root.putChild("ws", new WebSocketResource(reactor, WebSocketOptions.DEFAULT, Echo::new));
 * reactor.listenTcp(8080, new Site(root, reactor));
 * }</pre>
 *
 * <p>For each request that asks to upgrade ({@code Upgrade: websocket}), the resource checks the
 * handshake ({@link ServerHandshake#check}: 400, 405 or 426 when it is invalid), then the {@code
 * Origin} against its {@link OriginPolicy} (403 when refused; the same origin only, by default),
 * makes a protocol and asks its {@link WebSocketProtocol#onConnect}, which may deny the request
 * with an HTTP status. Accepted, it negotiates permessage-deflate as {@link
 * WebSocketOptions#deflate()} says, answers {@code 101 Switching Protocols}, and hands the
 * connection to a {@link WebSocketConnection}. Other requests go to the renderers registered with
 * {@link #on}, so a page can be served at the same path; with none, they get {@code 426 Upgrade
 * Required}.
 *
 * <p>Threading: connections run their timers on the reactor given here, which must be the one
 * of the site that serves the resource; a reactor group needs a resource per site.
 */
public final class WebSocketResource extends Resource {
  private final ReactorTime time;
  private final WebSocketOptions options;
  private final Supplier<? extends WebSocketProtocol> protocols;
  private OriginPolicy originPolicy = OriginPolicy.SAME_ORIGIN;

  /**
   * Creates the resource: {@code protocols} makes a protocol for each handshake, {@code time}
   * (the site's reactor) runs the connections' timers, {@code options} rule them.
   */
  public WebSocketResource(ReactorTime time, WebSocketOptions options,
      Supplier<? extends WebSocketProtocol> protocols) {
    this.time = Objects.requireNonNull(time, "time");
    this.options = Objects.requireNonNull(options, "options");
    this.protocols = Objects.requireNonNull(protocols, "protocols");
  }

  /** Sets which pages may connect, and returns this resource. */
  public WebSocketResource withOriginPolicy(OriginPolicy policy) {
    this.originPolicy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /** Returns which pages may connect. */
  public OriginPolicy originPolicy() {
    return originPolicy;
  }

  /** Answers a WebSocket handshake as the class description says, or renders an HTTP request. */
  @Override
  public Rendered render(Request request) throws Exception {
    RequestHead head = new RequestHead(request.method(), request.uri(), request.version(),
        request.requestHeaders());
    if (!ServerHandshake.isUpgrade(head) && !allowedMethods().isEmpty()) {
      return super.render(request);
    }
    HandshakeRequest handshake;
    try {
      handshake = ServerHandshake.check(head);
    } catch (HandshakeException refused) {
      return refuse(request, refused.status(), refused.reason(), refused.headers());
    }
    ConnectionRequest asked = new ConnectionRequest(request, handshake);
    if (!originPolicy.allows(asked)) {
      return refuse(request, 403, "Origin " + handshake.origin().orElse("") + " may not connect.",
          new Headers());
    }
    WebSocketProtocol protocol = protocols.get();
    return switch (protocol.onConnect(asked)) {
      case Admission.Deny deny -> refuse(request, deny.status(), deny.reason(), new Headers());
      case Admission.Accept accept -> {
        Agreement agreement = new Agreement(accept.subprotocol(),
            options.deflate().accept(handshake.extensions()).stream().toList());
        ResponseHead response = ServerHandshake.response(handshake, agreement, accept.headers());
        copy(response.headers(), request);
        yield Rendered.switchProtocols(
            WebSocketConnection.server(protocol, agreement, time, options));
      }
    };
  }

  private static Rendered refuse(Request request, int status, String reason, Headers headers) {
    copy(headers, request);
    return ErrorPage.respond(request, status, reason);
  }

  private static void copy(Headers headers, Request request) {
    for (int i = 0; i < headers.size(); i++) {
      request.addHeader(headers.name(i), headers.value(i));
    }
  }
}

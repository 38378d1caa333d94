package dev.twine.web.websocket;

import dev.twine.defer.Deferred;
import dev.twine.internet.Reactor;
import dev.twine.internet.ReactorTime;
import dev.twine.internet.tls.TlsClientOptions;
import dev.twine.web.client.EndpointFactory;
import dev.twine.web.client.Origin;
import dev.twine.web.http.Headers;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Connects to WebSocket servers at {@code ws://} and {@code wss://} URIs (Autobahn's {@code
 * WebSocketClientFactory} and {@code connectWS}).
 *
 * <pre>{@code
 * WebSocketClient client = new WebSocketClient(reactor, WebSocketOptions.DEFAULT);
 * client.connect(URI.create("wss://example.com/chat"), new ChatClient())
 *     .map(chat -> { chat.connection().sendMessage("hello"); return chat; });
 * }</pre>
 *
 * <p>{@link #connect} resolves the host, connects (over TLS for {@code wss}), sends the opening
 * handshake with the subprotocols and headers given and a permessage-deflate offer if {@link
 * WebSocketOptions#deflate()} enables it, checks the server's answer, and fires with the protocol
 * once its {@code onOpen} has run. It fails with the endpoint's connect error, with a {@link
 * HandshakeException} when the server refuses or answers wrongly, or with a {@link
 * dev.twine.defer.TimedOutException} when the whole takes longer than the timeout. Cancelling it
 * abandons the attempt.
 *
 * <p>Threading: use a client on its reactor's thread.
 */
public final class WebSocketClient {
  /** How long connecting and the opening handshake may take together, unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final ReactorTime time;
  private final EndpointFactory endpoints;
  private final WebSocketOptions options;
  private final RandomGenerator random;
  private final Duration timeout;

  /**
   * Creates a client on {@code reactor}: names resolved off the reactor thread, servers of {@code
   * wss} URIs checked against the system's trusted roots, keys from a {@link SecureRandom},
   * {@link #DEFAULT_TIMEOUT}.
   */
  public WebSocketClient(Reactor reactor, WebSocketOptions options) {
    this(reactor, EndpointFactory.standard(reactor, TlsClientOptions.DEFAULT), options, new SecureRandom(),
        DEFAULT_TIMEOUT);
  }

  /**
   * Creates a client that reaches servers with {@code endpoints}, runs its timers on {@code
   * time}, draws handshake keys and masking keys from {@code random}, and gives up after {@code
   * timeout}.
   *
   * @throws IllegalArgumentException if the timeout is not positive
   */
  public WebSocketClient(ReactorTime time, EndpointFactory endpoints, WebSocketOptions options,
      RandomGenerator random, Duration timeout) {
    this.time = Objects.requireNonNull(time, "time");
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.options = Objects.requireNonNull(options, "options");
    this.random = Objects.requireNonNull(random, "random");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  /** Connects {@code protocol} to {@code uri}, offering no subprotocol and sending no extra header. */
  public <P extends WebSocketProtocol> Deferred<P> connect(URI uri, P protocol) {
    return connect(uri, List.of(), new Headers(), protocol);
  }

  /**
   * Connects {@code protocol} to {@code uri}, offering {@code subprotocols} in order of
   * preference and sending {@code headers} (such as {@code Origin} or {@code Authorization}).
   *
   * @throws IllegalArgumentException if the URI is not a {@code ws} or {@code wss} one, or a
   *     subprotocol or header is invalid, as {@link ClientHandshake} says
   */
  public <P extends WebSocketProtocol> Deferred<P> connect(URI uri, List<String> subprotocols,
      Headers headers, P protocol) {
    Objects.requireNonNull(protocol, "protocol");
    ClientHandshake handshake = new ClientHandshake(uri, HandshakeKeys.newKey(random),
        subprotocols, options.deflate(), headers);
    Origin origin = new Origin(handshake.secure() ? "https" : "http", handshake.host(),
        handshake.port());
    OpeningHandshake opening = new OpeningHandshake(handshake,
        agreement -> WebSocketConnection.client(protocol, agreement, time, options, random));
    return endpoints.endpoint(origin, timeout).connectProtocol(opening)
        .flatMap(connected -> opening.opened())
        .map(connection -> protocol)
        .addTimeout(timeout, time);
  }
}

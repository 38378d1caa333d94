package dev.twine.internet.endpoints;

import dev.twine.internet.Reactor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Parses Twisted's endpoint strings into typed endpoints (Twisted's {@code serverFromString} and
 * {@code clientFromString}).
 *
 * <pre>{@code
 * StreamServerEndpoint server = Endpoints.server(reactor, "tcp:8080:interface=127.0.0.1");
 * StreamClientEndpoint client = Endpoints.client(reactor, "tcp:host=example.com:port=80:timeout=5");
 * }</pre>
 *
 * <p>Built in: servers {@code tcp:PORT[:interface=A][:backlog=N]}, {@code tcp6:...} (interface
 * {@code ::} by default), {@code unix:PATH[:mode=OCTAL][:lockfile=1][:backlog=N]}; clients
 * {@code tcp:host=H:port=N[:timeout=S][:bindAddress=A]} (or {@code tcp:H:N}, connecting with
 * Happy Eyeballs) and {@code unix:path=P[:timeout=S]} (or {@code unix:P}). Other prefixes come
 * from {@link ServerEndpointParser} and {@link ClientEndpointParser} services, such as TLS's
 * {@code ssl:} and {@code tls:} (see {@code dev.twine.internet.tls.SslServerParser} and its
 * siblings).
 */
public final class Endpoints {
  private Endpoints() {}

  /**
   * Returns the server endpoint {@code description} describes, on {@code reactor}.
   *
   * @throws EndpointSyntaxException naming the offending part if the string is not valid
   */
  public static StreamServerEndpoint server(Reactor reactor, String description) {
    return server(reactor, EndpointDescription.parse(description));
  }

  /**
   * Returns the server endpoint an already split description describes, on {@code reactor}: how a
   * parser for one prefix builds on another's, as {@code ssl:} does on {@code tcp:}.
   *
   * @throws EndpointSyntaxException naming the offending part if it is not valid
   */
  public static StreamServerEndpoint server(Reactor reactor, EndpointDescription parsed) {
    Map<String, ServerEndpointParser> parsers = new LinkedHashMap<>();
    for (ServerEndpointParser parser : ServiceLoader.load(ServerEndpointParser.class)) {
      parsers.put(parser.prefix(), parser);
    }
    BuiltInParsers.SERVERS.forEach(parser -> parsers.put(parser.prefix(), parser));
    ServerEndpointParser parser = parsers.get(parsed.prefix());
    if (parser == null) {
      throw unknown(parsed, parsers.keySet());
    }
    return parser.parse(reactor, parsed);
  }

  /**
   * Returns the client endpoint {@code description} describes, on {@code reactor}.
   *
   * @throws EndpointSyntaxException naming the offending part if the string is not valid
   */
  public static StreamClientEndpoint client(Reactor reactor, String description) {
    return client(reactor, EndpointDescription.parse(description));
  }

  /**
   * Returns the client endpoint an already split description describes, on {@code reactor}.
   *
   * @throws EndpointSyntaxException naming the offending part if it is not valid
   */
  public static StreamClientEndpoint client(Reactor reactor, EndpointDescription parsed) {
    Map<String, ClientEndpointParser> parsers = new LinkedHashMap<>();
    for (ClientEndpointParser parser : ServiceLoader.load(ClientEndpointParser.class)) {
      parsers.put(parser.prefix(), parser);
    }
    BuiltInParsers.CLIENTS.forEach(parser -> parsers.put(parser.prefix(), parser));
    ClientEndpointParser parser = parsers.get(parsed.prefix());
    if (parser == null) {
      throw unknown(parsed, parsers.keySet());
    }
    return parser.parse(reactor, parsed);
  }

  private static EndpointSyntaxException unknown(EndpointDescription parsed, java.util.Set<String> known) {
    return new EndpointSyntaxException(parsed.text(), "unknown endpoint type \"" + parsed.prefix()
        + "\" (known: " + String.join(", ", new TreeSet<>(known)) + ")");
  }
}

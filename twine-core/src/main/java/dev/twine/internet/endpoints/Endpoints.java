package dev.twine.internet.endpoints;

import dev.twine.internet.Reactor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Parses Twisted's endpoint strings into typed endpoints (Twisted's {@code serverFromString} and
 * {@code clientFromString}).
 *
 * <pre>{@code
 * StreamServerEndpoint server = Endpoints.server(reactor, "tcp:8080:interface=127.0.0.1");
 * StreamClientEndpoint client = Endpoints.client(reactor, "tcp:host=example.com:port=80:timeout=5");
 * DatagramServerEndpoint udp = Endpoints.datagram(reactor, "udp:9999:interface=127.0.0.1");
 * }</pre>
 *
 * <p>Built in: servers {@code tcp:PORT[:interface=A][:backlog=N]}, {@code tcp6:...} (interface
 * {@code ::} by default), {@code unix:PATH[:mode=OCTAL][:lockfile=0][:backlog=N]} (with a lock
 * file unless {@code lockfile=0}, as in Twisted); clients
 * {@code tcp:host=H:port=N[:timeout=S][:bindAddress=A]} (or {@code tcp:H:N}, connecting with
 * Happy Eyeballs) and {@code unix:path=P[:timeout=S]} (or {@code unix:P}); datagram ports
 * {@code udp:PORT[:interface=A][:maxPacketSize=N]} and {@code udp6:...} (interface {@code ::} by
 * default). Other prefixes come from {@link ServerEndpointParser}, {@link ClientEndpointParser}
 * and {@link DatagramEndpointParser} services, such as TLS's {@code ssl:} and {@code tls:} (see
 * {@code dev.twine.internet.tls.SslServerParser} and its siblings).
 *
 * <p>Stream and datagram types do not mix: {@code server} given a {@code udp:} string fails saying
 * that UDP is a datagram endpoint, and {@code datagram} given a {@code tcp:} string says it is a
 * stream one.
 */
public final class Endpoints {
  private Endpoints() {}

  /**
   * Returns the server endpoint {@code description} describes, on {@code reactor}.
   *
   * @throws EndpointSyntaxException naming the offending part if the string is not valid, or is a
   *     datagram endpoint
   */
  public static StreamServerEndpoint server(Reactor reactor, String description) {
    return server(reactor, EndpointDescription.parse(description));
  }

  /**
   * Returns the server endpoint an already split description describes, on {@code reactor}: how a
   * parser for one prefix builds on another's, as {@code ssl:} does on {@code tcp:}.
   *
   * @throws EndpointSyntaxException naming the offending part if it is not valid, or is a datagram
   *     endpoint
   */
  public static StreamServerEndpoint server(Reactor reactor, EndpointDescription parsed) {
    Map<String, ServerEndpointParser> parsers = servers();
    ServerEndpointParser parser = parsers.get(parsed.prefix());
    if (parser == null) {
      throw unknown(parsed, "stream server", parsers.keySet());
    }
    return checked(parsed, () -> parser.parse(reactor, parsed));
  }

  /**
   * Returns the client endpoint {@code description} describes, on {@code reactor}.
   *
   * @throws EndpointSyntaxException naming the offending part if the string is not valid, or is a
   *     datagram endpoint
   */
  public static StreamClientEndpoint client(Reactor reactor, String description) {
    return client(reactor, EndpointDescription.parse(description));
  }

  /**
   * Returns the client endpoint an already split description describes, on {@code reactor}.
   *
   * @throws EndpointSyntaxException naming the offending part if it is not valid, or is a datagram
   *     endpoint
   */
  public static StreamClientEndpoint client(Reactor reactor, EndpointDescription parsed) {
    Map<String, ClientEndpointParser> parsers = clients();
    ClientEndpointParser parser = parsers.get(parsed.prefix());
    if (parser == null) {
      throw unknown(parsed, "stream client", parsers.keySet());
    }
    return checked(parsed, () -> parser.parse(reactor, parsed));
  }

  /**
   * Returns the datagram endpoint {@code description} describes, on {@code reactor}.
   *
   * @throws EndpointSyntaxException naming the offending part if the string is not valid, or is a
   *     stream endpoint
   */
  public static DatagramServerEndpoint datagram(Reactor reactor, String description) {
    EndpointDescription parsed = EndpointDescription.parse(description);
    Map<String, DatagramEndpointParser> parsers = datagrams();
    DatagramEndpointParser parser = parsers.get(parsed.prefix());
    if (parser == null) {
      throw unknown(parsed, "datagram", parsers.keySet());
    }
    return checked(parsed, () -> parser.parse(reactor, parsed));
  }

  /**
   * Returns whether {@code prefix} (such as {@code udp}) names a datagram endpoint type, one that
   * {@link #datagram} accepts, as opposed to a stream type or an unknown one.
   */
  public static boolean isDatagramType(String prefix) {
    return datagrams().containsKey(prefix);
  }

  private static Map<String, ServerEndpointParser> servers() {
    return parsers(ServerEndpointParser.class, BuiltInParsers.SERVERS, ServerEndpointParser::prefix);
  }

  private static Map<String, ClientEndpointParser> clients() {
    return parsers(ClientEndpointParser.class, BuiltInParsers.CLIENTS, ClientEndpointParser::prefix);
  }

  private static Map<String, DatagramEndpointParser> datagrams() {
    return parsers(DatagramEndpointParser.class, BuiltInParsers.DATAGRAMS, DatagramEndpointParser::prefix);
  }

  /** Returns the parsers of one kind by prefix: services first, then the built-in ones, which win. */
  private static <P> Map<String, P> parsers(Class<P> type, List<P> builtIn, Function<P, String> prefix) {
    Map<String, P> parsers = new LinkedHashMap<>();
    for (P parser : ServiceLoader.load(type)) {
      parsers.put(prefix.apply(parser), parser);
    }
    builtIn.forEach(parser -> parsers.put(prefix.apply(parser), parser));
    return parsers;
  }

  private static EndpointSyntaxException unknown(EndpointDescription parsed, String kind, Set<String> known) {
    String prefix = parsed.prefix();
    String problem;
    if (!kind.equals("datagram") && datagrams().containsKey(prefix)) {
      problem = prefix + " is a datagram endpoint type (UDP has no connections), not a " + kind
          + " one: listen on it with Endpoints.datagram";
    } else if (kind.equals("datagram") && (servers().containsKey(prefix) || clients().containsKey(prefix))) {
      problem = prefix + " is a stream endpoint type, not a datagram one: use Endpoints.server or Endpoints.client";
    } else {
      problem = "unknown endpoint type \"" + prefix + "\"";
    }
    return new EndpointSyntaxException(parsed.text(),
        problem + " (" + kind + " types: " + String.join(", ", new TreeSet<>(known)) + ")");
  }

  /**
   * Runs a parser: a value it rejects through a typed constructor's
   * {@link IllegalArgumentException} makes the string invalid, so it is reported as such, with
   * the string quoted.
   */
  private static <E> E checked(EndpointDescription parsed, java.util.function.Supplier<E> parse) {
    try {
      return parse.get();
    } catch (EndpointSyntaxException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new EndpointSyntaxException(parsed.text(), e.getMessage());
    }
  }
}

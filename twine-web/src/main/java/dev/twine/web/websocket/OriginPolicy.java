package dev.twine.web.websocket;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may open a WebSocket to a server, judged by the {@code Origin} that browsers
 * send (RFC 6455 section 10.2). Browsers let any page connect to any WebSocket server, with the
 * user's cookies; a server that trusts cookies must refuse pages of other sites, or any site can
 * act as the user (cross-site WebSocket hijacking).
 *
 * <pre>{@code
 * new WebSocketResource(reactor, options, Chat::new)
 *     .withOriginPolicy(OriginPolicy.sameOriginOr("https://app.example.com"));
 * }</pre>
 *
 * <p>A request without {@code Origin} comes from a program, not a browser page, and is always
 * allowed. Origins compare as scheme, host and port, without regard to case.
 *
 * @param anyOrigin whether every origin is allowed
 * @param origins the origins allowed besides the server's own, normalized to lower case
 */
public record OriginPolicy(boolean anyOrigin, Set<String> origins) {
  /** Pages of the server's own origin only: the {@code Origin} names the {@code Host} asked for. */
  public static final OriginPolicy SAME_ORIGIN = new OriginPolicy(false, Set.of());

  /** Pages of any site; for servers that authenticate by other means than cookies. */
  public static final OriginPolicy ANY_ORIGIN = new OriginPolicy(true, Set.of());

  /** Creates a policy; the origins are folded to lower case. */
  public OriginPolicy {
    origins = origins.stream().map(o -> o.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  /** Returns the policy that allows the server's own origin and {@code origins}, such as {@code https://a.example}. */
  public static OriginPolicy sameOriginOr(String... origins) {
    return new OriginPolicy(false, Set.copyOf(List.of(origins)));
  }

  /** Returns whether the handshake {@code request} may go on, judged by its {@code Origin}. */
  public boolean allows(ConnectionRequest request) {
    Optional<String> origin = request.handshake().origin();
    if (origin.isEmpty() || anyOrigin) {
      return true;
    }
    String asked = origin.get().toLowerCase(Locale.ROOT);
    return origins.contains(asked)
        || request.request().header("Host").map(host -> sameOrigin(asked, host)).orElse(false);
  }

  /** Returns whether {@code origin} names the scheme, host and port that {@code host} does. */
  private static boolean sameOrigin(String origin, String host) {
    try {
      URI uri = new URI(origin);
      String scheme = uri.getScheme();
      if (uri.getHost() == null || scheme == null) {
        return false;
      }
      int defaultPort = scheme.equals("https") || scheme.equals("wss") ? 443 : 80;
      int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
      String expected = port == defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
      String asked = host.toLowerCase(Locale.ROOT);
      return asked.equals(expected) || asked.equals(uri.getHost() + ":" + port);
    } catch (URISyntaxException notAnOrigin) {
      return false;
    }
  }
}

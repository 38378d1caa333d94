package dev.twine.web;

import dev.twine.defer.Deferred;
import dev.twine.web.client.Agent;
import dev.twine.web.client.AgentOptions;
import dev.twine.web.client.BodyProducer;
import dev.twine.web.client.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A leaf resource that forwards every request below it to an upstream server and answers with
 * what the upstream answers (Twisted's {@code ReverseProxyResource}), through an {@link Agent}.
 *
 * <pre>{@code
 * Agent agent = Agent.create(reactor, new ConnectionPool(reactor),
 *     AgentOptions.DEFAULT.withResponseTimeout(Duration.ofSeconds(60)));
 * root.putChild("api", new ReverseProxyResource(agent, "http://127.0.0.1:9000"));
 * // GET /api/users?id=7  is forwarded as  GET http://127.0.0.1:9000/users?id=7
 * }</pre>
 *
 * <p>What goes to the upstream: the method; the path of the upstream URI followed by what is
 * left of the request's path below this resource ({@link Request#postpath()}, each segment
 * percent-encoded again) and the query as the client sent it; the client's header fields as
 * {@link ProxyHeaders} passes them on (hop-by-hop fields removed; {@code X-Forwarded-For}, {@code
 * X-Forwarded-Proto}, {@code X-Forwarded-Host}, {@code Forwarded} and {@code Via} appended), with
 * {@code Host} naming the upstream unless {@link HostHeader#CLIENT} keeps the client's; and the
 * body, streamed as it arrives. What comes back: the status, the header fields (hop-by-hop ones
 * removed) and the body, streamed as the client reads it. Both bodies pass through with
 * backpressure, so either may be of any size.
 *
 * <p>When the upstream cannot be reached, closes the connection, or sends an invalid response,
 * the client gets {@code 502 Bad Gateway}; when a timeout of the agent runs out ({@link
 * AgentOptions#connectTimeout()}, {@link AgentOptions#responseTimeout()}), {@code 504 Gateway
 * Timeout}; the reason goes to the log. If the response had started, the client's connection is
 * aborted instead. A client that goes away cancels the upstream request or stops its body.
 * Tunnels are not forwarded: {@code CONNECT} never reaches a resource (the server answers {@code
 * 501}), and {@code Upgrade}, as a hop-by-hop field, stays behind, so WebSocket does not pass.
 *
 * <p>Threading: the agent must belong to the reactor of the site's connections; with several
 * reactors, give each site a tree with a proxy resource and an agent of its own.
 */
public final class ReverseProxyResource extends Resource {
  /** Which {@code Host} the upstream is sent. */
  public enum HostHeader {
    /** The upstream's own authority, from its URI: what a server behind a proxy usually expects. */
    UPSTREAM,
    /** The {@code Host} the client sent, for upstreams that serve several names. */
    CLIENT
  }

  private final Agent agent;
  private final String origin;
  private final String basePath;
  private final HostHeader host;

  /** Creates a proxy to {@code upstream} that sends it its own {@code Host}. */
  public ReverseProxyResource(Agent agent, String upstream) {
    this(agent, upstream, HostHeader.UPSTREAM);
  }

  /**
   * Creates a proxy that forwards requests with {@code agent} to {@code upstream}, an {@code
   * http} or {@code https} URI whose path, if any, comes before the path of each request, and
   * sends the upstream the {@code Host} that {@code host} says.
   *
   * @throws IllegalArgumentException if {@code upstream} is not an absolute {@code http} or {@code
   *     https} URI with a host, or has a query, a fragment or user information
   */
  public ReverseProxyResource(Agent agent, String upstream, HostHeader host) {
    this.agent = Objects.requireNonNull(agent, "agent");
    this.host = Objects.requireNonNull(host, "host");
    URI uri = parse(Objects.requireNonNull(upstream, "upstream"));
    this.origin = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static URI parse(String upstream) {
    URI uri;
    try {
      uri = new URI(upstream);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid upstream URI \"" + upstream + "\": "
          + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "the upstream must be an absolute http or https URI with a host: \"" + upstream + "\"");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("the upstream URI must have no query, fragment or user"
          + " information: \"" + upstream + "\"");
    }
    return uri;
  }

  /** Returns true: every path below this resource is forwarded. */
  @Override
  public boolean isLeaf() {
    return true;
  }

  /**
   * Forwards {@code request} and returns {@link Rendered#streaming()}: the response follows as
   * the class description says.
   */
  @Override
  public Rendered render(Request request) {
    String target = upstreamUri(request);
    OptionalLong length = request.contentLength();
    BodyProducer body = length.isPresent() && length.getAsLong() == 0
        ? null : new UploadProducer(request);
    Deferred<Response> response = agent.request(request.method(), target,
        ProxyHeaders.upstream(request, host == HostHeader.CLIENT), body);
    new ProxiedExchange(request, target, response).start();
    return Rendered.streaming();
  }

  /** Returns the URI the upstream is asked for {@code request}. */
  private String upstreamUri(Request request) {
    StringBuilder uri = new StringBuilder(origin).append(basePath);
    for (String segment : request.postpath()) {
      uri.append('/');
      encodeSegment(segment, uri);
    }
    if (uri.length() == origin.length()) {
      uri.append('/');
    }
    request.query().ifPresent(query -> uri.append('?').append(query));
    return uri.toString();
  }

  /** Appends {@code segment} percent-encoded as a path segment (RFC 3986 pchar). */
  private static void encodeSegment(String segment, StringBuilder out) {
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 128 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@".indexOf(c) >= 0)) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
  }

  @Override
  public String toString() {
    return "ReverseProxyResource[" + origin + basePath + ", Host " + host + "]";
  }
}

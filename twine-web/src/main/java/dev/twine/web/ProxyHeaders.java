package dev.twine.web;

import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.UnixAddress;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The header fields a {@link ReverseProxyResource} passes on, each way. Hop-by-hop fields stay
 * behind (RFC 9110 section 7.6.1): {@code Connection} and every field it names, {@code
 * Keep-Alive}, {@code Proxy-Connection}, {@code TE}, {@code Transfer-Encoding}, {@code Upgrade},
 * and {@code Trailer}, since trailers are not relayed. The framing is the next hop's to set.
 * Going to the upstream, the proxy also drops {@code Content-Length} (the agent frames the body
 * it relays) and {@code Expect} (the proxy answers {@code 100-continue} itself), and says who
 * asked: {@code X-Forwarded-For}, {@code X-Forwarded-Proto}, {@code X-Forwarded-Host}, {@code
 * Forwarded} (RFC 7239) and {@code Via} each get this hop appended to what the client sent.
 */
final class ProxyHeaders {
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive",
      "proxy-connection", "te", "transfer-encoding", "upgrade", "trailer");
  private static final Set<String> APPENDED = Set.of("x-forwarded-for", "x-forwarded-proto",
      "x-forwarded-host", "forwarded", "via");

  private ProxyHeaders() {}

  /**
   * Returns the fields to send the upstream for {@code request}: its own, without the hop-by-hop
   * ones, without {@code Host} unless {@code keepHost}, and with this hop appended.
   */
  static Headers upstream(Request request, boolean keepHost) {
    Headers sent = request.requestHeaders();
    Set<String> dropped = hopByHop(sent);
    dropped.add("content-length");
    dropped.add("expect");
    dropped.addAll(APPENDED);
    if (!keepHost) {
      dropped.add("host");
    }
    Headers out = new Headers();
    copy(sent, dropped, out);
    String client = client(request);
    String proto = request.isSecure() ? "https" : "http";
    Optional<String> host = sent.first("Host");
    append(out, sent, "X-Forwarded-For", client);
    append(out, sent, "X-Forwarded-Proto", proto);
    append(out, sent, "X-Forwarded-Host", host.orElse(null));
    append(out, sent, "Forwarded", "for=" + node(request, client) + ";proto=" + proto
        + host.map(name -> ";host=" + quoted(name)).orElse(""));
    append(out, sent, "Via",
        (request.version() == HttpVersion.HTTP_1_0 ? "1.0" : "1.1") + " twine");
    return out;
  }

  /** Adds to the response of {@code request} the fields of the upstream's {@code response}. */
  static void downstream(Headers response, Request request) {
    Set<String> dropped = hopByHop(response);
    for (int i = 0; i < response.size(); i++) {
      if (!dropped.contains(response.name(i).toLowerCase(Locale.ROOT))) {
        request.addHeader(response.name(i), response.value(i));
      }
    }
  }

  /** Returns the names, in lower case, of the hop-by-hop fields of {@code headers}. */
  private static Set<String> hopByHop(Headers headers) {
    Set<String> names = new HashSet<>(HOP_BY_HOP);
    for (String value : headers.all("Connection")) {
      for (String token : value.split(",")) {
        String name = token.strip();
        if (!name.isEmpty()) {
          names.add(name.toLowerCase(Locale.ROOT));
        }
      }
    }
    return names;
  }

  private static void copy(Headers from, Set<String> dropped, Headers to) {
    for (int i = 0; i < from.size(); i++) {
      if (!dropped.contains(from.name(i).toLowerCase(Locale.ROOT))) {
        to.add(from.name(i), from.value(i));
      }
    }
  }

  /**
   * Adds {@code name} as one field: the client's values of it, then {@code value} unless it is
   * null; nothing if both are missing.
   */
  private static void append(Headers out, Headers sent, String name, @Nullable String value) {
    List<String> values = new ArrayList<>(sent.all(name));
    if (value != null) {
      values.add(value);
    }
    if (!values.isEmpty()) {
      out.add(name, String.join(", ", values));
    }
  }

  /** Returns the client's address as {@code X-Forwarded-For} gives it. */
  private static String client(Request request) {
    return switch (request.clientAddress()) {
      case IPv4Address ip -> ip.host();
      case IPv6Address ip -> ip.host();
      case UnixAddress unix -> "unknown";
    };
  }

  /** Returns the client as a {@code Forwarded} node: IPv6 in brackets and quoted (RFC 7239). */
  private static String node(Request request, String client) {
    return request.clientAddress() instanceof IPv6Address ? "\"[" + client + "]\"" : client;
  }

  /** Returns {@code value} as a token if it is one, else as a quoted string. */
  private static String quoted(String value) {
    boolean token = !value.isEmpty();
    for (int i = 0; i < value.length() && token; i++) {
      char c = value.charAt(i);
      token = Character.isLetterOrDigit(c) && c < 128 || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
    return token ? value : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}

package dev.twine.cli.commands;

import dev.twine.web.Resource;
import dev.twine.web.ReverseProxyResource;
import dev.twine.web.VirtualHosts;
import dev.twine.web.client.Agent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The {@code --proxy /PREFIX=URL} options of {@code twine web}: each forwards the requests for
 * {@code /PREFIX} and every path below it to the {@code http} or {@code https} URL with a {@link
 * ReverseProxyResource}, so {@code /api=http://127.0.0.1:9000/v1} sends {@code GET
 * /api/users?id=7} on as {@code GET /v1/users?id=7}. A prefix is one path segment.
 */
final class ProxyRoutes {
  private final Map<String, String> upstreams;

  private ProxyRoutes(Map<String, String> upstreams) {
    this.upstreams = upstreams;
  }

  /**
   * Returns the routes {@code options} spell, each {@code /PREFIX=URL}, in order.
   *
   * @throws IllegalArgumentException if one is not {@code /PREFIX=URL}, its prefix is not one
   *     path segment or is given twice, with a message fit for a usage error
   */
  static ProxyRoutes parse(List<String> options) {
    Map<String, String> upstreams = new LinkedHashMap<>();
    for (String option : options) {
      int equals = option.indexOf('=');
      if (!option.startsWith("/") || equals < 0) {
        throw new IllegalArgumentException("--proxy must be /PREFIX=URL, such as"
            + " /api=http://127.0.0.1:9000: \"" + option + "\"");
      }
      String prefix = option.substring(0, equals);
      String segment = prefix.substring(1);
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
          || segment.chars().anyMatch(c -> c == '/' || c == '?' || c == '#' || c == '%' || c < 0x21)) {
        throw new IllegalArgumentException("--proxy: the prefix must be one path segment such as"
            + " /api, without /, ?, #, % or spaces: \"" + prefix + "\"");
      }
      if (upstreams.putIfAbsent(segment, option.substring(equals + 1)) != null) {
        throw new IllegalArgumentException("--proxy: the prefix " + prefix + " is given twice");
      }
    }
    return new ProxyRoutes(upstreams);
  }

  /** Returns whether no route was given. */
  boolean isEmpty() {
    return upstreams.isEmpty();
  }

  /**
   * Returns the root of a site that forwards the routes' prefixes with {@code agent}, each proxy
   * wrapped by {@code wrap}, and serves every other path with {@code files}, a leaf.
   *
   * @throws IllegalArgumentException if a URL is not an absolute {@code http} or {@code https} URL
   *     with a host and without query, fragment or user information, prefixed with {@code
   *     --proxy} and the option's prefix
   */
  Resource mount(Resource files, Agent agent, UnaryOperator<Resource> wrap) {
    // Virtual hosts without hosts: their own children win, every other path goes to the
    // fallback, a leaf, with its first segment given back.
    VirtualHosts root = new VirtualHosts(files);
    upstreams.forEach((segment, upstream) -> {
      try {
        root.putChild(segment, wrap.apply(new ReverseProxyResource(agent, upstream)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--proxy /" + segment + ": " + e.getMessage(), e);
      }
    });
    return root;
  }
}

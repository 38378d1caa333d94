package dev.twine.web;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A resource that serves a different tree for each host name the client asks for (Twisted's
 * {@code vhost.NameVirtualHost}): put it at the root of a {@link Site}.
 *
 * <pre>{@code
 * VirtualHosts hosts = new VirtualHosts(new ErrorPage(421, "Unknown host."))
 *     .addHost("example.com", mainSite)
 *     .addHost("www.example.com", mainSite)
 *     .addHost("*.users.example.com", userPages);
 * reactor.listenTcp(80, new Site(hosts, reactor));
 * }</pre>
 *
 * <p>The host is {@link Request#hostname()}: from the {@code Host} header or an absolute-form
 * target, without its port. Names compare without regard to ASCII case and a trailing dot. A
 * name that starts with {@code *.} matches every name that ends with the rest after a dot, at
 * any depth ({@code *.example.com} matches {@code a.example.com} and {@code a.b.example.com},
 * not {@code example.com}); an exact name wins over a wildcard, and a longer wildcard over a
 * shorter one. A host that matches nothing gets the default resource.
 *
 * <p>The host's resource takes over the walk from the root, as if it were the root itself. A
 * child put on the virtual hosts themselves with {@link #putChild} is shared by every host, and
 * wins over the host's own child of that name, as in Twisted.
 *
 * <p>Threading: add hosts before the site serves them.
 */
public final class VirtualHosts extends Resource {
  private final Map<String, Resource> exact = new HashMap<>();
  /** The wildcard resources by the suffix they match, such as {@code .example.com}. */
  private final Map<String, Resource> wildcards = new HashMap<>();
  private final Resource fallback;

  /** Creates virtual hosts whose default answers {@code 404 Not Found}. */
  public VirtualHosts() {
    this(new ErrorPage(404, "No site is served for this host name."));
  }

  /** Creates virtual hosts that serve {@code fallback} to hosts that match no name. */
  public VirtualHosts(Resource fallback) {
    this.fallback = Objects.requireNonNull(fallback, "fallback");
  }

  /**
   * Serves {@code resource} to requests for {@code name}, a host name or a wildcard such as
   * {@code *.example.com}, in place of any resource it had; returns these virtual hosts.
   *
   * @throws IllegalArgumentException if the name is empty, has a port, or has a {@code *} other
   *     than a leading {@code *.} followed by a name
   */
  public VirtualHosts addHost(String name, Resource resource) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(resource, "resource");
    String host = normalize(name);
    boolean wildcard = host.startsWith("*.");
    String rest = wildcard ? host.substring(2) : host;
    if (rest.isEmpty() || rest.indexOf('*') >= 0 || rest.startsWith(".")
        || (rest.indexOf(':') >= 0 && !rest.startsWith("["))) {
      throw new IllegalArgumentException("not a host name or a *.name wildcard: \"" + name + "\"");
    }
    if (wildcard) {
      wildcards.put("." + rest, resource);
    } else {
      exact.put(rest, resource);
    }
    return this;
  }

  /** Returns the resource that serves the host {@code request} asks for. */
  public Resource resourceFor(Request request) {
    String host = normalize(request.hostname());
    Resource found = exact.get(host);
    if (found != null) {
      return found;
    }
    for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
      found = wildcards.get(host.substring(dot));
      if (found != null && dot > 0) {
        return found;
      }
    }
    return fallback;
  }

  /**
   * Returns the child of the host's resource named {@code name}; if that resource is a leaf, it
   * is returned itself, with {@code name} put back in front of the postpath for it to read.
   */
  @Override
  public Resource getChild(String name, Request request) {
    Resource host = resourceFor(request);
    if (host.isLeaf()) {
      request.retreat();
      return host;
    }
    return host.getChildWithDefault(name, request);
  }

  /** Lets the host's resource render: the walk ended here, on the root. */
  @Override
  public Rendered render(Request request) throws Exception {
    return resourceFor(request).render(request);
  }

  private static String normalize(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}

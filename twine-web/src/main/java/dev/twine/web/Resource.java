package dev.twine.web;

import dev.twine.bytes.Bytes;
import dev.twine.web.http.HttpMethod;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A node of a web site's tree: it has named children and renders the requests that stop at it
 * (Twisted's {@code resource.Resource}).
 *
 * <pre>{@code
 * Resource root = new Resource();
 * root.putChild("", new Resource()
 *     .on(HttpMethod.GET, request -> Rendered.body("the home page")));
 * root.putChild("items", new Resource()
 *     .on(HttpMethod.GET, request -> Rendered.body(items.list()))
 *     .on(HttpMethod.POST, request -> Rendered.later(request.content().map(items::add))));
 * }</pre>
 *
 * <h2>Finding the resource of a request</h2>
 *
 * <p>{@link Site} walks the decoded segments of the request path from the root, as Twisted does:
 * while the current resource is not a {@linkplain #isLeaf() leaf} and segments remain, the next
 * segment moves from {@link Request#postpath()} to {@link Request#prepath()} and the walk goes to
 * {@link #getChildWithDefault}: the child put under that name, else {@link #getChild}, which
 * subclasses override for children made on the fly and which by default answers 404. A path
 * ending in {@code /} ends with an empty segment, so {@code /} itself is the child {@code ""} of
 * the root, and {@code /docs/} the child {@code ""} of {@code docs}. A leaf renders every path
 * below it and finds the rest in {@link Request#postpath()}.
 *
 * <h2>Rendering</h2>
 *
 * <p>{@link #render} dispatches on the method to the {@link Renderer} registered with {@link #on}
 * (Twisted's {@code render_GET} and friends, as values instead of method names):
 *
 * <ul>
 *   <li>{@code HEAD} goes to the {@code HEAD} renderer, else to the {@code GET} one; the server
 *       sends the headers of the response and drops its body.
 *   <li>{@code OPTIONS} without a renderer of its own gets {@code 200} with an {@code Allow}
 *       header listing {@link #allowedMethods()}.
 *   <li>Any other method without a renderer gets {@code 405 Method Not Allowed} with that {@code
 *       Allow} header.
 *   <li>A resource with no renderer at all is only a branch of the tree: every request that stops
 *       at it gets {@code 404 Not Found}.
 * </ul>
 *
 * <p>Subclasses may override {@link #render} to dispatch otherwise.
 *
 * <p>Threading: build the tree before the site serves it. Rendering happens on the reactor
 * thread of each connection; a tree served by sites of several reactors must be left unchanged
 * while they serve, or its resources must be thread-safe.
 */
public class Resource {
  private final Map<String, Resource> children = new LinkedHashMap<>();
  private final Map<HttpMethod, Renderer> renderers = new LinkedHashMap<>();

  /** Creates a resource with no children and no renderers. */
  public Resource() {}

  /**
   * Puts {@code child} under {@code name}, replacing any child of that name, and returns this
   * resource. The name is a decoded path segment: {@code "a b"} answers {@code /a%20b}; the empty
   * name answers a path that ends in {@code /} here.
   */
  public Resource putChild(String name, Resource child) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(child, "child");
    if (child == this) {
      throw new IllegalArgumentException("a resource cannot be its own child: \"" + name + "\"");
    }
    children.put(name, child);
    return this;
  }

  /** Returns the children put with {@link #putChild}, by name, in the order they were put. */
  public Map<String, Resource> children() {
    return Collections.unmodifiableMap(children);
  }

  /**
   * Returns the child named {@code name} for {@code request}: the one put with {@link #putChild},
   * else whatever {@link #getChild} returns.
   */
  public Resource getChildWithDefault(String name, Request request) {
    Resource child = children.get(name);
    return child != null ? child : getChild(name, request);
  }

  /**
   * Returns the child named {@code name} when none was put under that name: override it for
   * children made on the fly, such as one per database row. By default it returns a {@code 404
   * Not Found} {@link ErrorPage}.
   */
  public Resource getChild(String name, Request request) {
    return ErrorPage.notFound();
  }

  /**
   * Returns whether the walk stops here whatever path segments remain (Twisted's {@code
   * isLeaf}); false by default.
   */
  public boolean isLeaf() {
    return false;
  }

  /**
   * Registers {@code renderer} for requests with {@code method} and returns this resource,
   * replacing any renderer registered for that method before.
   */
  public final Resource on(HttpMethod method, Renderer renderer) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(renderer, "renderer");
    renderers.put(method, renderer);
    return this;
  }

  /**
   * Returns the methods this resource answers: those registered with {@link #on}, in that order,
   * then {@code HEAD} if {@code GET} is and {@code HEAD} is not, then {@code OPTIONS}. Empty if
   * nothing is registered.
   */
  public Set<HttpMethod> allowedMethods() {
    Set<HttpMethod> allowed = new LinkedHashSet<>(renderers.keySet());
    if (allowed.isEmpty()) {
      return Set.of();
    }
    if (allowed.contains(HttpMethod.GET)) {
      allowed.add(HttpMethod.HEAD);
    }
    allowed.add(HttpMethod.OPTIONS);
    return Collections.unmodifiableSet(allowed);
  }

  /**
   * Renders {@code request}, which stopped at this resource, by dispatching on its method as the
   * class description says. Exceptions thrown here become {@code 500 Internal Server Error}.
   */
  public Rendered render(Request request) throws Exception {
    HttpMethod method = request.method();
    Renderer renderer = renderers.get(method);
    if (renderer == null && method.equals(HttpMethod.HEAD)) {
      renderer = renderers.get(HttpMethod.GET);
    }
    if (renderer != null) {
      return renderer.render(request);
    }
    if (renderers.isEmpty()) {
      return ErrorPage.respond(request, 404, "No such resource.");
    }
    request.setHeader("Allow", allowHeader());
    if (method.equals(HttpMethod.OPTIONS)) {
      return Rendered.body(Bytes.EMPTY);
    }
    return ErrorPage.respond(request, 405,
        "This resource does not allow the method " + method + ".");
  }

  private String allowHeader() {
    StringJoiner allow = new StringJoiner(", ");
    for (HttpMethod method : allowedMethods()) {
      allow.add(method.name());
    }
    return allow.toString();
  }
}

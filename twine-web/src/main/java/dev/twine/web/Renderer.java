package dev.twine.web;

/**
 * Renders the requests of one method that reach a {@link Resource}: what {@link
 * Resource#on(dev.twine.web.http.HttpMethod, Renderer)} registers, as Twisted's {@code
 * render_GET}, {@code render_POST} and so on.
 *
 * <pre>{@code
 * Renderer hello = request -> {
 *   request.setHeader("Content-Type", "text/plain; charset=utf-8");
 *   return Rendered.body("Hello, " + request.arg("name").orElse("world") + "!");
 * };
 * }</pre>
 *
 * <p>Threading: called on the reactor thread of the request's connection; it must not block.
 */
@FunctionalInterface
public interface Renderer {

  /**
   * Renders {@code request}: sets its status and headers and returns its body, a Deferred of it,
   * or {@link Rendered#streaming()}. An exception thrown here becomes a {@code 500 Internal Server
   * Error} page, and is logged.
   */
  Rendered render(Request request) throws Exception;
}

/**
 * Twine's HTTP server, in the model of Twisted's {@code twisted.web}: a {@link
 * dev.twine.web.Site} serves a tree of {@link dev.twine.web.Resource}s, each of which renders the
 * {@link dev.twine.web.Request}s that reach it.
 *
 * <pre>{@code
 * Resource root = new Resource();
 * root.putChild("hello", new Resource()
 *     .on(HttpMethod.GET, request -> Rendered.body("Hello, world!")));
 * reactor.listenTcp(8080, new Site(root, reactor));
 * }</pre>
 *
 * <p>The server speaks HTTP/1.0 and HTTP/1.1 through the strict codec of {@code
 * dev.twine.web.http}: persistent connections, pipelining with responses in request order,
 * chunked bodies both ways, {@code Expect: 100-continue}, {@code HEAD} and {@code OPTIONS},
 * timeouts against slow clients, and the limits of {@link dev.twine.web.SiteOptions}. Input that
 * breaks HTTP gets its status code, a short HTML page and {@code Connection: close}.
 *
 * <p>Threading: a site and its connections belong to the reactor whose time they were given;
 * resources render on that reactor's thread, and everything a resource does with its request
 * happens there too.
 */
@NullMarked
package dev.twine.web;

import org.jspecify.annotations.NullMarked;

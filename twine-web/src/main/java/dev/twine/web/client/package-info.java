/**
 * Twine's HTTP/1.1 client (Twisted's {@code twisted.web.client}): {@link
 * dev.twine.web.client.Agent} sends requests over persistent connections kept by a {@link
 * dev.twine.web.client.ConnectionPool}, with TLS for {@code https} (host names verified by
 * default), and answers with a {@link dev.twine.web.client.Response} whose body is read whole or
 * streamed with backpressure; wrappers follow redirects ({@link
 * dev.twine.web.client.RedirectAgent}), decode compressed bodies ({@link
 * dev.twine.web.client.ContentDecoderAgent}), keep cookies ({@link
 * dev.twine.web.client.CookieAgent}) and go through HTTP proxies, with {@code CONNECT} tunnels
 * for {@code https} ({@link dev.twine.web.client.ProxyAgent}); {@link dev.twine.web.client.Treq}
 * is the short way for everyday requests and JSON.
 *
 * <pre>{@code
 * Agent agent = Agent.create(reactor);
 * agent.request(HttpMethod.GET, "http://example.com/")
 *     .flatMap(response -> response.readBody(1 << 20))
 *     .map(Bytes::utf8);
 * }</pre>
 *
 * <p>Threading: everything here belongs to the thread of the reactor it was made with, as the
 * connections do.
 */
@NullMarked
package dev.twine.web.client;

import org.jspecify.annotations.NullMarked;

/**
 * Endpoints: where to listen and where to connect, as typed values or as Twisted's endpoint
 * strings ({@code tcp:8080:interface=127.0.0.1}, {@code unix:/run/app.sock},
 * {@code tcp:host=example.com:port=80}, and for datagrams {@code udp:9999}).
 * {@link dev.twine.internet.endpoints.Endpoints} parses the strings; more prefixes plug in through
 * {@link java.util.ServiceLoader} with {@link dev.twine.internet.endpoints.ServerEndpointParser},
 * {@link dev.twine.internet.endpoints.ClientEndpointParser} and
 * {@link dev.twine.internet.endpoints.DatagramEndpointParser}.
 */
@NullMarked
package dev.twine.internet.endpoints;

import org.jspecify.annotations.NullMarked;

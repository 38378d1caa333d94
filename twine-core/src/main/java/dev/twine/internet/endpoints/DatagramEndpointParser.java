package dev.twine.internet.endpoints;

import dev.twine.internet.Reactor;

/**
 * Turns endpoint strings of one prefix into datagram endpoints; found with
 * {@link java.util.ServiceLoader} like {@link ServerEndpointParser}. The built-in {@code udp} and
 * {@code udp6} cannot be replaced.
 */
public interface DatagramEndpointParser {

  /** Returns the prefix this parser handles, such as {@code udp}. */
  String prefix();

  /**
   * Returns the endpoint {@code description} describes.
   *
   * @throws EndpointSyntaxException naming the offending part if it is not valid
   */
  DatagramServerEndpoint parse(Reactor reactor, EndpointDescription description);
}

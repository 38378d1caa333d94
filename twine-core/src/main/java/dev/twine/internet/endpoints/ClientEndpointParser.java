package dev.twine.internet.endpoints;

import dev.twine.internet.Reactor;

/**
 * Turns endpoint strings of one prefix into client endpoints; found with
 * {@link java.util.ServiceLoader} like {@link ServerEndpointParser}.
 */
public interface ClientEndpointParser {

  /** Returns the prefix this parser handles, such as {@code tcp}. */
  String prefix();

  /**
   * Returns the endpoint {@code description} describes.
   *
   * @throws EndpointSyntaxException naming the offending part if it is not valid
   */
  StreamClientEndpoint parse(Reactor reactor, EndpointDescription description);
}

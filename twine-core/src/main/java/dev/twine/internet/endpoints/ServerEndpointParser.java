package dev.twine.internet.endpoints;

import dev.twine.internet.Reactor;

/**
 * Turns endpoint strings of one prefix into server endpoints. Implementations are found with
 * {@link java.util.ServiceLoader} (declare them in {@code module-info.java} with
 * {@code provides} or in {@code META-INF/services}), which is how {@code ssl:} and other prefixes
 * plug in; the built-in {@code tcp}, {@code tcp6} and {@code unix} cannot be replaced.
 */
public interface ServerEndpointParser {

  /** Returns the prefix this parser handles, such as {@code tcp}. */
  String prefix();

  /**
   * Returns the endpoint {@code description} describes.
   *
   * @throws EndpointSyntaxException naming the offending part if it is not valid
   */
  StreamServerEndpoint parse(Reactor reactor, EndpointDescription description);
}

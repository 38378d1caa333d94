/**
 * Twine's core: {@code Deferred} results, immutable bytes, the reactor and its capabilities,
 * protocols and transports.
 */
module dev.twine.core {
  requires static transitive org.jspecify;

  exports dev.twine.application;
  exports dev.twine.bytes;
  exports dev.twine.defer;
  exports dev.twine.internet;
  exports dev.twine.internet.endpoints;
  exports dev.twine.internet.nio;
  exports dev.twine.internet.tls;
  exports dev.twine.protocols;

  uses dev.twine.internet.endpoints.ServerEndpointParser;
  uses dev.twine.internet.endpoints.ClientEndpointParser;
  uses dev.twine.internet.endpoints.DatagramEndpointParser;

  provides dev.twine.internet.endpoints.ServerEndpointParser with
      dev.twine.internet.tls.SslServerParser,
      dev.twine.internet.tls.TlsServerParser;
  provides dev.twine.internet.endpoints.ClientEndpointParser with
      dev.twine.internet.tls.TlsClientParser,
      dev.twine.internet.tls.SslClientParser;
}

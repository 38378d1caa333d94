package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.internet.Factory;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.Protocol;
import dev.twine.internet.Reactor;

/**
 * A parser for the {@code memory:} prefix, registered in this module's
 * {@code META-INF/services} as both a server and a client parser, as a plugin would be.
 */
public final class MemoryEndpointParser implements ServerEndpointParser, ClientEndpointParser {

  /** An endpoint that keeps what it was parsed from and connects nowhere. */
  record MemoryEndpoint(String name, EndpointDescription description)
      implements StreamServerEndpoint, StreamClientEndpoint {
    @Override
    public Deferred<ListeningPort> listen(Factory factory) {
      return Deferred.fail(new UnsupportedOperationException("memory endpoints are for parsing tests"));
    }

    @Override
    public Deferred<Protocol> connect(Factory factory) {
      return Deferred.fail(new UnsupportedOperationException("memory endpoints are for parsing tests"));
    }
  }

  /** Creates the parser; {@code ServiceLoader} calls this. */
  public MemoryEndpointParser() {}

  @Override
  public String prefix() {
    return "memory";
  }

  @Override
  public MemoryEndpoint parse(Reactor reactor, EndpointDescription description) {
    description.requireOnly(1, "name");
    return new MemoryEndpoint(description.required("name", 0), description);
  }
}
